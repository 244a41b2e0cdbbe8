package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/kutip/kutip/corpus/store"
)

// export serves the quotes a view shows, with the same parameters, as a
// CSV or JSONL download of up to MaxExport quotes.
func (srv *Server) export(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rq, err := parseRequest(r.URL.Query())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		quotes, err := srv.store.Quotes(r.Context(), rq.filter, store.Page{Order: rq.order, Limit: MaxExport})
		if err != nil {
			srv.apiError(w, r, err)
			return
		}
		types := map[string]string{"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
		w.Header().Set("Content-Type", types[format])
		w.Header().Set("Content-Disposition", `attachment; filename="kutip-quotes.`+format+`"`)
		if len(quotes) == MaxExport {
			w.Header().Set("X-Kutip-Truncated", strconv.Itoa(MaxExport))
		}
		if format == "csv" {
			err = store.WriteCSV(w, quotes)
		} else {
			err = store.WriteJSONL(w, quotes)
		}
		if err != nil {
			srv.Log.Printf("kutip serve: %s: %v", r.URL, err)
		}
	}
}

// apiQuotes answers /api/quotes: the quotes that pass the filter, a page
// of them, and how many there are in all.
func (srv *Server) apiQuotes(w http.ResponseWriter, r *http.Request) {
	rq, err := parseRequest(r.URL.Query())
	if err != nil {
		srv.apiError(w, r, err)
		return
	}
	total, err := srv.total(r.Context(), rq.filter)
	if err != nil {
		srv.apiError(w, r, err)
		return
	}
	quotes, err := srv.store.Quotes(r.Context(), rq.filter, store.Page{Order: rq.order, Offset: (rq.page - 1) * rq.size, Limit: rq.size})
	if err != nil {
		srv.apiError(w, r, err)
		return
	}
	for i := range quotes {
		if quotes[i].Sources == nil {
			quotes[i].Sources = []store.Ref{}
		}
	}
	if quotes == nil {
		quotes = []store.Quote{}
	}
	writeJSON(w, http.StatusOK, struct {
		Total  int           `json:"total"`
		Page   int           `json:"page"`
		N      int           `json:"n"`
		Quotes []store.Quote `json:"quotes"`
	}{total, rq.page, rq.size, quotes})
}

// facetNames are the values of /api/top's by parameter.
var facetNames = map[string]store.Facet{
	"speaker": store.BySpeaker, "source": store.BySource, "outlet": store.ByOutlet, "kind": store.ByKind,
	"cue": store.ByCue, "month": store.ByMonth, "day": store.ByDay, "confidence": store.ByBand, "article": store.ByArticle,
}

// apiTop answers /api/top?by=…: quotes counted per value of a facet, under
// the filter; n values at most (default 20, at most 1000; months and days
// all of them unless n is given).
func (srv *Server) apiTop(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	by, ok := facetNames[v.Get("by")]
	if !ok {
		srv.apiError(w, r, fmt.Errorf("%w: by must be speaker, source, outlet, kind, cue, month, day, confidence or article, not %q", errBadParam, v.Get("by")))
		return
	}
	limit := 20
	if by == store.ByMonth || by == store.ByDay {
		limit = 0
	}
	if s := v.Get(paramSize); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			srv.apiError(w, r, fmt.Errorf("%w: n must be a whole number from 1 to 1000, not %q", errBadParam, s))
			return
		}
		limit = n
	}
	v.Del(paramSize)
	rq, err := parseRequest(v)
	if err != nil {
		srv.apiError(w, r, err)
		return
	}
	counts, err := srv.store.Top(r.Context(), by, rq.filter, limit)
	if err != nil {
		srv.apiError(w, r, err)
		return
	}
	type count struct {
		Name   string `json:"name"`
		ID     string `json:"id,omitempty"`
		Quotes int    `json:"quotes"`
	}
	out := make([]count, len(counts))
	for i, c := range counts {
		out[i] = count{c.Name, c.ID, c.Quotes}
	}
	writeJSON(w, http.StatusOK, out)
}

func (srv *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	msg := "the store could not answer; the server log says why"
	if errors.Is(err, store.ErrBadFilter) || errors.Is(err, errBadParam) {
		status, msg = http.StatusBadRequest, err.Error()
	} else {
		srv.Log.Printf("kutip serve: %s: %v", r.URL, err)
	}
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
