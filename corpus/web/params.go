package web

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kutip/kutip/corpus/store"
)

// The query parameters of every view and export: the filter, the order and
// the page. Lists (speaker, source, outlet, article) may repeat: any of
// the values.
const (
	paramMatch     = "q"
	paramSpeaker   = "speaker"
	paramSpeakerID = "speaker_id" // a gazetteer id, exactly
	paramSource    = "source"
	paramOutlet    = "outlet"
	paramArticle   = "article"
	paramKind      = "kind"
	paramCue       = "cue"
	paramMin       = "min" // minimum confidence
	paramFrom      = "from"
	paramTo        = "to"
	paramSort      = "sort"
	paramPage      = "page"
	paramSize      = "n"
)

var errBadParam = errors.New("bad parameter")

// sorts are the orders a listing can take, by parameter value.
var sorts = map[string]store.Order{"": store.NewestFirst, "newest": store.NewestFirst, "oldest": store.OldestFirst, "confidence": store.MostConfident}

// request is what the parameters of a request ask for.
type request struct {
	values url.Values // as given, for links that change one of them
	filter store.Filter
	order  store.Order
	sort   string
	page   int // from 1
	size   int
}

func parseRequest(v url.Values) (request, error) {
	rq := request{values: v, page: 1, size: DefaultPageSize, sort: v.Get(paramSort)}
	nonEmpty := func(key string) []string {
		var out []string
		for _, s := range v[key] {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	rq.filter = store.Filter{
		Match:      strings.TrimSpace(v.Get(paramMatch)),
		Speakers:   nonEmpty(paramSpeaker),
		SpeakerIDs: nonEmpty(paramSpeakerID),
		Sources:    nonEmpty(paramSource),
		Outlets:    nonEmpty(paramOutlet),
		Articles:   nonEmpty(paramArticle),
		Kind:       v.Get(paramKind),
		Cue:        strings.TrimSpace(v.Get(paramCue)),
	}
	var err error
	if rq.filter.From, err = dayParam(v, paramFrom, false); err != nil {
		return rq, err
	}
	if rq.filter.To, err = dayParam(v, paramTo, true); err != nil {
		return rq, err
	}
	if s := v.Get(paramMin); s != "" {
		if rq.filter.MinConfidence, err = strconv.ParseFloat(s, 64); err != nil {
			return rq, fmt.Errorf("%w: min must be a number from 0 to 1, not %q", errBadParam, s)
		}
	}
	var ok bool
	if rq.order, ok = sorts[rq.sort]; !ok {
		return rq, fmt.Errorf("%w: sort must be newest, oldest or confidence, not %q", errBadParam, rq.sort)
	}
	for _, p := range []struct {
		key      string
		dst      *int
		min, max int
	}{{paramPage, &rq.page, 1, MaxExport / DefaultPageSize}, {paramSize, &rq.size, 1, MaxPageSize}} {
		s := v.Get(p.key)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < p.min || n > p.max {
			return rq, fmt.Errorf("%w: %s must be a whole number from %d to %d, not %q", errBadParam, p.key, p.min, p.max, s)
		}
		*p.dst = n
	}
	return rq, rq.filter.Check()
}

// dayParam reads a date parameter: a day, or a month or year, which from
// reads as its first day and to as its last.
func dayParam(v url.Values, key string, last bool) (string, error) {
	s := strings.TrimSpace(v.Get(key))
	if s == "" {
		return "", nil
	}
	for _, p := range []struct {
		layout        string
		years, months int
	}{{time.DateOnly, 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		t, err := time.Parse(p.layout, s)
		if err != nil {
			continue
		}
		if last && (p.years > 0 || p.months > 0) {
			t = t.AddDate(p.years, p.months, -1)
		}
		return t.Format(time.DateOnly), nil
	}
	return "", fmt.Errorf("%w: %s must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not %q", errBadParam, key, s)
}

// link returns path with the request's parameters changed by edit, and the
// page reset (a new filter starts at its first page).
func (rq request) link(path string, edit func(v url.Values)) string {
	v := url.Values{}
	for k, vs := range rq.values {
		if k != paramPage {
			v[k] = slices.Clone(vs)
		}
	}
	if edit != nil {
		edit(v)
	}
	for k, vs := range v {
		if len(vs) == 0 || len(vs) == 1 && vs[0] == "" {
			delete(v, k)
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// toggle adds value to the list key, or takes it out if it is there.
func toggle(key, value string) func(url.Values) {
	return func(v url.Values) {
		if i := slices.Index(v[key], value); i >= 0 {
			v[key] = slices.Delete(v[key], i, i+1)
		} else {
			v[key] = append(v[key], value)
		}
	}
}

// toggleOne sets key to value, or clears it if it is value already.
func toggleOne(key, value string) func(url.Values) {
	return func(v url.Values) {
		if v.Get(key) == value {
			v.Del(key)
		} else {
			v.Set(key, value)
		}
	}
}

// filterValues are the parameters of a filter, for links to other views.
func filterValues(f store.Filter) url.Values {
	v := url.Values{}
	set := func(key, s string) {
		if s != "" {
			v.Set(key, s)
		}
	}
	set(paramMatch, f.Match)
	v[paramSpeaker] = f.Speakers
	v[paramSpeakerID] = f.SpeakerIDs
	v[paramSource] = f.Sources
	v[paramOutlet] = f.Outlets
	v[paramArticle] = f.Articles
	set(paramKind, f.Kind)
	set(paramCue, f.Cue)
	set(paramFrom, f.From)
	set(paramTo, f.To)
	if f.MinConfidence > 0 {
		set(paramMin, strconv.FormatFloat(f.MinConfidence, 'f', -1, 64))
	}
	for k, vs := range v {
		if len(vs) == 0 {
			delete(v, k)
		}
	}
	return v
}
