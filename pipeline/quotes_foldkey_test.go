package pipeline

import "testing"

// TestFoldedKeyIsFoldWord checks that the allocation-free lookup key is the
// key the name indexes are built with, for ASCII, other letters and words too
// long for the buffer.
func TestFoldedKeyIsFoldWord(t *testing.T) {
	for _, w := range []string{"", "budi", "Budi", "BUDI", "Ma'ruf", "Prof.", "Çelik", "ẞtraße", "K\u212a", "Abdurrahmanwahidsantosohartonosukarnoputra"} {
		var buf [40]byte
		if got, want := string(foldedKey(&buf, w)), foldWord(w); got != want {
			t.Errorf("foldedKey(%q) = %q, want foldWord's %q", w, got, want)
		}
	}
	var buf [40]byte
	if n := testing.AllocsPerRun(10, func() { foldedKey(&buf, "Kusumastuti") }); n != 0 {
		t.Errorf("foldedKey allocated %v times for an ASCII word", n)
	}
}
