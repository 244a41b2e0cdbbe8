// Command kutip extracts entities and attributed quotes from Indonesian news.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/kutip/kutip/cmd/kutip/cli"
)

// memoryLimit is the heap size the garbage collector works to stay under
// unless GOMEMLIMIT says otherwise: without it the heap may grow to twice the
// live data between collections, and a streaming filter should have a small,
// predictable footprint whatever the corpus size.
const memoryLimit = 90 << 20

func main() {
	// The collector keeps Go's default GOGC of 100. At 150 it marks the
	// ~15 MB that live all run less often, but the larger heap's first
	// touch of fresh pages costs more: on 20 MB with one worker 0.816 s
	// against 0.774 s, peak RSS 60 MB against 52 MB (8 alternating runs).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		first := (<-signals).(syscall.Signal)
		cancel(cli.Interrupt{Signal: first}) // the run finishes its lines and stops
		<-signals                            // a second signal does not wait for that
		os.Exit(128 + int(first))
	}()
	os.Exit(cli.Run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr))
}
