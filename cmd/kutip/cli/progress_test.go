package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/kutip/kutip/corpus"
)

// On a terminal of any width the bar is one line that never wraps, shows
// articles, rate, percent and time left, and leaves nothing behind; messages
// go above it on lines of their own.
func TestProgressBarFitsTheTerminal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, bytes.Repeat([]byte(`{"id":"a","text":"Satu dua tiga."}`+"\n"), 20000), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{20, 40, 80, 200} {
		r, err := corpus.NewReader(nil, path)
		if err != nil {
			t.Fatal(err)
		}
		for range 10000 {
			if _, err := r.Next(); err != nil {
				t.Fatal(err)
			}
		}
		var out bytes.Buffer
		p := newProgress(&out, r, false, func() int { return width })
		p.articles.Store(1000)
		time.Sleep(10 * time.Millisecond) // a rate to show
		p.draw()
		p.message("in.jsonl:7: warning: a message")
		p.draw()
		p.stop()
		p.summary(1, 0)
		r.Close()

		text := out.String()
		lines := strings.Split(text, "\n")
		if len(lines) != 3 || !strings.HasSuffix(lines[0], "kutip: in.jsonl:7: warning: a message") ||
			!strings.HasPrefix(lines[1], "\x1b[2K\r") && !strings.Contains(lines[1], "kutip: 1 article, 0 errors") {
			t.Errorf("width %d: want the message, then the summary on a cleared line:\n%q", width, text)
		}
		bar := lines[1][:strings.LastIndex(lines[1], "kutip:")]
		if !strings.HasSuffix(bar, "\x1b[2K\r") {
			t.Errorf("width %d: the bar is not cleared at the end: %q", width, bar)
		}
		for _, drawn := range strings.Split(ansiCode.ReplaceAllString(text, ""), "\r") {
			drawn = strings.Split(drawn, "\n")[0]
			if strings.HasPrefix(drawn, "kutip: ") {
				continue // a message or the summary, which may take lines
			}
			if w := runewidth.StringWidth(drawn); w >= width {
				t.Errorf("width %d: a line of %d cells: %q", width, w, drawn)
			}
		}
		if width >= 80 {
			for _, want := range []string{"1000 articles", "MB/s", "% |", "s:", "s]"} {
				if !strings.Contains(text, want) {
					t.Errorf("width %d: the bar lacks %q: %q", width, want, text)
				}
			}
		}
	}
}

func TestRateText(t *testing.T) {
	for _, tc := range []struct {
		bytes int64
		d     time.Duration
		want  string
	}{
		{0, time.Second, ""},
		{30, time.Second, "30 B/s"},
		{12_000, time.Second, "12 kB/s"},
		{45_000_000, time.Second, "45 MB/s"},
		{1_000_000, 0, "1.0 GB/s"},
	} {
		if got := rateText(tc.bytes, tc.d); got != tc.want {
			t.Errorf("rateText(%d, %v) = %q, want %q", tc.bytes, tc.d, got, tc.want)
		}
	}
}

// A line cut to the terminal keeps its control sequences and measures wide
// characters in cells.
func TestFittedLine(t *testing.T) {
	var out bytes.Buffer
	f := &fittedLine{w: &out, width: 6}
	f.Write([]byte("\r한국어 text\x1b[0K"))
	if got, want := out.String(), "\r한국어\x1b[0K"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Reading standard input, whose size is unknown, the bar is a spinner with
// the articles and the rate, on one line as well.
func TestProgressSpinnerForStandardInput(t *testing.T) {
	r, err := corpus.NewReader(strings.NewReader(strings.Repeat(`{"id":"a","text":"Satu."}`+"\n", 100)))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for range 50 {
		if _, err := r.Next(); err != nil {
			t.Fatal(err)
		}
	}
	for _, width := range []int{20, 40, 80} {
		var out bytes.Buffer
		p := newProgress(&out, r, false, func() int { return width })
		p.articles.Store(50)
		p.draw()
		p.stop()
		text := ansiCode.ReplaceAllString(out.String(), "")
		if !strings.Contains(text, "50 ") || !strings.Contains(text, "B/s") {
			t.Errorf("width %d: no spinner line with articles and rate: %q", width, out.String())
		}
		for _, drawn := range strings.Split(text, "\r") {
			if w := runewidth.StringWidth(drawn); w >= width {
				t.Errorf("width %d: a line of %d cells: %q", width, w, drawn)
			}
		}
	}
}
