package pipeline

import (
	"fmt"
	"strings"

	"github.com/kutip/kutip/gazetteer"
)

// wordClass is what the word lists say about a word, looked up in lower case.
type wordClass uint16

const (
	classTitle            wordClass = 1 << iota // titles.txt
	classAffiliation                            // affiliation-titles.txt
	classRole                                   // role-words.txt
	classOrgHead                                // org-heads.txt
	classPlaceCue                               // place-cues.txt
	classLowercase                              // lowercase-words.txt and gazetteer.CommonWords
	classTerm                                   // terms.txt
	classEnglishOrg                             // english-org-words.txt
	classEnglishConnector                       // english-connectors.txt
	classNameConnector                          // name-connectors.txt
	classOrgConnector                           // org-connectors.txt
	classNonNameCue                             // non-name-cues.txt
	classStateBody                              // state-bodies.txt
	classPartyBoard                             // party-boards.txt
	classFacility                               // facility-words.txt
	classRegionHead                             // region-heads.txt
)

// Word lists the quote stage reads too.
var (
	titleWords = listOf(readWordSet("titles.txt"))
	roleWords  = listOf(readWordSet("role-words.txt"))
	orgHeads   = listOf(readWordSet("org-heads.txt"))
	placeCues  = listOf(readWordSet("place-cues.txt"))
)

// lexicon merges the word lists into one map, so that a token costs one
// lookup.
var lexicon = listOf(func() map[string]wordClass {
	m := make(map[string]wordClass)
	for _, list := range []struct {
		words map[string]bool
		class wordClass
	}{
		{titleWords.words, classTitle},
		{readWordSet("affiliation-titles.txt"), classAffiliation},
		{roleWords.words, classRole},
		{orgHeads.words, classOrgHead},
		{placeCues.words, classPlaceCue},
		{readWordSet("lowercase-words.txt"), classLowercase},
		{readWordSet("terms.txt"), classTerm},
		{readWordSet("english-org-words.txt"), classEnglishOrg},
		{readWordSet("english-connectors.txt"), classEnglishConnector},
		{readWordSet("name-connectors.txt"), classNameConnector},
		{readWordSet("org-connectors.txt"), classOrgConnector},
		{readWordSet("non-name-cues.txt"), classNonNameCue},
		{readWordSet("state-bodies.txt"), classStateBody},
		{readWordSet("party-boards.txt"), classPartyBoard},
		{readWordSet("facility-words.txt"), classFacility},
		{readWordSet("region-heads.txt"), classRegionHead},
	} {
		for w := range list.words {
			m[w] |= list.class
		}
	}
	// The gazetteer's common words are written in lower case too: they are
	// not listed again.
	for _, w := range gazetteer.CommonWords() {
		m[w] |= classLowercase
	}
	return m
}())

var (
	compassWords     = readWordSet("compass-words.txt")
	teamCues         = listOf(readWordSet("team-cues.txt"))
	givenNames       = listOf(readWordSet("given-names-also-places.txt"))
	addressNumbers   = listOf(readWordSet("address-numbers.txt"))
	nameOpeningWords = listOf(readWordSet("name-opening-words.txt"))
	officeBodies     = readWordSet("office-bodies.txt")
	venueBodies      = listOf(readWordSet("venue-bodies.txt"))
	ministryWords    = listOf(readWordSet("ministry-words.txt"))
	// shortestMinistryWord spares most tokens the lookup in ministryWords.
	shortestMinistryWord = func() int {
		n := 1 << 30
		for w := range ministryWords.words {
			n = min(n, len(w))
		}
		return n
	}()
	contextCues     = listOf(readLabelMap("context-cues.tsv"))
	derivingAffixes = readAffixPairs("derived-word-affixes.tsv")
)

// loanwordSuffixes end nouns taken from Latin and Dutch (loanword-suffixes.txt).
var loanwordSuffixes = func() []string {
	var out []string
	for w := range readWordSet("loanword-suffixes.txt") {
		out = append(out, w)
	}
	return out
}()

// affixPair is a prefix and a suffix that frame a derived word.
type affixPair struct{ prefix, suffix string }

// readAffixPairs reads a list of PREFIX <TAB> SUFFIX lines into a slice:
// every capitalised word is checked against all of them.
func readAffixPairs(name string) []affixPair {
	var pairs []affixPair
	for prefix, suffix := range readWordMap(name) {
		pairs = append(pairs, affixPair{prefix, suffix})
	}
	return pairs
}

// readLabelMap reads a list of WORD <TAB> LABEL lines.
func readLabelMap(name string) map[string]Label {
	out := make(map[string]Label)
	for w, v := range readWordMap(name) {
		switch l := Label(v); l {
		case Person, Place, Organisation:
			out[w] = l
		default:
			panic(fmt.Sprintf("pipeline: word list %s: %q has label %q, want PERSON, PLACE or ORGANISATION", name, w, v))
		}
	}
	return out
}

// lookupLower returns m[w in lower case], without allocating for the short
// ASCII words that names and cues are made of.
func lookupLower[V any](m map[string]V, w string) V {
	var buf [40]byte
	return m[string(appendLower(buf[:0], w))]
}

// appendLower appends w in lower case to b. An ASCII word that fits in b's
// capacity is lowered in place there, without allocating.
func appendLower(b []byte, w string) []byte {
	if len(w) > cap(b)-len(b) {
		return append(b, strings.ToLower(w)...)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return append(b[:len(b)-i], strings.ToLower(w)...) // over the ASCII start lowered so far
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// classOf returns the classes of w, in any case.
func classOf(w string) wordClass { return lexicon.lookup(w) }

func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if '0' <= w[i] && w[i] <= '9' {
			return true
		}
	}
	return false
}

// hasArabicArticle reports a word starting with "al-" or "el-".
func hasArabicArticle(w string) bool {
	return len(w) > 3 && (w[0] == 'a' || w[0] == 'e') && w[1] == 'l' && w[2] == '-'
}

// startsLower reports whether s starts with a lower-case ASCII letter, the
// quick test that rules most tokens out of names.
func startsLower(s string) bool { return s != "" && 'a' <= s[0] && s[0] <= 'z' }

// isNameWord reports a capitalised word, an Arabic name with its article
// ("al-Qassam") or an initial ("H.", "M.") that can be part of a name. A word
// with -nya ("Arabnya", "Menurutnya", "Perda-nya") or with digits (H5N1) is not.
func isNameWord(t *Token) bool {
	switch t.Kind {
	case Word:
		w := t.Norm
		if hasArabicArticle(w) {
			w = w[3:]
		}
		return !startsLower(w) && t.Clitic != CliticNya && !strings.HasSuffix(w, "-nya") && isCapitalised(w) && !hasDigit(w)
	case Abbrev:
		// Initials, and company suffixes ending a name ("Inc.", "Corp.").
		return isCapitalised(t.Norm) && (len(t.Norm) <= 3 || classOf(trimPeriod(t.Norm))&classEnglishOrg != 0)
	}
	return false
}

// isOrdinaryWord reports a word that is written in lower case in running
// text, whatever its case here: a listed word, a reduplication
// ("Harga-harga") or a derived noun or verb ("Pertemuan", "Dibangunkan").
func isOrdinaryWord(t *Token) bool {
	if t.Kind != Word {
		return false
	}
	return isOrdinaryStem(t, classOf(t.Stem())) // "Kalaupun"
}

// isOrdinaryStem is isOrdinaryWord for a word whose stem has the classes
// stemClass.
func isOrdinaryStem(t *Token, stemClass wordClass) bool {
	w := t.Stem()
	return t.Has(Reduplicated) || stemClass&classLowercase != 0 || isDerivedWord(w) ||
		!isASCII(w) && gazetteer.IsCommonWord(w) // which strips diacritics: lower case alone may miss
}

// isDerivedWord reports a long word framed by a prefix and suffix of
// derivation (derived-word-affixes.tsv), or ending as a loanword does
// (loanword-suffixes.txt).
func isDerivedWord(w string) bool {
	if len(w) < 8 {
		return false
	}
	for _, suffix := range loanwordSuffixes {
		if len(w) >= len(suffix)+5 && strings.EqualFold(w[len(w)-len(suffix):], suffix) {
			return true
		}
	}
	for _, a := range derivingAffixes {
		// The prefixes are ASCII: a first letter in another case differs by
		// bit 0x20, and a first byte of another letter never matches.
		if len(w) >= len(a.prefix)+len(a.suffix)+3 && w[0]|0x20 == a.prefix[0]|0x20 &&
			strings.EqualFold(w[:len(a.prefix)], a.prefix) && strings.HasSuffix(w, a.suffix) {
			return true
		}
	}
	return false
}

// isAcronym reports a word in capitals of two or more letters that is
// neither a Roman numeral nor a shouted common word (PKB, KPK, DPR-RI; not
// III, not DAN).
func isAcronym(t *Token) bool {
	if t.Kind != Word {
		return false
	}
	letters := 0
	for i := 0; i < len(t.Norm); i++ {
		c := t.Norm[i]
		switch {
		case 'A' <= c && c <= 'Z':
			letters++
		case 'a' <= c && c <= 'z' || c >= 0x80:
			return false
		}
	}
	return letters >= 2 && !isRomanNumeral(t.Norm) && !gazetteer.IsCommonWord(t.Norm)
}

// isRomanNumeral reports a number in capital Roman numerals up to XXXIX
// (II, VIII): larger ones do not number committees and congresses, and XL,
// CD or DI are acronyms.
func isRomanNumeral(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c != 'I' && c != 'V' && c != 'X' {
			return false
		}
	}
	return w != ""
}

func trimPeriod(s string) string {
	if len(s) > 1 && s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}
