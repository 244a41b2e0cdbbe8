package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/kutip/kutip/cmd/kutip/cli"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/postgres"
	"github.com/kutip/kutip/corpus/store/postgres/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(onPrism{m})) }

// onPrism runs tests with Beam initialised and Prism the default runner.
type onPrism struct{ m *testing.M }

func (p onPrism) Run() int { return ptest.MainRetWithDefault(p.m, "prism") }

// On Prism the pipeline writes the lines kutip extract writes for the same
// records, in some order, and its error records carry the same errors.
func TestPipelineWritesWhatExtractWrites(t *testing.T) {
	inputs, err := filepath.Glob("testdata/articles*.jsonl*")
	if err != nil || len(inputs) != 2 {
		t.Fatalf("inputs %v, err %v", inputs, err)
	}
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), append([]string{"kutip", "extract", "--quiet"}, inputs...), strings.NewReader(""), &stdout, &stderr)
	if code != 1 { // one record lacks its text field
		t.Fatalf("kutip extract exit %d: %s", code, stderr.String())
	}
	var want, wantErrors []string
	for _, line := range strings.SplitAfter(stdout.String(), "\n") {
		if line == "" {
			continue
		}
		if msg := errorOf(t, line); msg != "" {
			wantErrors = append(wantErrors, msg)
		} else {
			want = append(want, line)
		}
	}

	dir := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, Config{Input: "testdata/articles*.jsonl*", Output: filepath.Join(dir, "out"), Gzip: true}); err != nil {
		t.Fatal(err)
	}
	res, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatal(err)
	}
	got := readShards(t, filepath.Join(dir, "out-[0-9]*-of-*.jsonl.gz"))
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("pipeline output:\n%s\nkutip extract:\n%s", strings.Join(got, ""), strings.Join(want, ""))
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*")); len(tmp) > 0 {
		t.Errorf("files left unnamed: %q", tmp)
	}
	var gotErrors []string
	for _, line := range readShards(t, filepath.Join(dir, "out-errors-00000-of-00001.jsonl.gz")) {
		gotErrors = append(gotErrors, errorOf(t, line))
	}
	if !slices.Equal(gotErrors, wantErrors) || len(wantErrors) != 1 {
		t.Errorf("errors %q, want %q", gotErrors, wantErrors)
	}
	if errs := readShards(t, filepath.Join(dir, "out-errors-00000-of-00001.jsonl.gz")); len(errs) == 1 && !strings.Contains(errs[0], `"file":"testdata/articles.jsonl"`) {
		t.Errorf("error record %s, want the file named", errs[0])
	}
	counters := map[string]int64{}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		counters[c.Key.Name] += c.Committed
	}
	if counters["records"] != 8 || counters["failed"] != 1 {
		t.Errorf("counters %v, want 8 records, 1 failed", counters)
	}
}

// errorOf returns the error of an error record, with the place kutip
// extract adds (the pipeline cannot know the line), or "" for a good line.
func errorOf(t *testing.T, line string) string {
	t.Helper()
	var rec struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal([]byte(line), &rec); err != nil {
		t.Fatalf("%v: %s", err, line)
	}
	return rec.Error
}

// readShards returns the lines, newline kept, of the gzip files matching
// pattern.
func readShards(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no files %s (%v)", pattern, err)
	}
	var lines []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(zr)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				lines = append(lines, line)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		f.Close()
	}
	return lines
}

// With --db the pipeline indexes what it annotates into the PostgreSQL
// store: the same quotes as kutip index of kutip extract's output.
func TestPipelineIndexesIntoPostgres(t *testing.T) {
	ctx := context.Background()
	beamDB, indexDB := pgtest.URL(t), pgtest.URL(t)
	dir := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, Config{Input: "testdata/articles*.jsonl*", DB: beamDB, Errors: filepath.Join(dir, "errors")}); err != nil {
		t.Fatal(err)
	}
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	inputs, _ := filepath.Glob("testdata/articles*.jsonl*")
	extracted := filepath.Join(dir, "out.jsonl")
	var stderr bytes.Buffer
	run := func(args ...string) {
		if code := cli.Run(ctx, append([]string{"kutip"}, args...), strings.NewReader(""), io.Discard, &stderr); code > 1 {
			t.Fatalf("%q: exit %d: %s", args, code, stderr.String())
		}
	}
	run(append([]string{"extract", "--quiet", "-o", extracted}, inputs...)...)
	run("index", "--quiet", "--db", indexDB, extracted)
	quotes := func(url string) []string {
		st, err := postgres.OpenReadOnly(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		hits, err := st.Quotes(ctx, store.Filter{}, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for _, h := range hits {
			rows = append(rows, h.Article+" "+h.Text)
		}
		return rows
	}
	got, want := quotes(beamDB), quotes(indexDB)
	slices.Sort(got) // undated articles' quotes come in the order they were indexed
	slices.Sort(want)
	if len(want) < 5 || !slices.Equal(got, want) {
		t.Errorf("indexed by the pipeline %q\nby kutip index %q", got, want)
	}
}
