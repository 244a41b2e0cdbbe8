package gazetteer

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// The whole directory is embedded, not data/*.tsv, so that the package
// builds whichever data files exist; Default reads the .tsv files in it.
//
//go:embed data
var dataFS embed.FS

// patternsFile holds templates expanded over the countries (see
// expandPatterns); every other .tsv file in data/ holds entries.
const patternsFile = "patterns.tsv"

var (
	defaultEntries = sync.OnceValues(loadDefaultEntries)
	defaultG       = sync.OnceValues(func() (*Gazetteer, error) {
		entries, err := defaultEntries()
		if err != nil {
			return nil, err
		}
		return New(entries), nil
	})
)

// Default returns the gazetteer of the embedded default data, with the
// patterns expanded. It is built on the first call and shared afterwards.
func Default() (*Gazetteer, error) {
	return defaultG()
}

// DefaultEntries returns a copy of the embedded default entries, for
// building a gazetteer that extends them: New(defaults, userEntries).
func DefaultEntries() ([]Entry, error) {
	entries, err := defaultEntries()
	if err != nil {
		return nil, err
	}
	return slices.Clone(entries), nil
}

func loadDefaultEntries() ([]Entry, error) {
	names, err := fs.Glob(dataFS, "data/*.tsv")
	if err != nil {
		return nil, err
	}
	// Each file's entries are read into a slice of their own and copied
	// once, with the expansions, into one of them all.
	var sets [][]Entry
	var patterns []pattern
	for _, name := range names {
		f, err := dataFS.Open(name)
		if err != nil {
			return nil, err
		}
		display := path.Join("gazetteer", name)
		if path.Base(name) == patternsFile {
			patterns, err = readPatterns(f, display)
		} else {
			var es []Entry
			es, err = Read(f, "tsv", display)
			sets = append(sets, es)
		}
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	entries := slices.Concat(sets...)
	expanded, err := expandPatterns(patterns, entries)
	if err != nil {
		return nil, err
	}
	entries = slices.Concat(entries, expanded)
	for i := range entries {
		entries[i].builtin = true
	}
	return entries, nil
}

// pattern is one row of patterns.tsv: an entry whose id, name, aliases,
// parent and description are templates in which {country} stands for a
// country's name or alias and {id} for its id.
type pattern struct {
	values [numColumns]string
	file   string
	line   int
}

var patternColumns = [numColumns]string{"id_template", "label", "kind", "name_template", "aliases_template", "parent", "description", "flags"}

func readPatterns(r io.Reader, file string) ([]pattern, error) {
	var patterns []pattern
	err := eachTSVRow(r, file, &patternColumns, stopAtFirst, func(v *[numColumns]string, line int) error {
		// A template without a placeholder would give every country the
		// same id or surface form.
		if v[colID] != "" && !strings.Contains(v[colID], "{id}") {
			return &ParseError{file, line, patternColumns[colID], "has no {id}"}
		}
		if !strings.Contains(v[colName], "{country}") {
			return &ParseError{file, line, patternColumns[colName], "has no {country}"}
		}
		for _, a := range strings.Split(v[colAliases], "|") {
			if a = strings.TrimSpace(a); a != "" && !strings.Contains(a, "{country}") {
				return &ParseError{file, line, patternColumns[colAliases], fmt.Sprintf("%q has no {country}", a)}
			}
		}
		patterns = append(patterns, pattern{values: *v, file: file, line: line})
		return nil
	})
	return patterns, err
}

// homeCountry is left out of pattern expansion: Indonesia's own bodies have
// names of their own (TNI, Polri, Bank Indonesia, Kemenlu RI), entered
// explicitly in organisations-id.tsv, which the templates would duplicate.
const homeCountry = "indonesia"

// expandPatterns instantiates each pattern for each entry of kind
// "country" but homeCountry: the name template over the country's name gives the name; the
// name template over the country's aliases, and the alias templates over its
// name and aliases, give the aliases ("Kemenlu {country}" over Rusia with
// aliases Russia and Federasi Rusia gives Kemenlu Rusia, Kemenlu Russia and
// Kemenlu Federasi Rusia). An entry of entries with the id of an expansion
// replaces it (organisations-world.tsv has its own kemenlu-rusia).
func expandPatterns(patterns []pattern, sets ...[]Entry) ([]Entry, error) {
	n := 0
	for _, set := range sets {
		n += len(set)
	}
	explicit := make(map[string]bool, n)
	var countries []*Entry
	for _, set := range sets {
		for i := range set {
			c := &set[i]
			explicit[c.ID] = true
			if c.Kind == "country" && c.ID != homeCountry {
				countries = append(countries, c)
			}
		}
	}
	out := make([]Entry, 0, len(patterns)*len(countries))
	for _, p := range patterns {
		var aliasTemplates []string
		for _, t := range strings.Split(p.values[colAliases], "|") {
			if t = strings.TrimSpace(t); t != "" {
				aliasTemplates = append(aliasTemplates, t)
			}
		}
		for _, c := range countries {
			v := p.values
			for _, col := range []int{colID, colName, colParent, colDescription} {
				v[col] = fillTemplate(v[col], c.ID, c.Name)
			}
			aliases := make([]string, 0, len(c.Aliases)+(1+len(c.Aliases))*len(aliasTemplates))
			for k := -1; k < len(c.Aliases); k++ { // the name, then the aliases
				form := c.Name
				if k >= 0 {
					form = c.Aliases[k]
				}
				if form != c.Name {
					aliases = append(aliases, fillTemplate(p.values[colName], c.ID, form))
				}
				for _, t := range aliasTemplates {
					aliases = append(aliases, fillTemplate(t, c.ID, form))
				}
			}
			e, err := makeEntry(&v, aliases, p.file, p.line)
			if err != nil {
				return nil, fmt.Errorf("%w (expanding for country %q)", err, c.ID)
			}
			if !explicit[e.ID] {
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// fillTemplate returns template with {id} replaced by id and {country} by
// country, in one pass: ids and names hold no braces, so that one
// replacement cannot make a placeholder for the other.
func fillTemplate(template, id, country string) string {
	switch template {
	case "{id}":
		return id
	case "{country}":
		return country
	}
	i := strings.IndexByte(template, '{')
	if i < 0 {
		return template
	}
	var b strings.Builder
	b.Grow(len(template) + len(country))
	for ; i >= 0; i = strings.IndexByte(template, '{') {
		b.WriteString(template[:i])
		switch template = template[i:]; {
		case strings.HasPrefix(template, "{id}"):
			b.WriteString(id)
			template = template[len("{id}"):]
		case strings.HasPrefix(template, "{country}"):
			b.WriteString(country)
			template = template[len("{country}"):]
		default:
			b.WriteByte('{')
			template = template[1:]
		}
	}
	b.WriteString(template)
	return b.String()
}
