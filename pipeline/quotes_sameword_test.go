package pipeline

import (
	"strings"
	"testing"
)

// TestSameWordIsEqualFold checks sameWord against strings.EqualFold for the
// words it is asked about, in other cases, with other letters and lengths.
func TestSameWordIsEqualFold(t *testing.T) {
	for _, lower := range []string{"menurut", "bahwa", "yang", "oleh", "dari", "dan", "media"} {
		for _, w := range []string{lower, strings.ToUpper(lower), strings.ToUpper(lower[:1]) + lower[1:], lower + "nya",
			lower[:len(lower)-1], "", "x" + lower[1:], lower[:1] + "\u00e9" + lower[2:], lower[:len(lower)-1] + "\u212a"} {
			if got, want := sameWord(w, lower), strings.EqualFold(w, lower); got != want {
				t.Errorf("sameWord(%q, %q) = %v, want EqualFold's %v", w, lower, got, want)
			}
		}
	}
}
