package web

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/kutip/kutip/corpus/store"
)

// page is what the layout shows around every view.
type page struct {
	Title       string
	Nav         string // the view, for the menu
	Match       string // the search box
	ExportCSV   string
	ExportJSONL string
	Filters     []chip // the filter in force, each with a link that drops it
}

// chip is one value of the filter in force.
type chip struct {
	Label, Value, Remove string
}

func newPage(title, nav string, rq request, f store.Filter) page {
	v := filterValues(f).Encode()
	p := page{Title: title, Nav: nav, Match: rq.filter.Match, ExportCSV: "/export.csv?" + v, ExportJSONL: "/export.jsonl?" + v}
	if nav == "article" || nav == "speaker" {
		return p
	}
	add := func(label, key, value string, drop func(url.Values)) {
		p.Filters = append(p.Filters, chip{Label: label, Value: value, Remove: rq.link("/quotes", drop)})
	}
	for _, l := range []struct{ label, key string }{
		{"speaker", paramSpeaker}, {"speaker id", paramSpeakerID}, {"source", paramSource}, {"outlet", paramOutlet}, {"article", paramArticle},
	} {
		for _, value := range rq.values[l.key] {
			add(l.label, l.key, value, toggle(l.key, value))
		}
	}
	for _, l := range []struct{ label, key string }{
		{"words", paramMatch}, {"kind", paramKind}, {"cue", paramCue}, {"confidence ≥", paramMin}, {"from", paramFrom}, {"to", paramTo},
	} {
		if value := rq.values.Get(l.key); value != "" {
			key := l.key
			add(l.label, key, value, func(v url.Values) { v.Del(key) })
		}
	}
	return p
}

// hit is a quote as a listing shows it.
type hit struct {
	Quote       store.Quote
	Context     []segment
	Speaker     string // canonical, or "unknown speaker"
	AsWritten   string // the name the article writes, when it differs
	SpeakerLink string
	Sources     []heatLabel
	OutletLink  string
	ArticleLink string
	LinkText    string // of ArticleLink
	Confidence  string
}

// hits shows quotes in their paragraphs, reading each article once, the
// words of the search match marked.
func (srv *Server) hits(ctx context.Context, quotes []store.Quote, match string) ([]hit, error) {
	texts := map[string][]rune{}
	for _, q := range quotes {
		if _, ok := texts[q.Article]; !ok {
			a, err := srv.store.Article(ctx, q.Article)
			if err != nil {
				return nil, err
			}
			texts[q.Article] = []rune(a.Text)
		}
	}
	return makeHits(quotes, texts, newSearchWords(match)), nil
}

// makeHits shows quotes in their paragraphs, the texts of their articles
// given by record id.
// words are those of the search, marked where they occur (nil: none).
func makeHits(quotes []store.Quote, texts map[string][]rune, words *searchWords) []hit {
	out := make([]hit, len(quotes))
	for i, q := range quotes {
		h := hit{Quote: q, Context: inContext(texts[q.Article], q, words), Speaker: "unknown speaker",
			OutletLink:  "/quotes?" + url.Values{paramOutlet: {q.Outlet}}.Encode(),
			ArticleLink: "/article?" + url.Values{"id": {q.Article}}.Encode(), LinkText: "article",
			Confidence: strconv.FormatFloat(q.Confidence, 'f', 2, 64)}
		if sp := q.Speaker; sp != nil {
			h.Speaker, h.SpeakerLink = sp.Name, speakerLink(sp.Name, sp.ID)
			if sp.Text != "" && sp.Text != sp.Name {
				h.AsWritten = sp.Text
			}
		}
		for _, s := range q.Sources {
			h.Sources = append(h.Sources, heatLabel{Name: s.Name, Link: "/quotes?" + url.Values{paramSource: {s.Name}}.Encode()})
		}
		out[i] = h
	}
	return out
}

// speakerLink links the page of a speaker: by gazetteer id when linked
// (every name written for them), else by name.
func speakerLink(name, id string) string {
	v := url.Values{"name": {name}}
	if id != "" {
		v.Set(paramSpeakerID, id)
	}
	return "/speaker?" + v.Encode()
}

// total counts the quotes that pass f.
func (srv *Server) total(ctx context.Context, f store.Filter) (int, error) {
	kinds, err := srv.store.Top(ctx, store.ByKind, f, 0)
	n := 0
	for _, k := range kinds {
		n += k.Quotes
	}
	return n, err
}

// facet is one facet of the search page: values with counts, each a link
// that toggles it.
type facet struct {
	Name   string
	Values []facetValue
}

type facetValue struct {
	Label string
	Count int
	Link  string
	On    bool
}

type quotesPage struct {
	Page       page
	Total      int
	First      int // number of the first hit shown
	Hits       []hit
	Facets     []facet
	Sorts      []facetValue
	Prev, Next string
	From, To   string
	Keep       []param // the other parameters, which the date form keeps
}

type param struct{ Name, Value string }

// facetLimit is how many values of a long facet the search page lists.
const facetLimit = 10

func (srv *Server) quotes(r *http.Request) (string, any, error) {
	ctx := r.Context()
	rq, err := parseRequest(r.URL.Query())
	if err != nil {
		return "", nil, err
	}
	f := rq.filter
	p := quotesPage{Page: newPage("Quotes", "quotes", rq, f), From: f.From, To: f.To} // as days, which a date input shows
	for _, k := range slices.Sorted(maps.Keys(rq.values)) {
		if k != paramFrom && k != paramTo && k != paramPage {
			for _, v := range rq.values[k] {
				p.Keep = append(p.Keep, param{k, v})
			}
		}
	}
	if p.Total, err = srv.total(ctx, f); err != nil {
		return "", nil, err
	}
	quotes, err := srv.store.Quotes(ctx, f, store.Page{Order: rq.order, Offset: (rq.page - 1) * rq.size, Limit: rq.size})
	if err != nil {
		return "", nil, err
	}
	if p.Hits, err = srv.hits(ctx, quotes, f.Match); err != nil {
		return "", nil, err
	}
	p.First = (rq.page-1)*rq.size + 1
	pageLink := func(n int) string {
		return rq.link("/quotes", func(v url.Values) { v.Set(paramPage, strconv.Itoa(n)) })
	}
	if rq.page > 1 {
		p.Prev = pageLink(rq.page - 1)
	}
	if rq.page*rq.size < min(p.Total, MaxExport) {
		p.Next = pageLink(rq.page + 1)
	}
	for _, s := range []struct{ label, value string }{{"newest", "newest"}, {"oldest", "oldest"}, {"most confident", "confidence"}} {
		on := rq.sort == s.value || rq.sort == "" && s.value == "newest"
		value := s.value
		p.Sorts = append(p.Sorts, facetValue{Label: s.label, On: on, Link: rq.link("/quotes", func(v url.Values) { v.Set(paramSort, value) })})
	}
	if p.Facets, err = srv.facets(ctx, rq); err != nil {
		return "", nil, err
	}
	return "quotes", p, nil
}

// facets counts each facet under the filter without its own values, so
// that a facet shows what choosing another of its values would give.
func (srv *Server) facets(ctx context.Context, rq request) ([]facet, error) {
	f := rq.filter
	var facets []facet
	lists := []struct {
		name, key string
		by        store.Facet
		drop      func(*store.Filter) []string
	}{
		{"Speaker", paramSpeaker, store.BySpeaker, func(f *store.Filter) []string { on := f.Speakers; f.Speakers = nil; return on }},
		{"Relayed through", paramSource, store.BySource, func(f *store.Filter) []string { on := f.Sources; f.Sources = nil; return on }},
		{"Outlet", paramOutlet, store.ByOutlet, func(f *store.Filter) []string { on := f.Outlets; f.Outlets = nil; return on }},
		{"Kind", paramKind, store.ByKind, func(f *store.Filter) []string { on := f.Kind; f.Kind = ""; return []string{on} }},
		{"Cue", paramCue, store.ByCue, func(f *store.Filter) []string { on := f.Cue; f.Cue = ""; return []string{on} }},
	}
	for _, l := range lists {
		without := f
		on := l.drop(&without)
		counts, err := srv.store.Top(ctx, l.by, without, facetLimit)
		if err != nil {
			return nil, err
		}
		fc := facet{Name: l.name}
		single := l.by == store.ByKind || l.by == store.ByCue
		for _, c := range counts {
			if c.Name == "" {
				continue
			}
			v := facetValue{Label: c.Name, Count: c.Quotes, On: slices.Contains(on, c.Name)}
			if single {
				v.Link = rq.link("/quotes", toggleOne(l.key, c.Name))
			} else {
				v.Link = rq.link("/quotes", toggle(l.key, c.Name))
			}
			fc.Values = append(fc.Values, v)
		}
		if len(fc.Values) > 0 {
			facets = append(facets, fc)
		}
	}
	// Months: the latest, each a toggle of from and to.
	without := f
	without.From, without.To = "", ""
	months, err := srv.store.Top(ctx, store.ByMonth, without, 0)
	if err != nil {
		return nil, err
	}
	fc := facet{Name: "Month"}
	for i := len(months) - 1; i >= 0 && len(fc.Values) < 12; i-- {
		m := months[i].Name
		on := rq.values.Get(paramFrom) == m && rq.values.Get(paramTo) == m
		fc.Values = append(fc.Values, facetValue{Label: m, Count: months[i].Quotes, On: on, Link: rq.link("/quotes", func(v url.Values) {
			if on {
				v.Del(paramFrom)
				v.Del(paramTo)
			} else {
				v.Set(paramFrom, m)
				v.Set(paramTo, m)
			}
		})})
	}
	if len(fc.Values) > 0 {
		facets = append(facets, fc)
	}
	// Confidence: cumulative bands, each a toggle of the minimum.
	without = f
	without.MinConfidence = 0
	bands, err := srv.store.Top(ctx, store.ByBand, without, 0)
	if err != nil {
		return nil, err
	}
	fc = facet{Name: "Confidence"}
	sum := 0
	for _, b := range bands { // highest first
		sum += b.Quotes
		if b.Name == "0.0" {
			continue
		}
		fc.Values = append(fc.Values, facetValue{Label: "≥ " + b.Name, Count: sum, On: rq.values.Get(paramMin) == b.Name,
			Link: rq.link("/quotes", toggleOne(paramMin, b.Name))})
	}
	if len(fc.Values) > 0 {
		facets = append(facets, fc)
	}
	return facets, nil
}

// articlePage is an article with its entities and quotes marked.
type articlePage struct {
	Page       page
	Article    store.Article
	Paragraphs [][]segment
	Quotes     []hit
	NoText     bool
	DateSource string
}

func (srv *Server) article(r *http.Request) (string, any, error) {
	ctx := r.Context()
	id := r.URL.Query().Get("id")
	if id == "" {
		return "", nil, fmt.Errorf("%w: which article? (id=…)", errBadParam)
	}
	a, err := srv.store.Article(ctx, id)
	if err != nil {
		return "", nil, err
	}
	rq, _ := parseRequest(url.Values{})
	title := a.Title
	if title == "" {
		title = a.ID
	}
	p := articlePage{Page: newPage(title, "article", rq, store.Filter{Articles: []string{id}}), Article: a, NoText: a.Text == ""}
	p.DateSource = map[string]string{store.DateFromField: "from the record", store.DateFromURL: "from the url", store.DateFromText: "from the text"}[a.DateSource]
	text := []rune(a.Text)
	var marks []mark
	for _, e := range a.Entities {
		title := e.Label
		if e.Name != "" && e.Name != e.Text {
			title = e.Label + ": " + e.Name
		}
		marks = append(marks, mark{start: e.Start, end: e.End, class: "ent ent-" + e.Label, title: title})
	}
	for i, q := range a.Quotes {
		for _, m := range attributionMarks(q) {
			if m.class == "q" {
				m.title, m.anchor = fmt.Sprintf("quote %d", i+1), fmt.Sprintf("q%d", i+1)
			}
			marks = append(marks, m)
		}
	}
	for _, para := range paragraphs(text) {
		p.Paragraphs = append(p.Paragraphs, segments(text, para[0], para[1], marks))
	}
	p.Quotes = makeHits(a.Quotes, map[string][]rune{a.ID: text}, nil)
	for i := range p.Quotes {
		p.Quotes[i].ArticleLink, p.Quotes[i].LinkText = fmt.Sprintf("#q%d", i+1), "in the text" // beside
	}
	return "article", p, nil
}

type speakerPage struct {
	Page     page
	Name     string
	IDs      []string
	Aliases  []string
	Total    int
	Dated    int
	OverTime barChart
	Media    []facetValue
	Outlets  []facetValue
	CoQuoted []facetValue
	Latest   []hit
	AllLink  string
}

func (srv *Server) speaker(r *http.Request) (string, any, error) {
	ctx := r.Context()
	name := r.URL.Query().Get("name")
	if name == "" {
		return "", nil, fmt.Errorf("%w: which speaker? (name=…)", errBadParam)
	}
	rq, err := parseRequest(r.URL.Query())
	if err != nil {
		return "", nil, err
	}
	f := rq.filter
	if len(f.SpeakerIDs) == 0 {
		f.Speakers = []string{name}
	}
	if err := f.Check(); err != nil {
		return "", nil, err
	}
	p := speakerPage{Page: newPage(name, "speaker", rq, f), Name: name, AllLink: "/quotes?" + filterValues(f).Encode()}
	if p.Total, err = srv.total(ctx, f); err != nil {
		return "", nil, err
	}
	if p.Total == 0 {
		return "", nil, fmt.Errorf("%w: no quotes by a speaker called %q", errNotFound, name)
	}
	months, err := srv.store.Top(ctx, store.ByMonth, f, 0)
	if err != nil {
		return "", nil, err
	}
	p.OverTime = bars(continuous(months, speakerMonths))
	for _, m := range months {
		p.Dated += m.Quotes
	}
	list := func(by store.Facet, key string, filter store.Filter, limit int) ([]facetValue, error) {
		counts, err := srv.store.Top(ctx, by, filter, limit)
		var out []facetValue
		for _, c := range counts {
			v := filterValues(f)
			v.Set(key, c.Name)
			link := "/quotes?" + v.Encode()
			if by == store.BySpeaker {
				link = speakerLink(c.Name, c.ID)
			}
			out = append(out, facetValue{Label: c.Name, Count: c.Quotes, Link: link})
		}
		return out, err
	}
	if p.Media, err = list(store.BySource, paramSource, f, 10); err != nil {
		return "", nil, err
	}
	if p.Outlets, err = list(store.ByOutlet, paramOutlet, f, 10); err != nil {
		return "", nil, err
	}
	// Co-quoted: the other speakers of the articles quoting this one most.
	articles, err := srv.store.Top(ctx, store.ByArticle, f, store.MaxFilterValues)
	if err != nil {
		return "", nil, err
	}
	if len(articles) > 0 {
		var ids []string
		for _, a := range articles {
			ids = append(ids, a.Name)
		}
		others, err := list(store.BySpeaker, paramSpeaker, store.Filter{Articles: ids}, 11)
		if err != nil {
			return "", nil, err
		}
		for _, o := range others {
			if o.Label != name && len(p.CoQuoted) < 10 {
				p.CoQuoted = append(p.CoQuoted, o)
			}
		}
	}
	recent, err := srv.store.Quotes(ctx, f, store.Page{Limit: 200})
	if err != nil {
		return "", nil, err
	}
	for _, q := range recent {
		if q.Speaker == nil {
			continue
		}
		if id := q.Speaker.ID; id != "" && !slices.Contains(p.IDs, id) {
			p.IDs = append(p.IDs, id)
		}
		for _, n := range []string{q.Speaker.Name, q.Speaker.Text} {
			if n != "" && n != name && !slices.Contains(p.Aliases, n) {
				p.Aliases = append(p.Aliases, n)
			}
		}
	}
	if p.Latest, err = srv.hits(ctx, recent[:min(len(recent), 10)], f.Match); err != nil {
		return "", nil, err
	}
	return "speaker", p, nil
}

type overviewPage struct {
	Page        page
	Total       int
	TopSpeakers lineChart
	Media       []facetValue
	Outlets     []facetValue
	Matrix      heatMap
	PerDay      barChart
	Days        int
}

// How far back the charts go from the latest quote.
const (
	overviewDays   = 120 // quotes per day
	overviewMonths = 24  // top speakers
	speakerMonths  = 60  // a speaker's quotes
)

func (srv *Server) overview(r *http.Request) (string, any, error) {
	ctx := r.Context()
	rq, err := parseRequest(r.URL.Query())
	if err != nil {
		return "", nil, err
	}
	f := rq.filter
	p := overviewPage{Page: newPage("Overview", "overview", rq, f)}
	if p.Total, err = srv.total(ctx, f); err != nil {
		return "", nil, err
	}
	// The top speakers of the latest months, over those months.
	months, err := srv.store.Top(ctx, store.ByMonth, f, 0)
	if err != nil {
		return "", nil, err
	}
	recent, window := f, continuous(months, overviewMonths)
	if len(window) > 0 && window[0].Name+"-01" > recent.From {
		recent.From = window[0].Name + "-01"
	}
	speakers, err := srv.store.Top(ctx, store.BySpeaker, recent, 5)
	if err != nil {
		return "", nil, err
	}
	var names, links []string
	var perSpeaker [][]store.Count
	for _, s := range speakers {
		sf := recent
		if s.ID != "" {
			sf.SpeakerIDs = []string{s.ID}
		} else {
			sf.Speakers = []string{s.Name}
		}
		months, err := srv.store.Top(ctx, store.ByMonth, sf, 0)
		if err != nil {
			return "", nil, err
		}
		names, links = append(names, s.Name), append(links, speakerLink(s.Name, s.ID))
		perSpeaker = append(perSpeaker, months)
	}
	p.TopSpeakers = lines(names, links, perSpeaker, window)
	counts := func(by store.Facet, key string, limit int) ([]facetValue, error) {
		top, err := srv.store.Top(ctx, by, f, limit)
		var out []facetValue
		for _, c := range top {
			out = append(out, facetValue{Label: c.Name, Count: c.Quotes, Link: rq.link("/quotes", toggle(key, c.Name))})
		}
		return out, err
	}
	if p.Media, err = counts(store.BySource, paramSource, 10); err != nil {
		return "", nil, err
	}
	if p.Outlets, err = counts(store.ByOutlet, paramOutlet, 10); err != nil {
		return "", nil, err
	}
	if p.Matrix, err = srv.matrix(ctx, rq, p.Outlets, p.Media); err != nil {
		return "", nil, err
	}
	days, err := srv.store.Top(ctx, store.ByDay, f, 0)
	if err != nil {
		return "", nil, err
	}
	days = continuous(days, overviewDays)
	p.PerDay, p.Days = bars(days), len(days)
	return "overview", p, nil
}

// matrixSize is how many outlets and media the heat map crosses.
const matrixSize = 8

// matrix counts, for the top outlets and media, the quotes each outlet
// took from each medium.
func (srv *Server) matrix(ctx context.Context, rq request, outlets, media []facetValue) (heatMap, error) {
	outlets, media = outlets[:min(len(outlets), matrixSize)], media[:min(len(media), matrixSize)]
	m := heatMap{Empty: len(outlets) == 0 || len(media) == 0}
	byMedium := make([]map[string]int, len(media))
	most := 0
	for i, medium := range media {
		f := rq.filter
		f.Sources = []string{medium.Label}
		counts, err := srv.store.Top(ctx, store.ByOutlet, f, 0)
		if err != nil {
			return m, err
		}
		byMedium[i] = map[string]int{}
		for _, c := range counts {
			byMedium[i][c.Name] = c.Quotes
			most = max(most, c.Quotes)
		}
		m.Columns = append(m.Columns, heatLabel{Name: medium.Label, Link: medium.Link})
	}
	for _, o := range outlets {
		row := heatRow{heatLabel: heatLabel{Name: o.Label, Link: o.Link}}
		for i, medium := range media {
			n := byMedium[i][o.Label]
			level := 0
			if n > 0 {
				level = 1 + 4*n/max(most, 1)
				level = min(level, 5)
			}
			row.Cells = append(row.Cells, heatCell{Count: n, Level: level,
				Title: fmt.Sprintf("%s from %s: %d quotes", o.Label, medium.Label, n),
				Link: rq.link("/quotes", func(v url.Values) {
					v[paramOutlet] = []string{o.Label}
					v[paramSource] = []string{medium.Label}
				})})
		}
		m.Rows = append(m.Rows, row)
	}
	return m, nil
}
