package gazetteer

import "testing"

func TestIsCommonWord(t *testing.T) {
	for word, want := range map[string]bool{
		"bahkan": true, "Bahkan": true, "BAHKAN": true, "pemerintah": true,
		"Lavrov": false, "Jakarta": false, "": false,
		"sangat-sangat-panjang-sekali-kata-ini": false,
	} {
		if got := IsCommonWord(word); got != want {
			t.Errorf("IsCommonWord(%q) = %v, want %v", word, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { IsCommonWord("Pemerintah") }); n != 0 {
		t.Errorf("IsCommonWord allocates %v times", n)
	}
}
