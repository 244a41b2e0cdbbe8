package cli

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a stderr that a test reads while kutip writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// kutip serve answers on the address it reports, read-only, and a signal
// stops it with the signal's exit status.
func TestServeAnswersAndStopsOnASignal(t *testing.T) {
	db := fixtureStore(t)
	ctx, stop := context.WithCancelCause(context.Background())
	var stdout, stderr lockedBuffer
	status := make(chan int, 1)
	go func() {
		status <- Run(ctx, []string{"kutip", "serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &stdout, &stderr)
	}()
	serving := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)
	var url string
	for deadline := time.Now().Add(20 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := serving.FindStringSubmatch(stderr.String()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		stop(Interrupt{Signal: syscall.SIGINT})
		t.Fatalf("no address reported: %s (exit %d)", stderr.String(), <-status)
	}
	if log := stderr.String(); !regexp.MustCompile(`(?s)reading .*read in .*serving`).MatchString(log) {
		t.Errorf("stderr %q: want the store's reading announced, then timed, then the address", log)
	}
	resp, err := http.Get(url + "quotes?speaker=Lavrov")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Sergey Lavrov") {
		t.Errorf("status %d: %.300s", resp.StatusCode, body)
	}
	stop(Interrupt{Signal: syscall.SIGINT})
	if code := <-status; code != 130 {
		t.Errorf("exit %d after SIGINT, want 130; stderr: %s", code, stderr.String())
	}
	if stdout.String() != "" {
		t.Errorf("stdout %q, want nothing", stdout.String())
	}
}

// A port already taken is a usage error, said before the store is read.
func TestServeOnATakenPort(t *testing.T) {
	db := fixtureStore(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	code, out, stderr := run(t, "", "serve", "--db", db, "--addr", taken.Addr().String())
	if code != exitUsage || out != "" || !strings.Contains(stderr, "--addr") || strings.Contains(stderr, "reading") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit %d naming --addr before reading the store", code, out, stderr, exitUsage)
	}
}
