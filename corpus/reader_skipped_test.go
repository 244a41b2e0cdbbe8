package corpus

import (
	"path/filepath"
	"slices"
	"testing"
)

// A walk reads only record files, but names the .json files it passes
// over, which a user may have meant as input; other files and hidden ones
// are not worth a word.
func TestReaderSkippedJSONFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"d/a.jsonl": "{}\n", "d/b.json": "{}\n", "d/sub/C.JSON.GZ": "x", "d/notes.md": "x", "d/.hidden.json": "{}\n",
	})
	r, err := NewReader(nil, filepath.Join(dir, "d"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want := []string{filepath.Join(dir, "d/b.json"), filepath.Join(dir, "d/sub/C.JSON.GZ")}
	if got := r.Skipped(); !slices.Equal(got, want) {
		t.Errorf("Skipped() = %q, want %q", got, want)
	}
}
