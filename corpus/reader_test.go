package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// rec is the comparable content of a Record; Source is relative to the
// test's directory.
type rec struct {
	Source   string
	Line     int
	Raw      string
	Text     string
	Repaired bool
}

func TestReader(t *testing.T) {
	const bomStr = "\xEF\xBB\xBF"
	tests := []struct {
		name  string
		files map[string]string // path relative to a temp dir → content
		stdin string
		args  []string // relative to the temp dir, "-" as is
		want  []rec
	}{
		{"LF lines", map[string]string{"a.jsonl": "{\"n\":1}\n{\"n\":2}\n"}, "", []string{"a.jsonl"},
			[]rec{{"a.jsonl", 1, `{"n":1}`, "", false}, {"a.jsonl", 2, `{"n":2}`, "", false}}},
		{"CRLF and last line without newline", map[string]string{"a.jsonl": "{\"n\":1}\r\n{\"n\":2}"}, "", []string{"a.jsonl"},
			[]rec{{"a.jsonl", 1, `{"n":1}`, "", false}, {"a.jsonl", 2, `{"n":2}`, "", false}}},
		{"only one CR is a line ending", map[string]string{"a.jsonl": "{\"n\":1}\r\r\n"}, "", []string{"a.jsonl"},
			[]rec{{"a.jsonl", 1, "{\"n\":1}\r", "", false}}},
		{"byte order mark stripped at file start only", map[string]string{"a.jsonl": bomStr + "{\"n\":1}\n" + bomStr + "{\"n\":2}\n"}, "", []string{"a.jsonl"},
			[]rec{{"a.jsonl", 1, `{"n":1}`, "", false}, {"a.jsonl", 2, bomStr + `{"n":2}`, "", false}}},
		{"blank lines skipped but counted", map[string]string{"a.jsonl": "\n \t\r\n{\"n\":1}\n\n{\"n\":2}\n   "}, "", []string{"a.jsonl"},
			[]rec{{"a.jsonl", 3, `{"n":1}`, "", false}, {"a.jsonl", 5, `{"n":2}`, "", false}}},
		{"empty file", map[string]string{"a.jsonl": ""}, "", []string{"a.jsonl"}, nil},
		{"invalid UTF-8 repaired per byte", map[string]string{"a.jsonl": "{\"t\":\"a\xe2\x82b\xff\"}\n{\"t\":\"é\"}\n"}, "", []string{"a.jsonl"},
			[]rec{{"a.jsonl", 1, "{\"t\":\"a\uFFFD\uFFFDb\uFFFD\"}", "", true}, {"a.jsonl", 2, `{"t":"é"}`, "", false}}},
		{"NUL escapes and control characters passed through", map[string]string{"a.jsonl": "{\"t\":\"a\\u0000\x01\"}\n"}, "", []string{"a.jsonl"},
			[]rec{{"a.jsonl", 1, "{\"t\":\"a\\u0000\x01\"}", "", false}}},
		{"gzip with several members", map[string]string{"a.jsonl.gz": gz("{\"n\":1}\n", "{\"n\":2}\n")}, "", []string{"a.jsonl.gz"},
			[]rec{{"a.jsonl.gz", 1, `{"n":1}`, "", false}, {"a.jsonl.gz", 2, `{"n":2}`, "", false}}},
		{"gzip recognised by content, not name", map[string]string{"a.jsonl": gz("{\"n\":1}\n")}, "", []string{"a.jsonl"},
			[]rec{{"a.jsonl", 1, `{"n":1}`, "", false}}},
		{"text file is one record", map[string]string{"a.txt": bomStr + "Baris satu.\r\n\nBaris dua.\n"}, "", []string{"a.txt"},
			[]rec{{"a.txt", 0, "", "Baris satu.\r\n\nBaris dua.\n", false}}},
		{"gzipped text file", map[string]string{"a.txt.gz": gz("Baris ", "satu.")}, "", []string{"a.txt.gz"},
			[]rec{{"a.txt.gz", 0, "", "Baris satu.", false}}},
		{"text file with invalid UTF-8", map[string]string{"a.txt": "caf\xe9"}, "", []string{"a.txt"},
			[]rec{{"a.txt", 0, "", "caf\uFFFD", true}}},
		{"empty text file still a record", map[string]string{"a.txt": ""}, "", []string{"a.txt"},
			[]rec{{"a.txt", 0, "", "", false}}},
		{"directory walked in order, only known extensions, no hidden files",
			map[string]string{
				"d/b.jsonl": "{\"f\":\"b\"}\n", "d/a.jsonl.gz": gz("{\"f\":\"a\"}\n"), "d/C.JSONL": "{\"f\":\"C\"}\n",
				"d/sub/c.txt": "teks", "d/sub/z.ndjson": "{\"f\":\"z\"}\n", "d/sub/y.txt.gz": gz("gz"),
				"d/.hidden.jsonl": "{}\n", "d/.git/x.jsonl": "{}\n", "d/notes.md": "x", "d/x.json": "{}\n", "d/x.gz": gz("{}\n"),
			}, "", []string{"d"},
			[]rec{{"d/C.JSONL", 1, `{"f":"C"}`, "", false}, {"d/a.jsonl.gz", 1, `{"f":"a"}`, "", false},
				{"d/b.jsonl", 1, `{"f":"b"}`, "", false}, {"d/sub/c.txt", 0, "", "teks", false},
				{"d/sub/y.txt.gz", 0, "", "gz", false}, {"d/sub/z.ndjson", 1, `{"f":"z"}`, "", false}}},
		{"explicit file read whatever its name", map[string]string{".x.json": "{}\n"}, "", []string{".x.json"},
			[]rec{{".x.json", 1, `{}`, "", false}}},
		{"stdin when no paths", nil, "{\"n\":1}\n\n{\"n\":2}", nil,
			[]rec{{"-", 1, `{"n":1}`, "", false}, {"-", 3, `{"n":2}`, "", false}}},
		{"gzipped stdin", nil, gz("{\"n\":1}\n"), []string{"-"},
			[]rec{{"-", 1, `{"n":1}`, "", false}}},
		{"stdin between files, line numbers restart", map[string]string{"a.jsonl": "{\"f\":\"a\"}\n", "b.jsonl": "\n{\"f\":\"b\"}\n"}, "{\"f\":\"-\"}\n",
			[]string{"a.jsonl", "-", "b.jsonl"},
			[]rec{{"a.jsonl", 1, `{"f":"a"}`, "", false}, {"-", 1, `{"f":"-"}`, "", false}, {"b.jsonl", 2, `{"f":"b"}`, "", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			r, err := NewReader(strings.NewReader(tt.stdin), inDir(dir, tt.args)...)
			if err != nil {
				t.Fatalf("NewReader: %v", err)
			}
			got, err := readAll(r, dir)
			if err != nil {
				t.Fatalf("reading: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("records\n got %#v\nwant %#v", got, tt.want)
			}
			if err := r.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
}

func TestReaderHugeLines(t *testing.T) {
	huge := `{"text":"` + strings.Repeat("kata é ", 300_000) + `"}` // > 2 MB, several buffers
	tests := []struct {
		name     string
		line     string
		ending   string
		want     string
		repaired bool
	}{
		{"LF", huge, "\n", huge, false},
		{"CRLF", huge, "\r\n", huge, false},
		{"no final newline", huge, "", huge, false},
		{"invalid UTF-8 far into the line", huge[:1_500_000] + "\xff" + huge[1_500_000:], "\n",
			huge[:1_500_000] + "\uFFFD" + huge[1_500_000:], true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"big.jsonl": "{\"n\":1}\n" + tt.line + tt.ending})
			r, err := NewReader(nil, filepath.Join(dir, "big.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := readAll(r, dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Fatalf("got %d records, want 2", len(got))
			}
			if g := got[1]; g.Line != 2 || g.Raw != tt.want || g.Repaired != tt.repaired {
				t.Errorf("huge record: line %d, %d bytes, repaired %v; want line 2, %d bytes, repaired %v",
					g.Line, len(g.Raw), g.Repaired, len(tt.want), tt.repaired)
			}
		})
	}
}

func TestReaderErrors(t *testing.T) {
	truncated := gz("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n")
	truncated = truncated[:len(truncated)-6]
	tests := []struct {
		name        string
		files       map[string]string
		args        []string
		maxRecord   int // 0: default
		wantNewErr  bool
		wantRecords int
		wantMsg     string
		wantIs      error
		wantAfter   int // records read after the error
	}{
		{"missing path", map[string]string{"a.jsonl": "{}\n"}, []string{"a.jsonl", "nope.jsonl"}, 0, true, 0,
			"nope.jsonl", fs.ErrNotExist, 0},
		{"stdin twice", nil, []string{"-", "-"}, 0, true, 0, "standard input (-) given more than once", nil, 0},
		{"corrupt gzip header", map[string]string{"bad.jsonl.gz": "\x1f\x8bnot gzip at all", "z.jsonl": "{}\n"}, []string{"bad.jsonl.gz", "z.jsonl"}, 0, false, 0,
			"bad.jsonl.gz: gzip: invalid header", gzip.ErrHeader, 1},
		// The lines are all there; the checksum after them is cut off.
		{"truncated gzip names the line being read", map[string]string{"t.jsonl.gz": truncated, "z.jsonl": "{}\n"}, []string{"t.jsonl.gz", "z.jsonl"}, 0, false, 3,
			"t.jsonl.gz:4: unexpected EOF", io.ErrUnexpectedEOF, 1},
		{"line over the limit", map[string]string{"l.jsonl": "{}\n{\"text\":\"" + strings.Repeat("x", 100) + "\"}\n{}\n", "z.jsonl": "{}\n"}, []string{"l.jsonl", "z.jsonl"}, 64, false, 1,
			"l.jsonl:2: record too long: line exceeds 64 bytes", ErrTooLong, 2},
		{"line over the limit and the buffer", map[string]string{"l.jsonl": "\n\n\n" + strings.Repeat(" ", 3*bufSize) + "\n{}\n", "z.jsonl": "{}\n"}, []string{"l.jsonl", "z.jsonl"}, bufSize * 2, false, 0,
			"l.jsonl:4: record too long", ErrTooLong, 2},
		{"text file over the limit", map[string]string{"l.txt": strings.Repeat("x", 65), "z.jsonl": "{}\n"}, []string{"l.txt", "z.jsonl"}, 64, false, 0,
			"l.txt: record too long: file exceeds 64 bytes", ErrTooLong, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			r, err := NewReader(strings.NewReader(""), inDir(dir, tt.args)...)
			if tt.wantNewErr {
				checkErr(t, err, tt.wantMsg, tt.wantIs)
				return
			}
			if err != nil {
				t.Fatalf("NewReader: %v", err)
			}
			defer r.Close()
			if tt.maxRecord > 0 {
				r.SetMaxRecordBytes(tt.maxRecord)
			}
			got, err := readAll(r, dir)
			if len(got) != tt.wantRecords {
				t.Errorf("got %d records before the error, want %d", len(got), tt.wantRecords)
			}
			checkErr(t, err, tt.wantMsg, tt.wantIs)
			var re *Error
			if !errors.As(err, &re) || re.Record != errors.Is(err, ErrTooLong) {
				t.Errorf("error %v is not an *Error for one record exactly when too long", err)
			}
			// The run goes on: with the rest of the file after a line
			// too long, with the next file after a broken one.
			rest, err := readAll(r, dir)
			if err != nil || len(rest) != tt.wantAfter || rest[len(rest)-1].Source != "z.jsonl" {
				t.Errorf("after the error: %v, %v; want %d records ending in z.jsonl's", rest, err, tt.wantAfter)
			}
		})
	}
}

func checkErr(t *testing.T, err error, wantMsg string, wantIs error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", wantMsg)
	}
	if !strings.Contains(err.Error(), wantMsg) {
		t.Errorf("error %q, want it to contain %q", err, wantMsg)
	}
	if wantIs != nil && !errors.Is(err, wantIs) {
		t.Errorf("error %q does not wrap %v", err, wantIs)
	}
}

func TestReaderByteCounts(t *testing.T) {
	files := map[string]string{"d/a.jsonl": "{\"n\":1}\n", "d/b.jsonl.gz": gz("{\"n\":2}\n"), "d/c.txt": "teks"}
	var onDisk int64
	for _, c := range files {
		onDisk += int64(len(c))
	}
	const stdin = "{}\n"
	tests := []struct {
		name      string
		args      []string
		wantTotal int64
		wantRead  int64
	}{
		{"files", []string{"d"}, onDisk, onDisk},
		{"stdin involved", []string{"d", "-"}, -1, onDisk + int64(len(stdin))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, files)
			r, err := NewReader(strings.NewReader(stdin), inDir(dir, tt.args)...)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.TotalBytes(); got != tt.wantTotal {
				t.Errorf("TotalBytes = %d, want %d", got, tt.wantTotal)
			}
			if _, err := readAll(r, dir); err != nil {
				t.Fatal(err)
			}
			if got := r.BytesRead(); got != tt.wantRead {
				t.Errorf("BytesRead after reading everything = %d, want %d", got, tt.wantRead)
			}
		})
	}
}

func TestReaderNextAfterCloseIsEOF(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.jsonl": "{}\n{}\n", "b.jsonl": "{}\n"})
	r, err := NewReader(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if got, err := r.Next(); err != io.EOF {
		t.Errorf("Next after Close = %v, %v; want io.EOF", got, err)
	}
}

func TestRecordPos(t *testing.T) {
	tests := []struct {
		rec  Record
		want string
	}{
		{Record{Source: "a.jsonl", Line: 12}, "a.jsonl:12"},
		{Record{Source: "-", Line: 1}, "-:1"},
		{Record{Source: "berita.txt"}, "berita.txt"},
	}
	for _, tt := range tests {
		if got := tt.rec.Pos(); got != tt.want {
			t.Errorf("Pos() = %q, want %q", got, tt.want)
		}
	}
}

// FuzzReadJSONL feeds arbitrary bytes as a JSONL stream on stdin: one record
// per non-blank line, in order, with valid UTF-8 that differs from the input
// only by repairs.
func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{"{}\n", "\xEF\xBB\xBF{\"a\":1}\r\n\n  \n{\"b\":2}", "a\rb\r\n\xff\xfe\n\t\n", "\n\n\n", string(synthLine(1, 200)) + "\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if bytes.HasPrefix(in, []byte{0x1f, 0x8b}) {
			return // a gzip stream, not JSONL
		}
		var want []rec
		for i, line := range bytes.Split(in, []byte("\n")) {
			if i == 0 {
				line = bytes.TrimPrefix(line, bom)
			}
			line = bytes.TrimSuffix(line, []byte("\r"))
			if len(bytes.Trim(line, " \t\r")) == 0 {
				continue
			}
			// Converting to runes replaces each invalid byte by U+FFFD,
			// independently of the code under test.
			want = append(want, rec{"-", i + 1, string([]rune(string(line))), "", !utf8.Valid(line)})
		}
		r, err := NewReader(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		got, err := readAll(r, "")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("records\n got %#v\nwant %#v", got, want)
		}
	})
}

func BenchmarkReader(b *testing.B) {
	var plain bytes.Buffer
	for i := 0; plain.Len() < 16<<20; i++ {
		plain.Write(synthLine(i, 3000))
		plain.WriteByte('\n')
	}
	for _, bc := range []struct{ name, file, content string }{
		{"plain", "a.jsonl", plain.String()},
		{"gzip", "a.jsonl.gz", gz(plain.String())},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := writeFiles(b, map[string]string{bc.file: bc.content})
			b.SetBytes(int64(plain.Len())) // uncompressed, to compare the two
			for b.Loop() {
				r, err := NewReader(nil, filepath.Join(dir, bc.file))
				if err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := r.Next(); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
				r.Close()
			}
		})
	}
}

// gz compresses each part as its own gzip member and concatenates them.
func gz(parts ...string) string {
	var buf bytes.Buffer
	for _, p := range parts {
		w := gzip.NewWriter(&buf)
		w.Write([]byte(p))
		w.Close()
	}
	return buf.String()
}

func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func inDir(dir string, args []string) []string {
	var out []string
	for _, a := range args {
		if a != "-" {
			a = filepath.Join(dir, filepath.FromSlash(a))
		}
		out = append(out, a)
	}
	return out
}

// readAll reads records until io.EOF or an error, with sources made
// relative to dir.
func readAll(r *Reader, dir string) ([]rec, error) {
	var out []rec
	for {
		rc, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		src := rc.Source
		if src != "-" {
			if rel, err := filepath.Rel(dir, src); err == nil {
				src = filepath.ToSlash(rel)
			}
		}
		out = append(out, rec{src, rc.Line, string(rc.Raw), rc.Text, rc.RepairedUTF8})
	}
}
