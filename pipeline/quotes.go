package pipeline

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kutip/kutip/gazetteer"
)

// Quotes finds direct quotes (text in quotation marks) and indirect quotes
// (reported speech), and attributes each to its speaker, its speech cue and the
// media it was relayed through. It reads tokens, sentences, paragraphs and
// entities, so it runs after those stages. The gazetteer, when given, names
// the entries speakers link to (Speaker.Canonical).
type Quotes struct {
	Gazetteer *gazetteer.Gazetteer
}

var _ Stage = Quotes{}

// Name implements Stage.
func (Quotes) Name() string { return "quotes" }

// quoteLexicon is the Indonesian knowledge the quote stage uses.
type quoteLexicon struct {
	speech      *wordList[string] // word → "after" | "before"
	pronouns    *wordList[bool]
	sourceCues  *wordList[string] // word → "relay" | "direct" | "report" | "interview"
	termMarkers *wordList[bool]
}

var quoteWords = quoteLexicon{
	speech:      listOf(readWordMap("speech-verbs.tsv")),
	pronouns:    listOf(readWordSet("pronouns.txt")),
	sourceCues:  listOf(readWordMap("source-cues.txt")),
	termMarkers: listOf(readWordSet("term-markers.txt")),
}

// Words that end a speaker phrase after its cue ("kata X dalam …", "ujar X
// kepada …"), besides punctuation and source cues.
var speakerPhraseStops = dataSet("speaker-phrase-stops.txt")

// Words skipped between a subject and its speech verb ("dia juga mengatakan").
var subjectAdverbs = dataSet("subject-adverbs.txt")

// Demonstratives that make a role description point back to someone named
// before ("kata mantan menteri itu").
var demonstratives = dataSet("demonstratives.txt")

// Words before a medium's name. A web property's ("laman resmi PSSI", "akun
// Instagram @x") belong to how the text names the source; a kind of medium's
// ("televisi CNN Turk", "harian Kompas") do not.
var (
	webPrefixes   = dataSet("web-prefixes.txt")
	mediaTypes    = dataSet("media-types.txt")
	mediaPrefixes = union(webPrefixes, mediaTypes)
)

func union(a, b *wordList[bool]) *wordList[bool] {
	u := make(map[string]bool, len(a.words)+len(b.words))
	for w := range a.words {
		u[w] = true
	}
	for w := range b.words {
		u[w] = true
	}
	return listOf(u)
}

// Day and month names, which follow media and names in datelines
// ("dikutip Reuters Rabu") but are never part of them.
var calendarWords = listOf(calendar.names)

// Words that introduce the clause a source phrase relays ("menurut laporan X").
var reportWords = dataSet("report-words.txt")

// dataSet is the word list of a data file, for lookups by token.
func dataSet(name string) *wordList[bool] { return listOf(readWordSet(name)) }

// quoteCandidate is a stretch of text between quotation marks.
type quoteCandidate struct {
	open, close int // token indexes of the marks; close is -1 when the quote runs to the paragraph's end
	para        int
	content     Span
	family      QuoteFamily
}

// attribution is what the text says about who spoke a quote.
type attribution struct {
	cue         *Span
	speaker     *Speaker
	anaphor     *Span // a pronoun, -nya or role description to resolve to an earlier speaker
	explicit    bool  // the speaker is named at the attribution site
	before      bool  // the cue stands before the quote ("X mengatakan, …")
	clauseStart int   // tokens [clauseStart, clauseEnd) hold the attribution clause
	clauseEnd   int
}

// quoteDoc holds per-document working state, so Quotes itself stays stateless.
type quoteDoc struct {
	doc    *Document
	toks   []Token
	lists  *tokenLists          // the tokens the stage's passes start from
	gaz    *gazetteer.Gazetteer // may be nil
	outlet string               // the publishing outlet, whose self-references are not sources

	// The direct quotes found and their attributions, in document order,
	// and the indirect ones.
	cands   []quoteCandidate
	attrs   []attribution
	reports []Quote
	// Every stretch in quotation marks, quote or not (titles of works).
	marked []quoteCandidate
	// The pronoun naming each report's speaker, nil when it is named; a
	// report's speaker is found after the direct quotes'.
	reportAnaphors []*Span

	// Source phrases, names by gazetteer id and names the gazetteer lacks,
	// found on first use.
	mentions []sourceMention
	// The tokens of source cues that name the publisher itself ("kepada
	// detikcom"), in order.
	ownOutletCues []int
	byID          map[string]string // longestMention's answers
	allIDs        bool              // byID has every id of the document
	names         *longestIndex     // distinct entity names, for fullestName
	entityReads   int               // the entities fullerName read before they were indexed
	persons       *personIndex
	fullest       map[fullestKey]string // fullestName's answers

	orgs        map[string][]string // organisation names by first word, for spelledOut
	places      map[string]bool     // one-word linked places, for isRoleOrKnown
	nameToks    *nameTokenIndex     // capitalised words by their text, for writtenFullName
	writtenFull map[string]string   // writtenFullName's answers
	variants    map[string]string   // sameNameAs's answers for one word, misspeltAs's for more

	// Names of speakers the entity stage did not know, as they were found,
	// and where they were written ("Melati Hotel [Andi Wirawan]").
	namedSpeakers longestIndex
	namedAt       map[Span]bool

	// The blocks of newSpeaker and newSpan.
	speakers []Speaker
	spans    []Span

	scratch *quoteScratch
}

// quoteScratch holds the tables of quoteDoc that a Document reused by a
// worker keeps for the next article, emptied.
type quoteScratch struct {
	names longestIndex
	// entityNames' distinct surfaces and the kinds of name it added for each.
	surfaces     stringTable
	sameSurface  []int32
	surfaceKinds []surfaceKind
	// readFullerName's words of the name it reads and of the best so far.
	readWords, bestWords []string
	persons              personIndex
	personNames          stringTable
	nameToks             nameTokenIndex
	lists                tokenLists
	byID                 map[string]string
	places               map[string]bool
	// The quotes of a document as the stage works on them: the output is
	// doc.Quotes, into which mergeByStart copies them.
	cands, kept    []quoteCandidate
	attrs          []attribution
	direct         []Quote
	reports        []Quote
	reportAnaphors []*Span
	// quoteDoc's memos and nameSpeakers' tables.
	fullest     map[fullestKey]string
	writtenFull map[string]string
	variants    map[string]string
	namedAt     map[Span]bool
	calledBy    map[string]bool
	calledAs    map[string][]string
	shownNames  map[shownKey]string
}

// reused returns the map *m emptied, made on first use and made anew after
// a document that filled it with many entries: emptying a Go map costs
// what it has grown to.
func reused[K comparable, V any](m *map[K]V) map[K]V {
	if *m == nil || len(*m) > maxReusedEntries {
		*m = map[K]V{}
	}
	clear(*m)
	return *m
}

// remember keeps answer as the document's answer to key in *m, which is
// made from *scratch (see reused) on the document's first answer, and
// returns it.
func remember[K comparable, V any](m, scratch *map[K]V, key K, answer V) V {
	if *m == nil {
		*m = reused(scratch)
	}
	(*m)[key] = answer
	return answer
}

// maxReusedEntries is the most entries of a map that reused empties.
const maxReusedEntries = 256

// Process implements Stage.
func (s Quotes) Process(ctx context.Context, doc *Document) error {
	if doc.quoteScratch == nil {
		doc.quoteScratch = new(quoteScratch)
	}
	qd := &quoteDoc{doc: doc, toks: doc.Tokens, gaz: s.Gazetteer, outlet: foldMedium(doc.Outlet), scratch: doc.quoteScratch}
	qd.lists = doc.quoteScratch.lists.fill(qd.toks)
	if qd.outlet == "" {
		qd.outlet = foldMedium(qd.datelineOutlet())
	}
	sc := doc.quoteScratch
	cands := qd.directCandidates(sc.cands[:0])
	qd.marked = cands
	direct, attrs, kept := sc.direct[:0], sc.attrs[:0], sc.kept[:0]
	for _, c := range cands {
		a, ok := qd.attribute(c)
		if !ok {
			continue
		}
		kept = append(kept, c)
		attrs = append(attrs, a)
		direct = append(direct, Quote{Span: c.content, Kind: Direct, Cue: a.cue})
	}
	qd.cands, qd.attrs = kept, attrs
	// Reported speech names speakers that later pronouns refer to ("Menurut
	// X, …. "…," katanya"), so it is found before pronouns are resolved.
	qd.reports = sc.reports[:0]
	qd.reportAnaphors = qd.indirectQuotes(sc.reportAnaphors[:0])
	sc.cands, sc.kept, sc.attrs, sc.direct, sc.reports, sc.reportAnaphors = cands, kept, attrs, direct, qd.reports, qd.reportAnaphors
	qd.resolveSpeakers(direct)
	qd.resolveReports(qd.reportAnaphors)
	qd.assignSources(direct)
	if err := ctx.Err(); err != nil {
		return err
	}
	doc.Quotes = mergeByStart(direct, qd.reports)
	s.nameSpeakers(qd, doc.Quotes)
	return nil
}

// mergeByStart returns the quotes of direct and reports, each in order of
// start, in one list in order of start, a direct quote before a report that
// starts where it does: the order a stable sort of the two one after the
// other gives, in one pass rather than a sort's rotations of whole quotes,
// which dominate the stage on articles of thousands of quotes.
func mergeByStart(direct, reports []Quote) []Quote {
	out := make([]Quote, 0, len(direct)+len(reports))
	for len(direct) > 0 && len(reports) > 0 {
		if direct[0].Start <= reports[0].Start {
			out, direct = append(out, direct[0]), direct[1:]
		} else {
			out, reports = append(out, reports[0]), reports[1:]
		}
	}
	out = append(out, direct...)
	return append(out, reports...)
}

// newSpeaker returns a new speaker with the value s, taken from a block
// that the document's speakers share, so that a document allocates a few
// blocks rather than each speaker. The blocks are the document's own, never
// reused: its quotes keep pointers into them.
func (qd *quoteDoc) newSpeaker(s Speaker) *Speaker {
	return takeNew(&qd.speakers, s)
}

// newSpan returns a new span with the value s, as newSpeaker does.
func (qd *quoteDoc) newSpan(s Span) *Span {
	return takeNew(&qd.spans, s)
}

// takeNew returns a pointer to a new element with the value v, taken from
// the block, which a new one of twice the size replaces when full: a
// document of few quotes takes a small one, one of many a few large ones.
func takeNew[T any](block *[]T, v T) *T {
	if len(*block) == cap(*block) {
		*block = make([]T, 0, max(4, 2*cap(*block)))
	}
	*block = append(*block, v)
	return &(*block)[len(*block)-1]
}

// tokenLists are the tokens that the stage's passes over a document start
// from, found in one pass over its tokens: each of those passes read every
// token for its few.
type tokenLists struct {
	marks      []int // quotation marks
	names      []int // capitalised words and abbreviations (isNameToken)
	sourceCues []int // words of source-cues.txt and platform-cues.txt, where sourceCueAt looks for a cue
	reporting  []int // reporting verbs (reportingVerbs)
	// Speech verbs after a comma that come after what they attribute
	// ("…, kata X, …"), which may start an inserted attribution.
	inserted []int
	// Those speech verbs and "menurut" without a clitic wherever they
	// stand, which may attribute a sentence's content in passing.
	attributing []int
	// What the lists say of each source cue's word, for sourceCueAt.
	sourceCueWords []listedEntry
	pronouns       []int // quoteWords.pronouns, for pronounSubjectIn
	heard          []int // heardDirectly's words
}

// fill makes l the lists of toks, reusing their memory. A filter over all
// the listed words rules out most words before the word list is asked,
// once for all the lists.
func (l *tokenLists) fill(toks []Token) *tokenLists {
	l.marks, l.names, l.sourceCues, l.reporting, l.inserted, l.attributing = l.marks[:0], l.names[:0], l.sourceCues[:0], l.reporting[:0], l.inserted[:0], l.attributing[:0]
	l.sourceCueWords, l.pronouns, l.heard = l.sourceCueWords[:0], l.pronouns[:0], l.heard[:0]
	for i := range toks {
		t := &toks[i]
		switch t.Kind {
		case QuoteMark:
			l.marks = append(l.marks, i)
			continue
		case Abbrev:
		case Word:
			// listedEnds' test written out, as a call would cost more than
			// the test: false proves that no list holds the word.
			listed := len(t.Norm) < 2
			if !listed {
				k, ascii := endsKey(t.Norm)
				listed = !ascii || listedEnds[k/64]&(1<<(k%64)) != 0
			}
			if listed {
				l.addWord(toks, i)
			}
		default:
			continue
		}
		if t.Norm == "" {
			continue
		}
		// isCapitalised, with the test of an ASCII letter written out.
		if c := t.Norm[0]; c-'A' < 26 || c >= utf8.RuneSelf && isCapitalised(t.Norm) {
			l.names = append(l.names, i)
		}
	}
	return l
}

// listedWord tells which of tokenLists' lists a word goes on.
type listedWord uint8

const (
	listedSourceCue   listedWord = 1 << iota // source-cues.txt and platform-cues.txt
	listedReporting                          // reportingVerbs
	listedInserted                           // speech verbs said after what they attribute
	listedPlatformCue                        // platform-cues.txt
	listedPronoun                            // quoteWords.pronouns
	listedHeard                              // heardDirectly
)

// listedEntry is what listedWords says of a word: the lists it goes on and,
// for a source cue, its kind.
type listedEntry struct {
	lists     listedWord
	sourceCue string // the word's kind in source-cues.txt, or ""
}

// listedWords are the words of tokenLists' lists, in one word list, so
// that a word is looked up once for all of them.
var listedWords = func() *wordList[listedEntry] {
	words := map[string]listedEntry{}
	add := func(w string, lists listedWord, sourceCue string) {
		e := words[w]
		e.lists |= lists
		if sourceCue != "" {
			e.sourceCue = sourceCue
		}
		words[w] = e
	}
	for w, kind := range quoteWords.sourceCues.words {
		add(w, listedSourceCue, kind)
	}
	for w := range platformCues.words {
		add(w, listedSourceCue|listedPlatformCue, "")
	}
	for w := range reportingVerbs.words {
		add(w, listedReporting, "")
	}
	for w, when := range quoteWords.speech.words {
		if when == "after" {
			add(w, listedInserted, "")
		}
	}
	for w := range quoteWords.pronouns.words {
		add(w, listedPronoun, "")
	}
	for w := range heardDirectly.words {
		add(w, listedHeard, "")
	}
	return listOf(words)
}()

// shortListed holds the entries of listedWords' words of two to sixteen
// bytes by their shortKey, which is the word itself: most words that pass
// listedEnds are that short ("di", "dari", "kata", "mengatakan"), and so
// are found by comparing a few numbers rather than by a word list's lookup.
var shortListed = func() *shortTable {
	t := new(shortTable)
	for w, e := range listedWords.words {
		if key, ok := shortKey(w); ok {
			i := t.slot(key)
			t.keys[i], t.entries[i] = key, e
		}
	}
	return t
}()

// shortTable is a table of listedEntry by shortKey, open addressing.
type shortTable struct {
	keys    [shortSlots]wordKey // zero for an empty slot
	entries [shortSlots]listedEntry
}

const shortSlots = 256 // a power of two, about twice the short listed words

// wordKey is a word of up to sixteen bytes (see shortKey).
type wordKey struct {
	head, tail uint64 // its first and last eight bytes, or its bytes and length in head for fewer than eight
	length     uint8
}

// slot returns the slot of key: the one holding it, or the empty one it goes in.
func (t *shortTable) slot(key wordKey) int {
	i := int((key.head ^ key.tail*0xff51afd7ed558ccd) * 0x9e3779b97f4a7c15 >> 56)
	for t.keys[i] != (wordKey{}) && t.keys[i] != key {
		i = (i + 1) & (shortSlots - 1)
	}
	return i
}

// lookup returns what listedWords.lookup does of w when w is a word of two
// to sixteen ASCII bytes (ok), else false.
func (t *shortTable) lookup(w string) (e listedEntry, ok bool) {
	key, ok := shortKey(w)
	if !ok {
		return listedEntry{}, false
	}
	return t.entries[t.slot(key)], true // an empty slot's is the zero entry
}

// shortKey packs w, of two to sixteen ASCII bytes, with its letters in
// lower case, into a key; it declines (false) any other word. The listed
// words are all in lower case, so a word in any case whose key is a listed
// word's is that word.
func shortKey(w string) (wordKey, bool) {
	const highs = 0x8080808080808080
	n := len(w)
	var head, tail uint64
	switch {
	case n < 2 || n > 16:
		return wordKey{}, false
	case n >= 8: // two loads of eight bytes, which overlap in a word of fewer than sixteen
		head, tail = load64(w), load64(w[n-8:])
	case n >= 4: // two loads of four bytes, which overlap in a word of fewer than eight
		head = uint64(load32(w)) | uint64(load32(w[n-4:]))<<(8*(n-4)) | uint64(n)<<56
	default:
		head = uint64(w[0]) | uint64(w[1])<<8 | uint64(w[n-1])<<(8*(n-1)) | uint64(n)<<56
	}
	if (head|tail)&highs != 0 {
		return wordKey{}, false
	}
	return wordKey{lowerLetters(head), lowerLetters(tail), uint8(n)}, true
}

// lowerLetters sets bit 0x20 of each byte of x, all below 0x80, that is an
// upper-case ASCII letter.
func lowerLetters(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// The high bit of each byte from 'A' up, without that of each after 'Z':
	// the capitals. No byte carries into the next, as each is below 0x80.
	upper := (x + (0x80-'A')*ones) &^ (x + (0x80-'Z'-1)*ones) & highs
	return x | upper>>2
}

// listedEnds is a filter over listedWords, a bit for each endsKey.
var listedEnds = func() (filter [1 << listedEndBits / 64]uint64) {
	for w := range listedWords.words {
		if k, ok := endsKey(w); ok {
			filter[k/64] |= 1 << (k % 64)
		}
	}
	return filter
}()

const listedEndBits = 14

// endsKey numbers the first two and last two bytes of w, of two bytes or
// more, with bit 0x20 set in each, which lowers ASCII letters, and the
// length of w; it declines (false) when one of the bytes is not ASCII. It
// is a word list's signature (see wordList.mayHold), without the branches
// that one takes for a word of one byte.
func endsKey(w string) (uint64, bool) {
	n := len(w)
	sig := uint32(w[0]) | uint32(w[1])<<8 | uint32(w[n-2])<<16 | uint32(w[n-1])<<24 // two loads of two bytes
	return (uint64(sig|0x20202020) | uint64(n)<<32) * 0x9e3779b97f4a7c15 >> (64 - listedEndBits), sig&0x80808080 == 0
}

// addWord puts the word at token i on the lists it belongs to.
func (l *tokenLists) addWord(toks []Token, i int) {
	t := &toks[i]
	entry, ok := shortListed.lookup(t.Norm)
	if !ok {
		entry = listedWords.lookup(t.Norm)
	}
	listed := entry.lists
	if listed == 0 {
		return
	}
	if listed&listedSourceCue != 0 && mayStartSourceCue(t.Norm) {
		l.sourceCues = append(l.sourceCues, i)
		l.sourceCueWords = append(l.sourceCueWords, entry)
	}
	if listed&listedReporting != 0 && spelledAsReportingVerb(t.Norm) {
		l.reporting = append(l.reporting, i)
	}
	if listed&listedInserted != 0 && i > 0 && toks[i-1].Norm == "," && t.Clitic == NoClitic {
		l.inserted = append(l.inserted, i)
	}
	// "menurut" is a source cue.
	if t.Clitic == NoClitic && (listed&listedInserted != 0 || listed&listedSourceCue != 0 && sameWord(t.Norm, "menurut")) {
		l.attributing = append(l.attributing, i)
	}
	if listed&listedPronoun != 0 {
		l.pronouns = append(l.pronouns, i)
	}
	if listed&listedHeard != 0 {
		l.heard = append(l.heard, i)
	}
}

// sameWord reports whether w is the word lower, an ASCII word in lower case
// without k or s, in any case, as strings.EqualFold does: but it compares
// the lengths first, so that most words are told apart without a call. Of
// the ASCII letters only k and s fold with letters outside ASCII (the
// Kelvin sign, the long s), so a word without them is equal only to words
// of its length.
func sameWord(w, lower string) bool {
	return len(w) == len(lower) && strings.EqualFold(w, lower)
}

// within returns the tokens of list (in order) that lie in [first, last).
func within(list []int, first, last int) []int {
	lo := firstKeyFrom(list, first, intValue)
	hi := lo
	for hi < len(list) && list[hi] < last {
		hi++
	}
	return list[lo:hi]
}

// nameSpeakers gives each speaker its name as the output shows it: the name
// the document writes without the titles and ranks before it ("Kombes Yusri
// Yunus" → "Yusri Yunus") in the fullest form it writes it, and the
// gazetteer's name of the entry it links to.
func (s Quotes) nameSpeakers(qd *quoteDoc, quotes []Quote) {
	// A title's word that is also a name and that the article calls the
	// speaker by is the name's ("kata Putri": Putri Zulkifli Hasan), in every
	// quote of that speaker.
	calledBy := reused(&qd.scratch.calledBy)
	for _, q := range quotes {
		if sp := q.Speaker; sp != nil {
			if mention := qd.doc.Text[sp.Mention.Start:sp.Mention.End]; titlesAlsoNames.lookup(mention) && strings.HasPrefix(sp.Name, mention+" ") {
				calledBy[sp.Name] = true
			}
		}
	}
	// The names each person speaker is called by where it speaks ("kata
	// Robikin"), which show where the name starts: each once, as a speaker
	// of thousands of quotes has few.
	calledAs := reused(&qd.scratch.calledAs)
	for _, q := range quotes {
		if sp := q.Speaker; sp != nil && qd.namesPerson(sp.Mention) || sp != nil && qd.writesName(sp.Mention) {
			if call := qd.doc.Text[sp.Mention.Start:sp.Mention.End]; !slices.Contains(calledAs[sp.Name], call) {
				calledAs[sp.Name] = append(calledAs[sp.Name], call)
			}
		}
	}
	// The name shown depends on the speaker's name and on whether its
	// mention starts with a glued initial, and most speakers speak more
	// than once: it is worked out once for each.
	shown := reused(&qd.scratch.shownNames)
	for i := range quotes {
		sp := quotes[i].Speaker
		if sp == nil {
			continue
		}
		glued := sp.Name
		if !calledBy[sp.Name] {
			glued = qd.withoutGluedInitial(sp.Name, sp.Mention)
		}
		key := shownKey{sp.Name, glued}
		name, ok := shown[key]
		if !ok {
			name = glued
			if !calledBy[sp.Name] {
				name = withoutTitles(name)
			}
			name = withoutAffiliation(qd.writtenFullName(name), calledAs[sp.Name])
			if !strings.Contains(name, " ") {
				name = qd.sameNameAs(name)
			} else {
				name = qd.misspeltAs(name)
			}
			shown[key] = name
		}
		sp.Name = name
		if sp.ID != "" && s.Gazetteer != nil {
			if e, ok := s.Gazetteer.Entry(sp.ID); ok {
				sp.Canonical = e.Name
			}
		}
	}
}

// shownKey is what the name nameSpeakers shows for a speaker depends on:
// the speaker's name and that name without a glued initial.
type shownKey struct{ name, withoutGlued string }

// withoutGluedInitial drops the first word of a name whose mention starts
// with a letter glued to an abbreviation before it: the end of an honorific
// written with periods ("H.E Kim Changbeom" → "Kim Changbeom").
func (qd *quoteDoc) withoutGluedInitial(name string, mention Span) string {
	i := qd.firstTokenFrom(mention.Start)
	if i == 0 || i >= len(qd.toks) || qd.toks[i].Start != mention.Start || qd.toks[i].Has(SpaceBefore) ||
		qd.toks[i-1].Kind != Abbrev || len(qd.toks[i].Norm) != 1 {
		return name
	}
	if rest, ok := strings.CutPrefix(name, qd.toks[i].Norm+" "); ok {
		return rest
	}
	return name
}

// withoutTitles drops the titles, ranks and honorifics that open a name
// ("Prof. Dr. Ratna Kusumastuti" → "Ratna Kusumastuti"), keeping at least its
// last word ("Presiden" alone stays).
func withoutTitles(name string) string {
	rest := name
	for {
		word, after, found := strings.Cut(rest, " ")
		if !found || !titleWords.lookup(trimPeriod(word)) {
			break
		}
		rest = strings.TrimLeft(after, " ")
	}
	return rest
}

// datelineOutlet returns the medium named in the article's dateline
// ("JAKARTA, KOMPAS.com -", "Jakarta, detikcom -"): when the input does not
// say which outlet published the article, the dateline does.
func (qd *quoteDoc) datelineOutlet() string {
	for i := 0; i < len(qd.toks) && i < 12; i++ {
		t := &qd.toks[i]
		if !t.Has(Dateline) {
			continue
		}
		if e := qd.entityCovering(Span{t.Start, t.End}); e >= 0 && mediaKinds.get(qd.doc.Entities[e].Kind) {
			return qd.doc.Text[qd.doc.Entities[e].Start:qd.doc.Entities[e].End]
		}
		if t.Kind == URL {
			return t.Norm
		}
	}
	return ""
}

// --- token, sentence and paragraph lookups ----------------------------------

func (qd *quoteDoc) paragraphOf(tok int) int {
	off := qd.toks[tok].Start
	ps := qd.doc.Paragraphs
	i := firstKeyFrom(ps, off+1, paragraphEnd) // the first ending after off
	if i < len(ps) && ps[i].Start <= off {
		return i
	}
	return -1
}

// sentenceAt returns the index of the sentence containing (or last starting
// before) byte offset off, or -1.
func (qd *quoteDoc) sentenceAt(off int) int {
	return lastStartingBy(qd.doc.Sentences, off)
}

// sentenceStartToken returns the first token of the sentence holding token i.
func (qd *quoteDoc) sentenceStartToken(i int) int {
	s := qd.sentenceAt(qd.toks[i].Start)
	if s < 0 {
		return 0
	}
	first := qd.firstTokenFrom(qd.doc.Sentences[s].Start)
	return first
}

// sentenceEndToken returns the token after the sentence holding token i.
func (qd *quoteDoc) sentenceEndToken(i int) int {
	s := qd.sentenceAt(qd.toks[i].Start)
	if s < 0 {
		return len(qd.toks)
	}
	last := qd.firstTokenFrom(qd.doc.Sentences[s].End)
	return max(last, i+1)
}
