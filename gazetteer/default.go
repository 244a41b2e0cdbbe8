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
	var entries []Entry
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
			entries = append(entries, es...)
		}
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	expanded, err := expandPatterns(patterns, entries)
	if err != nil {
		return nil, err
	}
	entries = append(entries, expanded...)
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
func expandPatterns(patterns []pattern, entries []Entry) ([]Entry, error) {
	explicit := make(map[string]bool, len(entries))
	for i := range entries {
		explicit[entries[i].ID] = true
	}
	var out []Entry
	for _, p := range patterns {
		aliasTemplates := strings.Split(p.values[colAliases], "|")
		for i := range entries {
			c := &entries[i]
			if c.Kind != "country" || c.ID == homeCountry {
				continue
			}
			fill := func(template, country string) string {
				// Ids and names hold no braces, so one replacement cannot
				// make a placeholder for the other.
				return strings.ReplaceAll(strings.ReplaceAll(template, "{id}", c.ID), "{country}", country)
			}
			v := p.values
			for _, col := range []int{colID, colName, colParent, colDescription} {
				v[col] = fill(v[col], c.Name)
			}
			var aliases []string
			for _, form := range c.Surfaces() {
				if form != c.Name {
					aliases = append(aliases, fill(p.values[colName], form))
				}
				for _, t := range aliasTemplates {
					if t = strings.TrimSpace(t); t != "" {
						aliases = append(aliases, fill(t, form))
					}
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
