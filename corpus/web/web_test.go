package web

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kutip/kutip/corpus/store"
)

// get serves path and returns the status and body.
func get(t *testing.T, srv *Server, path string) (int, string, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Body.String(), rec.Header()
}

func TestPages(t *testing.T) {
	srv := fixtureServer(t)
	evil := url.QueryEscape("evil" + hostileImage)
	tests := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"overview", "/", 200, []string{"4 quotes", "Top speakers over time", "Sergey Lavrov", "Which outlet takes quotes from which medium", "Antara"}},
		{"search, the words found marked", "/quotes?q=nuklir", 200, []string{"2 quotes", `<span class="q">Kami tidak akan memakai senjata </span><span class="q hl">nuklir</span>`,
			`<span class="cue" title="speech cue">kata</span>`, `<span class="sp" title="speaker: Sergey Lavrov">Lavrov</span>`,
			`<span class="src" title="relayed through Reuters">Reuters</span>`}},
		{"a speaker facet toggled on", "/quotes?speaker=Sari+Wulandari", 200, []string{"1 quote",
			`<a href="/quotes" class="on" aria-pressed="true">Sari Wulandari</a>`, `href="/quotes?speaker=Sari&#43;Wulandari&amp;speaker=Sergey&#43;Lavrov">Sergey Lavrov</a>`}},
		{"a prefix and a clitic marked", "/quotes?q=beras*+harga", 200, []string{`<span class="q hl">Harga</span><span class="q"> </span><span class="q hl">berasnya</span>`}},
		{"the date form keeps the other filters", "/quotes?q=nuklir&speaker=Lavrov&from=2025", 200, []string{
			`<input type="hidden" name="q" value="nuklir"><input type="hidden" name="speaker" value="Lavrov">`, `name="from" value="2025-01-01"`}},
		{"sources, any of two", "/quotes?source=Reuters&source=Antara", 200, []string{"3 quotes"}},
		{"a month and a confidence", "/quotes?from=2025-08&to=2025-08&min=0.9", 200, []string{"1 quote", "≥ 0.9"}},
		{"oldest first", "/quotes?sort=oldest", 200, []string{`class="on">oldest</a>`}},
		{"article", "/article?id=a1", 200, []string{"Menlu bicara nuklir", "date from the url", `<span class="ent ent-PERSON" title="PERSON">Sergey </span>`, "2 quotes",
			`<span class="q" id="q1" title="quote 1">Kami tidak akan`, `<a href="#q1">in the text</a>`}},
		{"speaker", "/speaker?name=Sergey+Lavrov", 200, []string{"<b>3 quotes</b>", "sergey-lavrov", "Quotes per month", "Reuters", "Warta Contoh", `“Lavrov”`}},
		{"speaker by gazetteer id", "/speaker?name=Sergey+Lavrov&speaker_id=sergey-lavrov", 200, []string{"<b>3 quotes</b>",
			`href="/quotes?source=Reuters&amp;speaker_id=sergey-lavrov">Reuters</a>`}},
		{"hits link speakers by id", "/quotes?q=senjata", 200, []string{`href="/speaker?name=Sergey&#43;Lavrov&amp;speaker_id=sergey-lavrov"`}},
		{"an unknown speaker id", "/speaker?name=Sergey+Lavrov&speaker_id=none", 404, nil},
		{"unknown article", "/article?id=none", 404, []string{"no such article"}},
		{"unknown speaker", "/speaker?name=Putin", 404, []string{"no quotes by a speaker called"}},
		{"a page size over the bound", "/quotes?n=1000", 400, []string{"n must be a whole number from 1 to 100"}},
		{"a bad date", "/quotes?from=kemarin", 400, []string{"from must be a date"}},
		{"a bad sort", "/quotes?sort=random", 400, []string{"sort must be"}},
		{"the hostile article", "/article?id=" + evil, 200, []string{"Judul &lt;script&gt;"}},
		{"no page", "/admin", 404, nil},
		{"no listing of the assets", "/static/", 404, nil},
		{"no path out of the assets (cleaned, then no page)", "/static/../web.go", 307, nil},
		{"no escaped path out of the assets", "/static/..%2fweb.go", 404, nil},
		{"no other file of the package", "/static/../templates/layout.html", 307, nil},
		{"an asset", "/static/style.css", 200, []string{"--accent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, h := get(t, srv, tt.path)
			if status != tt.status {
				t.Errorf("status %d, want %d: %.300s", status, tt.status, body)
			}
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
		})
	}
}

// Markup in an article (its text, title, outlet, url, quotes) is shown as
// text on every page it reaches.
func TestHostileArticleRendersAsText(t *testing.T) {
	srv := fixtureServer(t)
	evil := url.QueryEscape("evil" + hostileImage)
	for _, path := range []string{"/", "/quotes", "/quotes?q=damai", "/article?id=" + evil, "/speaker?name=Sergey+Lavrov", "/quotes?outlet=" + url.QueryEscape("Outlet "+hostileImage)} {
		status, body, _ := get(t, srv, path)
		if status != 200 {
			t.Errorf("%s: status %d", path, status)
		}
		for _, raw := range []string{"<script", "<img", "javascript:alert"} {
			if strings.Contains(body, raw) {
				i := strings.Index(body, raw)
				t.Errorf("%s: raw %q in the page: …%s…", path, raw, body[max(0, i-80):min(len(body), i+80)])
			}
		}
	}
	_, body, _ := get(t, srv, "/article?id="+evil)
	for _, want := range []string{"&lt;script&gt;alert(&#34;kutip&#34;)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"} {
		if !strings.Contains(body, want) {
			t.Errorf("the article does not show %q as text", want)
		}
	}
}

func TestExports(t *testing.T) {
	srv := fixtureServer(t)
	status, body, h := get(t, srv, "/export.csv?speaker=Lavrov&sort=oldest")
	if status != 200 || h.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Fatalf("status %d, headers %v", status, h)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[0], ",") != strings.Join(store.CSVHeader, ",") || rows[1][0] != "2025-07-14" || rows[3][3] != "Sergey Lavrov" {
		t.Errorf("csv %q", rows)
	}
	_, body, _ = get(t, srv, "/export.jsonl?article=a2")
	var q store.Quote
	if lines := strings.Split(strings.TrimSpace(body), "\n"); len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &q) != nil || q.Speaker.Name != "Sari Wulandari" {
		t.Errorf("jsonl %q", body)
	}
	// A download stops at MaxExport; every page says so and where to get all.
	_, body, _ = get(t, srv, "/quotes")
	if !strings.Contains(body, "at most 50\u202f000 quotes") || !strings.Contains(body, "kutip quotes --limit 0") {
		_, footer, _ := strings.Cut(body, "<footer>")
		t.Errorf("the page does not say how far an export goes: %.600s", footer)
	}
}

func TestAPI(t *testing.T) {
	srv := fixtureServer(t)
	status, body, h := get(t, srv, "/api/quotes?speaker=lavrov&n=2&page=1")
	var res struct {
		Total  int           `json:"total"`
		Quotes []store.Quote `json:"quotes"`
	}
	if status != 200 || h.Get("Content-Type") != "application/json; charset=utf-8" || json.Unmarshal([]byte(body), &res) != nil {
		t.Fatalf("status %d, body %s", status, body)
	}
	if res.Total != 3 || len(res.Quotes) != 2 || res.Quotes[0].Speaker.Name != "Sergey Lavrov" {
		t.Errorf("%+v", res)
	}
	_, body, _ = get(t, srv, "/api/top?by=source")
	if want := `[{"name":"Antara","id":"antara","quotes":2},{"name":"Reuters","id":"reuters","quotes":1}]`; strings.TrimSpace(body) != want {
		t.Errorf("top %s, want %s", body, want)
	}
	status, body, _ = get(t, srv, "/api/top?by=mood")
	if status != 400 || !strings.Contains(body, `"error"`) {
		t.Errorf("an unknown facet: %d %s", status, body)
	}
	if status, _, _ = get(t, srv, "/api/quotes?q=%22%22"); status != 400 {
		t.Errorf("a search without words: %d, want 400", status)
	}
}

// Requests run at once, as browsers send them, on one store: each gets its
// own answer whole (go test -race checks the store's caches).
func TestConcurrentRequests(t *testing.T) {
	srv := fixtureServer(t)
	paths := []string{"/", "/quotes?q=nuklir", "/quotes?speaker=Lavrov&from=2025-07", "/speaker?name=Sergey+Lavrov&speaker_id=sergey-lavrov",
		"/api/top?by=outlet", "/api/quotes?source=Antara", "/article?id=a1", "/export.csv?kind=direct"}
	want := map[string]string{}
	for _, p := range paths {
		_, want[p], _ = get(t, srv, p)
	}
	done := make(chan error)
	for g := range 8 {
		go func() {
			for i := range 20 {
				p := paths[(g+i)%len(paths)]
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
				if rec.Body.String() != want[p] {
					done <- fmt.Errorf("%s: a different answer at once", p)
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
