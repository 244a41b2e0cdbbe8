package web

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/sqlite"
)

// BenchmarkPages serves every page and API call from a store of synthetic
// quotes (KUTIP_BENCH_QUOTES, default 1,000,000; generated once into the
// temporary directory and reused), as kutip serve opens it (read-only,
// warm). The target is 150 ms a request, facet counts included. Each
// request has a filter of its own (a from date before every quote, which
// changes nothing else) and a full-text query of its own, so that no
// answer comes from the store's caches of recent selections and matches.
//
//	go test -run '^$' -bench Pages -benchtime 20x ./corpus/web/
func BenchmarkPages(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a store of a million quotes")
	}
	n := 1_000_000
	if s := os.Getenv("KUTIP_BENCH_QUOTES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	path := benchStore(b, n)
	s, err := sqlite.OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	if err := s.Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d quotes; columns loaded in %.1f s", n, time.Since(start).Seconds())
	srv, err := New(s)
	if err != nil {
		b.Fatal(err)
	}
	speakers, err := s.Top(context.Background(), store.BySpeaker, store.Filter{}, 0)
	if err != nil || len(speakers) == 0 {
		b.Fatal(err)
	}
	busiest, rare := speakers[:1], speakers[len(speakers)-1].Name
	article, err := s.Top(context.Background(), store.ByArticle, store.Filter{}, 1)
	if err != nil {
		b.Fatal(err)
	}
	speaker := url.QueryEscape(busiest[0].Name)
	for _, page := range []struct{ name, path string }{
		{"overview", "/"},
		{"quotes", "/quotes"},
		{"quotes/common-word", "/quotes?q=" + synthWords[0]},
		{"quotes/two-words", "/quotes?q=" + synthWords[1] + "+" + synthWords[5]},
		{"quotes/phrase", "/quotes?q=%22" + synthWords[2] + "+" + synthWords[3] + "%22"},
		{"quotes/busiest-speaker", "/quotes?speaker=" + speaker},
		{"quotes/outlet+medium", "/quotes?outlet=" + url.QueryEscape(synthOutlets[0]) + "&source=" + url.QueryEscape(synthMedia[0])},
		{"quotes/month+confidence", "/quotes?from=2024-05&to=2024-05&min=0.9"},
		{"quotes/most-confident-page-5", "/quotes?sort=confidence&page=5"},
		{"quotes/oldest", "/quotes?sort=oldest"},
		{"speaker/busiest", "/speaker?name=" + speaker},
		{"speaker/rare", "/speaker?name=" + url.QueryEscape(rare)},
		{"article", "/article?id=" + url.QueryEscape(article[0].Name)},
		{"api/quotes", "/api/quotes?speaker=" + speaker + "&q=" + synthWords[0]},
		{"api/top-speakers", "/api/top?by=speaker"},
		{"api/top-days", "/api/top?by=day"},
		{"export.csv/rare-speaker", "/export.csv?speaker=" + url.QueryEscape(rare)},
	} {
		b.Run(page.name, func(b *testing.B) {
			sep := "?"
			if strings.Contains(page.path, "?") {
				sep = "&"
			}
			i := 0
			cpu := processCPU()
			for b.Loop() {
				// From a day before every quote: the same answer, a new filter.
				from := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%300).Format(time.DateOnly)
				if strings.Contains(page.path, "from=") || strings.HasPrefix(page.path, "/article") {
					from = ""
				}
				path := page.path
				if from != "" {
					path += sep + "from=" + from
				}
				// A word no quote has, left out: the same answer, a new
				// full-text query, so none comes from the cache of recent ones.
				path = strings.Replace(path, "q=", fmt.Sprintf("q=-tiada%d+", i), 1)
				i++
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				if rec.Code != 200 {
					b.Fatalf("%s: %d %s", path, rec.Code, rec.Body.String())
				}
				b.SetBytes(int64(rec.Body.Len()))
			}
			// Wall time counts the other processes of a shared machine too;
			// the CPU time of this one is the server's own work.
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var (
	synthOutlets = []string{"Warta Nusantara", "Kabar Harian", "Suara Kota", "Berita Satu Nusa", "Jurnal Pagi", "Harian Timur",
		"Pos Barat", "Media Rakyat", "Tribun Contoh", "Lintas Kabar", "Detak Berita", "Kompas Contoh", "Sinar Pagi", "Gema Nusantara",
		"Pelita Kabar", "Rakyat Merdeka Contoh", "Berita Kini", "Fokus Harian", "Suara Desa", "Kabar Utara"}
	synthMedia = []string{"Reuters", "Antara", "AFP", "Associated Press", "Anadolu Agency", "BBC", "CNN", "Al Jazeera", "Xinhua",
		"Kyodo", "Bloomberg", "TRT World", "Instagram", "X", "YouTube"}
	synthCues  = []string{"kata", "ujar", "ungkap", "jelas", "tutur", "tegas", "imbuh", "terang"}
	synthFirst = []string{"Budi", "Sari", "Agus", "Dewi", "Rudi", "Rina", "Joko", "Wati", "Hendra", "Lestari", "Bambang",
		"Ayu", "Eko", "Fitri", "Hadi", "Indah", "Iwan", "Maya", "Yusuf", "Nina"}
	synthLast = []string{"Santoso", "Wulandari", "Pratama", "Hidayat", "Saputra", "Kurniawan", "Setiawan", "Lestari",
		"Nugroho", "Siregar", "Nasution", "Harahap", "Simanjuntak", "Wijaya", "Gunawan", "Halim", "Susanto", "Rahman",
		"Hakim", "Purnomo", "Utomo", "Suryadi", "Permana", "Firmansyah", "Ramadhan", "Kusuma", "Anggraini", "Maharani",
		"Sembiring", "Tarigan", "Lubis", "Pane", "Batubara", "Daulay", "Sitompul", "Panjaitan", "Manurung", "Situmorang",
		"Napitupulu", "Pardede", "Rangkuti", "Matondang", "Hutapea", "Tambunan", "Sihombing", "Silalahi", "Marpaung",
		"Ginting", "Barus", "Sinaga"}
	// synthWords: a few are common, most are rare (drawn by a Zipf law).
	synthWords = strings.Fields(`harga pemerintah masyarakat program kebijakan ekonomi nasional daerah anggaran pembangunan ` +
		`pendidikan kesehatan beras pangan energi listrik bahan bakar subsidi pajak investasi ekspor impor pasar rupiah ` +
		`inflasi bank kredit usaha kecil menengah petani nelayan buruh upah kerja lapangan jalan tol bandara pelabuhan kereta ` +
		`banjir kemarau gempa bencana bantuan sosial desa kota provinsi pusat reformasi hukum pengadilan korupsi polisi ` +
		`keamanan pertahanan militer perbatasan diplomasi kerja sama bilateral negara sahabat perdagangan teknologi digital ` +
		`data internet sekolah guru siswa mahasiswa kampus penelitian rumah sakit dokter obat vaksin wabah lingkungan hutan ` +
		`sampah air bersih tambang nikel batu bara minyak gas pariwisata budaya olahraga sepak bola pemilu partai koalisi ` +
		`parlemen undang rancangan revisi tarif transportasi angkutan mudik lebaran natal tahun baru target capaian evaluasi`)
)

func synthSpeaker(i int) string {
	return synthFirst[i%len(synthFirst)] + " " + synthLast[i/len(synthFirst)%len(synthLast)] + map[bool]string{true: "", false: " " + strconv.Itoa(i/1000)}[i < 1000]
}

// benchStore returns the path of a store of n synthetic quotes, making it
// if the temporary directory does not hold one.
func benchStore(b *testing.B, n int) string {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("kutip-web-bench-%d.db", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	b.Logf("generating %d quotes into %s", n, path)
	start := time.Now()
	s, err := sqlite.Open(path + ".part")
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	speakers := rand.NewZipf(rng, 1.2, 8, 2999)
	words := rand.NewZipf(rng, 1.1, 4, uint64(len(synthWords)-1))
	day0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	var batch []store.Article
	for a, quotes := 0, 0; quotes < n; a++ {
		art := store.Article{ID: fmt.Sprintf("synth-%07d", a), Outlet: synthOutlets[rng.IntN(len(synthOutlets))],
			Title: "Berita sintetis " + strconv.Itoa(a), TextSHA256: "00", DateSource: store.DateFromField}
		if rng.IntN(100) > 0 {
			art.Date = day0.AddDate(0, 0, rng.IntN(3*365)).Format(time.DateOnly)
		}
		art.URL = "https://contoh.test/" + art.ID
		var text strings.Builder
		chars := 0
		write := func(s string) (int, int) {
			start := chars
			text.WriteString(s)
			chars += utf8.RuneCountInString(s)
			return start, chars
		}
		write("Jakarta - Berita ini dibuat untuk mengukur kutip serve.\n\n")
		for range min(1+rng.IntN(9), n-quotes) {
			var qw []string
			for range 8 + rng.IntN(16) {
				qw = append(qw, synthWords[words.Uint64()])
			}
			sp := int(speakers.Uint64())
			name := synthSpeaker(sp)
			ref := &store.Ref{Name: name, Text: name}
			if sp < 1000 {
				ref.ID = fmt.Sprintf("tokoh-%d", sp)
			}
			q := store.Quote{Kind: "direct", Confidence: 0.5 + float64(rng.IntN(50))/100, Sources: []store.Ref{}}
			write("“")
			q.Text = strings.Join(qw, " ") + ","
			q.Start, q.End = write(q.Text)
			write("” ")
			q.Cue = synthCues[rng.IntN(len(synthCues))]
			q.CueStart, q.CueEnd = write(q.Cue)
			write(" ")
			ref.Start, ref.End = write(name)
			q.Speaker = ref
			if rng.IntN(10) < 4 {
				m := synthMedia[rng.IntN(len(synthMedia))]
				write(" seperti dikutip dari ")
				src := store.Ref{Name: m, ID: strings.ToLower(strings.ReplaceAll(m, " ", "-")), Text: m}
				src.Start, src.End = write(m)
				q.Sources = append(q.Sources, src)
			}
			if rng.IntN(4) == 0 {
				q.Kind = "indirect"
			}
			write(".\n\n")
			art.Quotes = append(art.Quotes, q)
			quotes++
		}
		art.Text = text.String()
		batch = append(batch, art)
		if len(batch) == 500 {
			if err := s.Index(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := s.Index(context.Background(), batch); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(path+".part", path); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated in %.0f s", time.Since(start).Seconds())
	return path
}
