package corpus

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// DecodedBytesRead counts the data itself, gzipped or not, while BytesRead
// counts the files as stored (and goes with TotalBytes).
func TestReaderCountsDecodedBytes(t *testing.T) {
	plain := "{\"n\":1}\n" + strings.Repeat("{\"text\":\"kata kata kata\"}\n", 5000)
	packed := gz(plain)
	dir := writeFiles(t, map[string]string{"a.jsonl": plain, "b.jsonl.gz": packed})
	r, err := NewReader(nil, filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		if _, err := r.Next(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if got, want := r.DecodedBytesRead(), int64(2*len(plain)); got != want {
		t.Errorf("DecodedBytesRead() = %d, want %d", got, want)
	}
	if got, want := r.BytesRead(), int64(len(plain)+len(packed)); got != want {
		t.Errorf("BytesRead() = %d, want %d", got, want)
	}
}
