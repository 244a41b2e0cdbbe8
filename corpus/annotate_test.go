package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/kutip/kutip/pipeline"
)

// One record in, one line out: the record's own fields first, then the
// annotations and the version; a record that cannot be annotated yields its
// error record and an error naming its place.
func TestAnnotatorLines(t *testing.T) {
	a, err := NewAnnotator(Options{MaxRecordBytes: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		raw, prefix, contains, err string
	}{
		{`{"id":"a1","text":"\"Kami siap,\" kata Rina Hartati di Jakarta."}`,
			`{"id":"a1","text":"\"Kami siap,\" kata Rina Hartati di Jakarta.","entities":[`, `"kutip_version":"` + Version + `"}`, ""},
		{`{"id":"a2"}`, `{"id":"a2","error":"missing field \"text\"","file":"in.jsonl","line":7}`, "", `in.jsonl:7: missing field "text"`},
		{`{"id":"a3","text":5}`, `{"id":"a3","text":5,"error":`, `"line":7}`, "in.jsonl:7: "},
		{`tidak json`, `{"error":"invalid JSON at column `, `"raw":"tidak json"}`, "in.jsonl:7: invalid JSON"},
		{`{"id":"a4","text":"` + strings.Repeat("x", 200) + `"}`, `{"error":"record too long: record exceeds 200 bytes","file":"in.jsonl","line":7}`, "", "in.jsonl:7: record too long"},
	} {
		line, err := a.Annotate(context.Background(), nil, &Record{Source: "in.jsonl", Line: 7, Raw: []byte(c.raw)})
		if !bytes.HasPrefix(line, []byte(c.prefix)) || !bytes.Contains(line, []byte(c.contains)) || !bytes.HasSuffix(line, []byte("\n")) || bytes.Count(line, []byte("\n")) != 1 {
			t.Errorf("%s:\n got %s\nwant %s…%s", c.raw, line, c.prefix, c.contains)
		}
		var re *Error
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: error %v", c.raw, err)
		case c.err != "" && (err == nil || !strings.HasPrefix(err.Error(), c.err) || !errors.As(err, &re) || !re.Record):
			t.Errorf("%s: error %v, want an *Error for the record starting %q", c.raw, err, c.err)
		}
		if (a.Document() == nil) != (c.err != "") || (a.Object() == nil) != (c.err != "") {
			t.Errorf("%s: Document %v, Object %v after the record", c.raw, a.Document() != nil, a.Object() != nil)
		}
	}
	if doc := func() *pipeline.Document {
		a.Annotate(context.Background(), nil, &Record{Source: "berita.txt", Text: "\"Kami siap,\" kata Rina Hartati."})
		return a.Document()
	}(); doc == nil || doc.ID != "berita.txt" || len(doc.Quotes) != 1 {
		t.Errorf("a text file is not annotated with its path for id: %+v", doc)
	}
	line, err := a.Line(context.Background(), []byte(`{"text":"Tanpa kutipan."}`))
	if err != nil || bytes.HasSuffix(line, []byte("\n")) || !bytes.HasPrefix(line, []byte(`{"text":"Tanpa kutipan.","entities":[]`)) {
		t.Errorf("Line = %s, %v", line, err)
	}
}

// Records come out in input order whatever the workers, each line whole, and
// Each sees every record's document while its line waits.
func TestExtractKeepsOrder(t *testing.T) {
	var in strings.Builder
	const n = 300
	for i := range n {
		if i%50 == 7 {
			fmt.Fprintf(&in, "{\"id\":\"r%d\"}\n", i) // fails: no text
			continue
		}
		fmt.Fprintf(&in, "{\"id\":\"r%d\",\"text\":\"\\\"Kami siap,\\\" kata Rina Hartati.\"}\n", i)
	}
	r, err := NewReader(strings.NewReader(in.String()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var mu sync.Mutex
	var messages, written []string
	annotated := 0
	sum, err := Extract(context.Background(), r, &out, ExtractOptions{
		Workers: 3,
		Message: func(m string) { messages = append(messages, m) },
		Each: func(rec *Record, doc *pipeline.Document, obj *Object) (func() error, error) {
			mu.Lock()
			defer mu.Unlock()
			if doc != nil && len(doc.Quotes) == 1 && obj != nil {
				annotated++
			}
			pos := rec.Pos()
			return func() error { written = append(written, pos); return nil }, nil
		},
	})
	if err != nil || sum.Records != n || sum.Failed != 6 {
		t.Fatalf("Extract = %+v, %v", sum, err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, fmt.Sprintf(`{"id":"r%d",`, i)) {
			t.Fatalf("line %d is %.40s…", i+1, line)
		}
		if written[i] != fmt.Sprintf("-:%d", i+1) {
			t.Fatalf("written %d is %s", i, written[i])
		}
	}
	if annotated != n-6 || len(messages) != 6 || messages[0] != `-:8: missing field "text"` {
		t.Errorf("%d documents annotated, messages %q", annotated, messages)
	}
}

// Extract writes each record's line as Annotate makes it, whether the line
// starts with the record's own fields as they are (written from the record)
// or replaces one of them, with space around the record and before its
// brace, and for records that fail.
func TestExtractWritesWhatAnnotateDoes(t *testing.T) {
	records := []string{
		` {"id":"a","text":"\"Kami siap,\" kata Rina Hartati."} `,
		`{"id":"b","entities":[1],"text":"Rina ke Jakarta."}`,
		`{"id":"c","text":"Tanpa nama." }`,
		`{"id":"d"}`,
		`[1]`,
	}
	a, err := NewAnnotator(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	for i, raw := range records {
		want, _ = a.Annotate(context.Background(), want, &Record{Source: "-", Line: i + 1, Raw: []byte(raw), validUTF8: true})
	}
	r, err := NewReader(strings.NewReader(strings.Join(records, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := Extract(context.Background(), r, &out, ExtractOptions{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("Extract wrote\n%s\nAnnotate gives\n%s", out.Bytes(), want)
	}
}

// An interrupted run writes whole lines only and says so.
func TestExtractInterrupted(t *testing.T) {
	r, err := NewReader(strings.NewReader(strings.Repeat("{\"text\":\"\\\"Kami siap,\\\" kata Rina.\"}\n", 2000)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	sum, err := Extract(ctx, r, &out, ExtractOptions{Workers: 2, Written: func() {
		if out.Len() > 0 {
			cancel()
		}
	}})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("error %v, want ErrInterrupted", err)
	}
	if got := bytes.Count(out.Bytes(), []byte("\n")); got != sum.Records || !bytes.HasSuffix(out.Bytes(), []byte("\n")) || got == 2000 {
		t.Errorf("%d lines written, %d counted", got, sum.Records)
	}
}

// Whatever a raw record holds, it yields exactly one line, a JSON object,
// and an error exactly when that object has an "error" field.
func FuzzAnnotate(f *testing.F) {
	for _, seed := range []string{
		`{"id":"a","text":"\"Kami siap,\" kata Rina Hartati di Jakarta."}`,
		`{"id":"b","text":"“Kami tidak akan mundur,” kata Lavrov seperti dikutip dari Reuters.","outlet":"Warta"}`,
		`{"id":"c","url":"https://news.detik.com/x","text":"JAKARTA, detikNews - Ia berkata, \"Tidak.\""}`,
		`{"text":5}`, `{"id":"d"}`, `[1,2]`, `{"text":"\u2028\ud800"}`, "{\"text\":\"a\"}  ", ``,
	} {
		f.Add([]byte(seed))
	}
	a, err := NewAnnotator(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !utf8.Valid(raw) {
			return // the Reader repairs invalid UTF-8 before a record reaches the Annotator
		}
		line, err := a.Annotate(context.Background(), nil, &Record{Source: "f", Line: 1, Raw: raw})
		if bytes.Count(line, []byte("\n")) != 1 || !bytes.HasSuffix(line, []byte("\n")) {
			t.Fatalf("%q: %d lines: %q", raw, bytes.Count(line, []byte("\n")), line)
		}
		var out map[string]json.RawMessage
		if err := json.Unmarshal(line, &out); err != nil {
			t.Fatalf("%q: the line is no JSON object: %v\n%s", raw, err, line)
		}
		if _, failed := out["error"]; failed != (err != nil) {
			t.Fatalf("%q: error %v, but the line %s", raw, err, line)
		}
	})
}

// The Reader repairs invalid UTF-8 once; the text the stages get from its
// record, escaped or not, holds the repair.
func TestExtractAnnotatesRepairedText(t *testing.T) {
	in := "{\"text\":\"a\xffb\\nc\xe2\x82\"}\n{\"text\":\"plain \xff\"}\n"
	want := []string{"a\uFFFDb\nc\uFFFD\uFFFD", "plain \uFFFD"}
	r, err := NewReader(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	opts := ExtractOptions{Options: Options{Pipeline: pipeline.Pipeline{}}, Workers: 1,
		Each: func(_ *Record, doc *pipeline.Document, _ *Object) (func() error, error) {
			texts = append(texts, doc.Text)
			return nil, nil
		}}
	if _, err := Extract(context.Background(), r, io.Discard, opts); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(texts) != fmt.Sprint(want) {
		t.Errorf("texts %q, want %q", texts, want)
	}
}

// A batch written is emptied for the next records, keeping its buffers
// unless a batch of huge records grew them.
func TestPutBatchKeepsBuffersUpToBound(t *testing.T) {
	for _, c := range []struct {
		size int
		kept bool
	}{{batchBytes, true}, {maxKeptBatchBytes, true}, {maxKeptBatchBytes + 1, false}} {
		b := &batch{jobs: []job{{messages: []string{"m"}}}}
		b.raw.buf, b.out.buf = make([]byte, 1, c.size), make([]byte, 1, c.size)
		jobs := b.jobs[:1]
		putBatch(b)
		if len(b.jobs) != 0 || jobs[0].messages != nil || len(b.raw.buf) != 0 || len(b.out.buf) != 0 {
			t.Errorf("size %d: batch not emptied: %d jobs, %v, raw %d, out %d", c.size, len(b.jobs), jobs[0].messages, len(b.raw.buf), len(b.out.buf))
		}
		if kept := cap(b.raw.buf) == c.size && cap(b.out.buf) == c.size; kept != c.kept {
			t.Errorf("size %d: buffers kept %v, want %v", c.size, kept, c.kept)
		}
	}
}

// A lineStore keeps the lines that fit in its buffer there, gives one that
// does not its own memory without moving the others, and once reset has
// room for as many lines as it took, a quarter more.
func TestLineStore(t *testing.T) {
	for _, c := range []struct {
		capacity int
		lines    []string
		inBuffer []bool
		resetCap int
	}{
		{0, []string{"ab", "c"}, []bool{false, false}, 3},
		{8, []string{"abc", "de"}, []bool{true, true}, 8},
		{8, []string{"abc", "defgh", "ij", "k"}, []bool{true, true, false, false}, 13},
		{4, []string{"abcdef", "gh"}, []bool{false, true}, 10},
		{maxKeptBatchBytes + 1, []string{"a"}, []bool{true}, 0},
	} {
		s := &lineStore{buf: make([]byte, 0, c.capacity)}
		buf := s.buf[:c.capacity]
		var kept [][]byte
		for i, l := range c.lines {
			line := s.add([]byte(l))
			if len(line) != cap(line) {
				t.Errorf("%v: line %q not capped", c.lines, l)
			}
			inBuffer := false
			for k := range buf {
				inBuffer = inBuffer || &buf[k] == &line[0]
			}
			if inBuffer != c.inBuffer[i] {
				t.Errorf("%v: line %q in the buffer %v, want %v", c.lines, l, inBuffer, c.inBuffer[i])
			}
			kept = append(kept, line)
		}
		for i, l := range kept {
			if string(l) != c.lines[i] {
				t.Errorf("%v: line %d is %q", c.lines, i, l)
			}
		}
		s.reset()
		if len(s.buf) != 0 || s.size != 0 || cap(s.buf) != c.resetCap {
			t.Errorf("%v: reset to len %d, size %d, cap %d, want cap %d", c.lines, len(s.buf), s.size, cap(s.buf), c.resetCap)
		}
	}
}
