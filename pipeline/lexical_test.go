package pipeline

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/kutip/kutip/gazetteer"
)

// TestVocabulary checks that a form gets one lexeme per token kind, kept
// from one document to the next, and that forms whose keys hold only part of
// them (longer than sixteen bytes) are told apart by their middles.
func TestVocabulary(t *testing.T) {
	var x tokenLexemes
	v := &x.vocab
	v.startDocument()
	forms := []string{"", "a", "di", "dan", "kata", "Kata", "kota", "katakan", "pemerintah", "pemerintahan",
		"perekonomian-nasional", "perekonomian_nasional", "kesejahteraan", "Kesejahteraan"}
	ids := map[string]int32{}
	for _, w := range forms {
		ids[w] = idOf(&x, w, Word)
	}
	abbrev := idOf(&x, "kata", Abbrev)
	v.startDocument()
	for _, w := range forms {
		if got := idOf(&x, w, Word); got != ids[w] {
			t.Errorf("idOf(%q) = %d, then %d", w, ids[w], got)
		}
	}
	if len(v.lexemes) != 1+len(forms)+1 || abbrev == ids["kata"] {
		t.Errorf("%d lexemes (with none's) for %d forms and one abbreviation; kata as an abbreviation %d, as a word %d",
			len(v.lexemes), len(forms), abbrev, ids["kata"])
	}
}

// idOf returns the index of the lexeme of form w as a token of kind k, as
// a document's token looks it up.
func idOf(x *tokenLexemes, w string, k TokenKind) int32 {
	x.toks, x.ids = []Token{{Norm: w, Kind: k}}, []int32{0}
	x.lexeme(0)
	return x.ids[0]
}

// TestVocabularyForgets fills a vocabulary past maxLexemes: it grows its
// table meanwhile, and forgets every form before the next document.
func TestVocabularyForgets(t *testing.T) {
	var x tokenLexemes
	v := &x.vocab
	v.startDocument()
	for n := 1; n < maxLexemes; n++ {
		w := fmt.Sprintf("w%d", n)
		if id := idOf(&x, w, Word); id != int32(n) {
			t.Fatalf("idOf(%q) = %d, want %d", w, id, n)
		}
	}
	if id := idOf(&x, "w77", Word); id != 77 {
		t.Fatalf("idOf(w77) = %d after growing, want 77", id)
	}
	v.startDocument()
	if len(v.lexemes) != 1 {
		t.Fatalf("%d lexemes kept past maxLexemes", len(v.lexemes))
	}
	if id := idOf(&x, "w77", Word); id != 1 {
		t.Errorf("idOf(w77) = %d in a new vocabulary, want 1", id)
	}
}

// TestEntitiesWithWarmVocabulary checks that what the vocabulary keeps from
// earlier documents (dateline words, names also written in lower case)
// changes no entity: each document gives the same entities in a Document
// reused after the others as in a new one.
func TestEntitiesWithWarmVocabulary(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"JAKARTA, KOMPAS.com - Ketua Umum Partai Demokrat Budi Santosa mengatakan, Jakarta siap.",
		"Budi Santosa bertemu Presiden di Jakarta. \"Kami siap,\" kata Budi.",
		"Pasal 5 mengatur hal itu. Menurut pasal tersebut, Warga Cikeas menolak.",
		"BANDUNG - Persib Bandung menang. Kata-katanya jelas, ujar Rina Hartati.",
	}
	ctx := context.Background()
	p := Standard(g)[:4] // up to the entities
	var reused Document
	for round := range 2 {
		for _, text := range texts {
			fresh := NewDocument("t", text)
			if err := p.Process(ctx, fresh); err != nil {
				t.Fatal(err)
			}
			reused.Reset("t", text)
			if err := p.Process(ctx, &reused); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(fresh.Entities, reused.Entities) {
				t.Errorf("round %d, %q:\nreused %v\nfresh  %v", round, text, reused.Entities, fresh.Entities)
			}
		}
	}
}
