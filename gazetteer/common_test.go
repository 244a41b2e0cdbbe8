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

func TestCommonWordsAreCommon(t *testing.T) {
	words := CommonWords()
	if len(words) < 100 {
		t.Fatalf("CommonWords returned %d words", len(words))
	}
	for _, w := range words {
		if !IsCommonWord(w) || w != fold(w) {
			t.Errorf("CommonWords has %q, which is not a folded common word", w)
		}
	}
}
