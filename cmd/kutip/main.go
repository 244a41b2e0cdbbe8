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

// gcPercent is the collector's GOGC unless GOGC says otherwise. The heap
// holds ~15 MB that live all run (the gazetteer, its spelling model, the
// word lists), so at Go's default of 100 a collection comes every 15 MB
// allocated, and marking what lives costs 5.6 % of the instructions of a
// 20 MB extract on one worker; at 150 it costs 3.1 %, for a few MB more
// resident memory (peak 61 / 74 MB with one / two workers, from 58 / 66).
// 200 would take it to 2 % and two workers to 85-96 MB.
const gcPercent = 150

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
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
