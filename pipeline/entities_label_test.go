package pipeline

import "testing"

func TestCuesOf(t *testing.T) {
	tests := []struct {
		tok   Token
		want  wordCues
		label Label
	}{
		{Token{Norm: "kata", Kind: Word}, cueNameAfter, ""},
		{Token{Norm: "katanya", Kind: Word, Clitic: CliticNya}, cueNameAfter, ""}, // its stem
		{Token{Norm: "mengatakan", Kind: Word}, cueNameBefore, ""},
		{Token{Norm: "warga", Kind: Word}, 0, Place},
		{Token{Norm: "Warga", Kind: Word}, 0, Place}, // in any case
		{Token{Norm: "melawan", Kind: Word}, 0, Organisation},
		{Token{Norm: "kota", Kind: Word}, cuePlace, ""},
		{Token{Norm: "kota-kota", Kind: Word, Flags: Reduplicated}, cuePlace, ""}, // the word it repeats
		{Token{Norm: "Kota", Kind: Word}, 0, ""},                                  // a place word only in lower case
		{Token{Norm: "itu", Kind: Word}, cueDemonstrative, ""},
		{Token{Norm: "makan", Kind: Word}, 0, ""},
	}
	for _, tt := range tests {
		var connector wordClass
		if startsLower(tt.tok.Norm) {
			connector = lexicon.get(tt.tok.Norm)
		}
		got := cuesOf(&tt.tok, connector)
		if got&^(cuesKnown|3<<cueLabelShift) != tt.want || got&cuesKnown == 0 || got.label() != tt.label {
			t.Errorf("cuesOf(%q) = %b, label %q; want %b, label %q", tt.tok.Norm, got, got.label(), tt.want, tt.label)
		}
	}
}

// TestCueWordsStartWithLetters guards cuesAt, which does not look up the
// tokens that open with an ASCII character other than a letter. (A place
// cue starts with a lower-case letter by its own test in cuesOf.)
func TestCueWordsStartWithLetters(t *testing.T) {
	lists := map[string][]string{
		"context cues":   contextCues.index.keys,
		"speech verbs":   quoteWords.speech.index.keys,
		"demonstratives": demonstratives.index.keys,
	}
	for name, words := range lists {
		for _, w := range words {
			if c := lowerASCII(w[0]); c < 0x80 && (c < 'a' || c > 'z') {
				t.Errorf("%s: %q opens with %q", name, w, w[0])
			}
		}
	}
}
