package pipeline

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
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
	sourceCues  *wordList[string] // word → "relay" | "direct"
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
var calendarWords = dataSet("calendar-words.txt")

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
	gaz    *gazetteer.Gazetteer // may be nil
	outlet string               // the publishing outlet, whose self-references are not sources

	// The direct quotes found and their attributions, in document order,
	// and the indirect ones.
	cands   []quoteCandidate
	attrs   []attribution
	reports []Quote

	// Source phrases, names by gazetteer id and names the gazetteer lacks,
	// found on first use.
	mentions []sourceMention
	byID     map[string]string
	names    *longestIndex // distinct entity names, for fullestName
	persons  *personIndex
	fullest  map[fullestKey]string // fullestName's answers

	// Names of speakers the entity stage did not know, as they were found.
	namedSpeakers longestIndex
}

// Process implements Stage.
func (s Quotes) Process(ctx context.Context, doc *Document) error {
	qd := &quoteDoc{doc: doc, toks: doc.Tokens, gaz: s.Gazetteer, outlet: foldMedium(doc.Outlet)}
	if qd.outlet == "" {
		qd.outlet = foldMedium(qd.datelineOutlet())
	}
	cands := qd.directCandidates()
	direct := make([]Quote, 0, len(cands))
	attrs := make([]attribution, 0, len(cands))
	kept := make([]quoteCandidate, 0, len(cands))
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
	anaphors := qd.indirectQuotes()
	qd.resolveSpeakers(direct)
	qd.resolveReports(anaphors)
	qd.assignSources(direct)
	if err := ctx.Err(); err != nil {
		return err
	}
	doc.Quotes = append(direct, qd.reports...)
	slices.SortStableFunc(doc.Quotes, func(a, b Quote) int { return a.Start - b.Start })
	s.nameSpeakers(doc.Quotes)
	return nil
}

// nameSpeakers gives each speaker its name as the output shows it: the name
// the document writes without the titles and ranks before it ("Kombes Yusri
// Yunus" → "Yusri Yunus"), and the gazetteer's name of the entry it links to.
func (s Quotes) nameSpeakers(quotes []Quote) {
	for i := range quotes {
		sp := quotes[i].Speaker
		if sp == nil {
			continue
		}
		sp.Name = withoutTitles(sp.Name)
		if sp.ID != "" && s.Gazetteer != nil {
			if e, ok := s.Gazetteer.Entry(sp.ID); ok {
				sp.Canonical = e.Name
			}
		}
	}
}

// withoutTitles drops the titles, ranks and honorifics that open a name
// ("Prof. Dr. Maria Sumardjono" → "Maria Sumardjono"), keeping at least its
// last word ("Presiden" alone stays).
func withoutTitles(name string) string {
	rest := name
	for {
		word, after, found := strings.Cut(rest, " ")
		if !found || !titleWords.get(lower(trimPeriod(word))) {
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

// --- finding direct quotes ---------------------------------------------------

// directCandidates pairs quotation marks paragraph by paragraph. A quote never
// crosses a paragraph: an unclosed one ends with its paragraph (the convention
// for quotes running over several paragraphs, and a bound on runaway spans).
func (qd *quoteDoc) directCandidates() []quoteCandidate {
	var out []quoteCandidate
	var marks []int // the quotation marks' tokens: few, so each paragraph pairs them from this list
	for i := range qd.toks {
		if qd.toks[i].Kind == QuoteMark {
			marks = append(marks, i)
		}
	}
	m := 0
	for pi, p := range qd.doc.Paragraphs {
		first, last := qd.tokenRange(p.Span)
		for m < len(marks) && marks[m] < first {
			m++
		}
		end := m
		for end < len(marks) && marks[end] < last {
			end++
		}
		if p.Kind == Caption || end == m {
			continue
		}
		out = qd.pairMarks(out, pi, marks[m:end], FamilyDouble)
		out = qd.pairMarks(out, pi, marks[m:end], FamilySingle)
	}
	slices.SortStableFunc(out, func(a, b quoteCandidate) int { return a.content.Start - b.content.Start })
	return out
}

// pairMarks pairs the marks of one family among the quotation marks of a
// paragraph (marks: their token indexes, in order). Double marks and
// guillemets pair with each other; single marks are only looked at outside
// double-quoted text, where they may be speech quoted in ‘…’.
func (qd *quoteDoc) pairMarks(out []quoteCandidate, para int, marks []int, family QuoteFamily) []quoteCandidate {
	open, depth := -1, 0
	inDouble := false
	for _, i := range marks {
		t := &qd.toks[i]
		fam := t.Family
		if fam == FamilyGuillemet {
			fam = FamilyDouble
		}
		if family == FamilySingle && fam == FamilyDouble {
			inDouble = !inDouble
			continue
		}
		if fam != family || (family == FamilySingle && inDouble) {
			continue
		}
		opening, closing := qd.markFlanks(i)
		switch {
		case open < 0:
			if !closing || t.Quote == QuoteOpen && opening {
				open = i
			}
		case opening && !closing:
			depth++ // a quote inside the quote
		case depth > 0:
			depth--
		default:
			out = qd.addCandidate(out, open, i, para, family)
			open = -1
		}
	}
	if open >= 0 && family == FamilyDouble {
		out = qd.addCandidate(out, open, -1, para, family)
	}
	return out
}

// markFlanks tells whether the mark at token i looks like an opening mark
// (space before, text after) or a closing one (text before, space or
// punctuation after). A mark that looks like both or neither is decided by
// the pairing (glued marks: `"Kami siap,"katanya`).
func (qd *quoteDoc) markFlanks(i int) (opening, closing bool) {
	text := qd.doc.Text
	t := &qd.toks[i]
	spaceBefore := t.Start == 0 || isSpaceOrOpenPunct(text[t.Start-1])
	spaceAfter := t.End >= len(text) || isSpaceOrClosePunct(text[t.End])
	return spaceBefore && !spaceAfter, spaceAfter && !spaceBefore
}

func isSpaceOrOpenPunct(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '(' || c == '[' || c == ':'
}

func isSpaceOrClosePunct(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || strings.IndexByte(",.;:!?)]-", c) >= 0
}

func (qd *quoteDoc) addCandidate(out []quoteCandidate, open, close, para int, family QuoteFamily) []quoteCandidate {
	start := qd.toks[open].End
	end := qd.doc.Paragraphs[para].End
	if close >= 0 {
		end = qd.toks[close].Start
	}
	content := trimSpan(qd.doc.Text, Span{start, end})
	if content.Len() == 0 {
		return out
	}
	return append(out, quoteCandidate{open: open, close: close, para: para, content: content, family: family})
}

func trimSpan(text string, s Span) Span {
	for s.Start < s.End && isSpaceByte(text[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && isSpaceByte(text[s.End-1]) {
		s.End--
	}
	return s
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// tokenRange returns the tokens inside s as [first, last).
func (qd *quoteDoc) tokenRange(s Span) (int, int) {
	return qd.firstTokenFrom(s.Start), qd.firstTokenFrom(s.End)
}

// firstTokenFrom returns the index of the first token starting at or after
// byte offset off: a binary search written out, as it is frequent enough for
// sort.Search's calls to show.
func (qd *quoteDoc) firstTokenFrom(off int) int {
	lo, hi := 0, len(qd.toks)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if qd.toks[mid].Start < off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// --- attribution -----------------------------------------------------------

// attribute finds the cue and speaker of a candidate and decides whether it is
// a quote at all: terms, titles and short scare quotes are not, unless a
// speech cue attributes them.
func (qd *quoteDoc) attribute(c quoteCandidate) (attribution, bool) {
	a, cued := qd.cueAfter(c)
	if !cued {
		a, cued = qd.cueBefore(c)
	}
	threeWords := countWordsUpTo(qd.doc.Text[c.content.Start:c.content.End], 3) == 3
	if cued {
		return a, threeWords || !qd.isTerm(c)
	}
	if c.family == FamilySingle || !threeWords || qd.isTerm(c) {
		return a, false
	}
	// Without a cue, speech is marked by its form: a whole sentence (ending
	// in punctuation inside the marks), or a whole paragraph.
	last := qd.doc.Text[c.content.End-1]
	opensParagraph := qd.toks[c.open].Start == qd.doc.Paragraphs[c.para].Start
	return a, strings.IndexByte(".,!?…", last) >= 0 || strings.HasSuffix(qd.doc.Text[:c.content.End], "…") || opensParagraph
}

// isTerm reports a quote introduced as a term, title or name (istilah "…").
func (qd *quoteDoc) isTerm(c quoteCandidate) bool {
	if c.open == 0 {
		return false
	}
	prev := qd.toks[c.open-1]
	return prev.Kind == Word && quoteWords.termMarkers.lookup(prev.Norm)
}

// cueAfter matches `"…," kata X`, `"…," ujarnya`, `"…," demikian pernyataan X`.
func (qd *quoteDoc) cueAfter(c quoteCandidate) (attribution, bool) {
	if c.close < 0 {
		return attribution{}, false
	}
	i := c.close + 1
	if i < len(qd.toks) && qd.toks[i].Kind == Punct && strings.Contains(",-–—", qd.toks[i].Norm) {
		i++
	}
	if i >= len(qd.toks) || qd.toks[i].Kind != Word || qd.paragraphOf(i) != c.para {
		return attribution{}, false
	}
	cueStart := i
	w := lower(qd.toks[i].Stem())
	switch {
	case w == "demikian" || w == "begitu":
		if i+1 < len(qd.toks) && (reportWords.lookup(qd.toks[i+1].Norm) || quoteWords.speech.lookup(qd.toks[i+1].Stem()) != "") {
			i++
		} else {
			return attribution{}, false
		}
	case w == "menurut":
	case quoteWords.speech.get(w) == "":
		return attribution{}, false
	}
	// "tulis pernyataan X", "lanjut pernyataan X": the statement is part of the cue.
	if i+1 < len(qd.toks) && reportWords.lookup(qd.toks[i+1].Norm) && qd.toks[i].Clitic == NoClitic {
		i++
	}
	cue := Span{qd.toks[cueStart].Start, qd.toks[i].End}
	a := attribution{cue: &cue, clauseStart: c.close + 1, clauseEnd: qd.sentenceEndToken(i)}
	if qd.toks[i].Clitic == CliticNya {
		a.anaphor = &Span{qd.toks[i].Start, qd.toks[i].End}
		return a, true
	}
	qd.speakerPhrase(&a, i+1)
	return a, true
}

// cueBefore matches `X mengatakan, "…"`, `kata dia: "…"`, `Menurut X, "…"`.
func (qd *quoteDoc) cueBefore(c quoteCandidate) (attribution, bool) {
	i := c.open - 1
	if i >= 0 && qd.toks[i].Kind == Punct && (qd.toks[i].Norm == "," || qd.toks[i].Norm == ":") {
		i--
	}
	if i < 0 || qd.toks[i].Kind != Word || qd.paragraphOf(i) != c.para {
		return attribution{}, false
	}
	sentStart := qd.sentenceStartToken(i)
	a := attribution{before: true, clauseStart: sentStart, clauseEnd: c.open}
	w := lower(qd.toks[i].Stem())
	// "kata dia:" / "ujarnya:"
	if quoteWords.pronouns.get(w) && i > 0 && quoteWords.speech.lookup(qd.toks[i-1].Stem()) == "after" {
		a.cue = &Span{qd.toks[i-1].Start, qd.toks[i-1].End}
		a.anaphor = &Span{qd.toks[i].Start, qd.toks[i].End}
		return a, true
	}
	if quoteWords.speech.get(w) == "" {
		// "Menurut X, "…"" (Menurut opens the sentence).
		if strings.EqualFold(qd.toks[sentStart].Norm, "menurut") && sentStart < i {
			a.cue = &Span{qd.toks[sentStart].Start, qd.toks[sentStart].End}
			if qd.toks[sentStart].Clitic == CliticNya {
				a.anaphor = a.cue
				return a, true
			}
			qd.speakerPhrase(&a, sentStart+1)
			return a, a.speaker != nil || a.anaphor != nil
		}
		return attribution{}, false
	}
	a.cue = &Span{qd.toks[i].Start, qd.toks[i].End}
	if qd.toks[i].Clitic == CliticNya {
		a.anaphor = a.cue
		return a, true
	}
	qd.subjectBefore(&a, sentStart, i)
	return a, a.speaker != nil || a.anaphor != nil
}

// subjectBefore finds the subject of the speech verb at token verb: the words
// right before it, skipping adverbs ("Bima melanjutkan", "dia juga mengatakan").
func (qd *quoteDoc) subjectBefore(a *attribution, sentStart, verb int) {
	j := verb - 1
	for j >= sentStart && qd.toks[j].Kind == Word && subjectAdverbs.lookup(qd.toks[j].Norm) {
		j--
	}
	if j < sentStart {
		return
	}
	t := &qd.toks[j]
	if quoteWords.pronouns.lookup(t.Norm) {
		a.anaphor = &Span{t.Start, t.End}
		return
	}
	if e := qd.entityEndingAt(t.End); e >= 0 {
		qd.setEntitySpeaker(a, e)
		return
	}
	// A name the entity stage did not know: the capitalised words before the verb.
	k := j
	for k >= sentStart && qd.toks[k].Kind == Word && isCapitalised(qd.toks[k].Norm) {
		k--
	}
	if k < j {
		span := Span{qd.toks[k+1].Start, t.End}
		a.speaker = &Speaker{Name: qd.doc.Text[span.Start:span.End], Mention: span}
		a.explicit = true
	}
}

// speakerPhrase reads the speaker named from token i on: a name (with roles
// and appositives: "Kepala Humas Polda Metro Jaya Kombes Yusri Yunus",
// "Menlu Rusia, Sergey Lavrov,"), a pronoun, a role description pointing back
// ("mantan menteri itu"), or a description of an unnamed speaker ("seorang warga").
func (qd *quoteDoc) speakerPhrase(a *attribution, i int) {
	if i >= len(qd.toks) || qd.toks[i].Kind != Word {
		return
	}
	w := lower(qd.toks[i].Norm)
	if quoteWords.pronouns.get(w) {
		a.anaphor = &Span{qd.toks[i].Start, qd.toks[i].End}
		return
	}
	if speakerPhraseStops.get(w) {
		return
	}
	end := qd.speakerPhraseEnd(i)
	if end == i {
		return
	}
	// A name first, then its role: "kata Agus, Kepala Peleton C …".
	if k := qd.leadingName(i, end); k > i {
		if e := qd.bestEntityIn(Span{qd.toks[i].Start, qd.toks[k-1].End}); e >= 0 && qd.doc.Entities[e].Label == Person {
			qd.setEntitySpeaker(a, e)
		} else {
			qd.setNameSpeaker(a, Span{qd.toks[i].Start, qd.toks[k-1].End})
		}
		return
	}
	phrase := Span{qd.toks[i].Start, qd.toks[end-1].End}
	// A role description pointing back: "mantan menteri itu", "pemuda
	// kelahiran Dili, 5 Maret 1997 ini", "jawara Piala Dunia 1986 itu".
	if d := qd.demonstrativeEnd(i, end); d > 0 && !isCapitalised(qd.toks[i].Norm) {
		a.anaphor = &Span{qd.toks[i].Start, qd.toks[d-1].End}
		return
	}
	e := qd.bestEntityIn(phrase)
	name, named := qd.nameInPhrase(i, end)
	if e >= 0 && qd.doc.Entities[e].Label == Person && (!named || qd.doc.Entities[e].End > name.Start) {
		if ent := qd.doc.Entities[e]; named && ent.ID == "" && name.Contains(ent.Span) && name != ent.Span {
			qd.setNameSpeaker(a, name) // the name is longer than the entity found in it
			return
		}
		qd.setEntitySpeaker(a, e)
		return
	}
	// A titled description pointing back: "kata Direktur PUSaKO itu".
	if d := qd.demonstrativeEnd(i, end); d > 0 {
		a.anaphor = &Span{qd.toks[i].Start, qd.toks[d-1].End}
		return
	}
	// A name after the organisation is its officer's: "kata Kepala Badan
	// Pusat Statistik Suhariyanto".
	if named && (e < 0 || name.Start >= qd.doc.Entities[e].End) && qd.titleHolder(i, end) < 0 {
		qd.setNameSpeaker(a, name)
		return
	}
	if e >= 0 {
		qd.setEntitySpeaker(a, e)
		return
	}
	if holder := qd.titleHolder(i, end); holder >= 0 {
		qd.setEntitySpeaker(a, holder)
		a.speaker.Mention = phrase
		return
	}
	// An unnamed speaker: "seorang sumber", "para petugas informasi".
	description := strings.TrimPrefix(qd.doc.Text[phrase.Start:phrase.End], "para ")
	a.speaker = &Speaker{Name: description, Mention: phrase}
	a.explicit = true
}

// leadingName returns the end of a name that opens the phrase [i, end) and
// is followed by a comma and more (an appositive role), or i.
func (qd *quoteDoc) leadingName(i, end int) int {
	k := i
	for k < end && isNameToken(&qd.toks[k]) && !qd.isRoleOrKnown(k) {
		k++
	}
	if k == i || k+1 >= end || qd.toks[k].Norm != "," {
		return i
	}
	return k
}

// demonstrativeEnd returns the token after "itu/tersebut/ini" closing the
// description that starts at token i (within the phrase [i, end) or, for a
// description in lower case, a little beyond it across commas and dates), or 0.
func (qd *quoteDoc) demonstrativeEnd(i, end int) int {
	if demonstratives.lookup(qd.toks[end-1].Norm) {
		return end
	}
	if isCapitalised(qd.toks[i].Norm) {
		return 0
	}
	sentEnd := qd.sentenceEndToken(i)
	for j := end; j < sentEnd && j < end+8; j++ {
		w := lower(qd.toks[j].Norm)
		if demonstratives.get(w) {
			return j + 1
		}
		// A relative clause may come before the demonstrative: "pria yang
		// karib disebut Pak Hadi ini".
		if qd.toks[j].Kind == Word && w != "yang" && (speakerPhraseStops.get(w) || quoteWords.sourceCues.get(w) != "") {
			return 0
		}
	}
	return 0
}

// maxTitleLookback bounds how many entities back a title's holder is looked
// for, so that very long documents stay linear.
const maxTitleLookback = 500

// titleHolder resolves a speaker named only by title ("kata Presiden",
// "ujar Kapolri") to the person last introduced with that title before token
// i, or returns -1.
func (qd *quoteDoc) titleHolder(i, end int) int {
	for k := i; k < end; k++ {
		w := lower(trimPeriod(qd.toks[k].Norm))
		if !titleWords.get(w) && !roleWords.get(w) {
			return -1
		}
	}
	title := qd.toks[i].Norm
	first := qd.firstEntityAt(qd.toks[i].Start)
	for e := first - 1; e >= 0 && e >= first-maxTitleLookback; e-- {
		ent := qd.doc.Entities[e]
		if ent.Label != Person {
			continue
		}
		// The title in the capitalised words right before the name, and not
		// a deputy's ("Wakil Presiden Ma'ruf Amin" does not hold "Presiden").
		first, _ := qd.tokenRange(ent.Span)
		for k := first - 1; k >= 0 && k >= first-4 && isNameToken(&qd.toks[k]); k-- {
			if qd.toks[k].Norm == title {
				if k > 0 && strings.EqualFold(qd.toks[k-1].Norm, "wakil") {
					break
				}
				return e
			}
		}
	}
	return -1
}

// nameInPhrase returns the name that ends a speaker phrase [i, end): the
// capitalised words after the last title, role, organisation or place in it
// ("Kepala Humas Daop 1 [Eva Chairunisa]", "Duta Besar Republik Korea untuk
// Indonesia, H.E [Kim Changbeom]").
func (qd *quoteDoc) nameInPhrase(i, end int) (Span, bool) {
	last := end - 1
	// Skip what cannot end a name, and acronyms in parentheses ("Dini (PAUD)").
	for last >= i && (!isNameToken(&qd.toks[last]) || last > i && qd.toks[last-1].Norm == "(") {
		last--
	}
	first := last + 1
	for first > i && isNameToken(&qd.toks[first-1]) && !qd.isRoleOrKnown(first-1) &&
		(first == last+1 || qd.toks[first].Has(SpaceBefore)) {
		first--
	}
	// A first name that is also a known place ("pelatih Bima Santoso"), when
	// nothing capitalised stands before it to make it part of a title.
	if first <= last && first > i && isNameToken(&qd.toks[first-1]) && qd.toks[first].Has(SpaceBefore) &&
		(first-1 == i || !isNameToken(&qd.toks[first-2])) {
		first--
	}
	if first > last {
		return Span{}, false
	}
	return Span{qd.toks[first].Start, qd.toks[last].End}, true
}

// isRoleOrKnown reports a title, role or organisation word, or a word of a
// place or organisation the gazetteer knows: words that end a name read
// backwards from the end of a speaker phrase.
func (qd *quoteDoc) isRoleOrKnown(k int) bool {
	w := lower(trimPeriod(qd.toks[k].Norm))
	if titleWords.get(w) || roleWords.get(w) || orgHeads.get(w) || placeCues.get(w) {
		return true
	}
	e := qd.entityCovering(Span{qd.toks[k].Start, qd.toks[k].End})
	return e >= 0 && qd.doc.Entities[e].Label != Person && qd.doc.Entities[e].ID != ""
}

func isNameToken(t *Token) bool {
	return (t.Kind == Word || t.Kind == Abbrev) && isCapitalised(t.Norm)
}

// speakerPhraseEnd returns the token after the speaker phrase starting at i.
func (qd *quoteDoc) speakerPhraseEnd(i int) int {
	sentEnd := qd.sentenceEndToken(i)
	j := i
	for ; j < sentEnd && j < i+24; j++ {
		t := &qd.toks[j]
		switch t.Kind {
		case Word, Abbrev, Number:
			w := lower(t.Norm)
			// "dan" joins the parts of a role: "Direktur Jenderal PAUD dan Dikmas".
			if w == "dan" && j > i && j+1 < sentEnd && isNameToken(&qd.toks[j+1]) &&
				(isCapitalised(qd.toks[j-1].Norm) || qd.toks[j-1].Norm == ")") {
				continue
			}
			if j > i && (!isCapitalised(t.Norm) && (speakerPhraseStops.get(w) || quoteWords.sourceCues.get(w) != "" || looksLikeVerb(t.Norm)) ||
				calendarWords.get(w)) {
				return j
			}
		case Punct:
			// An appositive goes on after a comma: "Menlu Rusia, Sergey Lavrov",
			// and so does a list inside a role: "Bidang Politik, Hukum, dan Keamanan".
			if t.Norm == "," && j+1 < sentEnd && isNameToken(&qd.toks[j+1]) &&
				!calendarWords.lookup(qd.toks[j+1].Norm) {
				continue
			}
			if t.Norm == "," && j+2 < sentEnd && strings.EqualFold(qd.toks[j+1].Norm, "dan") && isNameToken(&qd.toks[j+2]) {
				j++
				continue
			}
			// An acronym in parentheses belongs to the name: "Kementerian Luar
			// Negeri (Kemenlu) Rusia"; a citation "(Kompas, 11/11/2017)" does not.
			if t.Norm == "(" {
				k := j + 1
				for k < sentEnd && k <= j+3 && isNameToken(&qd.toks[k]) {
					k++
				}
				if k > j+1 && k < sentEnd && qd.toks[k].Norm == ")" {
					j = k
					continue
				}
			}
			return j
		default:
			return j
		}
	}
	return j
}

// looksLikeVerb reports a lower-case word with a verbal prefix ("menutup",
// "berharap", "ditemui"), which ends a description of a speaker.
func looksLikeVerb(w string) bool {
	return len(w) > 5 && (strings.HasPrefix(w, "me") || strings.HasPrefix(w, "ber") || strings.HasPrefix(w, "di") ||
		strings.HasPrefix(w, "ter"))
}

func (qd *quoteDoc) setEntitySpeaker(a *attribution, e int) {
	ent := qd.doc.Entities[e]
	if ent.Label == Person && (ent.Method == "alias" || ent.Method == "fuzzy") && !strings.Contains(qd.doc.Text[ent.Start:ent.End], " ") {
		// A one-word alias ("Hasto", "Ronald" spelled near "Ronaldo") yields to
		// a person of the article whose full name has that word ("Hasto
		// Atmojo Suroyo"): the article knows better than the gazetteer.
		for _, p := range qd.personIndex().withSurfaceWord(qd.doc.Text[ent.Start:ent.End]) {
			if p.ID != ent.ID && countWords(p.Name) > 1 {
				a.speaker = &Speaker{Name: qd.fullestName(p), ID: p.ID, Mention: ent.Span}
				a.explicit = true
				return
			}
		}
	}
	if ent.Label == Place {
		// A place name that is also part of a person's name in the article
		// speaks as that person ("Bima melanjutkan" after "Bima Sakti").
		qd.setNameSpeaker(a, ent.Span)
		if a.speaker.Name != qd.doc.Text[ent.Start:ent.End] {
			return
		}
	}
	a.speaker = &Speaker{Name: qd.fullestName(ent), ID: ent.ID, Mention: ent.Span}
	a.explicit = true
}

// joinWords returns the words of s joined by single spaces: s itself when
// it has no other spaces.
func joinWords(s string, words []string) string {
	n := len(words) - 1
	for _, w := range words {
		n += len(w)
	}
	if n == len(s) && strings.Count(s, " ") == len(words)-1 {
		return s
	}
	return strings.Join(words, " ")
}

// countWords returns the number of space-separated words in s, as
// len(strings.Fields(s)) without allocating.
func countWords(s string) int { return countWordsUpTo(s, math.MaxInt) }

// countWordsUpTo is countWords counting no further than most: a quote's
// text need not be read to its end to know it has three words.
func countWordsUpTo(s string, most int) int {
	n, inWord := 0, false
	for i := 0; i < len(s) && n < most; {
		c, size := s[i], 1
		space := c == ' ' || '\t' <= c && c <= '\r'
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
		i += size
	}
	return n
}

// dropParenthesis removes a parenthesised part and the space before it.
func dropParenthesis(s string) string {
	open := strings.IndexByte(s, '(')
	close := strings.IndexByte(s, ')')
	if open < 0 || close < open {
		return s
	}
	return strings.Join(strings.Fields(s[:open]+s[close+1:]), " ")
}

// bestEntityIn returns the speaker entity inside s: the first person, else the
// first organisation, else a place that is the whole phrase (a country
// speaking), or -1.
func (qd *quoteDoc) bestEntityIn(s Span) int {
	best := -1
	rank := func(e Entity) int {
		switch {
		case e.Label == Person:
			return 3
		case e.Label == Organisation:
			return 2
		case e.Span == s:
			return 1
		}
		return 0
	}
	for i := qd.firstEntityAt(s.Start); i < len(qd.doc.Entities) && qd.doc.Entities[i].Start < s.End; i++ {
		e := qd.doc.Entities[i]
		if e.End > s.End || rank(e) == 0 {
			continue
		}
		if best < 0 || rank(e) > rank(qd.doc.Entities[best]) {
			best = i
		}
	}
	return best
}

func (qd *quoteDoc) firstEntityAt(off int) int {
	return sort.Search(len(qd.doc.Entities), func(i int) bool { return qd.doc.Entities[i].Start >= off })
}

// entityEndingAt returns the entity ending at byte offset end, or -1.
func (qd *quoteDoc) entityEndingAt(end int) int {
	for i := qd.firstEntityAt(end) - 1; i >= 0 && i >= qd.firstEntityAt(end)-3; i-- {
		if qd.doc.Entities[i].End == end {
			return i
		}
	}
	return -1
}

// --- resolving pronouns and floating quotes ----------------------------------

// resolveSpeakers gives every quote its speaker, in document order so that a
// pronoun or a floating quote can look back at the speakers before it. A
// quote running over several paragraphs takes the speaker of its last part.
func (qd *quoteDoc) resolveSpeakers(quotes []Quote) {
	cands, attrs := qd.cands, qd.attrs
	for i := len(quotes) - 2; i >= 0; i-- {
		if attrs[i].speaker == nil && attrs[i].anaphor == nil && qd.continuesInto(cands[i], cands[i+1]) {
			attrs[i].speaker, attrs[i].anaphor = attrs[i+1].speaker, attrs[i+1].anaphor
			attrs[i].explicit = attrs[i+1].explicit
		}
	}
	for i := range quotes {
		a := &attrs[i]
		conf := confNamed
		switch {
		case a.speaker != nil && a.explicit:
			if a.before {
				conf = confNamedBefore
			}
		case a.anaphor != nil:
			sp, fromQuote := qd.antecedent(cands[i].content.Start)
			conf = confPronounToSubject
			if fromQuote {
				conf = confPronounToQuote
			}
			if sp == nil {
				// No subject nor speaker close by: the person named last is a
				// better guess than no speaker at all.
				sp, conf = qd.lastPersonBefore(cands[i].content.Start), confLastPerson
			}
			if sp != nil {
				a.speaker = &Speaker{Name: sp.Name, ID: sp.ID, Mention: *a.anaphor}
			} else {
				conf = confNoSpeaker
			}
		default: // a floating quote
			sp, _ := qd.antecedent(cands[i].content.Start)
			conf = confFloating
			if sp == nil {
				conf = confNoSpeaker
			}
			a.speaker = sp
		}
		if cands[i].family == FamilySingle {
			conf *= 0.8 // single marks are more often not speech
		}
		quotes[i].Speaker = a.speaker
		quotes[i].Confidence = conf
	}
}

// Confidence of a direct quote's speaker by how it was found. The values are
// the speaker accuracy (lenient) measured for each way on the development
// data (kutip eval quotes --calibration), rounded.
const (
	confNamed            = 0.95 // named right after the cue: "kata X"
	confNamedBefore      = 0.85 // named before the quote: "X mengatakan, …"
	confPronounToSubject = 0.85 // "katanya" → the subject of an earlier sentence
	confPronounToQuote   = 0.7  // "katanya" → the speaker of the quote before
	confFloating         = 0.7  // no cue: the speaker before continues
	confLastPerson       = 0.6  // "katanya" with nothing better than the person named last
	confNoSpeaker        = 0.1
)

// continuesInto reports whether quote a runs on into b: a is unclosed and b
// opens the next paragraph.
func (qd *quoteDoc) continuesInto(a, b quoteCandidate) bool {
	return a.close < 0 && b.para == a.para+1 && qd.toks[b.open].Start == qd.doc.Paragraphs[b.para].Start
}

// antecedent returns the speaker that a pronoun or a floating quote at offset
// pos refers to: going back sentence by sentence, the speaker of an earlier
// quote, or the subject of a sentence (its first person named outside quotes).
// fromQuote says the antecedent was an earlier quote's speaker.
func (qd *quoteDoc) antecedent(pos int) (*Speaker, bool) {
	n := sort.Search(len(qd.cands), func(i int) bool { return qd.cands[i].content.Start >= pos })
	cands, attrs := qd.cands[:n], qd.attrs[:n]
	s := qd.sentenceAt(pos)
	for n := 0; s >= 0 && n < 8; s, n = s-1, n+1 {
		sent := qd.doc.Sentences[s]
		end := min(sent.End, pos)
		// The latest earlier quote inside this sentence stretch wins.
		for k := len(cands) - 1; k >= 0; k-- {
			c := cands[k]
			if c.content.Start < end && c.content.End > sent.Start && attrs[k].speaker != nil {
				return attrs[k].speaker, true
			}
			if c.content.End <= sent.Start {
				break
			}
		}
		for k := sort.Search(len(qd.reports), func(k int) bool { return qd.reports[k].Start >= end }) - 1; k >= 0 && qd.reports[k].Start >= sent.Start; k-- {
			if r := qd.reports[k]; r.Speaker != nil && qd.namesPerson(r.Speaker.Mention) {
				return r.Speaker, false
			}
		}
		if e := qd.subjectIn(Span{sent.Start, end}); e >= 0 {
			ent := qd.doc.Entities[e]
			return &Speaker{Name: qd.fullestName(ent), ID: ent.ID, Mention: ent.Span}, false
		}
	}
	return nil, false
}

// lastPersonBefore returns the person named last before offset pos outside
// quotes, as a speaker, or nil.
func (qd *quoteDoc) lastPersonBefore(pos int) *Speaker {
	for e := qd.firstEntityAt(pos) - 1; e >= 0; e-- {
		if ent := qd.doc.Entities[e]; ent.Label == Person && ent.End <= pos && !isBareGuess(ent) && !qd.insideQuote(ent.Span) {
			return &Speaker{Name: qd.fullestName(ent), ID: ent.ID, Mention: ent.Span}
		}
	}
	return nil
}

// namesPerson reports whether span s is (inside) a person's name.
func (qd *quoteDoc) namesPerson(s Span) bool {
	e := qd.entityCovering(s)
	return e >= 0 && qd.doc.Entities[e].Label == Person
}

// subjectIn returns the first person in s that stands as a subject: at the
// start of the sentence or of its main clause (after a fronted phrase and its
// comma), or right before a verb ("Gates ditanyakan", "Lavrov juga memuji").
// Persons inside quotes do not count. It returns -1 when there is none.
func (qd *quoteDoc) subjectIn(s Span) int {
	first, last := qd.tokenRange(s)
	clauseStart := first
	for k := first; k < last && k < first+8; k++ {
		if qd.toks[k].Norm == "," {
			clauseStart = k + 1
			break
		}
	}
	for i := qd.firstEntityAt(s.Start); i < len(qd.doc.Entities) && qd.doc.Entities[i].End <= s.End; i++ {
		e := qd.doc.Entities[i]
		if e.Label != Person || qd.insideQuote(e.Span) {
			continue
		}
		tok, after := qd.tokenRange(e.Span)
		if isBareGuess(e) && !qd.speechVerbAt(after, last) {
			continue // unless it speaks: "Widyastuti menjelaskan, …"
		}
		// Titles and organisations may stand before the name: "Juru Bicara
		// Satgas Covid-19 Provinsi Maluku Dony Rerung, …, mengatakan".
		head := tok
		for head > first && isNameToken(&qd.toks[head-1]) {
			head--
		}
		// A short sentence naming one person is about that person: "Demikian
		// pula halnya dengan Gates."
		short := last-first <= 8
		if head <= first+1 || head == clauseStart || short || qd.verbFollows(after, last) || qd.passiveAgentAt(head) {
			return i
		}
	}
	return -1
}

// isBareGuess reports a one-word person that only the capitals rule found
// and nothing else confirms: in scraped text such words are often headings
// glued to the sentence ("Repatriasi Orangutan …"), too weak to be the
// subject a pronoun refers back to.
func isBareGuess(e Entity) bool {
	return e.Method == "rule" && e.ID == "" && !strings.Contains(strings.TrimSpace(e.Name), " ")
}

// passiveSpeech are passive speech verbs whose agent follows them: "Hal ini
// disampaikan Ketua Yayasan X".
var passiveSpeech = dataSet("passive-speech.txt")

// passiveAgentAt reports a name at token i that is the agent of a passive
// speech verb before it (with or without "oleh").
func (qd *quoteDoc) passiveAgentAt(i int) bool {
	// "diyakini oleh bos perusahaan investasi Steve Schwarzman": a role in
	// lower case may stand between "oleh" and the name.
	for k := i - 1; k >= 0 && k >= i-6 && qd.toks[k].Kind == Word && !isCapitalised(qd.toks[k].Norm); k-- {
		if strings.EqualFold(qd.toks[k].Norm, "oleh") {
			return true
		}
	}
	return i > 0 && passiveSpeech.lookup(qd.toks[i-1].Norm)
}

// speechVerbAt reports a speech verb at token i, after any adverbs.
func (qd *quoteDoc) speechVerbAt(i, last int) bool {
	for i < last && subjectAdverbs.lookup(qd.toks[i].Norm) {
		i++
	}
	return i < last && qd.toks[i].Kind == Word && quoteWords.speech.lookup(qd.toks[i].Norm) == "before"
}

// verbFollows reports whether a verb (a me-, ber-, di- or ter- word, or a
// speech verb) comes at token i, after any adverbs.
func (qd *quoteDoc) verbFollows(i, last int) bool {
	for i < last && subjectAdverbs.lookup(qd.toks[i].Norm) {
		i++
	}
	if i >= last || qd.toks[i].Kind != Word || isCapitalised(qd.toks[i].Norm) {
		return false
	}
	w := qd.toks[i].Norm
	return quoteWords.speech.lookup(w) != "" || len(w) > 4 &&
		(strings.HasPrefix(w, "me") || strings.HasPrefix(w, "ber") || strings.HasPrefix(w, "di") || strings.HasPrefix(w, "ter"))
}

func (qd *quoteDoc) insideQuote(s Span) bool {
	return qd.quoteOverlapping(s, true)
}

// quoteOverlapping reports a direct quote that overlaps s (or, with
// contains, holds all of s). Quotes are sorted and do not overlap, so only
// the last one starting before s ends can.
func (qd *quoteDoc) quoteOverlapping(s Span, contains bool) bool {
	k := sort.Search(len(qd.cands), func(k int) bool { return qd.cands[k].content.Start >= s.End }) - 1
	if k < 0 {
		return false
	}
	c := qd.cands[k].content
	if contains {
		return c.Contains(s)
	}
	return c.Start < s.End && s.Start < c.End
}

// --- token, sentence and paragraph lookups ----------------------------------

func (qd *quoteDoc) paragraphOf(tok int) int {
	off := qd.toks[tok].Start
	ps := qd.doc.Paragraphs
	i := sort.Search(len(ps), func(i int) bool { return ps[i].End > off })
	if i < len(ps) && ps[i].Start <= off {
		return i
	}
	return -1
}

// sentenceAt returns the index of the sentence containing (or last starting
// before) byte offset off, or -1.
func (qd *quoteDoc) sentenceAt(off int) int {
	ss := qd.doc.Sentences
	return sort.Search(len(ss), func(i int) bool { return ss[i].Start > off }) - 1
}

// sentenceStartToken returns the first token of the sentence holding token i.
func (qd *quoteDoc) sentenceStartToken(i int) int {
	s := qd.sentenceAt(qd.toks[i].Start)
	if s < 0 {
		return 0
	}
	first, _ := qd.tokenRange(qd.doc.Sentences[s])
	return first
}

// sentenceEndToken returns the token after the sentence holding token i.
func (qd *quoteDoc) sentenceEndToken(i int) int {
	s := qd.sentenceAt(qd.toks[i].Start)
	if s < 0 {
		return len(qd.toks)
	}
	_, last := qd.tokenRange(qd.doc.Sentences[s])
	return max(last, i+1)
}
