package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run runs kutip in-process and returns its exit status and outputs.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), append([]string{"kutip"}, args...), strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func decodeLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, line)
		}
		recs = append(recs, m)
	}
	return recs
}

func TestExtractKeepsInputFieldsInOrder(t *testing.T) {
	in := `{"id":"a","outlet":"Contoh","text":"\"Kami siap bekerja keras,\" kata Rina Hartati di Bandung.","n":1}` + "\n" +
		`{"n":2,"text":"Tidak ada kutipan di sini.","id":"b"}` + "\n"
	code, out, stderr := run(t, in, "extract", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d output lines, want 2:\n%s", len(lines), out)
	}
	if !strings.HasPrefix(lines[0], `{"id":"a","outlet":"Contoh","text":`) || !strings.HasPrefix(lines[1], `{"n":2,"text":`) {
		t.Errorf("input fields not first and in order:\n%s", out)
	}
	recs := decodeLines(t, out)
	quotes := recs[0]["quotes"].([]any)
	if len(quotes) != 1 {
		t.Fatalf("quotes = %v", quotes)
	}
	q := quotes[0].(map[string]any)
	if q["text"] != "Kami siap bekerja keras," || q["speaker"].(map[string]any)["name"] != "Rina Hartati" {
		t.Errorf("quote = %v", q)
	}
	if _, ok := recs[1]["entities"]; !ok {
		t.Errorf("record without quotes has no entities field: %v", recs[1])
	}
	if stderr != "" {
		t.Errorf("--quiet wrote to stderr: %q", stderr)
	}
}

func TestExtractBadRecordsYieldOneLineEach(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"ok","text":"Rina datang."}`,
		``,
		`{"id":"broken", "text": `,
		`{"id":"no-text"}`,
		`{"id":"number","text":42}`,
		`[1,2]`,
		`{"id":"last","text":"Selesai."}`,
	}, "\n")
	code, out, stderr := run(t, in, "extract", "--quiet")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	recs := decodeLines(t, out)
	if len(recs) != 6 {
		t.Fatalf("%d records, want 6 (blank line skipped):\n%s", len(recs), out)
	}
	wantErr := []bool{false, true, true, true, true, false}
	wantLine := []float64{0, 3, 4, 5, 6, 0}
	for i, r := range recs {
		_, hasErr := r["error"]
		if hasErr != wantErr[i] {
			t.Errorf("record %d error = %v, want %v: %v", i, r["error"], wantErr[i], r)
		}
		if hasErr && r["line"] != wantLine[i] {
			t.Errorf("record %d line = %v, want %v", i, r["line"], wantLine[i])
		}
	}
	if recs[1]["raw"] != `{"id":"broken", "text": ` {
		t.Errorf("unparseable record keeps raw line: %v", recs[1])
	}
	if recs[2]["id"] != "no-text" || recs[3]["id"] != "number" {
		t.Errorf("records with a bad text field keep their fields: %v %v", recs[2], recs[3])
	}
	for _, want := range []string{"-:3:", "-:4: ", `"text"`, "-:5:", "-:6:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestExtractFailFastStopsAtFirstBadRecord(t *testing.T) {
	in := "{\"id\":\"a\",\"text\":\"Satu.\"}\n{bad\n{\"id\":\"c\",\"text\":\"Tiga.\"}\n"
	code, out, _ := run(t, in, "extract", "--quiet", "--fail-fast", "--workers", "1")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d lines written, want 2 (the good record and the failed one):\n%s", n, out)
	}
}

func TestExtractPreservesOrderWithManyWorkers(t *testing.T) {
	var in strings.Builder
	for i := range 300 {
		text := strings.Repeat("Kata Rina Hartati di Jakarta. ", i%17+1)
		fmt.Fprintf(&in, "{\"id\":\"r%03d\",\"text\":%q}\n", i, text)
	}
	code, out, stderr := run(t, in.String(), "extract", "--quiet", "--workers", "4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for i, r := range decodeLines(t, out) {
		if r["id"] != fmt.Sprintf("r%03d", i) {
			t.Fatalf("record %d has id %v", i, r["id"])
		}
	}
}

func TestExtractReadsFilesAndDirectories(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "b.txt"), []byte("Artikel kedua tentang Bandung."), 0o644))
	must(os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"id":"x","text":"Artikel pertama."}`+"\n"), 0o644))
	outPath := filepath.Join(t.TempDir(), "out.jsonl")
	code, stdout, stderr := run(t, "", "extract", "--output", outPath, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("--output still wrote to stdout: %q", stdout)
	}
	if !strings.Contains(stderr, "kutip: 2 articles, 0 errors") {
		t.Errorf("summary missing: %q", stderr)
	}
	data, err := os.ReadFile(outPath)
	must(err)
	recs := decodeLines(t, string(data))
	if len(recs) != 2 || recs[0]["id"] != "x" || recs[1]["id"] != filepath.Join(dir, "b.txt") {
		t.Errorf("records = %v", recs)
	}
}

func TestUsageErrorsExit2WithoutStdout(t *testing.T) {
	for _, args := range [][]string{
		{"extract", "--no-such-flag"},
		{"no-such-command"},
		{"extract", "/no/such/file.jsonl"},
		{"extract", "--workers", "0"},
	} {
		code, out, stderr := run(t, "", args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if out != "" {
			t.Errorf("%v: wrote to stdout: %q", args, out)
		}
		if !strings.Contains(stderr, "kutip") {
			t.Errorf("%v: stderr has no message: %q", args, stderr)
		}
	}
}

func TestExtractCancelledWritesWholeLinesOnly(t *testing.T) {
	var in strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&in, "{\"id\":\"r%d\",\"text\":\"Kata Rina di Jakarta.\"}\n", i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr bytes.Buffer
	cancel()
	Run(ctx, []string{"kutip", "extract", "--quiet"}, strings.NewReader(in.String()), &stdout, &stderr)
	if out := stdout.String(); out != "" && !strings.HasSuffix(out, "\n") {
		t.Errorf("output ends in a partial line: %q", out[max(0, len(out)-80):])
	}
}

func TestFlagsAfterFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(`{"id":"a","text":"Rina datang."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	code, stdout, stderr := run(t, "", "extract", in, "--output", out, "-q")
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), `"id":"a"`) {
		t.Errorf("output file: %q, %v", data, err)
	}
}

func TestExtractRepairsInvalidUTF8AndKeepsOddText(t *testing.T) {
	in := "{\"id\":\"bad\",\"text\":\"Harga \xff\xfe naik.\"}\n" +
		"{\"id\":\"ctl\",\"text\":\"Nol \\u0000 dan \\u0007 bel, \\\"kutip\\\" di dalam.\"}\n" +
		"{\"id\":\"big\",\"text\":\"" + strings.Repeat("Rina Hartati datang ke Jakarta. ", 200000) + "\"}\n"
	code, out, stderr := run(t, in, "extract", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "-:1: warning: invalid UTF-8 replaced with U+FFFD") {
		t.Errorf("no warning for invalid UTF-8: %q", stderr)
	}
	recs := decodeLines(t, out)
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	if recs[0]["text"] != "Harga \uFFFD\uFFFD naik." {
		t.Errorf("repaired text = %q", recs[0]["text"])
	}
	if recs[1]["text"] != "Nol \x00 dan \x07 bel, \"kutip\" di dalam." {
		t.Errorf("control characters changed: %q", recs[1]["text"])
	}
	if n := len(recs[2]["entities"].([]any)); n < 200000 {
		t.Errorf("large record has %d entities", n)
	}
}

// A pipeline reading kutip's output while it feeds the input (a notebook, a
// Spark pipe) gets each record's line without waiting for later records.
func TestExtractStreamsRecordsAsTheyCome(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int)
	go func() {
		var stderr bytes.Buffer
		code := Run(context.Background(), []string{"kutip", "extract", "--quiet"}, inR, outW, &stderr)
		outW.Close()
		done <- code
	}()
	lines := bufio.NewReader(outR)
	for i := range 3 {
		if _, err := fmt.Fprintf(inW, "{\"id\":\"r%d\",\"text\":\"Kata Rina di Jakarta.\"}\n", i); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			line, _ := lines.ReadString('\n')
			got <- line
		}()
		select {
		case line := <-got:
			if want := fmt.Sprintf(`"id":"r%d"`, i); !strings.Contains(line, want) {
				t.Fatalf("line %d = %q, want it to hold %s", i, line, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no output for record %d while the input stays open", i)
		}
	}
	inW.Close()
	if rest, _ := io.ReadAll(lines); len(rest) > 0 {
		t.Errorf("unexpected output after the last record: %q", rest)
	}
	if code := <-done; code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

// extract --db indexes each document as it is annotated; the store holds
// exactly what indexing extract's output afterwards gives it.
func TestExtractDBStoresWhatIndexStores(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.jsonl"), filepath.Join(dir, "out.jsonl")
	example, err := os.ReadFile("../../../testdata/contoh.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	input := string(example) + storeFixture +
		`{"id":"é","date":"2025-07-14","text":"Café ramai. “Kami tidak akan mundur,” kata Lavrov seperti dikutip dari Reuters."}` + "\n"
	if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	direct, indexed := filepath.Join(dir, "direct.db"), filepath.Join(dir, "indexed.db")
	if code, _, stderr := run(t, "", "extract", "--quiet", "--db", direct, "-o", out, in); code != exitFailed {
		t.Fatalf("extract --db exit %d, want 1 for the fixture's broken record; stderr: %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "index", "--quiet", "--db", indexed, out); code != exitOK {
		t.Fatalf("index exit %d; stderr: %s", code, stderr)
	}
	for _, table := range []string{"articles", "entities", "aliases", "mentions", "quotes", "quote_sources", "id_sequences"} {
		query := "SELECT * FROM " + table + " ORDER BY 1, 2"
		_, want, _ := run(t, "", "sql", "--db", indexed, "--format", "csv", query)
		code, got, stderr := run(t, "", "sql", "--db", direct, "--format", "csv", query)
		if code != exitOK || got != want || strings.Count(want, "\n") < 2 {
			t.Errorf("%s: extract --db stored\n%s\nindex stored\n%s%s", table, got, want, stderr)
		}
	}
}
