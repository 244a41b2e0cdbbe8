package cli

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/dustin/go-humanize"
	"github.com/mattn/go-runewidth"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/kutip/kutip/corpus"
)

// progress shows a bar on a terminal while extract or index runs (articles,
// MB/s of the input as decompressed, and percent and time left when the
// input's size is known) and writes messages above it; quiet, it shows no
// bar and no summary.
type progress struct {
	out      io.Writer
	reader   *corpus.Reader
	quiet    bool
	width    func() int // the terminal's width; nil when out is no terminal
	start    time.Time
	articles atomic.Int64

	mu       sync.Mutex // serialises the bar with messages
	bar      *progressbar.ProgressBar
	barFor   int // the width bar was made for
	line     *fittedLine
	ticker   *time.Ticker
	stopped  chan struct{}
	finished sync.WaitGroup
}

// progressInterval is how often the bar is redrawn.
const progressInterval = 250 * time.Millisecond

// startProgress shows the bar on out when it is a terminal, unless records,
// the output, goes to that terminal too: lines written under the bar would
// be cut through by it.
func startProgress(out io.Writer, r *corpus.Reader, quiet bool, records io.Writer) *progress {
	var width func() int
	if f, ok := out.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) && !onTerminal(records) {
		width = func() int {
			if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
				return w
			}
			return 80
		}
	}
	return newProgress(out, r, quiet, width)
}

func onTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress is startProgress for out, a terminal as wide as width says
// (nil: no terminal, no bar).
func newProgress(out io.Writer, r *corpus.Reader, quiet bool, width func() int) *progress {
	p := &progress{out: out, reader: r, quiet: quiet, width: width, start: time.Now(), stopped: make(chan struct{})}
	if width == nil {
		return p
	}
	p.line = &fittedLine{w: out}
	p.ticker = time.NewTicker(progressInterval)
	p.finished.Add(1)
	go func() {
		defer p.finished.Done()
		for {
			select {
			case <-p.ticker.C:
				p.draw()
			case <-p.stopped:
				return
			}
		}
	}()
	return p
}

// draw updates the bar, made anew when the terminal's width changed.
func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	width := p.width()
	total := p.reader.TotalBytes()
	if p.bar == nil || width != p.barFor {
		if p.bar != nil {
			p.bar.Clear()
		}
		p.bar, p.barFor = newBar(p.line, width, total), width
	}
	p.line.width = width - 1 // a line filling the last column wraps on some terminals
	p.bar.Describe(p.describe(width))
	if total > 0 {
		// Read-ahead reaches the end before the last records are done:
		// a full bar would be a finished one, drawn no more.
		p.bar.Set64(min(p.reader.BytesRead(), total-1))
	} else {
		p.bar.Add64(0) // turn the spinner
	}
}

// describe is what the bar shows before itself: articles and rate, shorter
// on a narrow terminal.
func (p *progress) describe(width int) string {
	n := p.articles.Load()
	rate := rateText(p.reader.DecodedBytesRead(), time.Since(p.start))
	if width < 60 {
		return strconv.FormatInt(n, 10) + " " + rate + " "
	}
	return plural(int(n), "article") + "  " + rate + " "
}

// newBar is a bar for a terminal of width columns, over total bytes of
// input (-1: unknown, a spinner).
func newBar(out io.Writer, width int, total int64) *progressbar.ProgressBar {
	// What the bar leaves room for: the description (at most about 30
	// columns), " 100% ", its ends and " [1h2m3s:1h2m3s]".
	barWidth := max(0, min(40, width-1-30-6-2-16))
	if total < 0 {
		// A spinner, no bar; the width is its count of steps, which must
		// not be 0 or the spinner is done before it starts.
		barWidth = 10
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(out),
		progressbar.OptionSetWidth(barWidth),
		progressbar.OptionUseANSICodes(true), // clear to the line's end: nothing stale
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetSpinnerChangeInterval(0), // drawn by draw alone, never over a message
		// draw's Describe redraws the bar; the Set64 after it then waits
		// for the next tick rather than drawing the same line twice.
		progressbar.OptionThrottle(progressInterval/2),
		progressbar.OptionClearOnFinish(),
	)
}

// message writes m on a line of its own above the bar.
func (p *progress) message(m string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintf(p.out, "kutip: %s\n", m)
	if p.bar != nil {
		p.bar.RenderBlank()
	}
}

// stop removes the bar.
func (p *progress) stop() {
	if p.ticker == nil {
		return
	}
	p.ticker.Stop()
	close(p.stopped)
	p.finished.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Exit()
		p.bar.Clear()
	}
}

// summary says what reached the output, unless quiet.
func (p *progress) summary(articles, failed int) {
	if p.quiet {
		return
	}
	took := time.Since(p.start)
	fmt.Fprintf(p.out, "kutip: %s, %s, %.2f s", plural(articles, "article"), plural(failed, "error"), took.Seconds())
	if rate := rateText(p.reader.DecodedBytesRead(), took); rate != "" {
		fmt.Fprintf(p.out, ", %s", rate)
	}
	fmt.Fprintln(p.out)
}

// rateText is bytes read over d as a rate in SI units ("45 MB/s", "12 kB/s"),
// or "" before anything was read: never "0.0 MB/s".
func rateText(bytes int64, d time.Duration) string {
	if bytes <= 0 {
		return ""
	}
	return humanize.Bytes(uint64(float64(bytes)/max(d.Seconds(), 1e-3))) + "/s"
}

// fittedLine passes the bar's drawing on, cut to width display cells, so
// that whatever the bar holds it never wraps onto a second line (which a
// carriage return cannot take back).
type fittedLine struct {
	w     io.Writer
	width int
}

// ansiCode matches the terminal control sequences the bar writes.
var ansiCode = regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`)

func (f *fittedLine) Write(p []byte) (int, error) {
	s := string(p)
	var b strings.Builder
	cells := 0
	for len(s) > 0 {
		if loc := ansiCode.FindStringIndex(s); loc != nil && loc[0] == 0 {
			b.WriteString(s[:loc[1]])
			s = s[loc[1]:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == '\r' || r == '\n':
			cells = 0
			b.WriteRune(r)
		case cells+runewidth.RuneWidth(r) <= f.width:
			cells += runewidth.RuneWidth(r)
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	if _, err := io.WriteString(f.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}
