// Command kutip extracts entities and attributed quotes from Indonesian news.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/kutip/kutip/cmd/kutip/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
