package gazetteer

import (
	"compress/gzip"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseError is a problem in an input file, or in an entry when Validate
// finds it. Its message reads "file:line: field: problem".
type ParseError struct {
	File  string
	Line  int
	Field string // column or JSON field; empty when the line as a whole is wrong
	Msg   string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Line))
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// The columns of the TSV and CSV formats, in their usual order.
const (
	colID = iota
	colLabel
	colKind
	colName
	colAliases
	colParent
	colDescription
	colFlags
	numColumns
)

var columnNames = [numColumns]string{"id", "label", "kind", "name", "aliases", "parent", "description", "flags"}

// FormatOf returns the format ReadFile would use for path ("tsv", "csv" or
// "jsonl"), judging by its extension with any ".gz" removed.
func FormatOf(path string) (string, bool) {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(path), ".gz")))
	switch ext {
	case ".tsv", ".csv", ".jsonl":
		return ext[1:], true
	}
	return "", false
}

// ReadFile reads a gazetteer file in the format its extension names: .tsv,
// .csv or .jsonl, each optionally gzip-compressed (.tsv.gz, …).
func ReadFile(path string) ([]Entry, error) {
	var l entryList
	if err := readFile(path, stopAtFirst, &l); err != nil {
		return nil, err
	}
	return l.join(), nil
}

// CheckFile reads path as ReadFile does, but goes on past a bad row: it
// returns the entries of the good rows and the problem of every bad one, so
// that one run of `gazetteer validate` shows them all. err is what stops
// reading altogether: no such file, no header, a line too long to read.
func CheckFile(path string) (entries []Entry, problems []error, err error) {
	var l entryList
	err = readFile(path, func(p error) error {
		problems = append(problems, p)
		return nil
	}, &l)
	if err != nil {
		return nil, problems, err
	}
	return l.join(), problems, nil
}

// onProblem decides what a bad row does: a non-nil result stops reading
// with that error; nil skips the row.
type onProblem func(error) error

func stopAtFirst(p error) error { return p }

// entrySink receives the entries a reader reads.
type entrySink interface {
	reserve(n, size int) // room for about n more entries, their strings taking about size bytes
	add(e *Entry)        // e is the reader's: a sink keeps a copy
}

func readFile(path string, problem onProblem, sink entrySink) error {
	format, ok := FormatOf(path)
	if !ok {
		return fmt.Errorf("%s: unknown gazetteer format (want .tsv, .csv or .jsonl, optionally .gz)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		defer gz.Close()
		r = sizedReader{gz, ContentSize(path)}
	}
	return read(r, format, path, problem, sink)
}

// sizedReader is a reader of content whose size is known beforehand.
type sizedReader struct {
	io.Reader
	size int64
}

// ContentSize returns the size of the file at path, or for a .gz file the
// size of its content as its gzip trailer gives it (modulo 4 GiB), or 0 if
// it cannot tell: what reading the file takes in memory.
func ContentSize(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	size := st.Size()
	if !strings.HasSuffix(strings.ToLower(path), ".gz") || size < 4 {
		return size
	}
	var trailer [4]byte
	if _, err := f.ReadAt(trailer[:], size-4); err != nil {
		return size
	}
	return max(size, int64(binary.LittleEndian.Uint32(trailer[:])))
}

// Read reads gazetteer entries in format "tsv", "csv" or "jsonl". name is
// the file name that error messages and Entry.Source give.
//
// TSV and CSV files start with a header naming their columns: id, label,
// kind, name, aliases, parent, description and optionally flags; label and
// name are required. Lines starting with # are comments. aliases is a
// "|"-separated list of exact spellings, flags a ","-separated list (the one
// flag is caseless). A JSONL line is an object with the same fields, where
// aliases and flags may also be lists. Labels may be spelt as in common NER
// tag sets (see ParseLabel); an empty id is derived from the name (see Slug).
// Rows may be shorter than the header but not longer.
func Read(r io.Reader, format, name string) ([]Entry, error) {
	var l entryList
	if err := read(r, format, name, stopAtFirst, &l); err != nil {
		return nil, err
	}
	return l.join(), nil
}

func read(r io.Reader, format, name string, problem onProblem, sink entrySink) error {
	switch format {
	case "tsv":
		return readTSV(r, name, problem, sink)
	case "csv":
		return readCSV(r, name, problem, sink)
	case "jsonl":
		return readJSONL(r, name, problem, sink)
	}
	return fmt.Errorf("%s: unknown gazetteer format %q (want tsv, csv or jsonl)", name, format)
}

// header maps the columns of a TSV or CSV file onto the known columns.
type header struct {
	pos   [numColumns]int // field position of each known column, -1 if absent
	width int             // number of columns
}

// parseHeader maps a header row onto names, the known columns.
func parseHeader(fields []string, names *[numColumns]string, file string, line int) (*header, error) {
	h := &header{width: len(fields)}
	for i := range h.pos {
		h.pos[i] = -1
	}
	for i, f := range fields {
		col := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\ufeff")))
		known := false
		for c, cn := range names {
			if col == cn {
				if h.pos[c] >= 0 {
					return nil, &ParseError{file, line, "header", fmt.Sprintf("column %q appears twice", col)}
				}
				h.pos[c] = i
				known = true
			}
		}
		if !known {
			return nil, &ParseError{file, line, "header", fmt.Sprintf("unknown column %q (want %s)", col, strings.Join(names[:], ", "))}
		}
	}
	for _, c := range []int{colLabel, colName} {
		if h.pos[c] < 0 {
			return nil, &ParseError{file, line, "header", fmt.Sprintf("no %q column", names[c])}
		}
	}
	return h, nil
}

// values picks the known columns out of a row. Rows may be shorter than the
// header, because editors drop trailing empty fields, but not longer.
func (h *header) values(fields []string, file string, line int) ([numColumns]string, error) {
	var v [numColumns]string
	if len(fields) > h.width {
		return v, &ParseError{file, line, "", fmt.Sprintf("%d fields, but the header has %d", len(fields), h.width)}
	}
	for c, p := range h.pos {
		if p >= 0 && p < len(fields) {
			v[c] = trimSpace(fields[p])
		}
	}
	return v, nil
}

// lineScanner hands out the lines of a whole input read into one string, and
// counts them. Entries keep slices of that string rather than a copy of each
// line: for a million entries, one allocation instead of a million.
type lineScanner struct {
	text string
	line int
	file string
}

func newLineScanner(r io.Reader, file string) (*lineScanner, error) {
	var b strings.Builder
	switch r := r.(type) {
	case fs.File: // an *os.File, or an embedded one
		if st, err := r.Stat(); err == nil && st.Mode().IsRegular() {
			b.Grow(int(st.Size()) + 1)
		}
	case sizedReader:
		b.Grow(int(r.size) + 1)
	}
	if _, err := io.Copy(&b, r); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &lineScanner{text: strings.TrimPrefix(b.String(), "\ufeff"), file: file}, nil
}

// lines returns how many lines are left, an upper bound on the rows.
func (s *lineScanner) lines() int { return strings.Count(s.text, "\n") + 1 }

// next returns the next line that is neither blank nor a # comment, without
// its line ending; it returns "", false, nil at the end of the input. An
// error with ok true is the problem of that line alone: reading may go on.
func (s *lineScanner) next() (string, bool, error) {
	for s.text != "" {
		s.line++
		line, rest, _ := strings.Cut(s.text, "\n")
		s.text = rest
		line = strings.TrimSuffix(line, "\r")
		trimmed := line
		if trimmed != "" && maybeSpace(trimmed[0]) { // most lines start with a letter
			trimmed = strings.TrimLeftFunc(line, unicode.IsSpace)
		}
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if !utf8.ValidString(line) {
			return "", true, &ParseError{s.file, s.line, "", "invalid UTF-8"}
		}
		return line, true, nil
	}
	return "", false, nil
}

func readTSV(r io.Reader, file string, problem onProblem, sink entrySink) error {
	s, err := newLineScanner(r, file)
	if err != nil {
		return err
	}
	sink.reserve(s.lines(), len(s.text)) // rows are lines
	// One entry for all rows, which the sink copies: no garbage for each.
	var e Entry
	return eachRow(s, &columnNames, problem, func(v *[numColumns]string, line int) error {
		var err error
		if e, err = makeEntry(v, splitList(v[colAliases], "|"), file, line); err != nil {
			return problem(err)
		}
		sink.add(&e)
		return nil
	})
}

// eachTSVRow calls row with the values of every data line of a TSV file whose
// header names the given columns (in any order, optional ones omitted). A
// line that cannot be read goes to problem. row must not keep v, which holds
// the next row's values after it returns.
func eachTSVRow(r io.Reader, file string, columns *[numColumns]string, problem onProblem, row func(v *[numColumns]string, line int) error) error {
	s, err := newLineScanner(r, file)
	if err != nil {
		return err
	}
	return eachRow(s, columns, problem, row)
}

// eachRow is eachTSVRow over the lines of s.
func eachRow(s *lineScanner, columns *[numColumns]string, problem onProblem, row func(v *[numColumns]string, line int) error) error {
	file := s.file
	var h *header
	var fields [numColumns + 1]string
	var v [numColumns]string // on the heap, as row gets a pointer: one for all rows
	for {
		line, ok, err := s.next()
		if err != nil && ok && h != nil {
			if err := problem(err); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		cells := splitTabs(line, fields[:0])
		if h == nil {
			if h, err = parseHeader(cells, columns, file, s.line); err != nil {
				return err
			}
			continue
		}
		if v, err = h.values(cells, file, s.line); err != nil {
			if err := problem(err); err != nil {
				return err
			}
			continue
		}
		if err := row(&v, s.line); err != nil {
			return err
		}
	}
	if h == nil {
		return &ParseError{file, 0, "header", "missing (the file has no lines)"}
	}
	return nil
}

// entryList collects entries in blocks and joins them at the end, so that a
// large file's entries are copied once rather than at every doubling of one
// slice (which took most of the time of reading a million entries).
type entryList struct {
	full  [][]Entry
	block []Entry
	n     int
}

const maxEntryBlock = 16 << 10

// reserve makes the first block hold n entries: a TSV file's, read in one
// allocation.
func (l *entryList) reserve(n, _ int) {
	if l.n == 0 && l.block == nil {
		l.block = make([]Entry, 0, n)
	}
}

func (l *entryList) add(e *Entry) {
	if len(l.block) == cap(l.block) {
		if l.block != nil {
			l.full = append(l.full, l.block)
		}
		l.block = make([]Entry, 0, min(max(2*cap(l.block), 64), maxEntryBlock))
	}
	l.block = append(l.block, *e)
	l.n++
}

func (l *entryList) join() []Entry {
	if len(l.full) == 0 {
		return l.block
	}
	out := make([]Entry, 0, l.n)
	for _, b := range l.full {
		out = append(out, b...)
	}
	return append(out, l.block...)
}

// splitTabs splits line at tabs into dst, which it grows only for rows with
// more fields than dst can hold, so the common row costs no allocation.
func splitTabs(line string, dst []string) []string {
	for {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			return append(dst, line)
		}
		dst = append(dst, line[:i])
		line = line[i+1:]
	}
}

func readCSV(r io.Reader, file string, problem onProblem, sink entrySink) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	var h *header
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				// The reader goes on at the next record.
				if err := problem(&ParseError{file, pe.Line, "", pe.Err.Error()}); err != nil {
					return err
				}
				continue
			}
			return fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		if !allValidUTF8(row) {
			bad := &ParseError{file, line, "", "invalid UTF-8"}
			if h == nil {
				return bad
			}
			if err := problem(bad); err != nil {
				return err
			}
			continue
		}
		if h == nil {
			if h, err = parseHeader(row, &columnNames, file, line); err != nil {
				return err
			}
			continue
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		v, err := h.values(row, file, line)
		if err == nil {
			var e Entry
			if e, err = makeEntry(&v, splitList(v[colAliases], "|"), file, line); err == nil {
				sink.add(&e)
			}
		}
		if err != nil {
			if err := problem(err); err != nil {
				return err
			}
		}
	}
	if h == nil {
		return &ParseError{file, 0, "header", "missing (the file has no lines)"}
	}
	return nil
}

// jsonEntry is one JSONL line. aliases may be a list or a "|"-separated
// string, flags a list or a ","-separated string.
type jsonEntry struct {
	ID          *json.RawMessage `json:"id"`
	Label       *json.RawMessage `json:"label"`
	Kind        *json.RawMessage `json:"kind"`
	Name        *json.RawMessage `json:"name"`
	Aliases     *json.RawMessage `json:"aliases"`
	Parent      *json.RawMessage `json:"parent"`
	Description *json.RawMessage `json:"description"`
	Flags       *json.RawMessage `json:"flags"`
	// caseless is what Entry marshals to, so that entries written as JSON
	// read back.
	Caseless *json.RawMessage `json:"caseless"`
}

func readJSONL(r io.Reader, file string, problem onProblem, sink entrySink) error {
	s, err := newLineScanner(r, file)
	if err != nil {
		return err
	}
	for {
		line, ok, err := s.next()
		if err != nil && !ok {
			return err
		}
		if !ok {
			break
		}
		var e Entry
		if err == nil {
			e, err = parseJSONEntry(line, file, s.line)
		}
		if err != nil {
			if err := problem(err); err != nil {
				return err
			}
			continue
		}
		sink.add(&e)
	}
	return nil
}

func parseJSONEntry(line, file string, lineNo int) (Entry, error) {
	var je jsonEntry
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&je); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return Entry{}, &ParseError{file, lineNo, "", "want a JSON object, got " + te.Value}
		}
		if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return Entry{}, &ParseError{file, lineNo, strings.Trim(field, `"`), "unknown field (want " + strings.Join(columnNames[:], ", ") + " or caseless)"}
		}
		return Entry{}, &ParseError{file, lineNo, "", "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")}
	}
	if dec.More() {
		return Entry{}, &ParseError{file, lineNo, "", "more than one JSON value on the line"}
	}
	var v [numColumns]string
	for _, f := range []struct {
		col int
		raw *json.RawMessage
	}{{colID, je.ID}, {colLabel, je.Label}, {colKind, je.Kind}, {colName, je.Name}, {colParent, je.Parent}, {colDescription, je.Description}} {
		if f.raw == nil || string(*f.raw) == "null" {
			continue
		}
		if err := json.Unmarshal(*f.raw, &v[f.col]); err != nil {
			return Entry{}, &ParseError{file, lineNo, columnNames[f.col], "want a string, got " + string(*f.raw)}
		}
		v[f.col] = trimSpace(v[f.col])
	}
	aliases, err := jsonStrings(je.Aliases, "|")
	if err != nil {
		return Entry{}, &ParseError{file, lineNo, "aliases", err.Error()}
	}
	flags, err := jsonStrings(je.Flags, ",")
	if err != nil {
		return Entry{}, &ParseError{file, lineNo, "flags", err.Error()}
	}
	v[colFlags] = strings.Join(flags, ",")
	if je.Caseless != nil {
		var caseless bool
		if err := json.Unmarshal(*je.Caseless, &caseless); err != nil {
			return Entry{}, &ParseError{file, lineNo, "caseless", "want true or false, got " + string(*je.Caseless)}
		}
		if caseless {
			v[colFlags] += ",caseless"
		}
	}
	return makeEntry(&v, aliases, file, lineNo)
}

// jsonStrings decodes a list of strings, or one string holding a list
// separated by sep.
func jsonStrings(raw *json.RawMessage, sep string) ([]string, error) {
	if raw == nil || string(*raw) == "null" {
		return nil, nil
	}
	var one string
	if err := json.Unmarshal(*raw, &one); err == nil {
		return splitList(one, sep), nil
	}
	var list []string
	if err := json.Unmarshal(*raw, &list); err != nil {
		return nil, fmt.Errorf("want a list of strings or a %q-separated string, got %s", sep, *raw)
	}
	return list, nil
}

// makeEntry checks one row and builds its entry. aliases replaces the
// aliases column, which callers split as their format requires.
func makeEntry(v *[numColumns]string, aliases []string, file string, line int) (Entry, error) {
	e := Entry{
		ID:          v[colID],
		Name:        v[colName],
		Kind:        v[colKind],
		Parent:      v[colParent],
		Description: v[colDescription],
		Source:      file,
		Line:        line,
	}
	if v[colLabel] == "" {
		return e, &ParseError{file, line, "label", "missing"}
	}
	label, ok := ParseLabel(v[colLabel])
	if !ok {
		return e, &ParseError{file, line, "label", fmt.Sprintf("unknown label %q (want PERSON, PLACE or ORGANISATION)", v[colLabel])}
	}
	e.Label = label
	if e.Name == "" {
		return e, &ParseError{file, line, "name", "missing"}
	}
	if e.ID == "" {
		if e.ID = Slug(e.Name); e.ID == "" {
			return e, &ParseError{file, line, "id", fmt.Sprintf("missing, and name %q gives no letters or digits to derive one from", e.Name)}
		}
	} else if hasSpace(e.ID) {
		return e, &ParseError{file, line, "id", fmt.Sprintf("%q contains white space", e.ID)}
	}
	e.Aliases = cleanAliases(aliases, e.Name)
	for _, f := range splitList(v[colFlags], ",") {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "":
		case "caseless":
			e.Caseless = true
		default:
			return e, &ParseError{file, line, "flags", fmt.Sprintf("unknown flag %q (known: caseless)", strings.TrimSpace(f))}
		}
	}
	return e, nil
}

// trimSpace is strings.TrimSpace without its call for most fields, which
// neither start nor end with a byte that may be white space (maybeSpace).
func trimSpace(s string) string {
	if s == "" || !maybeSpace(s[0]) && !maybeSpace(s[len(s)-1]) {
		return s
	}
	return strings.TrimSpace(s)
}

// hasSpace reports whether s holds white space. Ids are ASCII letters,
// digits and hyphens: eight bytes at a time to the first that may be white
// space, and byte by byte from there, told by byteClass without decoding
// runes and calling unicode.IsSpace on each.
func hasSpace(s string) bool {
	i := 0
	for i+8 <= len(s) && belowBangOrHigh(le64(s[i:])) == 0 {
		i += 8
	}
	for ; i < len(s); i++ {
		switch byteClass[s[i]] {
		case classSpace:
			return true
		case classHigh:
			return strings.IndexFunc(s[i:], unicode.IsSpace) >= 0
		}
	}
	return false
}

// splitList splits a separated list; an empty string is an empty list.
func splitList(s, sep string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

// cleanAliases trims aliases and drops empty ones, repeats and the name
// itself, reusing the slice.
func cleanAliases(aliases []string, name string) []string {
	out := aliases[:0]
next:
	for _, a := range aliases {
		a = trimSpace(a)
		if a == "" || a == name {
			continue
		}
		for _, seen := range out {
			if seen == a {
				continue next
			}
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Validate reports problems that reading one line at a time cannot see, and
// re-checks entries built in code: empty ids and names, unknown labels, ids
// defined twice in the same file (Source), parents that name no entry, and
// caseless entries whose surface forms are common Indonesian words (they
// would match ordinary running text). Pass the default entries together with
// user entries so that parents may refer to either. None of these stops New
// from working; the CLI prints them as warnings.
func Validate(entries []Entry) []error {
	var errs []error
	type key struct{ source, id string }
	first := make(map[key]*Entry, len(entries))
	ids := make(map[string]bool, len(entries))
	for i := range entries {
		ids[entries[i].ID] = true
	}
	for i := range entries {
		e := &entries[i]
		file := e.Source
		if file == "" {
			// Built in code: the id is the only way to say which entry.
			file = "entry " + strconv.Quote(e.ID)
		}
		fail := func(field, msg string) {
			errs = append(errs, &ParseError{file, e.Line, field, msg})
		}
		if e.ID == "" {
			fail("id", "empty")
		}
		if e.Name == "" {
			fail("name", "empty")
		}
		if e.Label != Person && e.Label != Place && e.Label != Organisation {
			fail("label", fmt.Sprintf("unknown label %q (want PERSON, PLACE or ORGANISATION)", e.Label))
		}
		k := key{e.Source, e.ID}
		if prev, dup := first[k]; dup && e.ID != "" {
			fail("id", fmt.Sprintf("%q already defined at line %d", e.ID, prev.Line))
		} else {
			first[k] = e
		}
		if e.Parent != "" && !ids[e.Parent] {
			fail("parent", fmt.Sprintf("%q: no entry has this id", e.Parent))
		}
		if e.Caseless {
			for _, s := range e.Surfaces() {
				if isCommonWord(fold(s)) {
					fail("flags", fmt.Sprintf("caseless, but %q is a common word and would match ordinary text", s))
				}
			}
		}
	}
	return errs
}

// Collision is a surface form that several entries share.
type Collision struct {
	Surface string
	Entries []*Entry // in input order
}

// Collisions lists the surface forms (names and aliases, spelled exactly)
// that more than one entry uses, sorted by surface. When an id occurs more
// than once, only its last entry counts, as in New.
func Collisions(entries []Entry) []Collision {
	last := make(map[string]int, len(entries))
	for i := range entries {
		last[entries[i].ID] = i
	}
	bySurface := make(map[string][]*Entry)
	for i := range entries {
		e := &entries[i]
		if last[e.ID] != i {
			continue
		}
		for _, s := range e.Surfaces() {
			bySurface[s] = append(bySurface[s], e)
		}
	}
	var out []Collision
	for s, es := range bySurface {
		if len(es) > 1 {
			out = append(out, Collision{Surface: s, Entries: es})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Surface < out[j].Surface })
	return out
}

func allValidUTF8(fields []string) bool {
	for _, f := range fields {
		if !utf8.ValidString(f) {
			return false
		}
	}
	return true
}
