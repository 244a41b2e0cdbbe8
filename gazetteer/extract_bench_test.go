package gazetteer_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"syscall"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/gazetteer"
)

// cliMemoryLimit is the soft memory limit cmd/kutip sets, to which it adds
// three times the size of a user's gazetteer while it loads, and the live
// heap once it has.
const cliMemoryLimit = 90 << 20

// BenchmarkExtractMillion measures what a user's 1,000,000-entry gazetteer
// costs extract: the processor time per article (garbage collection
// included) with the default gazetteer, then with the default and the
// million, each under the memory limit the CLI would set, and their ratio
// (million/default-cpu, the target is at most 1.2). It also reports
// how long reading and indexing the million took. Skipped under -short.
//
//	go test ./gazetteer -run '^$' -bench ExtractMillion -benchtime 1x
func BenchmarkExtractMillion(b *testing.B) {
	if testing.Short() {
		b.Skip("generates and loads a 1,000,000-entry gazetteer")
	}
	articles := benchArticles(b, 3000)
	path := filepath.Join(b.TempDir(), "user.tsv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := gazetteer.WriteSyntheticGazetteer(f, 1_000_000); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	size := st.Size()
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	for b.Loop() {
		def, err := gazetteer.Default()
		if err != nil {
			b.Fatal(err)
		}
		def.Prepare()
		runtime.GC()
		debug.SetMemoryLimit(cliMemoryLimit)
		defCPU := annotateCPU(b, def, articles)

		// As kutip extract --gazetteer loads it.
		debug.SetMemoryLimit(cliMemoryLimit + 3*size)
		start, startCPU := time.Now(), processCPU()
		defaults, err := gazetteer.DefaultEntries()
		if err != nil {
			b.Fatal(err)
		}
		big, err := gazetteer.Load(defaults, path)
		if err != nil {
			b.Fatal(err)
		}
		big.Prepare()
		load, loadCPU := time.Since(start), processCPU()-startCPU
		defaults = nil
		runtime.GC()
		live := liveHeap()
		debug.SetMemoryLimit(cliMemoryLimit + int64(live))
		bigCPU := annotateCPU(b, big, articles)
		runtime.KeepAlive(big)

		perArticle := func(d time.Duration) float64 { return d.Seconds() * 1e3 / float64(len(articles)) }
		b.ReportMetric(perArticle(defCPU), "default-cpu-ms/article")
		b.ReportMetric(perArticle(bigCPU), "million-cpu-ms/article")
		b.ReportMetric(bigCPU.Seconds()/defCPU.Seconds(), "million/default-cpu")
		b.ReportMetric(load.Seconds(), "load-s")
		b.ReportMetric(loadCPU.Seconds(), "load-cpu-s")
		b.ReportMetric(float64(live)/(1<<20), "live-MiB")
	}
}

// benchArticles returns n copies of the invented example article, each with
// its own id.
func benchArticles(b *testing.B, n int) [][]byte {
	example, err := os.ReadFile("../testdata/contoh.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	example = bytes.TrimSpace(example)
	out := make([][]byte, n)
	for i := range out {
		out[i] = bytes.Replace(example, []byte(`"id":"contoh-1"`), fmt.Appendf(nil, `"id":"contoh-%d"`, i), 1)
	}
	return out
}

// annotateCPU annotates the articles with g and returns the processor time
// this process used meanwhile, the collector's included.
func annotateCPU(b *testing.B, g *gazetteer.Gazetteer, articles [][]byte) time.Duration {
	a, err := corpus.NewAnnotator(corpus.Options{Gazetteer: g})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := a.Line(ctx, articles[0]); err != nil { // warm up
		b.Fatal(err)
	}
	start := processCPU()
	for _, raw := range articles {
		if _, err := a.Line(ctx, raw); err != nil {
			b.Fatal(err)
		}
	}
	return processCPU() - start
}

func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// processCPU returns the processor time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
