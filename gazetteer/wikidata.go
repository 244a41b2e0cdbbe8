package gazetteer

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// wikidataClassesFile maps the Wikidata classes kept by ReadWikidata to a
// label and kind.
//
//go:embed wikidata/classes.tsv
var wikidataClassesFile string

type wikidataClass struct {
	label Label
	kind  string
}

var wikidataClasses = func() map[string]wikidataClass {
	m := make(map[string]wikidataClass)
	for n, line := range strings.Split(wikidataClassesFile, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		label, ok := ParseLabel(f[1])
		if len(f) != 4 || !ok {
			panic(fmt.Sprintf("gazetteer: wikidata/classes.tsv:%d: want class, label, kind, comment", n+1))
		}
		m[f[0]] = wikidataClass{label, f[2]}
	}
	return m
}()

// wikidataItem holds the parts of a Wikidata entity that ReadWikidata reads;
// encoding/json skips the rest (sitelinks, other claims) without keeping it.
type wikidataItem struct {
	Type         string                        `json:"type"`
	ID           string                        `json:"id"`
	Labels       map[string]wikidataText       `json:"labels"`
	Descriptions map[string]wikidataText       `json:"descriptions"`
	Aliases      map[string][]wikidataText     `json:"aliases"`
	Claims       struct{ P31 []wikidataClaim } `json:"claims"`
}

type wikidataText struct {
	Value string `json:"value"`
}

type wikidataClaim struct {
	Mainsnak struct {
		Datavalue struct {
			Value struct {
				ID string `json:"id"`
			} `json:"value"`
		} `json:"datavalue"`
	} `json:"mainsnak"`
	Rank string `json:"rank"`
}

// maxWikidataLine bounds one entity of a dump; the largest items are a few
// megabytes.
const maxWikidataLine = 64 << 20

// ReadWikidata streams a Wikidata JSON dump (a JSON array with one entity
// per line, as Wikidata publishes it) from r and calls emit with an entry
// for every human, organisation and place that has a label in one of langs
// (in order of preference: the first gives the name and description, the
// others' labels and all aliases in langs become aliases). Its id is the
// Wikidata id (Q42). A line that is not an entity is passed to problem as a
// *ParseError naming name and the line, and skipped. It returns the number
// of lines read, and the first error of reading r or of emit.
func ReadWikidata(r io.Reader, name string, langs []string, emit func(Entry) error, problem func(error)) (int, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	line := 0
	var buf []byte
	for {
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A long entity: collect it whole, up to maxWikidataLine.
			buf = append(buf[:0], b...)
			for errors.Is(err, bufio.ErrBufferFull) && len(buf) <= maxWikidataLine {
				b, err = br.ReadSlice('\n')
				buf = append(buf, b...)
			}
			b = buf
		}
		if len(b) == 0 && err == io.EOF {
			return line, nil
		}
		line++
		if err != nil && err != io.EOF {
			if errors.Is(err, bufio.ErrBufferFull) {
				return line, &ParseError{name, line, "", fmt.Sprintf("entity longer than %d bytes", maxWikidataLine)}
			}
			return line, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		e, ok, perr := wikidataEntry(b, langs)
		if perr != nil {
			problem(&ParseError{name, line, "", perr.Error()})
		} else if ok {
			e.Source, e.Line = name, line
			if err := emit(e); err != nil {
				return line, err
			}
		}
		if err == io.EOF {
			return line, nil
		}
	}
}

// wikidataEntry makes the entry of one dump line, reporting false for a line
// that holds no entity to keep (the array's brackets, other kinds of items).
func wikidataEntry(b []byte, langs []string) (Entry, bool, error) {
	b = bytes.TrimSpace(b)
	b = bytes.TrimSuffix(b, []byte(","))
	if len(b) == 0 || len(b) == 1 && (b[0] == '[' || b[0] == ']') {
		return Entry{}, false, nil
	}
	var it wikidataItem
	if err := json.Unmarshal(b, &it); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return Entry{}, false, fmt.Errorf("want a JSON object, got %s", te.Value)
		}
		return Entry{}, false, fmt.Errorf("invalid entity: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if it.ID == "" {
		return Entry{}, false, errors.New("entity without an id")
	}
	if it.Type != "item" {
		return Entry{}, false, nil // properties, lexemes
	}
	class, ok := classOfItem(&it)
	if !ok {
		return Entry{}, false, nil
	}
	e := Entry{ID: it.ID, Label: class.label, Kind: class.kind}
	for _, l := range langs {
		if t := clean(it.Labels[l].Value); t != "" {
			if e.Name == "" {
				e.Name = t
			} else {
				e.Aliases = append(e.Aliases, t)
			}
		}
		if e.Description == "" {
			e.Description = clean(it.Descriptions[l].Value)
		}
	}
	if e.Name == "" {
		return Entry{}, false, nil // no name in the languages asked for
	}
	for _, l := range langs {
		for _, a := range it.Aliases[l] {
			// "|" separates aliases in a TSV file: an alias holding one is dropped.
			if t := clean(a.Value); t != "" && !strings.Contains(t, "|") {
				e.Aliases = append(e.Aliases, t)
			}
		}
	}
	e.Aliases = cleanAliases(e.Aliases, e.Name)
	return e, true, nil
}

// classOfItem returns the first kept class among the item's "instance of"
// statements, skipping deprecated ones.
func classOfItem(it *wikidataItem) (wikidataClass, bool) {
	for _, c := range it.Claims.P31 {
		if c.Rank == "deprecated" {
			continue
		}
		if class, ok := wikidataClasses[c.Mainsnak.Datavalue.Value.ID]; ok {
			return class, true
		}
	}
	return wikidataClass{}, false
}

// clean makes a label fit a TSV cell: tabs and line breaks become spaces.
func clean(s string) string {
	if strings.ContainsAny(s, "\t\r\n") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return strings.TrimSpace(s)
}

// TSVWriter writes entries one at a time as a gazetteer TSV file.
type TSVWriter struct {
	w      *bufio.Writer
	header bool
}

// NewTSVWriter returns a writer of entries to w; call Flush at the end.
func NewTSVWriter(w io.Writer) *TSVWriter { return &TSVWriter{w: bufio.NewWriterSize(w, 64<<10)} }

// Write writes one entry, after the header when it is the first.
func (t *TSVWriter) Write(e *Entry) error {
	t.writeHeader()
	flags := ""
	if e.Caseless {
		flags = "caseless"
	}
	for i, f := range [...]string{e.ID, string(e.Label), e.Kind, e.Name, strings.Join(e.Aliases, "|"), e.Parent, e.Description, flags} {
		if i > 0 {
			t.w.WriteByte('\t')
		}
		t.w.WriteString(clean(f))
	}
	return t.w.WriteByte('\n')
}

// Flush writes out what is buffered, the header at least.
func (t *TSVWriter) Flush() error {
	t.writeHeader()
	return t.w.Flush()
}

func (t *TSVWriter) writeHeader() {
	if !t.header {
		t.header = true
		t.w.WriteString(strings.Join(columnNames[:], "\t") + "\n")
	}
}

// OpenCompressed opens path for reading, through gzip or bzip2 when its name
// ends in .gz or .bz2.
func OpenCompressed(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".gz":
		gz, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return readCloser{gz, f}, nil
	case ".bz2":
		return readCloser{bzip2.NewReader(f), f}, nil
	}
	return f, nil
}

// readCloser reads through a decompressor and closes the file under it.
type readCloser struct {
	io.Reader
	io.Closer
}
