package store

import "testing"

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
