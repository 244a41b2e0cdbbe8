package gazetteer

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// syllables build the synthetic names of writeSyntheticGazetteer.
var syllables = [20]string{"ba", "ko", "di", "su", "ma", "ran", "te", "li", "pu", "ni", "ha", "jo", "we", "ga", "ri", "to", "se", "nu", "ya", "lo"}

// syntheticName returns a distinct two-word name for each i < 20^6.
func syntheticName(i int) (first, last string) {
	var d [6]string
	for k := range d {
		d[k] = syllables[i%20]
		i /= 20
	}
	capital := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	// The last name takes the fastest- and slowest-changing digits so that
	// about 200 people share each, as common surnames are shared.
	return capital(d[1] + d[2] + d[3]), capital(d[0] + d[4] + d[5])
}

// writeSyntheticGazetteer writes a user gazetteer of n entries as TSV: three
// in five people (aliased by their last name), the rest organisations and
// places.
func writeSyntheticGazetteer(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "id\tlabel\tkind\tname\taliases\tparent\tdescription")
	for i := range n {
		first, last := syntheticName(i)
		switch i % 5 {
		case 0, 1, 2:
			fmt.Fprintf(bw, "user-%07d\tPERSON\tperson\t%s %s\t%s|%s. %s\t\tGenerated person %d\n", i, first, last, last, first[:1], last, i)
		case 3:
			fmt.Fprintf(bw, "user-%07d\tORGANISATION\tcompany\tPT %s %s\t%s Group\tindonesia\tGenerated company %d\n", i, first, last, last, i)
		default:
			fmt.Fprintf(bw, "user-%07d\tPLACE\tvillage\tDesa %s %s\t\tjawa-barat\tGenerated village %d\n", i, first, last, i)
		}
	}
	return bw.Flush()
}

func writeSyntheticFile(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "user.tsv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := writeSyntheticGazetteer(f, n); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestSyntheticGazetteer(t *testing.T) {
	entries, err := ReadFile(writeSyntheticFile(t, 1000))
	if err != nil {
		t.Fatal(err)
	}
	g := New(entries)
	if g.Len() != 1000 {
		t.Fatalf("synthetic gazetteer has %d entries, want 1000", g.Len())
	}
	first, last := syntheticName(999) // a PLACE: Desa …
	got := describe(g.MatchTokens([]string{"di", "Desa", first, last}, nil))
	if want := "user-0000999@1-4:name"; len(got) != 1 || got[0] != want {
		t.Errorf("MatchTokens = %q, want %q", got, want)
	}
}

// newsTokens is a tokenized news paragraph for the matching benchmark.
var newsTokens = strings.Fields(`JAKARTA , KOMPAS.com - Menteri Luar Negeri Rusia Sergey Lavrov mengatakan
	bahwa Moskwa menghormati keputusan Korea Utara . " Kami menghormati tindakan mereka , " kata Lavrov
	seperti dikutip dari TRT World , Selasa ( 13 / 7 / 2025 ) . Presiden Joko Widodo sebelumnya meminta
	Kementerian Luar Negeri dan TNI berkoordinasi dengan KPK serta Pemerintah Provinsi Jawa Barat .
	Menurut Reuters , Amerika Serikat dan PBB belum memberikan tanggapan , dilansir Anadolu Agency .`)

func BenchmarkMatchTokens(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	benchmarkMatch(b, g)
}

// benchTokens repeats newsTokens to about 10,000 tokens and returns them
// with their size in bytes, counting a separator after each.
func benchTokens() ([]string, int) {
	var tokens []string
	for len(tokens) < 10_000 {
		tokens = append(tokens, newsTokens...)
	}
	size := 0
	for _, t := range tokens {
		size += len(t) + 1
	}
	return tokens, size
}

func benchmarkMatch(b *testing.B, g *Gazetteer) {
	tokens, size := benchTokens()
	dst := make([]Match, 0, len(tokens))
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		dst = g.MatchTokens(tokens, dst[:0])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(tokens)), "ns/token")
	b.ReportMetric(float64(len(dst)), "matches")
}

// BenchmarkDefault times building the default gazetteer from the embedded
// data, which Default does once per process.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		entries, err := loadDefaultEntries()
		if err != nil {
			b.Fatal(err)
		}
		New(entries)
	}
}

// BenchmarkFirstFuzzy times the first Fuzzy call on the default data, which
// trains the spelling model.
func BenchmarkFirstFuzzy(b *testing.B) {
	entries, err := DefaultEntries()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		g := New(slices.Clone(entries))
		b.StartTimer()
		g.Fuzzy("Lavrof")
	}
}

// BenchmarkBuildFuzzy times building the spelling model of the default
// gazetteer, which its first Fuzzy call does, without New.
func BenchmarkBuildFuzzy(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		g.buildFuzzy()
	}
}

// BenchmarkLoadMillion loads a generated 1,000,000-entry user gazetteer on
// top of the default data, as kutip extract --gazetteer does, reporting the
// live heap afterwards and the cost of matching in a gazetteer that large.
// Run it alone (-bench LoadMillion -benchtime 1x) under /usr/bin/time -v for
// peak RSS.
func BenchmarkLoadMillion(b *testing.B) {
	path := writeSyntheticFile(b, 1_000_000)
	var g *Gazetteer
	for b.Loop() {
		g = nil
		runtime.GC()
		defaults, err := DefaultEntries()
		if err != nil {
			b.Fatal(err)
		}
		if g, err = Load(defaults, path); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "load-s")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "live-MiB")
	b.ReportMetric(float64(g.Len()), "entries")

	// Matching must cost the same as in the default gazetteer.
	tokens, _ := benchTokens()
	dst := make([]Match, 0, len(tokens))
	const rounds = 20
	start := time.Now()
	for range rounds {
		dst = g.MatchTokens(tokens, dst[:0])
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(rounds*len(tokens)), "match-ns/token")
}

// BenchmarkFirstFuzzyMillion times the first Fuzzy call on the gazetteer of
// BenchmarkLoadMillion, where the spelling model is capped at
// fuzzyMaxEntries entries.
func BenchmarkFirstFuzzyMillion(b *testing.B) {
	path := writeSyntheticFile(b, 1_000_000)
	for b.Loop() {
		b.StopTimer()
		defaults, err := DefaultEntries()
		if err != nil {
			b.Fatal(err)
		}
		g, err := Load(defaults, path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		g.Fuzzy("Lavrof")
		b.StopTimer()
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "model-MiB")
		b.ReportMetric(float64(len(g.fuzzy.ends)), "keys")
		b.StartTimer()
	}
}
