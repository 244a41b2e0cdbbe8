package pipeline

import (
	"slices"
	"strings"

	"github.com/kutip/kutip/gazetteer"
)

// minFuzzyLength is the length of the shortest word and name that fuzzy
// matching corrects: shorter ones are too easily near another name.
const minFuzzyLength = 6

// fuzzy returns the known entry that w misspells, or nil. News repeats
// names within an article and across articles, so answers are kept, for
// this worker's next documents too.
func (f *entityFinder) fuzzy(w string) *gazetteer.Entry {
	if len(w) < minFuzzyLength {
		return nil
	}
	memo := &f.scratch.fuzzy
	if memo.of != f.g || len(memo.entries) >= maxFuzzyMemo {
		memo.of, memo.entries = f.g, make(map[string]*gazetteer.Entry)
	}
	if e, seen := memo.entries[w]; seen {
		return e
	}
	e, surface, _, ok := f.g.Fuzzy(w)
	if !ok || len(surface) < minFuzzyLength {
		e = nil
	}
	memo.entries[strings.Clone(w)] = e // not a slice of the document, which it would keep alive
	return e
}

// fuzzyMemo holds the answers of Gazetteer.Fuzzy for one gazetteer.
type fuzzyMemo struct {
	of      *gazetteer.Gazetteer
	entries map[string]*gazetteer.Entry // word → entry, or nil for none
}

// maxFuzzyMemo bounds the answers a worker keeps: about a megabyte.
const maxFuzzyMemo = 20_000

// nameGuess is what labelName makes of a run of capitalised words.
type nameGuess struct {
	label Label
	split int  // when after start: an organisation up to split, then its member ("Golkar [Nurul Arifin]")
	sure  bool // the words around the name say so; not a default
}

// labelName decides what the capitalised words [j, k) are, or reports that
// they name nothing.
func (f *entityFinder) labelName(j, k int, ev evidence) (nameGuess, bool) {
	toks := f.doc.Tokens
	n := k - j
	acronyms, ordinary, terms, initials, englishOrg, brands := 0, 0, 0, 0, 0, 0
	for i := j; i < k; i++ {
		info := f.infoAt(i)
		switch {
		case info&infoAcronym != 0:
			acronyms++
		case info&infoOrdinary != 0:
			ordinary++
		case info&infoInitial != 0:
			initials++
		}
		if info&infoTerm != 0 {
			terms++
		}
		if f.isEnglishOrgWord(i) {
			englishOrg++ // "Bridge Alliance", "DeSoto Inc."
		}
		if info&infoBrand != 0 {
			brands++
		}
	}
	switch {
	case terms > 0 || initials == n || j > 0 && f.connector(j-1)&classNonNameCue != 0:
		// "Pemilu Presiden", "tipe A atau B", "berbahasa Mandarin"
		return nameGuess{}, false
	case j > 1 && toks[j-1].Norm == "(" && toks[j-2].Kind == Word && startsLower(toks[j-2].Norm):
		// "tempat pemungutan suara (TPS)": the acronym of a common noun.
		return nameGuess{}, false
	case acronyms == n && ev == personTitle:
		return nameGuess{label: Person, sure: true}, true // "Presiden SBY"
	case acronyms == n && (n > 1 || len(toks[j].Norm) > 2):
		return nameGuess{label: Organisation, sure: true}, true
	case acronyms == n:
		// Two capitals the gazetteer does not know are initials or a
		// common abbreviation (PM, VP, TB) more often than a body.
		return nameGuess{}, false
	case (englishOrg > 0 || brands > 0) && (ev == noEvidence || f.isEnglishOrgWord(k-1)):
		// "Bridge Alliance", "Mercantile Exchange", "StatesWest"; after a
		// title too when the name ends in such a word: "Director Jakarta
		// Defensive Driving Center". After a title, names after the word
		// are the person's: "Direktur Institute for Essential Services
		// Reform Fabby Tumiwa".
		return nameGuess{label: Organisation, sure: true}, true
	}
	// The word before the name is asked only now, as most runs are settled
	// by their own words.
	cues := wordCues(0)
	if j > 0 {
		cues = f.cuesAt(j - 1)
	}
	switch {
	case ev == personTitle && f.is(j-1, infoTitle) && cues.label() != "":
		// A title that is also a cue says what follows: "Warga Cikeas" is
		// the place.
		return nameGuess{label: cues.label(), sure: true}, true
	case ev == personTitle:
		return nameGuess{label: Person, sure: true}, true
	case ev == affiliation && n == 1:
		return nameGuess{label: Organisation, sure: true}, true
	case ev == affiliation && n >= 3:
		return nameGuess{label: Person, split: j + 1, sure: true}, true
	case ev == affiliation:
		return nameGuess{label: Person, sure: true}, true
	case englishOrg > 0 || brands > 0:
		return nameGuess{label: Organisation, sure: true}, true
	case cues&cueNameAfter != 0 || f.speechAfter(k):
		return nameGuess{label: Person, sure: true}, true
	case ordinary == n:
		// Capitalised ordinary words are a term or a headline ("Bahan Bakar
		// Minyak"), not a name.
		return nameGuess{}, false
	case f.hasEnglishConnector(j, k):
		return nameGuess{}, false // "Bill of Rights", "Return on Equity"
	}
	if l := cues.label(); l != "" {
		return nameGuess{label: l, sure: true}, true
	}
	if cues&cuePlace != 0 {
		return nameGuess{label: Place, sure: true}, true // "kota Rafah", "wilayah Jabotabek", "kota-kota Kashgar"
	}
	if k < len(toks) && f.cuesAt(k)&cueDemonstrative != 0 && atSentenceStart(f.doc, j) {
		// "Solenodon ini …", "Konvensi itu …" opening a sentence: a thing
		// pointed at, not a person; with no cue to say what it is, no name.
		// After a noun the demonstrative is the noun's: "sikap Aburizal
		// tersebut".
		return nameGuess{}, false
	}
	if n > 4 {
		return nameGuess{}, false
	}
	// With nothing around to go by, a word the article also writes in
	// lower case is an ordinary word ("Pasal 5" beside "pasal"); asked
	// last, as it costs most.
	for i := j; i < k && ordinary*2 < n; i++ {
		if !f.is(i, infoOrdinary) && f.writtenLower(i) {
			ordinary++
		}
	}
	if ordinary*2 < n {
		// Capitalised words with nothing else to go by: most often a person
		// in news text, unless half of them are ordinary words ("Musyawarah
		// Kerja Nasional").
		return nameGuess{label: Person}, true
	}
	return nameGuess{}, false
}

// innerCapitalPrefixes are the prefixes of names written with a capital
// inside them ("McCain", "DiCaprio").
var innerCapitalPrefixes = listOf(readWordSet("inner-capital-prefixes.txt"))

// isBrandCase reports a word written as brands and firms are, with a capital
// inside it after a lower-case letter ("StatesWest", "GlaxoSmithKline"), and
// no prefix of a family name before it ("McCain", "DeGeneres").
func isBrandCase(w string) bool {
	if len(w) < 4 || !('A' <= w[0] && w[0] <= 'Z') {
		return false
	}
	for i := 1; i < len(w)-1; i++ {
		c := w[i]
		switch {
		case c >= 0x80 || c == '-' || c == '\'' || c == '.':
			return false // hyphenated, Arabic or a lost line break's neighbours: not a brand's case
		case 'A' <= c && c <= 'Z' && 'a' <= w[i+1] && w[i+1] <= 'z':
			prev := w[i-1]
			if 'a' <= prev && prev <= 'z' && !innerCapitalPrefixes.lookup(w[:i]) {
				return true
			}
		}
	}
	return false
}

// hasEnglishConnector reports an English connector among the tokens [j, k).
// labelName asks it last, of the few runs the other cases leave.
func (f *entityFinder) hasEnglishConnector(j, k int) bool {
	for i := j; i < k; i++ {
		if f.connector(i)&classEnglishConnector != 0 {
			return true
		}
	}
	return false
}

// cueWord returns the word of t that the words after it are typed by: its
// stem, or the word a plural repeats ("kota-kota Kashgar" as "kota").
func cueWord(t *Token) string {
	w := t.Stem()
	if t.Has(Reduplicated) {
		if base, _, ok := strings.Cut(w, "-"); ok {
			return base
		}
	}
	return w
}

// speechBefore reports a speech cue that a name follows, right before token
// j ("kata", "ujar"). A repeated word is looked up as it is, not as the
// word it repeats, which its cues are of.
func (f *entityFinder) speechBefore(j int) bool {
	if j == 0 {
		return false
	}
	if t := &f.doc.Tokens[j-1]; t.Has(Reduplicated) {
		return quoteWords.speech.lookup(t.Stem()) == "after"
	}
	return f.cuesAt(j-1)&cueNameAfter != 0
}

// speechAfter reports a speech verb at token k, after a name ("mengatakan").
func (f *entityFinder) speechAfter(k int) bool {
	return k < len(f.doc.Tokens) && f.cuesAt(k)&cueNameBefore != 0
}

// wordCues is what a word tells of a name next to it. labelName asks it of
// the word before each name and of the word after, and news puts the same
// few words there ("kata", "warga", "mengatakan", "itu"), so it is worked
// out once per form and kept with the lexeme rather than looked up in the
// word lists for every name.
type wordCues uint8

const (
	cuesKnown        wordCues = 1 << iota // the other bits are filled in
	cueNameAfter                          // a speech cue that a name follows ("kata", "ujar")
	cueNameBefore                         // a speech verb that follows a name ("mengatakan")
	cuePlace                              // a lower-case place word: "kota Rafah", "kota-kota Kashgar"
	cueDemonstrative                      // "ini", "itu", "tersebut"
	cueLabelShift    = iota               // from here, the index in cueLabels of the word's context cue
)

// cueLabels are the labels a context cue gives, by their index in wordCues.
var cueLabels = [...]Label{"", Person, Place, Organisation}

// label returns what a context cue says the name after it is, or "".
func (c wordCues) label() Label { return cueLabels[c>>cueLabelShift&3] }

// cuesAt returns the cues of token i, which its lexeme keeps for the plain
// tokens of its form. A word with a clitic or repeated, whose cue word is
// not its form, is looked up each time, and a token opening with an ASCII
// character other than a letter (",", ".", a number) is no word of the
// lists and not looked up at all.
func (f *entityFinder) cuesAt(i int) wordCues {
	t := &f.doc.Tokens[i]
	if w := t.Norm; w == "" || w[0] < 0x80 && (lowerASCII(w[0]) < 'a' || lowerASCII(w[0]) > 'z') {
		return 0
	}
	l := f.lexeme(i)
	if shapeOf(t) != 0 {
		return cuesOf(t, l.connector)
	}
	if l.cues == 0 {
		l.cues = cuesOf(t, l.connector)
	}
	return l.cues
}

// cuesOf works out the cues of t, whose lexeme has the connector classes
// connector: a cue before a name by t's cueWord, one after it by its form.
func cuesOf(t *Token, connector wordClass) wordCues {
	w := cueWord(t)
	cues := cuesKnown | wordCues(slices.Index(cueLabels[:], contextCues.lookup(w)))<<cueLabelShift
	if quoteWords.speech.lookup(w) == "after" {
		cues |= cueNameAfter
	}
	if quoteWords.speech.lookup(t.Norm) == "before" {
		cues |= cueNameBefore
	}
	if (connector|classOf(w))&classPlaceCue != 0 && startsLower(w) {
		cues |= cuePlace
	}
	if demonstratives.lookup(t.Norm) {
		cues |= cueDemonstrative
	}
	return cues
}
