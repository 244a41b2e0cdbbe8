package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kutip/kutip/corpus/web"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "browse a quote store in a web browser",
		Description: "Serves the analysts' web view of the store: quote search with facets, article, speaker and\n" +
			"overview pages, CSV and JSONL exports and a JSON API (/api/quotes, /api/top). The store is\n" +
			"opened read-only; the server binds to this machine only unless --addr says otherwise.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen on `HOST:PORT` (0.0.0.0:8080 opens it to the network)"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usageErrorf("kutip serve takes no arguments, only flags (got %q)", c.Args().First())
			}
			s, err := openQueryStore(c)
			if err != nil {
				return err
			}
			defer s.Close()
			// Bound before the store is read, so a taken port is said at
			// once; browsers connecting meanwhile wait in the backlog.
			ln, err := net.Listen("tcp", c.String("addr"))
			if err != nil {
				return usageErrorf("--addr: %v", err)
			}
			defer ln.Close()
			// A backend that can keep facet columns in memory does so: a
			// server asks for counts over the whole store at every page.
			if w, ok := s.(interface{ Warm(context.Context) error }); ok {
				start := time.Now()
				// A store of millions of quotes takes seconds to read: say
				// so, or a silent terminal looks like a hang.
				fmt.Fprintf(c.App.ErrWriter, "kutip: reading %s before serving it…\n", storeName(c.String("db")))
				if err := w.Warm(c.Context); err != nil {
					return err
				}
				fmt.Fprintf(c.App.ErrWriter, "kutip: %s read in %.1f s\n", storeName(c.String("db")), time.Since(start).Seconds())
			}
			srv, err := web.New(s)
			if err != nil {
				return err
			}
			hs := srv.HTTPServer(ln.Addr().String())
			fmt.Fprintf(c.App.ErrWriter, "kutip: serving %s at http://%s/ (Ctrl-C stops)\n", storeName(c.String("db")), ln.Addr())
			done := make(chan error, 1)
			go func() { done <- hs.Serve(ln) }()
			select {
			case err := <-done:
				return err
			case <-c.Context.Done():
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				hs.Shutdown(ctx)
				if err := <-done; !errors.Is(err, http.ErrServerClosed) {
					return err
				}
				return context.Cause(c.Context) // an Interrupt: exit 130 or 143
			}
		},
	}
}
