package pipeline

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kutip/kutip/gazetteer"
)

// Entities tags people, places and organisations: gazetteer names and
// aliases first (longest match wins), then names the gazetteer does not know,
// found by their capitals and the words around them (titles, organisation
// and place heads, speech cues), then fuzzy spellings of known names.
type Entities struct {
	Gazetteer *gazetteer.Gazetteer
}

var _ Stage = (*Entities)(nil)

// Name implements Stage.
func (*Entities) Name() string { return "entities" }

// Process implements Stage.
func (s *Entities) Process(_ context.Context, doc *Document) error {
	if doc.entityScratch == nil {
		doc.entityScratch = new(entityScratch)
	}
	sc := doc.entityScratch
	if doc.lexical == nil {
		doc.lexical = new(tokenLexemes)
	}
	doc.lexical.start(doc.Tokens)
	n := len(doc.Tokens)
	sc.copyWords(doc)
	sc.known = slices.Grow(sc.known[:0], n)[:n]
	clear(sc.known)
	f := entityFinder{doc: doc, g: s.Gazetteer, tokenLexemes: doc.lexical, known: sc.known, info: sc.info, out: doc.Entities[:0], guessed: sc.guessed[:0],
		order: sc.order[:0], spans: sc.spans[:0], scratch: sc}
	f.matches = s.Gazetteer.MatchTokens(sc.words, sc.matches[:0])
	sc.matches = f.matches
	sc.knownTokens = sc.knownTokens[:0]
	for k, m := range f.matches {
		if !f.ignoredMatch(m) {
			for i := m.Start; i < m.End; i++ {
				f.known[i] = int32(k + 1)
				sc.knownTokens = append(sc.knownTokens, int32(i))
			}
		}
	}
	// The loop visits the tokens of the two lists, in order: what it does at
	// one changes what is known only before where it goes on.
	visits, known := sc.visits, sc.knownTokens
	// The headings not ending before token i, as i goes on: most documents
	// have none, and a run needs to know only whether it is in one.
	headings := sc.headings[:0]
	for _, p := range doc.Paragraphs {
		if p.Kind == Heading {
			headings = append(headings, p.Span)
		}
	}
	sc.headings = headings
	for i := 0; ; {
		if i = min(firstFrom(&visits, i, n), firstFrom(&known, i, n)); i == n {
			break
		}
		if !f.isNameToken(i) {
			i = f.lowercaseBody(i)
			continue
		}
		end := f.runEnd(i)
		for len(headings) > 0 && headings[0].End <= doc.Tokens[i].Start {
			headings = headings[1:]
		}
		if len(headings) > 0 && headings[0].Start <= doc.Tokens[i].Start {
			// Headline case capitalises every word: only known names count.
			next := end
			for j := i; j < end; j++ {
				if f.known[j] != 0 {
					next = max(next, f.emitKnown(j, nil))
					j = f.matches[f.known[j]-1].End - 1
				}
			}
			i = next
			continue
		}
		i = f.run(i, end)
	}
	clear(sc.matches) // drop the entry pointers
	f.typeAddressGuesses()
	f.typeListedGuesses()
	f.unifyGuesses()
	f.splitCalledPeople()
	f.addDefinedShortForms()
	sc.guessed, sc.order, sc.spans = f.guessed, f.order, f.spans
	doc.Entities = f.out
	if !startsIncrease(doc.Entities) { // most documents add none out of order, and none at one start
		slices.SortStableFunc(doc.Entities, func(a, b Entity) int { return a.Start - b.Start })
	}
	return nil
}

// startsIncrease reports whether each of ents starts after the one before,
// which a sort by start, stable or not, leaves as they are. It compares the
// starts in its loop, where slices.IsSortedFunc calls a function for every
// entity.
func startsIncrease(ents []Entity) bool {
	for i := 1; i < len(ents); i++ {
		if ents[i].Start <= ents[i-1].Start {
			return false
		}
	}
	return true
}

// copyWords copies the words of doc's tokens into sc.words for the
// gazetteer, and lists the tokens that the main loop of Process looks at
// among those the gazetteer does not know in sc.visits: any that can be a
// name (isNameToken) or open a body (lowercaseBody), and a few others; the
// words written in lower case in sc.lowers, which writtenLower may ask
// about; and the other words in sc.capitalised, for the coreference stage
// (see capitalisedWordsOf). It starts sc.info, each token's infoNoName
// or 0 (see isNameToken). Most tokens are lower-case words or punctuation:
// a table of kinds and first bytes tells them apart without a branch on
// their kind or case, which goes either way at random.
func (sc *entityScratch) copyWords(doc *Document) {
	toks := doc.Tokens
	n := len(toks)
	// The three lists share one buffer, so that the loop keeps its cursors
	// in registers.
	sc.words, sc.lists = slices.Grow(sc.words[:0], n)[:n], slices.Grow(sc.lists[:0], 3*n)[:3*n]
	sc.info = slices.Grow(sc.info[:0], n)[:n]
	nv, nl, nc := listWords(toks, sc.words, sc.lists, sc.info)
	sc.visits, sc.lowers, sc.capitalised = sc.lists[:nv:n], sc.lists[n:nl:2*n], sc.lists[2*n:nc]
	sc.listedText, sc.listedTokens = doc.Text, toks
}

// listWords is the loop of copyWords: it copies the words of toks into
// words, lists the visits from lists[0], the lower-case words from
// lists[len(toks)] and the other words from lists[2*len(toks)], returning
// where each list ends, and starts info. Not inlined, its loop keeps what
// it needs in registers, which copyWords', after its calls, does not.
//
//go:noinline
func listWords(toks []Token, words []string, lists []int32, info []tokenInfo) (nv, nl, nc int) {
	n := len(toks)
	// One length for all: no bounds checks on i.
	words, lists, info = words[:n], lists[:3*n], info[:n]
	nv, nl, nc = 0, n, 2*n
	long := shortestMinistryWord
	for i := range toks {
		t := &toks[i]
		w := t.Norm
		words[i] = w
		lists[nv], lists[nl], lists[nc] = int32(i), int32(i), int32(i)
		if w == "" {
			info[i] = tokenInfo(tokenStarts[int(t.Kind)&15][0]&noNameStart) << noNameShift
			nv++
			nc += int(isWord(t)) // no lower-case letter starts it
			continue
		}
		start := tokenStarts[int(t.Kind)&15][w[0]]
		if start&arabicArticleStart != 0 && hasArabicArticle(w) {
			start = (start | nameStart) &^ noNameStart
		}
		info[i] = tokenInfo(start&noNameStart) << noNameShift
		// A long word that starts as a ministry word does may open a body
		// (lowercaseBody): few are, and a conditional move, unlike a
		// branch, costs nothing to mispredict.
		var longWord uint8
		if len(w) >= long {
			longWord = nameStart
		}
		start |= start & ministryStart >> ministryShift & longWord
		nv += int(start & nameStart)
		nl += int(start&lowerStart) >> 2
		nc += int(start&capitalisedStart) >> 3
	}
	return nv, nl, nc
}

// capitalisedWordsOf returns the words of doc's tokens that do not start
// with a lower-case letter, as copyWords listed them, or nil when the
// entity stage has not read these tokens.
func (sc *entityScratch) capitalisedWordsOf(doc *Document) []int32 {
	// A document's tokens follow from its text: the same text in the same
	// token buffer, as long as before, has the same tokens.
	if sc == nil || sc.listedText != doc.Text || len(sc.listedTokens) != len(doc.Tokens) || len(doc.Tokens) == 0 ||
		&sc.listedTokens[0] != &doc.Tokens[0] {
		return nil
	}
	return sc.capitalised
}

// firstFrom drops the tokens before i from the front of list, which is in
// order, and returns the first token left, or n when none is.
func firstFrom(list *[]int32, i, n int) int {
	l := *list
	for len(l) > 0 && int(l[0]) < i {
		l = l[1:]
	}
	*list = l
	if len(l) == 0 {
		return n
	}
	return int(l[0])
}

// tokenStarts holds, by token kind and first byte, what a token may be:
// nameStart for the words and abbreviations that start with a capital or a
// byte past ASCII, as a name does (isNameWord, isCapitalised); lowerStart
// for the words that start with a lower-case letter (startsLower), and
// arabicArticleStart too for those that may start with an Arabic article
// (al-, el-); capitalisedStart for the other words; noNameStart for the
// tokens that can be no part of a name the gazetteer does not know, as
// isNameWord says: all but words and abbreviations, and those that start
// with a lower-case letter (most tokens), but for a word's Arabic article;
// ministryStart for the tokens whose first byte starts a word of
// ministryWords, which alone may open a body (lowercaseBody).
var tokenStarts = func() (t [16][256]uint8) {
	for k := range t {
		if TokenKind(k) != Word && TokenKind(k) != Abbrev {
			for c := range t[k] {
				t[k][c] = noNameStart
			}
		}
	}
	for _, k := range []TokenKind{Word, Abbrev} {
		for c := range t[k] {
			switch {
			case 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf:
				t[k][c] = nameStart
			case k == Word && (c == 'a' || c == 'e'):
				t[k][c] = lowerStart | arabicArticleStart | noNameStart
			case k == Word && 'a' <= c && c <= 'z':
				t[k][c] = lowerStart | noNameStart
			case 'a' <= c && c <= 'z':
				t[k][c] = noNameStart
			}
			if k == Word && t[k][c]&lowerStart == 0 {
				t[k][c] |= capitalisedStart
			}
		}
	}
	for w := range ministryWords.words {
		for k := range t {
			t[k][w[0]] |= ministryStart
		}
	}
	return t
}()

const (
	nameStart          = 1
	arabicArticleStart = 2
	lowerStart         = 4
	capitalisedStart   = 8
	noNameStart        = 16
	ministryStart      = 32
	// ministryShift moves ministryStart to nameStart.
	ministryShift = 5
	// noNameShift moves noNameStart to infoNoName.
	noNameShift = 12 - 4
)

// entityScratch holds buffers that Process reuses from one document to the
// next: a Document reused by a worker keeps them.
type entityScratch struct {
	words       []string
	headings    []Span  // the document's heading paragraphs
	lists       []int32 // holds the three below
	visits      []int32 // the tokens that can be a name or open a body, see copyWords
	lowers      []int32 // the words written in lower case, see copyWords
	capitalised []int32 // the other words, see copyWords
	// The text and tokens of the document the lists are of.
	listedText   string
	listedTokens []Token
	known        []int32
	knownTokens  []int32 // the tokens the gazetteer's matches cover
	info         []tokenInfo
	matches      []gazetteer.Match
	guessed      []int32
	order        []int
	spans        [][2]int32
	isGuessed    []bool
	shortForms   []shortForm
	guessNames   stringIDs // the names of the guesses, see unifyGuesses
	firstTyped   []int     // by guessNames id, see unifyGuesses
	lowerWords   lowerWordSet
	fuzzy        fuzzyMemo
}

// entityFinder holds one document's state while its names are found.
type entityFinder struct {
	doc *Document
	g   *gazetteer.Gazetteer
	// The lexemes of the tokens: f.lexeme(i) is token i's. Embedded, so
	// that the lexeme method is inlined into the finder's many calls, which
	// a method of the finder around it was not.
	*tokenLexemes
	matches []gazetteer.Match
	known   []int32     // per token: 1 + the index of the gazetteer match covering it, or 0
	info    []tokenInfo // per token, filled in when first asked for
	out     []Entity

	guessed    []int32       // indexes in out of the names typed by default (unifyGuesses)
	order      []int         // see entityOrder
	spans      [][2]int32    // see tokenSpan
	lowerWords *lowerWordSet // see writtenLower
	scratch    *entityScratch
}

// tokenInfo says what a token is to the finder.
type tokenInfo uint16

const (
	infoComputed    tokenInfo = 1 << iota // the other bits are filled in
	infoName                              // a capitalised word or initial that can be part of a name (isNameWord)
	infoTitle                             // "Presiden", "Dr."
	infoAffiliation                       // "Ketua", "politikus"
	infoRole                              // "Luar", "Negeri", "Umum" after a title
	infoHead                              // opens an organisation or place name
	infoPlaceHead                         // opens a place name
	infoOrdinary                          // written in lower case in running text (isOrdinaryWord)
	infoAcronym                           // PKB, KPK (isAcronym)
	infoTerm                              // Pemilu, BBM
	infoEnglishOrg                        // Exchange, Alliance
	infoInitial                           // one letter or a Roman numeral
	// infoNoName, without infoComputed: no part of a name the gazetteer
	// does not know (noNameStart), the other bits not filled in.
	infoNoName
	infoCalendar // a day or month name (isCalendarWord)
	infoBrand    // written as a brand (isBrandCase)
	infoCommon   // a frequent word (gazetteer.IsCommonWord)
)

// is reports whether token i has all the bits of want. It is infoAt's
// question written out, which through infoAt would cost the inliner more
// than it inlines.
func (f *entityFinder) is(i int, want tokenInfo) bool {
	if f.info[i]&infoComputed == 0 {
		f.computeInfo(i)
	}
	return f.info[i]&want == want
}

// infoAt returns the information of token i, worked out when first asked
// for. A question of several bits reads it once.
func (f *entityFinder) infoAt(i int) tokenInfo {
	if f.info[i]&infoComputed == 0 {
		f.computeInfo(i)
	}
	return f.info[i]
}

// computeInfo fills in the information of token i from its lexeme, which
// keeps it for the next tokens of the form. It stays out of is, the
// finder's most frequent call, so that is is inlined.
//
//go:noinline
func (f *entityFinder) computeInfo(i int) {
	t := &f.doc.Tokens[i]
	l := f.lexeme(i)
	shape := shapeOf(t)
	if l.info == 0 {
		// A dateline's words are no names (see infoOf): that is the
		// token's, not the form's.
		plain := *t
		plain.Flags &^= Dateline
		l.info, l.shape = infoOf(&plain), shape
	}
	switch {
	case l.shape != shape:
		f.info[i] = infoOf(t)
	case t.Has(Dateline):
		f.info[i] = l.info &^ infoName
	default:
		f.info[i] = l.info
	}
}

func infoOf(t *Token) tokenInfo {
	info := infoComputed
	if isCalendarWord(t.Norm) {
		info |= infoCalendar
	}
	if isBrandCase(t.Norm) {
		info |= infoBrand
	}
	if gazetteer.IsCommonWord(t.Norm) {
		info |= infoCommon
	}
	if t.Kind != Word && t.Kind != Abbrev {
		return info
	}
	if isNameWord(t) && !t.Has(Dateline) {
		info |= infoName
	}
	w := trimPeriod(t.Norm)
	c := classOf(w)
	info |= classInfoTable[c&classInfoMask]
	if len(w) == 1 || isRomanNumeral(w) {
		info |= infoInitial
	}
	if t.Kind == Word {
		stemClass := c
		if stem := t.Stem(); stem != w {
			stemClass = classOf(stem)
		}
		if isOrdinaryStem(t, stemClass) {
			info |= infoOrdinary
		}
		if isAcronym(t) {
			info |= infoAcronym
		}
		if c&classEnglishOrg != 0 && isCapitalised(w) {
			info |= infoEnglishOrg
		}
	}
	return info
}

// classInfos gives the token information that word classes carry.
var classInfos = [...]struct {
	class wordClass
	info  tokenInfo
}{
	{classTitle, infoTitle}, {classAffiliation, infoAffiliation}, {classRole, infoRole},
	{classOrgHead, infoHead}, {classPlaceCue, infoHead | infoPlaceHead}, {classTerm, infoTerm},
}

// classInfoMask holds the classes of classInfos.
var classInfoMask = func() wordClass {
	var m wordClass
	for _, b := range classInfos {
		m |= b.class
	}
	return m
}()

// classInfoTable gives, for the classes of classInfoMask a word has, the
// information they carry: one load where infoOf would test every class.
var classInfoTable = func() []tokenInfo {
	t := make([]tokenInfo, classInfoMask+1)
	for c := range t {
		for _, b := range classInfos {
			if wordClass(c)&b.class != 0 {
				t[c] |= b.info
			}
		}
	}
	return t
}()

// evidence is what the words before a name say about it.
type evidence uint8

const (
	noEvidence  evidence = iota
	personTitle          // "Presiden", "Kombes", "Pak": a person's name follows
	affiliation          // "Ketua", "politikus": an organisation, then maybe its member, follows
)

func entryEntity(toks []Token, start, end int, e *gazetteer.Entry, method string) Entity {
	return Entity{
		Span:   Span{toks[start].Start, toks[end-1].End},
		Label:  Label(e.Label),
		ID:     e.ID,
		Name:   e.Name,
		Kind:   e.Kind,
		Method: method,
	}
}

func (f *entityFinder) ruleEntity(start, end int, label Label) Entity {
	return Entity{Span: Span{f.doc.Tokens[start].Start, f.doc.Tokens[end-1].End}, Label: label, Method: "rule"}
}

// ignoredMatch reports a gazetteer match that names nothing where it stands:
// a one-word match on an ordinary word opening a sentence ("Bahkan",
// "Selain": capitals at a sentence start prove nothing), or a place that
// names a language or currency ("bahasa Indonesia", "dolar AS").
func (f *entityFinder) ignoredMatch(m gazetteer.Match) bool {
	// Most matches are no common word, which the token's information says
	// for less than the search of the sentences costs.
	if m.End-m.Start == 1 && f.is(m.Start, infoCommon) && atSentenceStart(f.doc, m.Start) {
		return true
	}
	return m.Start > 0 && Label(m.Entry.Label) == Place && f.classOf(m.Start-1)&classNonNameCue != 0
}

// atSentenceStart reports whether token i opens its sentence (after any
// opening quotation marks or brackets).
func atSentenceStart(doc *Document, i int) bool {
	for i > 0 && (doc.Tokens[i-1].Kind == QuoteMark || doc.Tokens[i-1].Norm == "(") {
		i--
	}
	if i == 0 {
		return true
	}
	k := lastStartingBy(doc.Sentences, doc.Tokens[i].Start)
	if k < 0 {
		return true
	}
	return doc.Tokens[i-1].End <= doc.Sentences[k].Start
}

// runEnd returns the end of the run of name tokens starting at i: capitalised
// words, initials and known names, with the lower-case words that join them
// ("bin", "van der"; "Bill of Rights"; "dan" between the words of an
// organisation's name). Token i is a name token (isNameToken), as Process
// has asked.
func (f *entityFinder) runEnd(i int) int {
	toks := f.doc.Tokens
	end := i + 1
	words := f.infoAt(i) // all the bits of the run's name words so far, for joins
	for end < len(toks) {
		switch {
		case toks[end].Flags&(SpaceBefore|LineBreakBefore) != SpaceBefore:
			return end // no name goes on over a line: "Mahasiswa\n\nI Wayan Sudarsana"
		case f.isNameToken(end):
			words |= f.infoAt(end)
			end++
		case end+1 < len(toks) && f.isNameToken(end+1) && f.joins(end, words&infoHead != 0, words&infoTitle != 0):
			end += 2
		default:
			return end
		}
	}
	return end
}

// joins reports whether the lower-case word at i joins the name words around
// it into one name; headed and titled say whether the run so far has a head
// or a title.
func (f *entityFinder) joins(i int, headed, titled bool) bool {
	c := f.connector(i)
	if c&classNameConnector != 0 || c&classEnglishConnector != 0 && f.is(i-1, infoName) {
		return true
	}
	// "Kementerian Kelautan dan Perikanan", "Direktur Pemasaran dan Niaga",
	// "Menteri Pemuda dan Olahraga": an ordinary word or a portfolio and the
	// next word coordinated in a name or a role; "Golkar dan Gerindra" are
	// two names.
	return c&classOrgConnector != 0 && (headed || titled) && f.known[i-1] == 0 && f.known[i+1] == 0 &&
		(f.is(i-1, infoOrdinary) || titled && f.is(i-1, infoRole)) && !f.is(i+1, infoHead) && !f.is(i+1, infoTitle)
}

// connector returns the classes of token i when it is a word written in
// lower case, as connectors and cues are.
func (f *entityFinder) connector(i int) wordClass {
	if f.doc.Tokens[i].Kind != Word {
		return 0 // as its lexeme says, without looking it up
	}
	return f.lexeme(i).connector
}

// classOf returns the classes of the word of token i, in any case.
func (f *entityFinder) classOf(i int) wordClass { return f.lexeme(i).classes }

func (f *entityFinder) isNameToken(i int) bool {
	if f.known[i] != 0 {
		return true
	}
	// copyWords ruled most tokens out (infoNoName), and the other bits of
	// the rest are worked out once: runEnd asks of most tokens twice.
	if info := f.info[i]; info != 0 {
		return info&infoName != 0
	}
	return f.is(i, infoName)
}

// run tags the names in the run of name tokens [start, end) and returns
// where scanning goes on (after end when a parenthesis was taken in).
func (f *entityFinder) run(start, end int) int {
	// A capitalised ordinary word opening a sentence is not a name, unless
	// it is a title, the head of an organisation or place name, or a term
	// that makes the words after it no name ("Penghargaan Ramon Magsaysay").
	if f.known[start] == 0 && f.infoAt(start)&(infoOrdinary|infoTitle|infoHead|infoTerm) == infoOrdinary &&
		atSentenceStart(f.doc, start) {
		start++
	}
	// A name ending in a company suffix or an English word of bodies takes in
	// the places before it: "Conocophilips Indonesia Inc", "New York
	// Mercantile Exchange".
	if last := end - 1; last > start && f.known[last] == 0 && f.isEnglishOrgWord(last) {
		f.clearKnownPlaces(start, last)
	}
	// A known person next to unknown name words is part of another name:
	// "Ny Herawati Boediono" is not Boediono, "Priyo Budi Santoso" not Budi
	// Santoso.
	for j := start; j < end; j++ {
		if f.known[j] == 0 {
			continue
		}
		m := f.matches[f.known[j]-1]
		if m.Start == j && Label(m.Entry.Label) == Person &&
			(j > start && f.known[j-1] == 0 && f.isPlainName(j-1) ||
				m.End < end && f.known[m.End] == 0 && (f.isPlainName(m.End) || f.isNameInitial(m.End, end))) {
			clear(f.known[m.Start:m.End])
			continue
		}
		// A place that is also a given name, before a name word and after
		// no title, starts a person's name: "Bima Haria Wibisana", but
		// "Bupati Bima Indah Dhamayanti Putri".
		if m.End-m.Start == 1 && Label(m.Entry.Label) == Place && givenNames.lookup(f.doc.Tokens[j].Norm) &&
			j+1 < end && f.known[j+1] == 0 && f.isPlainName(j+1) &&
			(j == 0 || !f.is(j-1, infoTitle) && !f.is(j-1, infoHead) && !f.is(j-1, infoAffiliation)) {
			f.known[j] = 0
		}
	}
	ev := noEvidence
	next := end
	for j := start; j < end; {
		k := f.outside(j, &ev)
		switch {
		case k > j:
		case f.known[j] != 0:
			k = f.emitKnown(j, &ev)
		case !f.isNameToken(j): // a connector left over
			k = j + 1
		case f.compound(j):
			k = j + 1
		case f.is(j, infoTitle):
			k = f.title(j, end, &ev)
		case f.is(j, infoHead):
			k = f.headed(j, end, &ev)
		default:
			k = f.name(j, end, &ev)
		}
		if k >= end {
			next = max(next, k)
		}
		j = k
	}
	return next
}

// emitKnown adds the gazetteer match covering token j and returns where
// scanning goes on.
func (f *entityFinder) emitKnown(j int, ev *evidence) int {
	m := f.matches[f.known[j]-1]
	method := "gazetteer"
	if m.Method == "alias" {
		method = "alias"
	}
	e := entryEntity(f.doc.Tokens, m.Start, m.End, m.Entry, method)
	if m.Entry.Kind == "country" {
		f.stateBody(&e, m.Start)
	} else if e.Label == Place && m.Start > 0 && teamCues.lookup(f.doc.Tokens[m.Start-1].Norm) {
		// "melawan Bandung": the city's club, which the gazetteer does not
		// know by the city's name.
		e = f.ruleEntity(m.Start, m.End, Organisation)
	}
	end := m.End
	if e.Label != Person {
		end = f.takeParenthesis(&e, end)
	}
	if e.Label == Place && end == m.End {
		end = f.takeDirection(&e, end)
	}
	if e.Label == Place {
		f.facility(&e, m.Start)
	}
	if e.Label == Organisation && end == m.End {
		end = f.takeCountry(&e, end)
	}
	if e.Label == Organisation && end == m.End {
		end = f.takeSuffix(&e, end) // "Qualcomm Inc"
	}
	if e.Label == Organisation {
		f.building(&e, m.Start)
	}
	f.out = append(f.out, e)
	if ev != nil {
		*ev = evidenceAfter(e.Label, *ev)
	}
	return end
}

// evidenceAfter says what a name after a name of label l is likely to be:
// the person a title named goes on after the organisation or country of the
// title ("Menlu Rusia Sergey Lavrov", "Ketua KPK Abraham Samad").
func evidenceAfter(l Label, ev evidence) evidence {
	switch {
	case l == Person:
		return noEvidence
	case ev != noEvidence:
		return personTitle
	}
	return noEvidence
}

// title skips the title or role starting at j ("Menteri Luar Negeri",
// "Kepala Bidang Humas", "Komjen Pol", "Menteri Kelautan dan Perikanan")
// and returns its end.
func (f *entityFinder) title(j, end int, ev *evidence) int {
	if f.is(j, infoAffiliation) {
		*ev = affiliation
	} else {
		*ev = personTitle
	}
	k := j + 1
	for ; k < end && f.known[k] == 0; k++ {
		switch {
		case f.is(k, infoTitle):
			if !f.is(k, infoAffiliation) {
				*ev = personTitle
			}
		case f.isNameInitial(k, end):
			return k // "Menteri Perhubungan E. E. Mangindaan": the name starts
		case f.is(k, infoRole) || f.is(k, infoInitial):
			// "Komisi III", "Ketua DPP": part of the role.
		case f.is(k, infoAcronym) || f.is(k, infoHead):
			return k
		case f.connector(k)&(classNameConnector|classOrgConnector) != 0:
		case f.connector(k-1)&classOrgConnector != 0 && !f.is(k, infoInitial):
			// "Pemasaran dan Niaga": the word after "dan" is a portfolio too.
		case !f.is(k, infoOrdinary):
			return k
		}
	}
	return k
}

// isNameInitial reports an initial at k that opens the name after it: a
// letter, not a Roman numeral ("Komisi III"), before another initial or a
// name word the run holds ("E. E. Mangindaan", "H Laoly").
func (f *entityFinder) isNameInitial(k, end int) bool {
	t := &f.doc.Tokens[k]
	if !f.is(k, infoInitial) || isRomanNumeral(trimPeriod(t.Norm)) || k+1 >= end || !f.doc.Tokens[k+1].Has(SpaceBefore) {
		return false
	}
	return f.isPlainName(k+1) || f.known[k+1] != 0 && Label(f.matches[f.known[k+1]-1].Entry.Label) == Person ||
		f.is(k+1, infoInitial) && !isRomanNumeral(trimPeriod(f.doc.Tokens[k+1].Norm))
}

// isOfficeBody reports a place head at j that the word after it makes a
// body's name (office-bodies.txt): "Kantor Wilayah", "Kantor Berita".
func (f *entityFinder) isOfficeBody(j, end int) bool {
	if j+1 >= end {
		return false
	}
	var buf [64]byte
	return officeBodies[string(f.lowerPair(buf[:0], j))]
}

// lowerPair appends to b the words of tokens i and i+1 in lower case,
// joined by a space, as two-word lists hold them.
func (f *entityFinder) lowerPair(b []byte, i int) []byte {
	b = appendLower(b, f.doc.Tokens[i].Norm)
	b = append(b, ' ')
	return appendLower(b, f.doc.Tokens[i+1].Norm)
}

// isEnglishOrgWord reports an English word of bodies or a company suffix at
// i (english-org-words.txt): "Exchange", "Inc", "Inc.".
func (f *entityFinder) isEnglishOrgWord(i int) bool {
	t := &f.doc.Tokens[i]
	return f.is(i, infoEnglishOrg) || t.Kind == Abbrev && classOf(trimPeriod(t.Norm))&classEnglishOrg != 0
}

// clearKnownPlaces forgets the gazetteer places within [start, end) when
// the run holds no other known name and some unknown name word.
func (f *entityFinder) clearKnownPlaces(start, end int) {
	unknown := false
	for i := start; i < end; i++ {
		if f.known[i] == 0 {
			unknown = unknown || f.is(i, infoName)
			continue
		}
		if Label(f.matches[f.known[i]-1].Entry.Label) != Place {
			return
		}
	}
	if !unknown {
		return
	}
	for i := start; i < end; i++ {
		f.known[i] = 0
	}
}

// isMemberWord reports a title at k inside an organisation's name, which
// names its members before a known place: "Ikatan Dokter Indonesia",
// "Serikat Petani Indonesia", "Persatuan Wartawan Indonesia". A title before
// a person's name or a body ends the organisation ("Kementerian Luar Negeri
// Menteri Retno", "Akademi TNI Laksdya TNI Aan").
func (f *entityFinder) isMemberWord(k, end int) bool {
	if k+1 >= end || f.known[k+1] == 0 {
		return false
	}
	m := f.matches[f.known[k+1]-1]
	return m.Start == k+1 && Label(m.Entry.Label) == Place
}

// isMiddleInitials reports two capitals at k between the words of one
// person's name, which are initials, not a body ("Irianto MS Syaifuddin").
func (f *entityFinder) isMiddleInitials(k, end int) bool {
	return len(f.doc.Tokens[k].Norm) == 2 && k+1 < end && f.known[k+1] == 0 && f.isPlainName(k-1) && f.isPlainName(k+1)
}

// headed tags the organisation or place name that a head word opens at j
// ("Partai Persatuan Pembangunan", "Kejaksaan Tinggi Sulawesi Selatan",
// "Gedung BEI Medan"), and the person a title announced right after it.
func (f *entityFinder) headed(j, end int, ev *evidence) int {
	label := Organisation
	if f.is(j, infoPlaceHead) && !f.isOfficeBody(j, end) {
		label = Place
	}
	// A building takes in the organisation it houses ("Gedung BEI Medan");
	// an organisation ends where another one starts ("Fakultas Kehutanan
	// UGM", "Dewan Pimpinan Pusat Partai Demokrat").
	k := j + 1
	for k < end {
		if f.known[k] != 0 {
			m := f.matches[f.known[k]-1]
			if l := Label(m.Entry.Label); l == Person || l == Organisation && label == Organisation && k > j+1 {
				break // "PT Angkasa Pura I" is one name, "Fakultas Kehutanan UGM" two
			}
			k = m.End
			continue
		}
		if f.is(k, infoTitle) && !f.is(k, infoRole) && !f.isMemberWord(k, end) || label == Organisation && k > j+1 && f.is(k, infoAcronym) ||
			label == Place && addressNumbers.lookup(trimPeriod(f.doc.Tokens[k].Norm)) {
			break
		}
		k++
	}
	if k == j+2 && k < end && f.known[k] != 0 && f.isOfficeBody(j, end) {
		// "Kantor Wilayah [Kementerian Hukum dan HAM]": the office of the
		// body named after it is that body's.
		return k
	}
	if k == j+1 {
		// A bare head is a common noun ("Partai", "Kota"), unless written as
		// an acronym (SPBU, DPRD) other than a legal form (PT).
		if f.is(j, infoAcronym) && !f.is(j, infoTerm) {
			f.out = append(f.out, f.ruleEntity(j, k, label))
			*ev = evidenceAfter(label, *ev)
		}
		return k
	}
	// "Partai Golkar Nurul Arifin" after a title: the organisation keeps its
	// ordinary words and one name word; two or more name words after that
	// are the person.
	split := k
	if *ev != noEvidence || f.speechAfter(k) {
		p := k
		for p > j+1 && f.known[p-1] == 0 && f.isPlainName(p-1) {
			p--
		}
		if p == j+1 {
			p++
		}
		if k-p >= 2 {
			split = p
		}
	}
	if label == Place && (f.speechBefore(j) || f.speechAfter(split)) {
		label = Organisation // "kata Kantor Meteorologi Islandia": buildings do not speak
	}
	e := f.ruleEntity(j, split, label)
	next := k
	if split == k {
		next = f.takeParenthesis(&e, k)
	}
	if next == k && k < end && label == Place && addressNumbers.lookup(trimPeriod(f.doc.Tokens[k].Norm)) {
		next++ // the number word is no name of its own
	}
	f.venue(&e, j)
	f.out = append(f.out, e)
	*ev = evidenceAfter(label, *ev)
	if split < k {
		f.out = append(f.out, f.ruleEntity(split, k, Person))
		*ev = noEvidence
	}
	return next
}

// name tags the capitalised words starting at j that neither a title nor a
// head opens, and returns where scanning goes on.
func (f *entityFinder) name(j, end int, ev *evidence) int {
	toks := f.doc.Tokens
	if f.is(j, infoCalendar) {
		*ev = noEvidence
		return j + 1 // "kata Arbi, Ahad (4/3)": days and months are no part of a name
	}
	k := j + 1
	if f.is(j, infoAcronym) {
		for k < end && f.known[k] == 0 && f.is(k, infoAcronym) {
			k++
		}
		// "BPH Migas" is one name; "MDC Morgan Tsangirai" an organisation and
		// its member.
		rest := k
		for rest < end && f.known[rest] == 0 && f.isPlainName(rest) {
			rest++
		}
		if rest-k == 1 {
			k = rest
		}
	} else {
		// A title ending the run is the last word of the name ("Dewi
		// Anggraini Putri"): there is no name after it to be the title of;
		// one that is an initial before a name word is a middle initial
		// ("Yasonna H Laoly").
		for k < end && f.known[k] == 0 {
			info := f.infoAt(k)
			if info&infoTitle != 0 && k+1 != end && !f.isNameInitial(k, end) || info&infoHead != 0 ||
				info&infoAcronym != 0 && !f.isMiddleInitials(k, end) || info&infoCalendar != 0 {
				break
			}
			k++
		}
		if k < end && k-1 > j && f.connector(k-1)&classEnglishConnector != 0 {
			k-- // "Executive Office [of] Russia"
		}
	}
	// A name word the gazetteer does not know, then a city or region it
	// knows, with no title before them: a club or firm named after its home
	// ("Borussia Dortmund", "Persib Bandung"). Before a country it is as
	// often a person's family name ("Hassan Turki").
	if *ev != personTitle && k == j+1 && k < end && f.known[k] != 0 && f.isPlainName(j) && toks[k].Has(SpaceBefore) {
		if m := f.matches[f.known[k]-1]; m.Start == k && m.End-m.Start == 1 && Label(m.Entry.Label) == Place && m.Entry.Kind != "country" &&
			(m.End == end || f.known[m.End] == 0) && !f.speechBefore(j) && !f.speechAfter(m.End) {
			e := f.ruleEntity(j, m.End, Organisation)
			f.out = append(f.out, e)
			*ev = evidenceAfter(Organisation, *ev)
			return m.End
		}
	}
	next := k
	guess, ok := f.labelName(j, k, *ev)
	if !ok {
		*ev = noEvidence
		if k == end {
			return skipParenthesis(toks, k)
		}
		return k
	}
	if k == j+1 && (!guess.sure || guess.label == Person) && f.isPlainName(j) {
		// A misspelt known name (Lavrof for Lavrov), unless the words around
		// say it is something else.
		if e := f.fuzzy(toks[j].Norm); e != nil && (!guess.sure || Label(e.Label) == guess.label) {
			ent := entryEntity(toks, j, k, e, "fuzzy")
			f.out = append(f.out, ent)
			*ev = evidenceAfter(ent.Label, *ev)
			return k
		}
	}
	if guess.split > j {
		f.out = append(f.out, f.ruleEntity(j, guess.split, Organisation))
		f.out = append(f.out, f.ruleEntity(guess.split, k, Person))
		*ev = noEvidence
		return k
	}
	if guess.label == Person {
		// Names do not end in function words: "[Amanda Vanstone] Selasa";
		// a title ending the run ends the name ("Tatang Farhanul Hakim").
		for k-j > 1 && f.infoAt(k-1)&(infoCommon|infoTitle) == infoCommon {
			k--
		}
		// "Kapolri Jenderal Badrodin Haiti": a one-word place ending a titled
		// name is the last word of the name.
		if *ev == personTitle && k+1 == end && f.known[k] != 0 {
			if m := f.matches[f.known[k]-1]; m.Start == k && m.End == end && Label(m.Entry.Label) == Place {
				k, next = end, end
			}
		}
	}
	e := f.ruleEntity(j, k, guess.label)
	if guess.label != Person && k == end {
		next = f.takeParenthesis(&e, k)
	}
	if guess.label == Organisation && guess.sure && next == k && k < end && k-j > 1 {
		// "Sigma Riset Indonesia"; an acronym before a country is as often
		// a figure's ("posisi PII Indonesia").
		next = f.takeCountry(&e, k)
	}
	switch e.Label {
	case Organisation:
		f.building(&e, j)
	case Place:
		f.facility(&e, j)
	}
	if !guess.sure {
		f.guessed = append(f.guessed, int32(len(f.out)))
	}
	f.out = append(f.out, e)
	*ev = evidenceAfter(guess.label, *ev)
	return next
}

// isPlainName reports a capitalised word that can only be part of a
// personal name: no acronym, title, head or ordinary word.
func (f *entityFinder) isPlainName(i int) bool {
	return f.doc.Tokens[i].Kind == Word &&
		f.infoAt(i)&(infoName|infoAcronym|infoTitle|infoHead|infoOrdinary) == infoName
}

// isCalendarWord reports a day or month name, or a range of them
// ("Januari-April").
func isCalendarWord(w string) bool {
	for {
		part, rest, more := strings.Cut(w, "-")
		if !calendarWords.lookup(part) {
			return false
		}
		if !more {
			return true
		}
		w = rest
	}
}
