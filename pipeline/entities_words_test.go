package pipeline

import (
	"strings"
	"testing"
)

func TestAppendLower(t *testing.T) {
	for _, w := range []string{"", "kata", "KPK", "Ma’ruf", "ÉSAI", "Jokowi-JK", "Zelenskyy’nin", strings.Repeat("Panjang", 10)} {
		for _, prefix := range []string{"", "ada "} {
			var buf [40]byte
			got := string(appendLower(append(buf[:0], prefix...), w))
			if want := prefix + strings.ToLower(w); got != want {
				t.Errorf("appendLower(%q, %q) = %q, want %q", prefix, w, got, want)
			}
		}
	}
}
