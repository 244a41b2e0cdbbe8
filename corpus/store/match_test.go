package store

import (
	"errors"
	"strings"
	"testing"
)

func TestFolderCutsClitics(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Katanya program nuklirnya aman.", "Kata program nuklir aman."},
		{"Apakah benar? Dialah orangnya, siapa pun.", "Apa benar? Dia orang, siapa pun."},
		{"Masalahnya adalah sekolah.", "Masalah adalah sekolah."},
		{"Hanya Allah yang tahu.", "Hanya Allah yang tahu."},
		{"kata-katanya", "kata-kata"},
	}
	var f Folder
	for _, tt := range tests {
		if got := string(f.Fold(nil, tt.text)); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// Issue 15.10: a 50 KB outlet failed in SQLite ("LIKE or GLOB pattern too
// complex") and a 1 MB full-text query ran for minutes.
func TestFilterBounds(t *testing.T) {
	words := func(n int) string { return strings.Repeat("kata ", n) }
	tests := []struct {
		name    string
		filter  Filter
		wantErr string
	}{
		{"a long outlet", Filter{Outlets: []string{"detik", strings.Repeat("x", 50000)}}, "outlet is 50000 bytes long"},
		{"a megabyte of full-text query", Filter{Match: words(200000)}, "match is 1000000 bytes long"},
		{"too many words in a full-text query", Filter{Match: words(MaxMatchTerms + 1)}, "more than 32 words"},
		{"too many words in a name", Filter{Speakers: []string{words(MaxNameWords + 1)}}, "more than 16 words"},
		{"an unknown kind", Filter{Kind: "said"}, "kind must be direct or indirect"},
		{"not a day", Filter{From: "2025-07"}, `from "2025-07" is not a date`},
		{"too many speakers", Filter{Speakers: strings.Fields(words(MaxFilterValues + 1))}, "51 values of speaker"},
		{"a confidence above one", Filter{MinConfidence: 1.5}, "between 0 and 1"},
		{"the most words allowed", Filter{Match: words(MaxMatchTerms), Speakers: []string{words(MaxNameWords)}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.filter.Check()
			if err == nil && tt.filter.Match != "" {
				_, err = ParseMatch(tt.filter.Match)
			}
			for _, name := range tt.filter.Speakers {
				if err == nil {
					_, err = NameWords(name)
				}
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("err = %v", err)
				}
				return
			}
			if !errors.Is(err, ErrBadFilter) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want ErrBadFilter saying %q", err, tt.wantErr)
			}
		})
	}
}
