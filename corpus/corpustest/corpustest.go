// Package corpustest holds what the benchmarks of corpus and of the command
// share: the corpus they read and the processor time they report.
package corpustest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchCorpus returns the JSONL corpus to benchmark: the file named by
// KUTIP_BENCH_JSONL (e.g. news articles repeated to 20 MB), or the invented
// example article of the repository's testdata repeated to 4 MB.
func BenchCorpus(tb testing.TB) []byte {
	tb.Helper()
	path := os.Getenv("KUTIP_BENCH_JSONL")
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		return data
	}
	_, here, _, _ := runtime.Caller(0)
	example, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "testdata", "contoh.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	for i := 0; buf.Len() < 4<<20; i++ {
		buf.Write(bytes.Replace(example, []byte(`"id":"contoh-1"`), fmt.Appendf(nil, `"id":"contoh-%d"`, i), 1))
	}
	return buf.Bytes()
}

// ProcessCPU returns the processor time this process has used: on a machine
// busy with other work it changes far less than the wall clock.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
