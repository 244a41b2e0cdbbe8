package pipeline

import (
	"cmp"
	"context"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kutip/kutip/gazetteer"
)

// Tokenize splits Document.Norm into tokens with a hand-written scanner (no
// regular expressions, no allocation per token) that knows Indonesian news
// text: quotation marks of every family, in-word apostrophes (Ma'mun, Ma’ruf),
// clitics (katanya), reduplication (negara-negara), abbreviations with their
// periods (Jl., S.H., B.J.), numbers and money (13/7/2025, Rp1.500,50),
// URLs, e-mail addresses, handles and hashtags, datelines (JAKARTA,
// KOMPAS.com -) and outlet names glued to the previous word by scrapers
// (dikutipdetikNews).
//
// Decisions:
//   - Clitics -nya, -lah, -kah and -pun are marked when the stem before them
//     has at least three letters and the word is not in
//     data/clitic-exceptions.txt; words ending in -llah (Allah, Abdullah) and
//     the se-…-nya reduplication (sebesar-besarnya) are never marked. -ku and
//     -mu are never marked: too many plain words end in them (buku, laku,
//     ilmu, tamu) for a short list to keep apart.
//   - Money is the currency and the number only (Rp 14,6, with at most two
//     spaces between); a magnitude word after it (T, M, miliar, triliun)
//     stays a separate Word: T and M are also initials, and later stages read
//     the magnitude from the next token.
//   - A capital letter and a period (H., B.J.) is always an initial, so a
//     sentence ending in one ("golongan A.") is not split by the segmenter.
type Tokenize struct{}

var _ Stage = Tokenize{}

// Name implements Stage.
func (Tokenize) Name() string { return "tokenize" }

// Process implements Stage. It reuses the capacity of doc.Tokens and leaves
// it non-nil for a non-empty text, so the segmenter can tell "no tokens"
// from "not tokenized".
func (Tokenize) Process(_ context.Context, doc *Document) error {
	sc := tokScanner{doc: doc, s: doc.Norm, toks: doc.Tokens[:0], glue: tokGlued(), mapped: doc.normToText != nil}
	if sc.toks == nil && doc.Norm != "" {
		sc.toks = make([]Token, 0, len(doc.Norm)/4+8) // news has a token every 4 bytes
	}
	sc.run()
	doc.Tokens = sc.toks
	return nil
}

var (
	// tokAbbreviations maps each abbreviation to "final" when it may close a sentence.
	tokAbbreviations = readWordMap("abbreviations.txt")
	// tokCliticExceptions lists words that end like a clitic but are not one.
	tokCliticExceptions = newTokFoldedSet(readWordSet("clitic-exceptions.txt"))
	// tokOutletIndex holds the outlet names in lower case, for datelines
	// and credits, and the index of those a scrape glues to a word. It is
	// built on first use, so that commands which annotate nothing do not read
	// the gazetteer's data.
	tokOutletIndex = sync.OnceValues(func() (map[string]struct{}, *tokGlueIndex) { return tokIndexOutlets(outletNames()) })
	// tokGluePrefixes are the words a scrape glues a name to, by first
	// letter, longest first.
	tokGluePrefixes = tokIndexGluePrefixes(readWordSet("glue-prefixes.txt"))
)

// outletNames are the names and aliases of the default gazetteer's news
// media, agencies and broadcasters, and the other spellings of outlets.txt.
func outletNames() map[string]bool {
	names := readWordSet("outlets.txt")
	entries, err := gazetteer.DefaultEntries()
	if err != nil {
		panic("pipeline: " + err.Error())
	}
	for _, e := range entries {
		if e.Kind == "media" || e.Kind == "news-agency" || e.Kind == "broadcaster" {
			names[e.Name] = true
			for _, a := range e.Aliases {
				names[a] = true
			}
		}
	}
	return names
}

func tokOutlets() map[string]struct{} { names, _ := tokOutletIndex(); return names }
func tokGlued() *tokGlueIndex         { _, glued := tokOutletIndex(); return glued }

func tokIndexGluePrefixes(set map[string]bool) *[26][]string {
	var byFirst [26][]string
	for w := range set {
		if !tokIsLower(w[0]) {
			panic("pipeline: glue-prefixes.txt: " + w + " does not start with a lower-case letter")
		}
		byFirst[w[0]-'a'] = append(byFirst[w[0]-'a'], w)
	}
	for _, words := range byFirst {
		slices.SortFunc(words, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	}
	return &byFirst
}

// tokGluedNameStart returns where a name written with a capital starts in a
// word that glues it to a glue prefix ("kepadaCNBC", "daridetikSport"), or 0.
// The capital must come right after the prefix or close a lower-case run
// (camel case: detikSport); a capitalised clitic ("kepadaNya") is no name.
func tokGluedNameStart(word string) int {
	if len(word) < 5 || !tokIsLower(word[0]) {
		return 0
	}
	for _, p := range tokGluePrefixes[word[0]-'a'] {
		if len(word)-len(p) < 3 || !strings.HasPrefix(word, p) {
			continue
		}
		rest := word[len(p):]
		k := 0
		for k < len(rest) && tokIsLower(rest[k]) {
			k++
		}
		if k == len(rest) || !tokIsUpper(rest[k]) || rest == "Nya" || rest == "Mu" || rest == "Ku" {
			return 0
		}
		return len(p)
	}
	return 0
}

// tokGlueIndex finds outlet names glued to a word by the word's last bytes:
// a bit set of the names' last three bytes filters out most words before a
// binary search of the groups of names by their last two bytes, and a
// first-byte check most of the rest.
type tokGlueIndex struct {
	// seen holds the tokGlueFilterKey of the names, all of them at
	// [0] and at [1] those starting in lower case, the only ones a word in
	// lower case can end in.
	seen   [2][1 << 16 / 64]uint64
	keys   []uint16   // sorted last two bytes of the names
	groups [][]string // names by key
	// plainEnds serves the words plainWords emits, which end in three
	// lower-case letters if they are long enough to have an outlet glued
	// to them or a clitic: for each such ending, at bit 2*tokPlainEnd, is
	// the name of an outlet starting in lower case ending in it, and at the
	// next bit a clitic.
	plainEnds [1 << 15 * 2 / 64]uint64
}

// tokPlainEnd numbers the endings of three ASCII letters a, b and c, by
// their last five bits, which tell a letter in either case.
func tokPlainEnd(a, b, c byte) uint {
	return uint(a&31)<<10 | uint(b&31)<<5 | uint(c&31)
}

// markPlainEnd sets bit of the ending of s in plainEnds when it is three
// lower-case letters.
func (g *tokGlueIndex) markPlainEnd(s string, bit uint) {
	n := len(s)
	if !tokIsLowerWord(s[n-3:]) {
		return
	}
	e := tokPlainEnd(s[n-3], s[n-2], s[n-1])
	g.plainEnds[e/32] |= 1 << (e%32*2 + bit)
}

func tokGlueKey(s string) uint16 { return uint16(s[len(s)-2])<<8 | uint16(s[len(s)-1]) }

// tokGlueKeyValue is the key of firstKeyFrom's search of tokGlueIndex.keys.
func tokGlueKeyValue(k *uint16) int { return int(*k) }

// tokGlueFilterKey spreads the last three bytes of a word, a, b and c, over
// 16 bits.
func tokGlueFilterKey(a, b, c byte) uint16 {
	k := uint32(a)<<16 | uint32(b)<<8 | uint32(c)
	return uint16((k * 0x9e3779b1) >> 16)
}

// tokBit is 1 for true and 0 for false, without a branch.
func tokBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// tokIndexOutlets returns the lower-cased outlet names and the glue index of
// the names that can be glued: one word, and four letters or starting with a
// capital so the join is visible ("menurutBBC" but not "…sikap" for AP).
func tokIndexOutlets(names map[string]bool) (map[string]struct{}, *tokGlueIndex) {
	folded := make(map[string]struct{}, len(names))
	byKey := make(map[uint16][]string)
	for name := range names {
		folded[strings.ToLower(name)] = struct{}{}
		if strings.ContainsRune(name, ' ') || len(name) < 3 || len(name) < 4 && !tokIsUpper(name[0]) {
			continue
		}
		byKey[tokGlueKey(name)] = append(byKey[tokGlueKey(name)], name)
	}
	glue := &tokGlueIndex{}
	for _, group := range byKey {
		for _, name := range group {
			n := len(name)
			k := tokGlueFilterKey(name[n-3], name[n-2], name[n-1])
			glue.seen[0][k/64] |= 1 << (k % 64)
			if tokIsLower(name[0]) {
				glue.seen[1][k/64] |= 1 << (k % 64)
				glue.markPlainEnd(name, 0)
			}
		}
	}
	for cl := CliticNya; cl <= CliticPun; cl++ {
		glue.markPlainEnd(cl.Suffix(), 1)
	}
	for k := range byKey {
		glue.keys = append(glue.keys, k)
	}
	slices.Sort(glue.keys)
	for _, k := range glue.keys {
		group := byKey[k]
		slices.SortFunc(group, func(a, b string) int { return len(b) - len(a) }) // longest match first
		glue.groups = append(glue.groups, group)
	}
	return folded, glue
}

// outletStart returns where an outlet name glued to the end of word starts,
// or 0: the word must be a lower-case prefix of two or more letters followed
// by the outlet exactly as listed. emitGlued rules out most words without
// the call.
func (g *tokGlueIndex) outletStart(word string) int {
	key := tokGlueKey(word)
	group := firstKeyFrom(g.keys, int(key), tokGlueKeyValue)
	if group == len(g.keys) || g.keys[group] != key {
		return 0
	}
	for _, name := range g.groups[group] {
		cut := len(word) - len(name)
		if cut >= 2 && word[cut] == name[0] && word[cut:] == name && tokIsLowerWord(word[:cut]) {
			return cut
		}
	}
	return 0
}

// Byte classes of ASCII characters.
const (
	bSymbol = iota
	bSpace
	bControl
	bLetter
	bDigit
	bQuote
	bPunct
	bTerminal // . ! ?
	bHyphen
	bAt
	bHash
	bDollar
)

var tokByteClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = bSpace
		case c < ' ' || c == 0x7f:
			t[c] = bControl
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = bLetter
		case '0' <= c && c <= '9':
			t[c] = bDigit
		case c == '"' || c == '\'':
			t[c] = bQuote
		case c == '.' || c == '!' || c == '?':
			t[c] = bTerminal
		case c == '-':
			t[c] = bHyphen
		case strings.IndexByte(",;:()[]{}/", byte(c)) >= 0:
			t[c] = bPunct
		case c == '@':
			t[c] = bAt
		case c == '#':
			t[c] = bHash
		case c == '$':
			t[c] = bDollar
		default:
			t[c] = bSymbol
		}
	}
	return t
}()

// tokScanner holds the state of one Tokenize call.
type tokScanner struct {
	doc  *Document
	s    string // doc.Norm
	toks []Token
	glue *tokGlueIndex // tokGlued(), asked for once and not per word
	// mapped says that Normalize changed the text, so that spans in s map to
	// Text through doc.normToText.
	mapped bool

	prevStart int      // start of the previous token in s
	prevEnd   int      // end of the previous token in s
	space     tokSpace // the white space since the previous token
	lineStart int      // index of the first token of the current line
	paraStart bool     // the current line follows a blank line or starts the text
}

// tokSpace tells the white space the scanner passed over since the
// previous token.
type tokSpace uint8

const (
	noSpace   tokSpace = iota
	oneSpace           // the one space right after a token: a gap that breaks no line
	someSpace          // any other
)

func (sc *tokScanner) run() {
	s := sc.s
	sc.paraStart = true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch tokByteClass[c] {
			case bSpace, bControl:
				// The one space right after a token (a comma's, say) is the
				// usual gap, which breaks no line: emit then takes its
				// branch for it as for a word's, not the one for other
				// white space, and does so predictably.
				if c == ' ' && i == sc.prevEnd && sc.space == noSpace && len(sc.toks) > 0 {
					sc.space = oneSpace
				} else {
					sc.space = someSpace
				}
				i++
			case bLetter:
				i = sc.word(i)
			case bDigit:
				i = sc.number(i)
			case bQuote:
				sc.quote(i, i+1, rune(c))
				i++
			case bTerminal:
				e := i + 1
				for e < len(s) && (s[e] == '.' || s[e] == '!' || s[e] == '?') {
					e++
				}
				sc.emit(i, e, Punct)
				i = e
			case bHyphen:
				e := i + 1
				for e < len(s) && s[e] == '-' {
					e++
				}
				sc.dash(i, e)
				i = e
			case bPunct:
				sc.emit(i, i+1, Punct)
				i++
			case bAt:
				i = sc.handle(i)
			case bHash:
				i = sc.hashtag(i)
			case bDollar:
				i = sc.currencySymbol(i, 1)
			default:
				sc.emit(i, i+1, Symbol)
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			sc.emit(i, i+1, Symbol)
			i++
		case tokIsQuote(r):
			sc.quote(i, i+size, r)
			i += size
		case unicode.IsMark(r) && len(sc.toks) > 0 && sc.prevEnd == i:
			i = sc.extendLast(i)
		case tokIsWordRune(r):
			i = sc.word(i)
		case unicode.IsSpace(r) || unicode.IsControl(r):
			sc.space = someSpace
			i += size
		case unicode.Is(unicode.Cf, r):
			// Invisible format characters (zero-width space, joiners) between
			// tokens are skipped; inside a word they are kept by wordCore.
			i += size
		case r == '…':
			e := i + size
			for strings.HasPrefix(s[e:], "…") {
				e += size
			}
			sc.emit(i, e, Punct)
			i = e
		case r == '–' || r == '—' || r == '―':
			e := i + size
			for strings.HasPrefix(s[e:], s[i:i+size]) {
				e += size
			}
			sc.dash(i, e)
			i = e
		case r == '€' || r == '£' || r == '¥':
			i = sc.currencySymbol(i, size)
		case unicode.IsPunct(r):
			sc.emit(i, i+size, Punct)
			i += size
		default:
			sc.emit(i, i+size, Symbol)
			i += size
		}
	}
}

// emit appends the token s[start:end] and returns it for further marking.
// Most tokens follow the usual single space or none, in a text Normalize
// left as it was, with room for them: those are stored without a call, so
// that emit keeps its arguments in registers, and emitSlow takes the others.
func (sc *tokScanner) emit(start, end int, kind TokenKind) *Token {
	// Without a branch: a token follows a space or not at random.
	flags := SpaceBefore * TokenFlag(tokBit(sc.space != noSpace))
	n := len(sc.toks)
	mayBreakLine := sc.space == someSpace && (start != sc.prevEnd+1 || sc.s[sc.prevEnd] != ' ') || n == 0 // not the usual single space, or the first token
	if mayBreakLine || sc.mapped || n == cap(sc.toks) {
		return sc.emitSlow(start, end, kind, flags, mayBreakLine)
	}
	return sc.store(Span{start, end}, start, end, kind, flags) // Norm is Text
}

// emitSlow is emit for a token after white space that may break a line,
// the first token, any token of a text Normalize changed, and one that
// needs the slice to grow.
//
//go:noinline
func (sc *tokScanner) emitSlow(start, end int, kind TokenKind, flags TokenFlag, mayBreakLine bool) *Token {
	if mayBreakLine {
		flags |= sc.markLine(start)
	}
	span := Span{start, end}
	if sc.mapped {
		start, flags = sc.takeOverEmpty(start, flags)
		span = sc.textSpan(start, end)
	}
	if len(sc.toks) == cap(sc.toks) {
		sc.toks = slices.Grow(sc.toks, 1)
	}
	return sc.store(span, start, end, kind, flags)
}

// store appends the token s[start:end] at span of Text, in a slice with
// room for it.
func (sc *tokScanner) store(span Span, start, end int, kind TokenKind, flags TokenFlag) *Token {
	// The fields are stored one by one into the slice: a Token built on the
	// stack and copied is read back in wider loads than it was written in,
	// which stalls the copy (a fifth of the scanner's time).
	n := len(sc.toks)
	sc.toks = sc.toks[:n+1]
	t := &sc.toks[n]
	t.Start, t.End, t.Norm = span.Start, span.End, sc.s[start:end]
	t.Kind, t.Clitic, t.Quote, t.Family, t.Flags = kind, NoClitic, QuoteNone, FamilyNone, flags
	sc.space = noSpace
	sc.prevStart, sc.prevEnd = start, end
	return t
}

// markLine notes where the current line starts, and whether it starts a
// paragraph, when the white space before the token at start breaks the
// line, and returns the token's line flags, which spare the segmenter
// looking at the white space again.
func (sc *tokScanner) markLine(start int) TokenFlag {
	breaks := tokLineBreaks(sc.s[sc.prevEnd:start])
	if len(sc.toks) == 0 {
		breaks = 2
	}
	if breaks > 0 {
		sc.lineStart = len(sc.toks)
		sc.paraStart = breaks >= 2
	}
	return LineBreakBefore*TokenFlag(tokBit(breaks > 0)) | BlankLineBefore*TokenFlag(tokBit(breaks >= 2))
}

// takeOverEmpty returns the start and flags of the token about to be emitted
// at start. When the previous token lay inside one recomposed character with
// it (invalid bytes before combining marks), Normalize mapped that token to
// nothing: the new one drops it and takes over its start and flags. Only a
// normalised text has such tokens.
func (sc *tokScanner) takeOverEmpty(start int, flags TokenFlag) (int, TokenFlag) {
	if n := len(sc.toks); n > 0 && sc.toks[n-1].Start == sc.toks[n-1].End {
		start, flags = sc.prevStart, sc.toks[n-1].Flags
		sc.toks = sc.toks[:n-1]
	}
	return start, flags
}

// textSpan maps a span of s to Text.
func (sc *tokScanner) textSpan(start, end int) Span {
	span := sc.doc.TextSpan(start, end)
	if sc.mapped {
		// Normalize maps a recomposed segment to its first byte, which can be
		// the space a combining mark leaned on (" \u0340"): keep it out.
		for span.Start < span.End {
			r, size := utf8.DecodeRuneInString(sc.doc.Text[span.Start:span.End])
			if !unicode.IsSpace(r) || span.Start+size == span.End {
				break
			}
			span.Start += size
		}
	}
	return span
}

// extendLast adds the combining marks at i to the token before them ("!"
// and a mark), so that no token splits a character: Normalize maps a
// recomposed character to one offset, which would leave an empty token.
func (sc *tokScanner) extendLast(i int) int {
	for i < len(sc.s) {
		r, size := utf8.DecodeRuneInString(sc.s[i:])
		if !unicode.IsMark(r) {
			break
		}
		i += size
	}
	t := &sc.toks[len(sc.toks)-1]
	span := sc.textSpan(sc.prevStart, i)
	t.Start, t.End, t.Norm = span.Start, span.End, sc.s[sc.prevStart:i]
	sc.prevEnd = i
	return i
}

// tokLineBreaks counts the line breaks in the whitespace between two tokens, up
// to 2 (a blank line). \r\n counts once; U+2029 is a paragraph break. Its
// callers tell the usual single space themselves, without the call.
func tokLineBreaks(gap string) int {
	n := 0
	for i := 0; i < len(gap) && n < 2; i++ {
		switch gap[i] {
		case '\n', '\v', '\f':
			n++
		case '\r':
			if i+1 == len(gap) || gap[i+1] != '\n' {
				n++
			}
		case 0xC2: // U+0085 next line
			if strings.HasPrefix(gap[i:], "\u0085") {
				n++
			}
		case 0xE2: // U+2028 line separator, U+2029 paragraph separator
			if strings.HasPrefix(gap[i:], "\u2028") {
				n++
			} else if strings.HasPrefix(gap[i:], "\u2029") {
				n += 2
			}
		}
	}
	return min(n, 2)
}

// quote emits a quotation mark.
func (sc *tokScanner) quote(start, end int, r rune) {
	t := sc.emit(start, end, QuoteMark)
	t.Quote, t.Family = tokQuoteMark(r)
}

func tokIsQuote(r rune) bool {
	_, f := tokQuoteMark(r)
	return f != FamilyNone
}

func tokQuoteMark(r rune) (QuoteDir, QuoteFamily) {
	switch r {
	case '"':
		return QuoteBoth, FamilyDouble
	case '\'':
		return QuoteBoth, FamilySingle
	case '“', '„', '‟':
		return QuoteOpen, FamilyDouble
	case '”':
		return QuoteClose, FamilyDouble
	case '‘', '‚', '‛':
		return QuoteOpen, FamilySingle
	case '’':
		return QuoteClose, FamilySingle
	case '«', '‹':
		return QuoteOpen, FamilyGuillemet
	case '»', '›':
		return QuoteClose, FamilyGuillemet
	}
	return QuoteNone, FamilyNone
}

// dash emits a hyphen or dash and, when it closes a dateline at the start of a
// line (JAKARTA, KOMPAS.com -), marks the dateline's tokens.
func (sc *tokScanner) dash(start, end int) {
	sc.emit(start, end, Punct)
	last := len(sc.toks) - 1
	if last == sc.lineStart || last-sc.lineStart > 9 || !sc.lineGoesOn(end) {
		return
	}
	if tokIsDateline(sc.toks[sc.lineStart:last], sc.paraStart) {
		for k := sc.lineStart; k <= last; k++ {
			sc.toks[k].Flags |= Dateline
		}
	}
}

// lineGoesOn reports whether text follows p on the same line.
func (sc *tokScanner) lineGoesOn(p int) bool {
	for p < len(sc.s) {
		switch sc.s[p] {
		case ' ', '\t':
			p++
		case '\n', '\r', '\v', '\f':
			return false
		default:
			return true
		}
	}
	return false
}

// tokIsDateline reports whether the tokens before a dash are a dateline: a city
// and an outlet in either order (Jakarta, IDN Times / TEMPO.CO, Jakarta /
// Jakarta (ANTARA)), an outlet alone (KOMPAS.com), or, at the start of a
// paragraph, a city in capitals alone (JAKARTA).
func tokIsDateline(toks []Token, paraStart bool) bool {
	words, outlet, capitals, longWord := 0, false, true, false
	for k := 0; k < len(toks); k++ {
		t := &toks[k]
		switch t.Kind {
		case Punct:
			if t.Norm != "," && t.Norm != "(" && t.Norm != ")" {
				return false
			}
			continue
		case Word, URL, Abbrev:
		default:
			return false
		}
		if !outlet {
			if n := tokOutletTokens(toks[k:]); n > 0 {
				outlet = true
				k += n - 1
				continue
			}
		}
		r, _ := utf8.DecodeRuneInString(t.Norm)
		if !unicode.IsUpper(r) {
			return false
		}
		if strings.IndexFunc(t.Norm, unicode.IsLower) >= 0 {
			capitals = false
		}
		longWord = longWord || len(t.Norm) >= 3
		words++
	}
	if words > 4 {
		return false
	}
	return outlet || paraStart && capitals && longWord
}

// tokOutletTokens returns how many of the leading tokens (up to three words)
// spell an outlet name, ignoring case, or 0.
func tokOutletTokens(toks []Token) int {
	var buf [64]byte
	for n := min(3, len(toks)); n > 0; n-- {
		b := buf[:0]
		ok := true
		for k := 0; k < n && ok; k++ {
			t := &toks[k]
			ok = t.Kind == Word || t.Kind == URL
			if k > 0 {
				ok = ok && t.Has(SpaceBefore)
				b = append(b, ' ')
			}
			ok = ok && len(b)+len(t.Norm) <= len(buf)
			if ok {
				b = tokAppendFolded(b, t.Norm)
			}
		}
		if _, found := tokOutlets()[string(b)]; ok && found {
			return n
		}
	}
	return 0
}

// tokIsOutlet reports whether s is an outlet name, ignoring case.
func tokIsOutlet(s string) bool {
	var buf [64]byte
	if len(s) > len(buf) {
		return false
	}
	_, found := tokOutlets()[string(tokAppendFolded(buf[:0], s))]
	return found
}

// tokAppendFolded appends s with ASCII letters in lower case; the word lists it
// is looked up in are ASCII, so other letters need no folding.
func tokAppendFolded(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if tokIsUpper(c) {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// word scans a token that starts with a letter (or a digit followed by
// letters): a word, or a URL, e-mail address, abbreviation or amount of money.
func (sc *tokScanner) word(i int) int {
	if j := sc.plainWords(i); j > i {
		return j
	}
	s := sc.s
	if s[i]|0x20 == 'r' { // Rp
		if e := sc.rupiahEnd(i); e > 0 {
			sc.emit(i, e, Money)
			return e
		}
	}
	j, hyphens, plain := sc.wordCore(i)
	if j >= len(s) {
		sc.emitWord(i, j, hyphens)
		return j
	}
	if plain {
		switch s[j] {
		case ':':
			if tokIsScheme(s[i:j]) && strings.HasPrefix(s[j:], "://") {
				if e := sc.urlRestEnd(i, j+3); e > j+3 {
					sc.emit(i, e, URL)
					return e
				}
			}
		case '$':
			if tokIsDollarPrefix(s[i:j]) {
				if e := sc.amountEnd(j + 1); e > 0 {
					sc.emit(i, e, Money)
					return e
				}
			}
		case ' ', '\t':
			if tokIsCurrencyCode(s[i:j]) {
				if e := sc.amountEnd(j); e > 0 {
					sc.emit(i, e, Money)
					return e
				}
			}
		}
		if c := s[j]; c == '@' || c == '.' || c == '_' || c == '+' {
			if e := sc.emailEnd(i, j); e > 0 {
				sc.emit(i, e, Email)
				return e
			}
		}
		if s[j] == '.' && j+1 < len(s) && tokIsAlnum(s[j+1]) {
			if e := tokDomainEnd(s, i); e > 0 {
				e = sc.urlPathEnd(i, e)
				sc.emitGlued(i, e, URL, tokIsLowerWord(s[i:e]))
				return e
			}
		}
	}
	if s[j] == '.' && hyphens == 0 {
		if e := tokAbbrevEnd(s, i, j); e > 0 {
			sc.emit(i, e, Abbrev)
			return e
		}
	}
	sc.emitWord(i, j, hyphens)
	return j
}

// plainWords emits the words from i on that are ASCII letters in lower
// case or capitalised, each before a space, a comma or a full stop, which
// none of word's checks would change (a currency code is in capitals, an
// amount in rupiah starts Rp), with their commas and full stops and the one
// space after them, as run would have; it returns where the first other
// token starts. Most of a text is such words: a loop of their own spares
// each a round of run's loop and its unpredictable switch, and the calls of
// emitGlued and emit when neither an outlet nor a clitic may end them.
func (sc *tokScanner) plainWords(i int) int {
	s := sc.s
	for i+16 <= len(s) {
		// With bit 0x20 set, the first byte is a lower-case letter if it is
		// a letter at all.
		b := s[i : i+16] // of a known length, which the loads need not check
		head := load64(b)
		first := tokNotLowerBytes(head | 0x20)
		if first&0xff != 0 {
			break
		}
		// The word's end is found without a branch unless it has sixteen
		// letters or more: whether a word is longer than eight is anyone's
		// guess.
		n := bits.TrailingZeros64(first) / 8 // 8 when all eight are letters
		n += bits.TrailingZeros64(tokNotLowerBytes(load64(b[8:]))) / 8 * (n >> 3)
		j := i + n
		if n == 16 {
			j = tokLowerRunEnd(s, j)
		}
		lower := head&0x20 != 0
		rupiah := uint16(head)|0x2020 == 'r'|'p'<<8 // Rp, in the first two bytes
		if j >= len(s) || !tokEndsPlainWord[s[j]] || n == 1 && !lower || rupiah {
			break
		}
		last := max(j, i+3) // the three bytes read are the word's when they count
		end3 := s[last-3 : last]
		e := tokPlainEnd(end3[0], end3[1], end3[2])
		// After a full stop, word would look for an e-mail address or a
		// host name, which need one of their bytes next, and for an
		// abbreviation, which the word's ending rules out but for few;
		// run would join ! and ? to the stop.
		if s[j] == '.' && (j+1 < len(s) && (tokIsLocalPartByte[s[j+1]] || s[j+1] == '!' || s[j+1] == '?') ||
			(n < 3 || tokPlainAbbrevEnds[e/64]>>(e%64)&1 != 0) && tokIsAbbreviation(s[i:j+1])) {
			break
		}
		// Whether the word may have an outlet glued to it (five bytes or
		// more, all in lower case) or end in a clitic (six or more), told as
		// emitGlued would have, but exactly, without the hash.
		ends := sc.glue.plainEnds[e/32] >> (e % 32 * 2) & (head>>5&1&tokBit(n >= 5) | tokBit(n >= 6)<<1)
		if k := len(sc.toks); ends&1 != 0 || sc.space == someSpace || sc.mapped || k == 0 || k == cap(sc.toks) {
			sc.emitGlued(i, j, Word, lower)
		} else {
			// emit's fast path, which these tests leave: no line may break
			// before the word. With no outlet glued to it, emitGlued would
			// have asked only for its clitic.
			t := sc.store(Span{i, j}, i, j, Word, SpaceBefore*TokenFlag(tokBit(sc.space != noSpace)))
			if ends != 0 {
				t.Clitic = tokLongWordClitic(t.Norm, false)
			}
		}
		if s[j] != ' ' { // a comma or a full stop
			// Right after the word, no line breaks before it: emit's fast
			// path unless the text is mapped or the slice full.
			if sc.mapped || len(sc.toks) == cap(sc.toks) {
				sc.emit(j, j+1, Punct)
			} else {
				sc.store(Span{j, j + 1}, j, j+1, Punct, 0)
			}
			j++
			if j >= len(s) || s[j] != ' ' {
				return j
			}
		}
		// The space is passed over here rather than in a round of run's
		// loop of its own.
		sc.space = oneSpace
		i = j + 1
	}
	return i
}

// tokEndsPlainWord marks the space, the comma and the full stop, the bytes
// after a word that plainWords emits.
var tokEndsPlainWord = [256]bool{' ': true, ',': true, '.': true}

// tokLowerRunEnd returns the end of the run of ASCII lower-case letters at
// i, testing eight bytes at a time.
func tokLowerRunEnd(s string, i int) int {
	for i+8 <= len(s) {
		if other := tokNotLowerBytes(load64(s[i : i+8])); other != 0 { // a slice of eight bytes needs no bounds checks
			return i + bits.TrailingZeros64(other)/8
		}
		i += 8
	}
	for i < len(s) && tokIsLower(s[i]) {
		i++
	}
	return i
}

// tokNotLowerBytes returns the eight bytes of x with bit 7 set in those that
// are not ASCII lower-case letters and all other bits clear.
func tokNotLowerBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// Over the bytes' low seven bits, which no sum carries out of: bit 7
	// of a byte from 'a' up, and of a byte past 'z'.
	low := x &^ highs
	atLeastA := low + ones*(0x80-'a')
	pastZ := low + ones*(0x80-'z'-1)
	return ^(atLeastA &^ pastZ &^ x) & highs
}

// wordCore returns the end of a run of letters, digits and marks, joined by
// hyphens (negara-negara, Covid-19) and in-word apostrophes (Ma'mun, Ma’ruf),
// and whether the run is plain ASCII letters, digits and hyphens (a possible
// host name or e-mail address).
func (sc *tokScanner) wordCore(i int) (end, hyphens int, plain bool) {
	s := sc.s
	j := i
	plain = true
	for {
		for j < len(s) {
			j = tokAlnumEnd(s, j)
			if j >= len(s) || s[j] < utf8.RuneSelf {
				break
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if tokIsWordRune(r) || unicode.Is(unicode.Cf, r) && sc.wordRuneAt(j+size) {
				plain = false
				j += size
				continue
			}
			break
		}
		switch {
		case j+1 >= len(s):
			return j, hyphens, plain
		case s[j] == '-' && sc.wordRuneAt(j+1):
			hyphens++
			j++
		case s[j] == '\'' && sc.letterAt(j+1):
			plain = false
			j++
		case strings.HasPrefix(s[j:], "’") && sc.letterAt(j+len("’")):
			plain = false
			j += len("’")
		default:
			return j, hyphens, plain
		}
	}
}

// tokAlnumEnd returns the end of the run of ASCII letters and digits at i,
// the bulk of most words.
func tokAlnumEnd(s string, i int) int {
	for i < len(s) && tokIsAlnumByte[s[i]] {
		i++
	}
	return i
}

// tokIsAlnumByte marks the ASCII letters and digits.
var tokIsAlnumByte = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = tokByteClass[c] == bLetter || tokByteClass[c] == bDigit
	}
	return t
}()

func tokIsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func (sc *tokScanner) wordRuneAt(p int) bool {
	if p >= len(sc.s) {
		return false
	}
	if c := sc.s[p]; c < utf8.RuneSelf {
		cl := tokByteClass[c]
		return cl == bLetter || cl == bDigit
	}
	r, _ := utf8.DecodeRuneInString(sc.s[p:])
	return tokIsWordRune(r)
}

func (sc *tokScanner) letterAt(p int) bool {
	if p >= len(sc.s) {
		return false
	}
	if c := sc.s[p]; c < utf8.RuneSelf {
		return tokByteClass[c] == bLetter
	}
	r, _ := utf8.DecodeRuneInString(sc.s[p:])
	return unicode.IsLetter(r)
}

// emitWord emits a word with its reduplication flag and clitic; ke-2 is an
// ordinal Number.
func (sc *tokScanner) emitWord(start, end, hyphens int) {
	w := sc.s[start:end]
	if hyphens == 1 && tokIsOrdinal(w) {
		sc.emit(start, end, Number)
		return
	}
	if hyphens > 0 {
		t := sc.emit(start, end, Word)
		redup := tokIsReduplication(w)
		if redup {
			t.Flags |= Reduplicated
		}
		t.Clitic = tokCliticOf(w, redup)
		return
	}
	// Words on the short path of word have no capital inside: only these
	// can glue a name with one.
	if cut := tokGluedNameStart(w); cut > 0 {
		sc.emitGlued(start, start+cut, Word, true)
		start += cut
	}
	sc.emitGlued(start, end, Word, tokIsLowerWord(sc.s[start:end]))
}

// emitGlued emits a word or host name, first splitting off an outlet name a
// scraper glued to it (dilansirKompas.com → dilansir + Kompas.com); lower
// says whether it is all in lower case.
func (sc *tokScanner) emitGlued(start, end int, kind TokenKind, lower bool) {
	// Most words have neither an outlet glued to them nor a clitic, and both
	// are ruled out at once from their last three bytes, without the branches
	// on the word that would go either way at random over a text. A word an
	// outlet is glued to has five bytes or more, starts with a lower-case
	// letter and ends in bytes the glue filter holds; the filter of the names
	// starting in lower case serves the words all in lower case, most of
	// them: names written in capitals (TribunPadang) are as often the ends of
	// plain words (sekarang) as the filter can tell.
	w := sc.s[start:end]
	n := len(w)
	short := (n - 5) >> 63 // all ones for a word of less than five bytes, then read at 0
	a, b, c := w[(n-3)&^short], w[(n-2)&^short], w[(n-1)&^short]
	f := tokGlueFilterKey(a, b, c)
	glued := sc.glue.seen[tokBit(lower)][f/64] >> (f % 64) & tokBit(w[0]-'a' < 26) &^ uint64(short) & 1
	e := tokCliticEndKey(a, b, c)
	clitic := tokCliticEnds[e/64] >> (e % 64) & tokBit(n >= 6) & tokBit(kind == Word)
	if glued|clitic == 0 {
		sc.emit(start, end, kind)
		return
	}
	if glued != 0 {
		if cut := sc.glue.outletStart(w); cut > 0 {
			sc.emitGlued(start, start+cut, Word, true) // outletStart checked the prefix
			if strings.IndexByte(w[cut:], '.') < 0 {
				kind = Word
			}
			sc.emit(start+cut, end, kind)
			return
		}
	}
	t := sc.emit(start, end, kind)
	if clitic != 0 {
		t.Clitic = tokLongWordClitic(t.Norm, false)
	}
}

// tokIsOrdinal reports ke-2, Ke-74.
func tokIsOrdinal(w string) bool {
	if len(w) < 4 || w[0]|0x20 != 'k' || w[1]|0x20 != 'e' || w[2] != '-' {
		return false
	}
	for i := 3; i < len(w); i++ {
		if !tokIsDigit(w[i]) {
			return false
		}
	}
	return true
}

// tokIsReduplication reports whether two neighbouring parts of a hyphenated word
// repeat each other: the same word (negara-negara, Kupu-kupu), the end of the
// first part starting the second (sebesar-besarnya, berkali-kali, three
// letters or more), or the second part ending in the first with at most its
// first letter changed (tembak-menembak, sayur-mayur). Names joined by a
// hyphen (Israel-AS, Jokowi-JK, pro-Rusia) share no such overlap.
func tokIsReduplication(w string) bool {
	for {
		h := strings.IndexByte(w, '-')
		if h < 0 {
			return false
		}
		a, rest := w[:h], w[h+1:]
		b := rest
		if k := strings.IndexByte(rest, '-'); k >= 0 {
			b = rest[:k]
		}
		if strings.EqualFold(a, b) || tokOverlaps(a, b) || len(b) >= len(a) && tokSharedSuffix(a, b) >= max(4, len(a)-1) {
			return true
		}
		w = rest
	}
}

// tokOverlaps reports whether a suffix of a of three or more bytes starts b;
// only the last 24 bytes count, as no word repeats more.
func tokOverlaps(a, b string) bool {
	for k := min(len(a), len(b), 24); k >= 3; k-- {
		if a[len(a)-k:] == b[:k] {
			return true
		}
	}
	return false
}

func tokSharedSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// tokCliticOf returns the clitic ending word w (see Tokenize for the rule). Only
// the last part of a hyphenated word counts (kata-katanya). It is inlined:
// words too short for a stem and a clitic, half of them, cost no call.
func tokCliticOf(w string, redup bool) Clitic {
	if len(w) < 6 {
		return NoClitic
	}
	return tokLongWordClitic(w, redup)
}

// tokCliticEndKey spreads the last three bytes of a word, a, b and c, with
// bit 0x20 set in each, which lowers ASCII letters, over 0 to 255.
func tokCliticEndKey(a, b, c byte) uint32 {
	return (uint32(a)<<16 | uint32(b)<<8 | uint32(c) | 0x202020) * 0x9e3779b1 >> 24
}

// tokCliticEnds is the bit set of the tokCliticEndKey of the clitics
// tokLongWordClitic marks: no word outside it can end in one.
var tokCliticEnds = func() (set [4]uint64) {
	for cl := CliticNya; cl <= CliticPun; cl++ {
		sfx := cl.Suffix()
		e := tokCliticEndKey(sfx[0], sfx[1], sfx[2])
		set[e/64] |= 1 << (e % 64)
	}
	return set
}()

// tokLongWordClitic is tokCliticOf for a word of six bytes or more.
func tokLongWordClitic(w string, redup bool) Clitic {
	// The word ends as its last part does; most end in no clitic.
	a, b, c := w[len(w)-3]|0x20, w[len(w)-2]|0x20, w[len(w)-1]|0x20
	var cl Clitic
	switch {
	case a == 'n' && b == 'y' && c == 'a':
		cl = CliticNya
	case a == 'l' && b == 'a' && c == 'h':
		cl = CliticLah
	case a == 'k' && b == 'a' && c == 'h':
		cl = CliticKah
	case a == 'p' && b == 'u' && c == 'n':
		cl = CliticPun
	default:
		return NoClitic
	}
	// One pass back from the clitic finds the start of the last part and
	// whether its stem has a digit.
	h := len(w) - 4
	for ; h >= 0 && w[h] != '-'; h-- {
		if tokIsDigit(w[h]) {
			return NoClitic
		}
	}
	part := w[h+1:]
	n := len(part)
	if n < 6 || cl == CliticLah && part[n-4]|0x20 == 'l' { // Allah, Abdullah, insyaallah
		return NoClitic
	}
	if cl == CliticNya && redup && len(w) > 2 && w[0]|0x20 == 's' && w[1]|0x20 == 'e' { // sebesar-besarnya
		return NoClitic
	}
	if tokCliticExceptions.has(part) {
		return NoClitic
	}
	return cl
}

// tokFoldedSet is a set of words in lower case that are looked up ignoring
// the case of ASCII letters, without folding the word looked up: an open
// addressing table, at least twice as large as the set, of the words by
// tokFoldHash, each at the first free slot from its hash on.
type tokFoldedSet struct {
	slots []string
	mask  uint32
}

// newTokFoldedSet returns the set of the listed words; one with an ASCII
// capital can match no word folded to lower case, and is left out.
func newTokFoldedSet(words map[string]bool) *tokFoldedSet {
	size := 4
	for size < 2*len(words) {
		size *= 2
	}
	set := &tokFoldedSet{slots: make([]string, size), mask: uint32(size - 1)}
	for w := range words {
		if w == "" || string(tokAppendFolded(nil, w)) != w {
			continue
		}
		i := tokFoldHash(w) & set.mask
		for set.slots[i] != "" {
			i = (i + 1) & set.mask
		}
		set.slots[i] = w
	}
	return set
}

// has reports whether w, with its ASCII letters in lower case, is in the set.
func (set *tokFoldedSet) has(w string) bool {
	for i := tokFoldHash(w) & set.mask; set.slots[i] != ""; i = (i + 1) & set.mask {
		if tokEqualFolded(w, set.slots[i]) {
			return true
		}
	}
	return false
}

// tokFoldHash hashes s (FNV-1a) as if its ASCII letters were in lower case:
// bit 0x20 is set in every byte, which only folding changes.
func tokFoldHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i]|0x20)) * 16777619
	}
	return h
}

// tokEqualFolded reports whether s with its ASCII letters in lower case is
// lower.
func tokEqualFolded(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if tokIsUpper(c) {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// number scans a token that starts with a digit: 13/7/2025, 1.000,50, 10.30,
// 30%, 1990-an; digits glued to letters (5G, 100km) make a word.
func (sc *tokScanner) number(i int) int {
	s := sc.s
	j := tokDigitsEnd(s, i)
	grouped := false
	for j+1 < len(s) && strings.IndexByte(".,/:", s[j]) >= 0 && tokIsDigit(s[j+1]) {
		j = tokDigitsEnd(s, j+1)
		grouped = true
	}
	switch {
	case j >= len(s):
	case s[j] == '%':
		j++
	case !grouped && sc.wordRuneAt(j):
		return sc.word(i)
	case s[j] == '-' && sc.letterAt(j+1):
		j, _, _ = sc.wordCore(j + 1)
	}
	sc.emit(i, j, Number)
	return j
}

func tokDigitsEnd(s string, i int) int {
	for i < len(s) && tokIsDigit(s[i]) {
		i++
	}
	return i
}

// rupiahEnd returns the end of an amount in rupiah starting at i (Rp1.500,50,
// Rp 14,6, Rp. 5.000,-), or 0.
func (sc *tokScanner) rupiahEnd(i int) int {
	s := sc.s
	if i+2 >= len(s) || s[i]|0x20 != 'r' || s[i+1]|0x20 != 'p' {
		return 0
	}
	p := i + 2
	if s[p] == '.' {
		p++
	}
	return sc.amountEnd(p)
}

// amountEnd returns the end of the number that follows p after at most two
// spaces, with Indonesian grouping (1.500,50) and the ",-" of round amounts,
// or 0 when no number follows.
func (sc *tokScanner) amountEnd(p int) int {
	s := sc.s
	for n := 0; n < 2 && p < len(s); n++ {
		if s[p] == ' ' || s[p] == '\t' {
			p++
		} else if r, size := utf8.DecodeRuneInString(s[p:]); r == '\u00A0' || r == '\u202F' {
			p += size
		}
	}
	if p >= len(s) || !tokIsDigit(s[p]) {
		return 0
	}
	e := tokDigitsEnd(s, p)
	for e+1 < len(s) && (s[e] == '.' || s[e] == ',') && tokIsDigit(s[e+1]) {
		e = tokDigitsEnd(s, e+1)
	}
	if e+1 < len(s) && (s[e] == ',' || s[e] == '.') && s[e+1] == '-' {
		d := e + 1
		for d < len(s) && s[d] == '-' {
			d++
		}
		if !sc.wordRuneAt(d) {
			e = d
		}
	}
	return e
}

// currencySymbol scans $5, €10 or a lone symbol.
func (sc *tokScanner) currencySymbol(i, size int) int {
	if e := sc.amountEnd(i + size); e > 0 {
		sc.emit(i, e, Money)
		return e
	}
	sc.emit(i, i+size, Symbol)
	return i + size
}

// tokDollarPrefixes (US$, S$) and tokCurrencyCodes (USD, IDR) are the
// lists data/dollar-prefixes.txt and data/currency-codes.txt.
var (
	tokDollarPrefixes = readWordSet("dollar-prefixes.txt")
	tokCurrencyCodes  = readWordSet("currency-codes.txt")
)

func tokIsDollarPrefix(w string) bool { return tokDollarPrefixes[w] }

func tokIsCurrencyCode(w string) bool { return tokCurrencyCodes[w] }

func tokIsScheme(w string) bool {
	return strings.EqualFold(w, "http") || strings.EqualFold(w, "https") || strings.EqualFold(w, "ftp")
}

// emailEnd returns the end of an e-mail address starting at i, or 0. Like
// domainEnd it gives up at the length limits of the standard, so that long
// runs like "a.a.a.a…" are not rescanned from every word. The bytes from i
// to j are ASCII letters, digits and hyphens (a plain word), which an
// address may start with: the scan goes on from j.
func (sc *tokScanner) emailEnd(i, j int) int {
	s := sc.s
	p := min(j, i+65) // where the scan from i would have got to
	for p < len(s) && p-i <= 64 && tokIsLocalPartByte[s[p]] {
		p++
	}
	if p+1 >= len(s) || s[p] != '@' || s[p-1] == '.' {
		return 0
	}
	return tokDomainEnd(s, p+1)
}

// tokIsLocalPartByte marks the bytes of an e-mail address before its @: a
// table, as emailEnd runs over every word before a full stop.
var tokIsLocalPartByte = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = tokIsAlnumByte[c] || strings.IndexByte("._%+-", byte(c)) >= 0
	}
	return t
}()

// tokDomainEnd returns the end of a host name starting at i: two or more labels
// joined by periods, the last a known top-level domain written all in lower
// or all in upper case (kompas.com, TEMPO.CO, setkab.go.id), or 0. The case
// rule keeps a missing space after a full stop ("Jakarta.Itu") from becoming
// a host name.
func tokDomainEnd(s string, i int) int {
	end, labels := 0, 0
	limit := min(len(s), i+253)
	for p := i; ; {
		q := p
		for q < limit && (tokIsAlnum(s[q]) || s[q] == '-' && q > p && q+1 < len(s) && tokIsAlnum(s[q+1])) {
			q++
		}
		if q == p {
			return end
		}
		labels++
		if labels >= 2 && IsTopLevelDomain(s[p:q]) {
			end = q
		}
		if q+1 >= limit || s[q] != '.' || !tokIsAlnum(s[q+1]) {
			return end
		}
		p = q + 1
	}
}

// tokTopLevelDomains are the labels of data/top-level-domains.txt.
var tokTopLevelDomains = readWordSet("top-level-domains.txt")

// IsTopLevelDomain reports whether label, all in lower or all in upper case,
// ends a host name without naming its site (data/top-level-domains.txt): a
// top-level domain, or a second-level one such as the co of co.id.
func IsTopLevelDomain(label string) bool {
	if len(label) < 2 || len(label) > 6 {
		return false
	}
	lower, upper := true, true
	var buf [6]byte
	for i := 0; i < len(label); i++ {
		c := label[i]
		lower = lower && tokIsLower(c)
		upper = upper && tokIsUpper(c)
		buf[i] = c | 0x20
	}
	if !lower && !upper {
		return false
	}
	return tokTopLevelDomains[string(buf[:len(label)])]
}

// urlPathEnd extends a host name ending at e by its path (unsplash.com/Micha).
func (sc *tokScanner) urlPathEnd(start, e int) int {
	if e+1 < len(sc.s) && sc.s[e] == '/' && sc.s[e+1] > ' ' {
		return sc.urlRestEnd(start, e)
	}
	return e
}

// urlRestEnd returns the end of a URL whose rest starts at p: up to the next
// space or quotation mark, without trailing sentence punctuation or a closing
// bracket that has no opening one in the URL ("(twitter.com/@X)").
func (sc *tokScanner) urlRestEnd(start, p int) int {
	s := sc.s
	q := p
	for q < len(s) {
		c := s[q]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == '"' || c == '<' || c == '>' || c == 0x7f {
				break
			}
			q++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[q:])
		if unicode.IsSpace(r) || tokIsQuote(r) || r == utf8.RuneError || unicode.Is(unicode.Cf, r) {
			break
		}
		q += size
	}
	parens := strings.Count(s[start:q], ")") - strings.Count(s[start:q], "(")
	brackets := strings.Count(s[start:q], "]") - strings.Count(s[start:q], "[")
	for q > p {
		switch s[q-1] {
		case '.', ',', ';', ':', '!', '?', '\'':
		case ')':
			if parens <= 0 {
				return q
			}
			parens--
		case ']':
			if brackets <= 0 {
				return q
			}
			brackets--
		default:
			return q
		}
		q--
	}
	return q
}

// tokAbbrevEnd returns the end of the longest listed abbreviation or run of
// initials that starts at i and has its first period at dot (S.Pd.I., B.J.,
// Jl.), or 0.
func tokAbbrevEnd(s string, i, dot int) int {
	best := 0
	for end, n := dot+1, 0; n < 6; n++ {
		cand := s[i:end]
		if tokIsAbbreviation(cand) || tokIsInitials(cand) {
			best = end
		}
		q := end
		for q < len(s) && tokIsLetter(s[q]) {
			q++
		}
		if q == end || q >= len(s) || s[q] != '.' {
			break
		}
		end = q + 1
	}
	return best
}

// tokPlainAbbrevEnds is the bit set of the tokPlainEnd of the listed
// abbreviations plainWords may meet, of three letters or more, in lower case
// but for the first, and a full stop (dll., Prof.).
var tokPlainAbbrevEnds = func() (set [1 << 15 / 64]uint64) {
	for w := range tokAbbreviations {
		n := len(w) - 1
		if n >= 3 && w[n] == '.' && tokIsLetter(w[0]) && tokIsLowerWord(w[1:n]) {
			e := tokPlainEnd(w[n-3], w[n-2], w[n-1])
			set[e/64] |= 1 << (e % 64)
		}
	}
	return set
}()

// tokIsAbbreviation reports whether w is a listed abbreviation.
func tokIsAbbreviation(w string) bool {
	_, ok := tokAbbreviations[w]
	return ok
}

// tokIsInitials reports runs of a capital letter and a period: H., B.J., R.A.
func tokIsInitials(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if i+1 >= len(w) || !tokIsUpper(w[i]) || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// handle scans @RusEmbJakarta, @via.vallen or a lone @.
func (sc *tokScanner) handle(i int) int {
	s := sc.s
	e := i + 1
	for e < len(s) && (tokIsHandleByte(s[e]) || s[e] == '.' && e+1 < len(s) && tokIsHandleByte(s[e+1]) && e > i+1) {
		e++
	}
	if e == i+1 {
		sc.emit(i, e, Symbol)
		return e
	}
	sc.emit(i, e, Handle)
	return e
}

func tokIsHandleByte(c byte) bool { return tokIsAlnum(c) || c == '_' }

// hashtag scans #tags (any letters) or a lone #.
func (sc *tokScanner) hashtag(i int) int {
	s := sc.s
	e := i + 1
	for e < len(s) && (s[e] == '_' || sc.wordRuneAt(e)) {
		_, size := utf8.DecodeRuneInString(s[e:])
		e += size
	}
	if e == i+1 {
		sc.emit(i, e, Symbol)
		return e
	}
	sc.emit(i, e, Hashtag)
	return e
}

func tokIsDigit(c byte) bool  { return '0' <= c && c <= '9' }
func tokIsLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func tokIsUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func tokIsLetter(c byte) bool { return tokIsLower(c) || tokIsUpper(c) }
func tokIsAlnum(c byte) bool  { return tokIsLetter(c) || tokIsDigit(c) }

func tokIsLowerWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if !tokIsLower(w[i]) {
			return false
		}
	}
	return true
}
