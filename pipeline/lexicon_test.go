package pipeline

import "testing"

func TestWordListLookup(t *testing.T) {
	l := listOf(map[string]string{"kata": "after", "mengatakan": "before", "ésai": "x", "u": "y", "pertanggungjawaban": "z", "menyampaikan": "w"})
	tests := []struct {
		word, lookup, get string
	}{
		{"kata", "after", "after"},
		{"Kata", "after", ""},
		{"KATA", "after", ""},
		{"mengatakan", "before", "before"},
		{"Mengatakan", "before", ""},
		{"ÉSAI", "x", ""},
		{"ésai", "x", "x"},
		{"katanya", "", ""},
		{"bata", "", ""},
		{"", "", ""},
		{"U", "y", ""},
		{"u", "y", "y"},
		{"v", "", ""},
		{"PertanggungJawaban", "z", ""},
		{"pertanggungjawaban", "z", "z"},
		{"pertanggungjawabannya", "", ""},
		{"Menyampaikan", "w", ""},
		{"menyampaikaN", "w", ""},
		{"menyampaikän", "", ""},
	}
	for _, tt := range tests {
		if got := l.lookup(tt.word); got != tt.lookup {
			t.Errorf("lookup(%q) = %q, want %q", tt.word, got, tt.lookup)
		}
		if got := l.get(tt.word); got != tt.get {
			t.Errorf("get(%q) = %q, want %q", tt.word, got, tt.get)
		}
	}
}
