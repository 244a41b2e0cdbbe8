// Package web is kutip serve: the analysts' view of a quote store — quote
// search with facets, article, speaker and overview pages, exports and a
// JSON API — rendered on the server with html/template and SVG charts.
// Every asset is embedded; nothing is fetched from the network. It reads the
// store only through store.Store.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/kutip/kutip/corpus/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Bounds on what one request may ask for.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
	MaxExport       = 50000 // quotes in one CSV or JSONL download
	RequestTimeout  = 20 * time.Second
)

// Server serves the web view of one store. It never writes to the store;
// open it read-only.
type Server struct {
	store store.Store
	pages map[string]*template.Template
	mux   *http.ServeMux
	// Log receives errors that a page shows only as "something went wrong".
	Log *log.Logger
}

// New returns the web view of s.
func New(s store.Store) (*Server, error) {
	srv := &Server{store: s, pages: map[string]*template.Template{}, mux: http.NewServeMux(), Log: log.Default()}
	for _, page := range []string{"overview", "quotes", "article", "speaker", "error"} {
		t, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFiles, "templates/layout.html", "templates/hits.html", "templates/"+page+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", page, err)
		}
		srv.pages[page] = t
	}
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	srv.mux.HandleFunc("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") { // no listings
			srv.fail(w, r, http.StatusNotFound, errors.New("no such page"))
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
	srv.mux.HandleFunc("GET /{$}", srv.handle(srv.overview))
	srv.mux.HandleFunc("GET /quotes", srv.handle(srv.quotes))
	srv.mux.HandleFunc("GET /article", srv.handle(srv.article))
	srv.mux.HandleFunc("GET /speaker", srv.handle(srv.speaker))
	srv.mux.HandleFunc("GET /export.csv", srv.export("csv"))
	srv.mux.HandleFunc("GET /export.jsonl", srv.export("jsonl"))
	srv.mux.HandleFunc("GET /api/quotes", srv.apiQuotes)
	srv.mux.HandleFunc("GET /api/top", srv.apiTop)
	srv.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		srv.fail(w, r, http.StatusNotFound, errors.New("no such page"))
	})
	return srv, nil
}

// ServeHTTP implements http.Handler: every response forbids scripts, frames
// and anything from elsewhere, and every request has a deadline.
func (srv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	ctx, cancel := context.WithTimeout(r.Context(), RequestTimeout)
	defer cancel()
	srv.mux.ServeHTTP(w, r.WithContext(ctx))
}

// HTTPServer returns an http.Server for srv at addr with timeouts, so that
// no client can hold a connection open for long.
func (srv *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      RequestTimeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// A view builds the data of a page from a request.
type view func(r *http.Request) (page string, data any, err error)

// errNotFound marks a view's error as a 404.
var errNotFound = errors.New("not found")

func (srv *Server) handle(v view) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		page, data, err := v(r)
		if err != nil {
			status := http.StatusInternalServerError
			switch {
			case errors.Is(err, store.ErrBadFilter), errors.Is(err, errBadParam):
				status = http.StatusBadRequest
			case errors.Is(err, errNotFound), errors.Is(err, store.ErrNoArticle):
				status = http.StatusNotFound
			case errors.Is(err, context.DeadlineExceeded):
				status = http.StatusServiceUnavailable
			}
			srv.fail(w, r, status, err)
			return
		}
		srv.render(w, http.StatusOK, page, data)
	}
}

func (srv *Server) render(w http.ResponseWriter, status int, page string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := srv.pages[page].Execute(w, data); err != nil {
		srv.Log.Printf("kutip serve: page %s: %v", page, err)
	}
}

// fail shows an error page: the message for the user's mistakes, a plain
// "something went wrong" (and the log) for the server's.
func (srv *Server) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	msg := err.Error()
	if status >= 500 {
		srv.Log.Printf("kutip serve: %s: %v", r.URL, err)
		msg = "Something went wrong reading the store; the server log says what."
		if status == http.StatusServiceUnavailable {
			msg = "The store took too long to answer."
		}
	}
	srv.render(w, status, "error", errorPage{Page: page{Title: http.StatusText(status)}, Status: status, Message: msg})
}

type errorPage struct {
	Page    page
	Status  int
	Message string
}
