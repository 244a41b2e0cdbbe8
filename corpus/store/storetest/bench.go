package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus/store"
)

// The benchmarks every backend runs on the same synthetic stores.

// synthRef, synthMention and synthQuote are the output contract's shapes
// (output.md) that the synthetic lines are written in.
type synthRef struct {
	Name string `json:"name,omitempty"`
	ID   string `json:"id,omitempty"`
	Text string `json:"text"`
}

type synthMention struct {
	Text  string `json:"text"`
	Label string `json:"label"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    string `json:"id"`
	Name  string `json:"name"`
}

type synthQuote struct {
	Text       string     `json:"text"`
	Kind       string     `json:"kind"`
	Speaker    *synthRef  `json:"speaker"`
	Cue        *synthRef  `json:"cue"`
	Sources    []synthRef `json:"sources"`
	Confidence float64    `json:"confidence"`
}

// Synth makes kutip extract output for benchmarks: articles of five quotes
// by Zipf-distributed speakers in Zipf-distributed made-up words, with
// clitics, a rice-price topic in about one quote in 200, media sources and
// a date over three years.
type Synth struct {
	rng                       *rand.Rand
	words                     []string
	speakers, sources, places []synthRef
	speakerZipf, wordZipf     *rand.Zipf
	n                         int
}

const (
	SynthQuotesPerArticle = 5
	synthSpeakers         = 20000
)

// NewSynth returns a generator; every one makes the same articles.
func NewSynth() *Synth {
	rng := rand.New(rand.NewPCG(1, 2))
	syllables := strings.Fields("ka ba ri tu se ma la pe ra di ng an ko ti me sa bu ha ja na")
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		return b.String()
	}
	g := &Synth{rng: rng}
	for range 5000 {
		g.words = append(g.words, word(2+rng.IntN(3)))
	}
	g.words[40], g.words[900] = "harga", "beras" // a common word and a rarer one
	name := func(i int) synthRef {
		n := strings.ToUpper(word(2)[:1]) + word(2)[1:] + " " + strings.ToUpper(word(3)[:1]) + word(3)[1:]
		r := synthRef{Name: n, Text: n}
		if i%3 == 0 {
			r.ID = fmt.Sprintf("tokoh-%d", i)
		}
		return r
	}
	for i := range synthSpeakers {
		g.speakers = append(g.speakers, name(i))
	}
	for i := range 200 {
		g.sources = append(g.sources, synthRef{Name: fmt.Sprintf("Media %s", word(3)), ID: fmt.Sprintf("media-%d", i), Text: word(3)})
	}
	for i := range 500 {
		g.places = append(g.places, name(i))
	}
	g.speakerZipf = rand.NewZipf(rng, 1.1, 1, synthSpeakers-1)
	g.wordZipf = rand.NewZipf(rng, 1.05, 1, uint64(len(g.words)-1))
	return g
}

func (g *Synth) quoteText() string {
	var b strings.Builder
	n := 8 + g.rng.IntN(25)
	topic := g.rng.IntN(200) == 0
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		if topic && i == n/2 {
			b.WriteString("harga beras")
			continue
		}
		b.WriteString(g.words[g.wordZipf.Uint64()])
		if g.rng.IntN(15) == 0 {
			b.WriteString("nya")
		}
	}
	return b.String()
}

// Article returns the next article as a line of kutip extract output.
func (g *Synth) Article() []byte {
	g.n++
	type record struct {
		ID       string         `json:"id"`
		Outlet   string         `json:"outlet"`
		Date     string         `json:"date"`
		Text     string         `json:"text"`
		Entities []synthMention `json:"entities"`
		Quotes   []synthQuote   `json:"quotes"`
	}
	day := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.IntN(3*365))
	rec := record{ID: fmt.Sprintf("synth-%d", g.n), Outlet: fmt.Sprintf("Outlet %d", g.rng.IntN(50)), Date: day.Format("2006-01-02")}
	var text strings.Builder
	for range SynthQuotesPerArticle {
		speaker := g.speakers[g.speakerZipf.Uint64()]
		q := synthQuote{Text: g.quoteText(), Kind: "direct", Speaker: &speaker, Cue: &synthRef{Text: "kata"}, Sources: []synthRef{}, Confidence: 0.9}
		if g.rng.IntN(3) == 0 {
			q.Kind = "indirect"
		}
		for range g.rng.IntN(3) {
			q.Sources = append(q.Sources, g.sources[g.rng.IntN(len(g.sources))])
		}
		rec.Quotes = append(rec.Quotes, q)
		rec.Entities = append(rec.Entities, synthMention{Text: speaker.Text, Label: "PERSON", ID: speaker.ID, Name: speaker.Name, Start: text.Len()})
		place := g.places[g.rng.IntN(len(g.places))]
		rec.Entities = append(rec.Entities, synthMention{Text: place.Text, Label: "PLACE", ID: place.ID, Name: place.Name, Start: text.Len() + 1})
		text.WriteString(q.Text + " kata " + speaker.Name + ". " + g.quoteText() + " " + g.quoteText() + "\n\n")
	}
	rec.Text = text.String()
	line, err := json.Marshal(rec)
	if err != nil {
		panic(err)
	}
	return line
}

// CommonWord is the most frequent word of the synthetic quotes.
func (g *Synth) CommonWord() string { return g.words[0] }

// BenchIndex measures kutip index from lines of extract output to
// committed transactions into s, a store that grows as the benchmark runs
// (one Indexer batch of articles per op). It returns the quotes indexed.
func BenchIndex(b *testing.B, s store.Store) int {
	g := NewSynth()
	lines := make([][]byte, 500) // one Indexer batch
	for i := range lines {
		lines[i] = g.Article()
	}
	ix := store.NewIndexer(s, store.DefaultRecordFields)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		for j, line := range lines {
			// A new id per round, so the store grows instead of upserting.
			line = []byte(strings.Replace(string(line), `"id":"synth-`, `"id":"r`+strconv.Itoa(i)+`-`, 1))
			if err := ix.Add(ctx, line, strconv.Itoa(j)); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := ix.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	quotes := ix.Stats().Quotes
	b.ReportMetric(float64(quotes)/b.Elapsed().Seconds(), "quotes/s")
	return quotes
}

// BenchQuoteCount returns KUTIP_BENCH_QUOTES, the size of the store the
// query benchmarks run on (default 20000; the speed targets are for
// 1000000).
func BenchQuoteCount(b *testing.B) int {
	want := 20000
	if v := os.Getenv("KUTIP_BENCH_QUOTES"); v != "" {
		var err error
		if want, err = strconv.Atoi(v); err != nil {
			b.Fatalf("KUTIP_BENCH_QUOTES: %v", err)
		}
	}
	return want
}

// FillSynth indexes synthetic articles into s until it holds quotes quotes.
func FillSynth(b *testing.B, s store.Store, quotes int) {
	start := time.Now()
	ix := store.NewIndexer(s, store.DefaultRecordFields)
	g := NewSynth()
	ctx := context.Background()
	for i := 0; i < quotes; i += SynthQuotesPerArticle {
		if err := ix.Add(ctx, g.Article(), strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
	if err := ix.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	secs := time.Since(start).Seconds()
	b.Logf("indexed %d quotes in %.1f s (%.0f quotes/s, generating included)", ix.Stats().Quotes, secs, float64(ix.Stats().Quotes)/secs)
}

// StoredQuotes returns the number of quotes in s.
func StoredQuotes(b *testing.B, s store.Store) int64 {
	var quotes int64
	if err := s.Select(context.Background(), "SELECT count(*) FROM quotes", nil, func(v []any) error {
		quotes = v[0].(int64)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	return quotes
}

// BenchQueries measures the queries behind kutip quotes, speakers, sources
// and outlets on s, a store FillSynth filled.
func BenchQueries(b *testing.B, s store.Store) {
	ctx := context.Background()
	quotes := StoredQuotes(b, s)
	top, err := s.Top(ctx, store.BySpeaker, store.Filter{}, 1)
	if err != nil {
		b.Fatal(err)
	}
	busiest := top[0].Name // the worst case for a speaker listing
	queries := []struct {
		name string
		run  func() (int, error)
	}{
		{"quotes-speaker", func() (int, error) {
			hits, err := s.Quotes(ctx, store.Filter{Speakers: []string{busiest}}, store.Page{Limit: 50})
			return len(hits), err
		}},
		{"quotes-latest", func() (int, error) {
			hits, err := s.Quotes(ctx, store.Filter{}, store.Page{Limit: 50})
			return len(hits), err
		}},
		{"quotes-match-common-word", func() (int, error) {
			hits, err := s.Quotes(ctx, store.Filter{Match: NewSynth().CommonWord()}, store.Page{Limit: 50})
			return len(hits), err
		}},
		{"quotes-match", func() (int, error) {
			hits, err := s.Quotes(ctx, store.Filter{Match: "harga beras"}, store.Page{Limit: 50})
			return len(hits), err
		}},
		{"speakers", func() (int, error) {
			counts, err := s.Top(ctx, store.BySpeaker, store.Filter{}, 20)
			return len(counts), err
		}},
		{"speakers-match", func() (int, error) {
			counts, err := s.Top(ctx, store.BySpeaker, store.Filter{Match: "harga beras"}, 20)
			return len(counts), err
		}},
		{"sources", func() (int, error) {
			counts, err := s.Top(ctx, store.BySource, store.Filter{}, 20)
			return len(counts), err
		}},
		{"outlets", func() (int, error) {
			counts, err := s.Top(ctx, store.ByOutlet, store.Filter{}, 20)
			return len(counts), err
		}},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				n, err := q.run()
				if err != nil {
					b.Fatal(err)
				}
				if n == 0 {
					b.Fatal("no rows")
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(quotes), "quotes-in-store")
		})
	}
}
