package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

// benchCorpus returns the JSONL corpus to benchmark: the file named by
// KUTIP_BENCH_JSONL (e.g. a 100 MB file of news articles), or a few megabytes
// made from the example article.
func benchCorpus(b *testing.B) []byte {
	b.Helper()
	if path := os.Getenv("KUTIP_BENCH_JSONL"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	example, err := os.ReadFile("../../../testdata/contoh.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for i := 0; buf.Len() < 4<<20; i++ {
		buf.Write(bytes.Replace(example, []byte(`"id":"contoh-1"`), []byte(fmt.Sprintf(`"id":"contoh-%d"`, i)), 1))
	}
	return buf.Bytes()
}

func benchExtract(b *testing.B, pipe pipeline.Pipeline, workers int) {
	data := benchCorpus(b)
	opts := extractOptions{textField: "text", idField: "id", outletField: "outlet", workers: workers, quiet: true}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		r, err := corpus.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if err := extract(context.Background(), opts, pipe, r, nil, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractFoundation runs extract with the stages before entities.
func BenchmarkExtractFoundation(b *testing.B) {
	foundation := pipeline.Pipeline{pipeline.Normalize{}, pipeline.Tokenize{}, pipeline.Segment{}}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) { benchExtract(b, foundation, workers) })
	}
}

// BenchmarkExtract runs extract with every stage and the default gazetteer.
func BenchmarkExtract(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) { benchExtract(b, pipeline.Standard(g), workers) })
	}
}

// BenchmarkJSONRoundTrip is the yardstick: decode every record with
// encoding/json and encode it again, on one goroutine.
func BenchmarkJSONRoundTrip(b *testing.B) {
	data := benchCorpus(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		in := bufio.NewReaderSize(bytes.NewReader(data), 1<<20)
		out := json.NewEncoder(io.Discard)
		for {
			line, err := in.ReadSlice('\n')
			if len(strings.TrimSpace(string(line))) > 0 {
				var rec map[string]any
				if err := json.Unmarshal(line, &rec); err != nil {
					b.Fatal(err)
				}
				if err := out.Encode(rec); err != nil {
					b.Fatal(err)
				}
			}
			if err != nil {
				break
			}
		}
	}
}
