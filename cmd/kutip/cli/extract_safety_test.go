package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/gazetteer"
)

func records(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "{\"id\":\"r%d\",\"text\":\"\\\"Kami siap,\\\" kata Rina Hartati di Jakarta.\"}\n", i)
	}
	return b.String()
}

// failingStore is a store whose disk is full.
type failingStore struct{ store.Store }

func (failingStore) Index(context.Context, []store.Article) error {
	return errors.New("database or disk is full")
}

// A store that fails costs the index, never a line of the output.
func TestExtractDBFailureKeepsTheOutputWhole(t *testing.T) {
	for _, n := range []int{3, 1200} { // failing at the final flush, and while records still come
		in := records(n)
		r, err := corpus.NewReader(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		g, err := gazetteer.Default()
		if err != nil {
			t.Fatal(err)
		}
		ix := &recordIndex{path: "full.db", fields: store.DefaultRecordFields, ix: store.NewIndexer(failingStore{}, store.DefaultRecordFields)}
		var out, stderr bytes.Buffer
		opts := extractOptions{quiet: true}
		opts.Gazetteer, opts.Workers = g, 2
		err = extract(context.Background(), opts, r, ix, &out, &stderr)
		if ferr := ix.finish(); err == nil {
			err = ferr
		}
		if err == nil || !strings.Contains(stderr.String()+err.Error(), "database or disk is full") {
			t.Errorf("%d records: error %v, stderr %q: the failure is not reported", n, err, stderr.String())
		}
		if got := strings.Count(out.String(), "\n"); got != n || !strings.HasSuffix(out.String(), "\n") {
			t.Errorf("%d records: %d output lines", n, got)
		}
	}
}

// An interrupt leaves whole lines, and the store holds exactly the articles
// written to the output: those waiting for their batch are committed too.
func TestExtractDBInterruptedIndexesWhatWasWritten(t *testing.T) {
	db := filepath.Join(t.TempDir(), "q.db")
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		code := Run(ctx, []string{"kutip", "extract", "-q", "--db", db}, inR, outW, io.Discard)
		outW.Close()
		done <- code
	}()
	const n = 40
	go io.WriteString(inW, records(n))
	lines := bufio.NewReader(outR)
	for i := range n {
		if _, err := lines.ReadString('\n'); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
	}
	cancel()
	if rest, _ := io.ReadAll(lines); len(rest) > 0 {
		t.Errorf("output after the interrupt: %q", rest)
	}
	if code := <-done; code == 0 {
		t.Errorf("interrupted run exits 0")
	}
	inW.Close()
	code, out, stderr := run(t, "", "sql", "--db", db, "--format", "csv", "SELECT count(*) FROM articles")
	if code != 0 || !strings.HasSuffix(out, fmt.Sprintf("\n%d\n", n)) {
		t.Errorf("articles in the store: exit %d, %q %s; want %d", code, out, stderr, n)
	}
}

// The summary counts the records written, not those buffered when the
// output failed.
func TestExtractSummaryCountsRecordsWritten(t *testing.T) {
	in := records(3)
	_, whole, _ := run(t, in, "extract", "-q")
	first, _, _ := strings.Cut(whole, "\n")
	var stderr bytes.Buffer
	out := &shortWriter{room: len(first) + 10}
	code := Run(context.Background(), []string{"kutip", "extract", "-j", "1"}, strings.NewReader(in), out, &stderr)
	if code != exitFailed {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "kutip: 1 article, 0 errors") {
		t.Errorf("summary: %q, want 1 article written", stderr.String())
	}
}

// shortWriter takes room bytes, then fails.
type shortWriter struct{ room int }

func (w *shortWriter) Write(p []byte) (int, error) {
	if len(p) > w.room {
		n := w.room
		w.room = 0
		return n, errors.New("no space left on device")
	}
	w.room -= len(p)
	return len(p), nil
}

// `kutip extract -o /dev/stdout … | head -1`: the output is opened
// write-only, so the reader going away ends the run.
func TestExtractOutputPipeClosedEndsTheRun(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	path := fmt.Sprintf("/proc/self/fd/%d", pw.Fd())
	if _, err := os.Stat(path); err != nil {
		t.Skip("no /proc/self/fd")
	}
	done := make(chan int)
	go func() {
		done <- Run(context.Background(), []string{"kutip", "extract", "-q", "-o", path}, strings.NewReader(records(3000)), io.Discard, io.Discard)
	}()
	if _, err := bufio.NewReader(pr).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	pr.Close()
	select {
	case code := <-done:
		if code != exitBrokenPipe {
			t.Errorf("exit %d, want %d", code, exitBrokenPipe)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("extract still runs after its output's reader went away")
	}
}

// An interrupt ends a run blocked on an output pipe nobody reads.
func TestExtractInterruptEndsABlockedWrite(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	path := fmt.Sprintf("/proc/self/fd/%d", pw.Fd())
	if _, err := os.Stat(path); err != nil {
		t.Skip("no /proc/self/fd")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"kutip", "extract", "-q", "-o", path}, strings.NewReader(records(3000)), io.Discard, io.Discard)
	}()
	if _, err := bufio.NewReader(pr).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the pipe fills
	cancel()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("extract ignores the interrupt while its output blocks")
	}
}

// An interrupted run leaves the output file as it was.
func TestExtractInterruptedKeepsTheOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	if err := os.WriteFile(out, []byte("earlier\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inR, inW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- Run(ctx, []string{"kutip", "extract", "-q", "-o", out}, inR, io.Discard, io.Discard) }()
	io.WriteString(inW, records(5))
	time.Sleep(100 * time.Millisecond)
	cancel()
	<-done
	inW.Close()
	if data, _ := os.ReadFile(out); string(data) != "earlier\n" {
		t.Errorf("output after an interrupt: %q", data)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
