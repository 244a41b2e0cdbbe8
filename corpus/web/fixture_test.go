package web

import (
	"context"
	"io"
	"log"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/sqlite"
)

// The fixtures are articles invented for these tests. One of them carries
// markup in every field a page shows, which must render as text.

const (
	hostileText  = `<script>alert("kutip")</script>`
	hostileImage = `"><img src=x onerror=alert(1)>`
)

// span finds the n-th (from 0) occurrence of s in text, in characters.
func span(text, s string, n int) (int, int) {
	at := 0
	for i := 0; ; i++ {
		j := strings.Index(text[at:], s)
		if j < 0 {
			panic("fixture: " + s + " not in " + text)
		}
		if i == n {
			start := utf8.RuneCountInString(text[:at+j])
			return start, start + utf8.RuneCountInString(s)
		}
		at += j + len(s)
	}
}

// nearest finds the occurrence of s in text nearest to character at.
func nearest(text, s string, at int) (int, int) {
	best, bestEnd := -1, -1
	for n := 0; n < strings.Count(text, s); n++ {
		start, end := span(text, s, n)
		if best < 0 || abs(start-at) < abs(best-at) {
			best, bestEnd = start, end
		}
	}
	return best, bestEnd
}

func abs(n int) int { return max(n, -n) }

// quoteIn makes a quote of text: its words, said by speaker (the name as
// written at the attribution), with cue, relayed through sources.
func quoteIn(text, words, kind string, speaker *store.Ref, written, cue string, confidence float64, sources ...store.Ref) store.Quote {
	q := store.Quote{Kind: kind, Text: words, Cue: cue, Confidence: confidence, Sources: []store.Ref{}}
	q.Start, q.End = span(text, words, 0)
	if speaker != nil {
		sp := *speaker
		sp.Text = written
		sp.Start, sp.End = nearest(text, written, q.Start)
		q.Speaker = &sp
	}
	if cue != "" {
		q.CueStart, q.CueEnd = span(text, cue, 0)
	}
	for _, s := range sources {
		s.Start, s.End = span(text, s.Text, 0)
		q.Sources = append(q.Sources, s)
	}
	return q
}

var (
	fixLavrov  = &store.Ref{Name: "Sergey Lavrov", ID: "sergey-lavrov"}
	fixSari    = &store.Ref{Name: "Sari Wulandari", ID: ""}
	fixReuters = store.Ref{Name: "Reuters", ID: "reuters", Text: "Reuters"}
	fixAntara  = store.Ref{Name: "Antara", ID: "antara", Text: "Antara"}
)

func fixtureArticles() []store.Article {
	t1 := "Moskow - Menteri Luar Negeri Rusia Sergey Lavrov berbicara kepada wartawan.\n\n" +
		"“Kami tidak akan memakai senjata nuklir lebih dulu,” kata Lavrov seperti dikutip dari Reuters.\n\n" +
		"Lavrov juga mengatakan kerja sama kedua negara akan terus diperkuat."
	t2 := "Bandung - Harga beras di pasar naik lagi.\n\n" +
		"“Harga berasnya sudah terlalu tinggi bagi warga,” ujar Sari Wulandari, pedagang, kepada Antara."
	t3 := "Jakarta - " + hostileText + " Menlu Rusia menjawab " + hostileImage + ".\n\n" +
		"“Program nuklir kami damai " + hostileText + ",” kata Lavrov seperti dilansir dari Antara."
	return []store.Article{
		{ID: "a1", Outlet: "Warta Contoh", URL: "https://contoh.test/2025/07/14/a1", Title: "Menlu bicara nuklir", Date: "2025-07-14", DateSource: store.DateFromURL, Text: t1, TextSHA256: "01",
			Entities: []store.Mention{{Text: "Sergey Lavrov", Label: "PERSON", Start: 35, End: 48, ID: "sergey-lavrov", Name: "Sergey Lavrov"}},
			Quotes: []store.Quote{
				quoteIn(t1, "Kami tidak akan memakai senjata nuklir lebih dulu,", "direct", fixLavrov, "Lavrov", "kata", 0.93, fixReuters),
				quoteIn(t1, "kerja sama kedua negara akan terus diperkuat", "indirect", fixLavrov, "Lavrov", "mengatakan", 0.71),
			}},
		{ID: "a2", Outlet: "Kabar Bandung", Title: "Harga beras naik", Date: "2025-08-02", DateSource: store.DateFromField, Text: t2, TextSHA256: "02",
			Quotes: []store.Quote{quoteIn(t2, "Harga berasnya sudah terlalu tinggi bagi warga,", "direct", fixSari, "Sari Wulandari", "ujar", 0.88, fixAntara)}},
		{ID: "evil" + hostileImage, Outlet: "Outlet " + hostileImage, URL: "javascript:alert(1)", Title: "Judul " + hostileText, Date: "2025-08-03", Text: t3, TextSHA256: "03",
			Quotes: []store.Quote{quoteIn(t3, "Program nuklir kami damai "+hostileText+",", "direct", fixLavrov, "Lavrov", "kata", 0.9, fixAntara)}},
	}
}

// fixtureServer returns the web view of a store holding the fixtures,
// opened read-only as kutip serve opens it.
func fixtureServer(t testing.TB) *Server {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quotes.db")
	w, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Index(context.Background(), fixtureArticles()); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return serverOf(t, path)
}

// serverOf returns the web view of the store at path, opened read-only
// and warm, as kutip serve opens it.
func serverOf(t testing.TB, path string) *Server {
	t.Helper()
	s, err := sqlite.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Warm(context.Background()); err != nil { // as kutip serve does
		t.Fatal(err)
	}
	srv, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	srv.Log = log.New(io.Discard, "", 0)
	return srv
}
