package pipeline

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"

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

// wordClass is what the word lists say about a word, looked up in lower case.
type wordClass uint16

const (
	classTitle            wordClass = 1 << iota // titles.txt
	classAffiliation                            // affiliation-titles.txt
	classRole                                   // role-words.txt
	classOrgHead                                // org-heads.txt
	classPlaceCue                               // place-cues.txt
	classLowercase                              // lowercase-words.txt
	classTerm                                   // terms.txt
	classEnglishOrg                             // english-org-words.txt
	classEnglishConnector                       // english-connectors.txt
	classNameConnector                          // name-connectors.txt
	classOrgConnector                           // org-connectors.txt
	classNonNameCue                             // non-name-cues.txt
	classStateBody                              // state-bodies.txt
	classCommon                                 // gazetteer.CommonWords
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
	} {
		for w := range list.words {
			m[w] |= list.class
		}
	}
	for _, w := range gazetteer.CommonWords() {
		m[w] |= classCommon
	}
	return m
}())

var (
	compassWords  = readWordSet("compass-words.txt")
	givenNames    = listOf(readWordSet("given-names-also-places.txt"))
	ministryWords = readWordSet("ministry-words.txt")
	// shortestMinistryWord spares most tokens the lookup in ministryWords.
	shortestMinistryWord = func() int {
		n := 1 << 30
		for w := range ministryWords {
			n = min(n, len(w))
		}
		return n
	}()
	contextCues     = listOf(readLabelMap("context-cues.tsv"))
	derivingAffixes = readAffixPairs("derived-word-affixes.tsv")
)

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

// Process implements Stage.
func (s *Entities) Process(_ context.Context, doc *Document) error {
	if doc.entityScratch == nil {
		doc.entityScratch = new(entityScratch)
	}
	sc := doc.entityScratch
	n := len(doc.Tokens)
	sc.words = slices.Grow(sc.words[:0], n)[:n]
	for i := range doc.Tokens {
		sc.words[i] = doc.Tokens[i].Norm
	}
	sc.known = slices.Grow(sc.known[:0], n)[:n]
	clear(sc.known)
	sc.info = slices.Grow(sc.info[:0], n)[:n]
	clear(sc.info)
	f := entityFinder{doc: doc, g: s.Gazetteer, known: sc.known, info: sc.info, out: doc.Entities[:0], scratch: sc}
	f.matches = s.Gazetteer.MatchTokens(sc.words, sc.matches[:0])
	sc.matches = f.matches
	for k, m := range f.matches {
		if !f.ignoredMatch(m) {
			for i := m.Start; i < m.End; i++ {
				f.known[i] = int32(k + 1)
			}
		}
	}
	kind := paragraphKinds(doc)
	for i := 0; i < n; {
		if f.known[i] == 0 && len(doc.Tokens[i].Norm) < shortestMinistryWord && notNameWord(&doc.Tokens[i]) {
			i++ // most tokens: no name (isNameToken), too short to open a body (lowercaseBody)
			continue
		}
		if !f.isNameToken(i) {
			i = f.lowercaseBody(i)
			continue
		}
		end := f.runEnd(i)
		switch {
		case kind(i) == Heading:
			// Headline case capitalises every word: only known names count.
			next := end
			for j := i; j < end; j++ {
				if f.known[j] != 0 {
					next = max(next, f.emitKnown(j, nil))
					j = f.matches[f.known[j]-1].End - 1
				}
			}
			i = next
		default:
			i = f.run(i, end)
		}
	}
	clear(sc.matches) // drop the entry pointers
	doc.Entities = f.out
	slices.SortStableFunc(doc.Entities, func(a, b Entity) int { return a.Start - b.Start })
	return nil
}

// entityScratch holds buffers that Process reuses from one document to the
// next: a Document reused by a worker keeps them.
type entityScratch struct {
	words      []string
	known      []int32
	info       []tokenInfo
	matches    []gazetteer.Match
	lowerWords lowerWordSet
	fuzzy      fuzzyMemo
}

// entityFinder holds one document's state while its names are found.
type entityFinder struct {
	doc     *Document
	g       *gazetteer.Gazetteer
	matches []gazetteer.Match
	known   []int32     // per token: 1 + the index of the gazetteer match covering it, or 0
	info    []tokenInfo // per token, filled in when first asked for
	out     []Entity

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
)

// is reports whether token i has all the bits of want.
func (f *entityFinder) is(i int, want tokenInfo) bool {
	if f.info[i]&infoComputed == 0 {
		f.computeInfo(i)
	}
	return f.info[i]&want == want
}

// computeInfo fills in the information of token i. It stays out of is, the
// finder's most frequent call, so that is is inlined.
//
//go:noinline
func (f *entityFinder) computeInfo(i int) {
	f.info[i] = infoOf(&f.doc.Tokens[i])
}

func infoOf(t *Token) tokenInfo {
	info := infoComputed
	if t.Kind != Word && t.Kind != Abbrev {
		return info
	}
	if isNameWord(t) && !t.Has(Dateline) {
		info |= infoName
	}
	w := trimPeriod(t.Norm)
	c := classOf(w)
	for _, b := range classInfos {
		if c&b.class != 0 {
			info |= b.info
		}
	}
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
	toks := f.doc.Tokens
	if m.End-m.Start == 1 && atSentenceStart(f.doc, m.Start) && gazetteer.IsCommonWord(toks[m.Start].Norm) {
		return true
	}
	return m.Start > 0 && Label(m.Entry.Label) == Place && classOf(toks[m.Start-1].Norm)&classNonNameCue != 0
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
	off := doc.Tokens[i].Start
	ss := doc.Sentences
	k := sort.Search(len(ss), func(k int) bool { return ss[k].Start > off }) - 1
	if k < 0 {
		return true
	}
	return doc.Tokens[i-1].End <= ss[k].Start
}

// runEnd returns the end of the run of name tokens starting at i: capitalised
// words, initials and known names, with the lower-case words that join them
// ("bin", "van der"; "Bill of Rights"; "dan" between the words of an
// organisation's name). It returns i when no run starts there.
func (f *entityFinder) runEnd(i int) int {
	toks := f.doc.Tokens
	if !f.isNameToken(i) {
		return i
	}
	end := i + 1
	headed, titled := f.is(i, infoHead), f.is(i, infoTitle)
	for end < len(toks) {
		switch {
		case !toks[end].Has(SpaceBefore):
			return end
		case f.isNameToken(end):
			headed = headed || f.is(end, infoHead)
			titled = titled || f.is(end, infoTitle)
			end++
		case end+1 < len(toks) && f.isNameToken(end+1) && f.joins(end, headed, titled):
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
	// "Kementerian Kelautan dan Perikanan", "Direktur Pemasaran dan Niaga":
	// an ordinary word and the next word coordinated in a name or a role;
	// "Golkar dan Gerindra" are two names.
	return c&classOrgConnector != 0 && (headed || titled) && f.known[i-1] == 0 && f.known[i+1] == 0 &&
		f.is(i-1, infoOrdinary) && !f.is(i+1, infoHead) && !f.is(i+1, infoTitle)
}

// connector returns the classes of token i when it is a word written in
// lower case, as connectors and cues are.
func (f *entityFinder) connector(i int) wordClass {
	t := &f.doc.Tokens[i]
	if t.Kind != Word || !startsLower(t.Norm) && t.Norm != "&" {
		return 0
	}
	return lexicon.get(t.Norm)
}

func (f *entityFinder) isNameToken(i int) bool {
	if f.known[i] != 0 {
		return true
	}
	if notNameWord(&f.doc.Tokens[i]) {
		return false
	}
	return f.is(i, infoName)
}

// notNameWord rules out, before any lookup, the tokens that can be no part
// of a name the gazetteer does not know: most tokens, lower-case words.
func notNameWord(t *Token) bool {
	return t.Kind != Word && t.Kind != Abbrev || startsLower(t.Norm) && !hasArabicArticle(t.Norm)
}

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
// with -nya ("Arabnya", "Menurutnya") or with digits (H5N1) is not.
func isNameWord(t *Token) bool {
	switch t.Kind {
	case Word:
		w := t.Norm
		if hasArabicArticle(w) {
			w = w[3:]
		}
		return !startsLower(w) && t.Clitic != CliticNya && isCapitalised(w) && !hasDigit(w)
	case Abbrev:
		// Initials, and company suffixes ending a name ("Inc.", "Corp.").
		return isCapitalised(t.Norm) && (len(t.Norm) <= 3 || classOf(trimPeriod(t.Norm))&classEnglishOrg != 0)
	}
	return false
}

// run tags the names in the run of name tokens [start, end) and returns
// where scanning goes on (after end when a parenthesis was taken in).
func (f *entityFinder) run(start, end int) int {
	// A capitalised ordinary word opening a sentence is not a name, unless
	// it is a title or the head of an organisation or place name.
	if f.known[start] == 0 && f.is(start, infoOrdinary) && !f.is(start, infoTitle) && !f.is(start, infoHead) &&
		atSentenceStart(f.doc, start) {
		start++
	}
	// A one-word known name next to unknown name words is part of another
	// name: "Ny Herawati Boediono" is not Boediono.
	for j := start; j < end; j++ {
		if f.known[j] == 0 {
			continue
		}
		m := f.matches[f.known[j]-1]
		if m.End-m.Start == 1 && Label(m.Entry.Label) == Person &&
			(j > start && f.known[j-1] == 0 && f.isPlainName(j-1) || j+1 < end && f.known[j+1] == 0 && f.isPlainName(j+1)) {
			f.known[j] = 0
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
		var k int
		switch {
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
	}
	end := m.End
	if e.Label != Person {
		end = f.takeParenthesis(&e, end)
	}
	if e.Label == Place && end == m.End {
		end = f.takeDirection(&e, end)
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

// stateBody turns the country e, whose first token is start, into the
// government body that lower-case words before it name: "pemerintah Irak",
// "kementerian luar negeri Mesir".
func (f *entityFinder) stateBody(e *Entity, start int) {
	toks := f.doc.Tokens
	i := start - 1
	for i >= 0 && start-i <= 3 && f.connector(i)&classRole != 0 {
		i--
	}
	// The head may be capitalised alone: "Kementerian luar negeri Mesir".
	if i < 0 || toks[i].Kind != Word || classOf(toks[i].Norm)&classStateBody == 0 {
		return
	}
	// Look the body up by its name as written with capitals.
	var b strings.Builder
	for _, t := range toks[i:start] {
		b.WriteString(strings.ToUpper(t.Norm[:1]))
		b.WriteString(t.Norm[1:])
		b.WriteByte(' ')
	}
	b.WriteString(e.Name)
	name := b.String()
	*e = Entity{Span: Span{toks[i].Start, e.End}, Label: Organisation, Name: name, Method: "rule"}
	for _, c := range f.g.Candidates(name) {
		if Label(c.Label) == Organisation {
			e.ID, e.Name, e.Kind, e.Method = c.ID, c.Name, c.Kind, "gazetteer"
			break
		}
	}
}

// lowercaseBody tags a ministry named in lower case without its country
// ("kementerian luar negeri menolak …", the ministry the article is about)
// at token i, and returns where scanning goes on. "pemerintah daerah" is
// any local government.
func (f *entityFinder) lowercaseBody(i int) int {
	if w := f.doc.Tokens[i].Norm; len(w) < shortestMinistryWord || !ministryWords[w] {
		return i + 1
	}
	k := i + 1
	for k < len(f.doc.Tokens) && k-i <= 3 && f.connector(k)&classRole != 0 {
		k++
	}
	if k == i+1 || k < len(f.doc.Tokens) && f.isNameToken(k) {
		return i + 1 // "pemerintah" alone is no body; "kementerian luar negeri Mesir" is found from Mesir
	}
	f.out = append(f.out, f.ruleEntity(i, k, Organisation))
	return k
}

// building turns the organisation e, whose first token is start, into the
// place that a lower-case word before it names: "gedung DPR", "kompleks MPR".
func (f *entityFinder) building(e *Entity, start int) {
	if start > 0 && f.connector(start-1)&classPlaceCue != 0 {
		t := f.doc.Tokens[start-1]
		*e = Entity{Span: Span{t.Start, e.End}, Label: Place, Name: f.doc.Text[t.Start:e.End], Method: "rule"}
	}
}

// compound tags the known names glued into token j, by a hyphen
// ("Israel-AS", "Jokowi-JK") or by a lost line break ("KorutRusia"), and
// reports whether every part was known.
func (f *entityFinder) compound(j int) bool {
	t := &f.doc.Tokens[j]
	w := t.Norm
	if t.Kind != Word || t.Has(Reduplicated) || len(w) != t.End-t.Start {
		return false
	}
	var cuts [4]int
	parts := cuts[:0]
	for i := 1; i < len(w)-1 && len(parts) < len(cuts); i++ {
		if w[i] == '-' || 'a' <= w[i-1] && w[i-1] <= 'z' && 'A' <= w[i] && w[i] <= 'Z' {
			parts = append(parts, i)
		}
	}
	if len(parts) == 0 {
		return false
	}
	parts = append(parts, len(w))
	n := len(f.out)
	from := 0
	for _, to := range parts {
		cands := f.g.Candidates(w[from:to])
		if len(cands) == 0 {
			f.out = f.out[:n]
			return false
		}
		e := cands[0]
		f.out = append(f.out, Entity{Span: Span{t.Start + from, t.Start + to}, Label: Label(e.Label), ID: e.ID,
			Name: e.Name, Kind: e.Kind, Method: "gazetteer"})
		from = to
		if from < len(w) && w[from] == '-' {
			from++
		}
	}
	return true
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

// headed tags the organisation or place name that a head word opens at j
// ("Partai Persatuan Pembangunan", "Kejaksaan Tinggi Sulawesi Selatan",
// "Gedung BEI Medan"), and the person a title announced right after it.
func (f *entityFinder) headed(j, end int, ev *evidence) int {
	label := Organisation
	if f.is(j, infoPlaceHead) {
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
		if f.is(k, infoTitle) && !f.is(k, infoRole) || label == Organisation && k > j+1 && f.is(k, infoAcronym) {
			break
		}
		k++
	}
	if k == j+1 {
		// A bare head is a common noun ("Partai", "Kota"), unless written as
		// an acronym (SPBU, DPRD).
		if f.is(j, infoAcronym) {
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
		// Anggraini Putri"): there is no name after it to be the title of.
		for k < end && f.known[k] == 0 && (!f.is(k, infoTitle) || k+1 == end) && !f.is(k, infoHead) && !f.is(k, infoAcronym) {
			k++
		}
		if k < end && k-1 > j && f.connector(k-1)&classEnglishConnector != 0 {
			k-- // "Executive Office [of] Russia"
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
		// Names do not end in function words: "[Amanda Vanstone] Selasa".
		for k-j > 1 && gazetteer.IsCommonWord(toks[k-1].Norm) {
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
	if e.Label == Organisation {
		f.building(&e, j)
	}
	f.out = append(f.out, e)
	*ev = evidenceAfter(guess.label, *ev)
	return next
}

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
	acronyms, ordinary, terms, initials, english, englishOrg := 0, 0, 0, 0, 0, 0
	for i := j; i < k; i++ {
		switch {
		case f.is(i, infoAcronym):
			acronyms++
		case f.is(i, infoOrdinary):
			ordinary++
		case f.is(i, infoInitial):
			initials++
		}
		if f.is(i, infoTerm) {
			terms++
		}
		if f.is(i, infoEnglishOrg) {
			englishOrg++
		}
		if f.connector(i)&classEnglishConnector != 0 {
			english++
		}
	}
	prev := ""
	if j > 0 {
		prev = toks[j-1].Stem()
	}
	switch {
	case terms > 0 || initials == n || j > 0 && f.connector(j-1)&classNonNameCue != 0:
		// "Pemilu Presiden", "tipe A atau B", "berbahasa Mandarin"
		return nameGuess{}, false
	case prev == "(" && j > 1 && toks[j-2].Kind == Word && startsLower(toks[j-2].Norm):
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
	case ev == personTitle:
		return nameGuess{label: Person, sure: true}, true
	case ev == affiliation && n == 1:
		return nameGuess{label: Organisation, sure: true}, true
	case ev == affiliation && n >= 3:
		return nameGuess{label: Person, split: j + 1, sure: true}, true
	case ev == affiliation:
		return nameGuess{label: Person, sure: true}, true
	case englishOrg > 0:
		return nameGuess{label: Organisation, sure: true}, true // "Bridge Alliance", "Mercantile Exchange"
	case quoteWords.speech.lookup(prev) == "after" || f.speechAfter(k):
		return nameGuess{label: Person, sure: true}, true
	case ordinary == n:
		// Capitalised ordinary words are a term or a headline ("Bahan Bakar
		// Minyak"), not a name.
		return nameGuess{}, false
	case english > 0:
		return nameGuess{}, false // "Bill of Rights", "Return on Equity"
	}
	if l := contextCues.lookup(prev); l != "" {
		return nameGuess{label: l, sure: true}, true
	}
	if j > 0 && f.connector(j-1)&classPlaceCue != 0 {
		return nameGuess{label: Place, sure: true}, true // "kota Rafah", "wilayah Jabotabek"
	}
	// With nothing around to go by, a word the article also writes in
	// lower case is an ordinary word ("Pasal 5" beside "pasal").
	for i := j; i < k && ordinary*2 < n; i++ {
		if !f.is(i, infoOrdinary) && f.writtenLower(i) {
			ordinary++
		}
	}
	switch {
	case n <= 4 && ordinary*2 < n:
		// Capitalised words with nothing else to go by: most often a person
		// in news text, unless half of them are ordinary words ("Musyawarah
		// Kerja Nasional").
		return nameGuess{label: Person}, true
	}
	return nameGuess{}, false
}

// writtenLower reports whether the word of token i appears in lower case
// elsewhere in the document. The document's lower-case words are gathered
// on the first call.
func (f *entityFinder) writtenLower(i int) bool {
	if f.lowerWords == nil {
		f.lowerWords = &f.scratch.lowerWords
		f.lowerWords.fill(f.doc.Tokens)
	}
	return f.lowerWords.hasLower(f.doc.Tokens[i].Norm)
}

// lowerWordSet is the set of the words of a document written in lower case.
// Most questions are about names, which a document rarely writes in lower
// case: a bit filter over the words' hashes answers them. The first few
// others scan the tokens; later ones a bucket of the words' tokens sorted by
// hash. The buffers are kept from one document to the next.
type lowerWordSet struct {
	toks   []Token
	hashes []uint32 // per token: the wordHash of a lower-case word
	filter []uint64 // bit wordHash&(bits-1): some lower-case word may hash there
	// The buckets, once sorted: bucket b holds order[buckets[b]:buckets[b+1]].
	scans   int // questions answered by scanning before the sort
	sorted  bool
	buckets []int32
	order   []int32 // token indexes by bucket
	next    []int32 // while sorting: where each bucket's next token goes
	// answers keeps hasLower's answers by word as asked, in a long document
	// only: it asks about its names many times, and a word whose bucket is
	// also that of a word repeated thousands of times costs a long scan.
	answers map[string]bool
}

// maxScans is the number of questions lowerWordSet answers by scanning
// before it sorts its buckets.
const maxScans = 4

// longDocument is the number of tokens from which lowerWordSet keeps its
// answers; below, a scan costs less than keeping them.
const longDocument = 4096

func (s *lowerWordSet) fill(toks []Token) {
	s.toks, s.sorted, s.scans = toks, false, 0
	n := 1024
	for n < 8*len(toks) {
		n *= 2
	}
	s.filter = slices.Grow(s.filter[:0], n/64)[:n/64]
	clear(s.filter)
	s.hashes = slices.Grow(s.hashes[:0], len(toks))[:len(toks)]
	for k := range toks {
		if t := &toks[k]; t.Kind == Word && startsLower(t.Norm) {
			h := wordHash(t.Norm)
			s.hashes[k] = h
			f := h & uint32(n-1)
			s.filter[f/64] |= 1 << (f % 64)
		}
	}
	s.answers = nil
	if len(toks) >= longDocument {
		s.answers = make(map[string]bool)
	}
}

// sort puts the lower-case words' tokens into buckets by hash.
func (s *lowerWordSet) sort() {
	s.sorted = true
	n := 16
	for n < len(s.toks)/2 {
		n *= 2
	}
	s.buckets = slices.Grow(s.buckets[:0], n+1)[:n+1]
	clear(s.buckets)
	words := 0
	for k := range s.toks {
		if t := &s.toks[k]; t.Kind == Word && startsLower(t.Norm) {
			s.buckets[s.hashes[k]&uint32(n-1)+1]++
			words++
		}
	}
	for b := 1; b <= n; b++ {
		s.buckets[b] += s.buckets[b-1]
	}
	s.order = slices.Grow(s.order[:0], words)[:words]
	s.next = append(s.next[:0], s.buckets[:n]...)
	for k := range s.toks {
		if t := &s.toks[k]; t.Kind == Word && startsLower(t.Norm) {
			b := s.hashes[k] & uint32(n-1)
			s.order[s.next[b]] = int32(k)
			s.next[b]++
		}
	}
}

// hasLower reports whether w in lower case is in the set.
func (s *lowerWordSet) hasLower(w string) bool {
	if found, ok := s.answers[w]; ok {
		return found
	}
	var buf [40]byte
	found := s.has(appendLower(buf[:0], w))
	if s.answers != nil {
		s.answers[w] = found
	}
	return found
}

func (s *lowerWordSet) has(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	h := wordHash(string(w))
	if f := h & uint32(64*len(s.filter)-1); s.filter[f/64]&(1<<(f%64)) == 0 {
		return false
	}
	if !s.sorted && s.scans < maxScans {
		// The first few questions the filter lets through scan the hashes:
		// cheaper than sorting for an article that asks only those.
		s.scans++
		for k := range s.toks {
			if t := &s.toks[k]; s.hashes[k] == h && t.Kind == Word && startsLower(t.Norm) && t.Norm == string(w) {
				return true
			}
		}
		return false
	}
	if !s.sorted {
		s.sort()
	}
	b := h & uint32(len(s.buckets)-2)
	for _, k := range s.order[s.buckets[b]:s.buckets[b+1]] {
		if s.toks[k].Norm == string(w) {
			return true
		}
	}
	return false
}

// wordHash hashes w from a few of its bytes and its length: the first and
// last eight of a long word; the first, middle and last of a short one.
// Collisions only cost a comparison of words.
func wordHash(w string) uint32 {
	n := len(w)
	var x uint64
	switch {
	case n >= 8:
		x = load64(w) ^ bits.RotateLeft64(load64(w[n-8:]), 29)
	case n > 0:
		x = uint64(w[0]) | uint64(w[n/2])<<8 | uint64(w[n-1])<<16
	}
	x = (x ^ uint64(n)<<59) * 0x9e3779b97f4a7c15
	return uint32(x >> 32)
}

// load64 reads the first eight bytes of s, little-endian.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// speechBefore reports a speech cue that a name follows, right before token
// j ("kata", "ujar").
func (f *entityFinder) speechBefore(j int) bool {
	return j > 0 && quoteWords.speech.lookup(f.doc.Tokens[j-1].Stem()) == "after"
}

// speechAfter reports a speech verb at token k, after a name ("mengatakan").
func (f *entityFinder) speechAfter(k int) bool {
	return k < len(f.doc.Tokens) && quoteWords.speech.lookup(f.doc.Tokens[k].Norm) == "before"
}

// takeDirection extends a place ending at token k over a direction after it
// ("Israel utara", "Libya Barat") and returns the token after e.
func (f *entityFinder) takeDirection(e *Entity, k int) int {
	toks := f.doc.Tokens
	n := 0
	switch {
	case k+1 < len(toks) && compassWords[lower(toks[k].Norm)+" "+lower(toks[k+1].Norm)]:
		n = 2
	case k < len(toks) && toks[k].Kind == Word && compassWords[lower(toks[k].Norm)]:
		n = 1
	default:
		return k
	}
	// A capitalised direction starts a name of its own unless it ends the run.
	if isCapitalised(toks[k].Norm) && k+n < len(toks) && toks[k+n].Has(SpaceBefore) && f.isNameToken(k+n) {
		return k
	}
	e.End = toks[k+n-1].End
	return k + n
}

// skipParenthesis returns the token after "(X)" at k, or k: the acronym of
// words that name nothing names nothing either ("Loan to Deposit Ratio
// (LDR)").
func skipParenthesis(toks []Token, k int) int {
	if k+2 < len(toks) && toks[k].Norm == "(" && toks[k+2].Norm == ")" {
		return k + 3
	}
	return k
}

// takeParenthesis extends an organisation or place name ending at token k
// over the acronym in parentheses after it ("Mahkamah Konstitusi (MK)"),
// and over a country right after that ("Kementerian Luar Negeri (Kemenlu)
// Rusia", the ministry of Russia). It returns the token after e.
func (f *entityFinder) takeParenthesis(e *Entity, k int) int {
	toks := f.doc.Tokens
	if k+2 >= len(toks) || toks[k].Norm != "(" || toks[k+2].Norm != ")" || !isNameWord(&toks[k+1]) {
		return k
	}
	name := f.doc.Text[e.Start:e.End]
	e.End = toks[k+2].End
	k += 3
	if e.Label == Organisation && k < len(toks) && f.known[k] != 0 {
		if m := f.matches[f.known[k]-1]; m.Start == k && m.Entry.Kind == "country" {
			name += " " + f.doc.Text[toks[k].Start:toks[m.End-1].End]
			e.End = toks[m.End-1].End
			k = m.End
			e.ID, e.Kind, e.Method = "", "", "rule"
			for _, c := range f.g.Candidates(name) {
				if Label(c.Label) == Organisation {
					e.ID, e.Kind, e.Method = c.ID, c.Kind, "gazetteer"
					name = c.Name
					break
				}
			}
			e.Name = name
		}
	}
	if e.Name == "" {
		e.Name = name
	}
	return k
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
	return t.Has(Reduplicated) || stemClass&(classLowercase|classCommon) != 0 || isDerivedWord(w) ||
		!isASCII(w) && gazetteer.IsCommonWord(w) // which strips diacritics: lower case alone may miss
}

// isDerivedWord reports a long word framed by a prefix and suffix of
// derivation (derived-word-affixes.tsv).
func isDerivedWord(w string) bool {
	if len(w) < 8 {
		return false
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

// isPlainName reports a capitalised word that can only be part of a
// personal name: no acronym, title, head or ordinary word.
func (f *entityFinder) isPlainName(i int) bool {
	return f.doc.Tokens[i].Kind == Word && f.is(i, infoName) &&
		!f.is(i, infoAcronym) && !f.is(i, infoTitle) && !f.is(i, infoHead) && !f.is(i, infoOrdinary)
}

func trimPeriod(s string) string {
	if len(s) > 1 && s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

// paragraphKinds returns a lookup from token index to its paragraph's kind.
func paragraphKinds(doc *Document) func(int) ParagraphKind {
	return func(i int) ParagraphKind {
		off := doc.Tokens[i].Start
		ps := doc.Paragraphs
		k := sort.Search(len(ps), func(k int) bool { return ps[k].End > off })
		if k < len(ps) && ps[k].Start <= off {
			return ps[k].Kind
		}
		return Prose
	}
}
