package pipeline

import (
	"slices"
	"strings"
)

// Finding direct quotes: pairing quotation marks, then the speech cue and
// speaker that attribute them.

// directCandidates pairs quotation marks paragraph by paragraph. A quote never
// crosses a paragraph: an unclosed one ends with its paragraph (the convention
// for quotes running over several paragraphs, and a bound on runaway spans).
// It appends them to out.
func (qd *quoteDoc) directCandidates(out []quoteCandidate) []quoteCandidate {
	marks := qd.lists.marks // few, so each paragraph pairs them from this list
	m := 0
	for pi, p := range qd.doc.Paragraphs {
		// The paragraph's marks are those starting inside it: tokens are
		// in order, so no token search is needed to find them.
		for m < len(marks) && qd.toks[marks[m]].Start < p.Start {
			m++
		}
		end := m
		for end < len(marks) && qd.toks[marks[end]].Start < p.End {
			end++
		}
		if p.Kind == Caption || end == m {
			continue
		}
		// A paragraph's quotes start inside it, after those of the
		// paragraphs before: sorting each paragraph's puts them all in
		// order, with fewer moves than a sort of the whole document's.
		from := len(out)
		out = qd.pairMarks(out, pi, marks[m:end], FamilyDouble)
		out = qd.pairMarks(out, pi, marks[m:end], FamilySingle)
		slices.SortStableFunc(out[from:], func(a, b quoteCandidate) int { return a.content.Start - b.content.Start })
	}
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

// tokenStretch is a stretch of text and the tokens inside it, [first, last).
type tokenStretch struct {
	Span
	first, last int
}

// stretch returns s with its tokens, for the tests of a sentence that all
// read them.
func (qd *quoteDoc) stretch(s Span) tokenStretch {
	first, last := qd.tokenRange(s)
	return tokenStretch{s, first, last}
}

// firstTokenFrom returns the index of the first token starting at or after
// byte offset off.
func (qd *quoteDoc) firstTokenFrom(off int) int {
	return firstKeyFrom(qd.toks, off, tokenStart)
}

// attribute finds the cue and speaker of a candidate and decides whether it is
// a quote at all: terms, titles and short scare quotes are not, unless a
// speech cue attributes them.
func (qd *quoteDoc) attribute(c quoteCandidate) (attribution, bool) {
	a, cued := qd.cueAfter(c)
	if !cued {
		a, cued = qd.cueBefore(c)
	}
	threeWords := countWordsUpTo(qd.doc.Text[c.content.Start:c.content.End], 3) == 3
	if qd.isWorkTitle(c) || qd.namedThing(c) {
		return a, false
	}
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

// closingCues open an attribution after a quote when a statement word or a
// speech verb follows ("demikian pernyataan X").
var closingCues = dataSet("closing-cues.txt")

// workMarkers announce the title of a work.
var workMarkers = dataSet("work-markers.txt")

// isWorkTitle reports a quote introduced as the title of a work: buku "…",
// riset berjudul "…", "dalam bukunya, "…"".
func (qd *quoteDoc) isWorkTitle(c quoteCandidate) bool {
	k := c.open - 1
	if k > 0 && qd.toks[k].Norm == "," {
		k--
	}
	return k >= 0 && qd.toks[k].Kind == Word && workMarkers.lookup(qd.toks[k].Stem())
}

// namedThing reports a short quote followed by a demonstrative: a name or
// title the sentence talks about ("JK menilai 'bapak teknologi' itu
// sebagai negarawan"), not words someone said.
func (qd *quoteDoc) namedThing(c quoteCandidate) bool {
	return c.close >= 0 && c.close+1 < len(qd.toks) && demonstratives.lookup(qd.toks[c.close+1].Norm) &&
		countWordsUpTo(qd.doc.Text[c.content.Start:c.content.End], 3) < 3
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
	if i >= len(qd.toks) || qd.toks[i].Kind != Word {
		return attribution{}, false
	}
	// The next paragraph attributes a quote that ends its own only by
	// pointing back to it: "Demikian dikatakan X", "Hal itu disampaikan X".
	nextParagraph := false
	if p := qd.paragraphOf(i); p != c.para {
		if p != c.para+1 || qd.toks[i].Start != qd.doc.Paragraphs[p].Start {
			return attribution{}, false
		}
		nextParagraph = true
	}
	cueStart := i
	w := lower(qd.toks[i].Stem())
	switch {
	case nextParagraph && !closingCues.get(w) && qd.pointingBackVerb(i) < 0:
		return attribution{}, false
	case nextParagraph && closingCues.get(w) && (i+1 >= len(qd.toks) ||
		!passiveSpeech.lookup(qd.toks[i+1].Stem()) && quoteWords.speech.lookup(qd.toks[i+1].Stem()) == "" && !reportWords.lookup(qd.toks[i+1].Norm)):
		return attribution{}, false
	case closingCues.get(w):
		if i+1 < len(qd.toks) && (reportWords.lookup(qd.toks[i+1].Norm) || quoteWords.speech.lookup(qd.toks[i+1].Stem()) != "" ||
			passiveSpeech.lookup(qd.toks[i+1].Stem())) {
			i++
		} else {
			return attribution{}, false
		}
	case w == "menurut":
	case quoteWords.speech.get(w) == "":
		v := qd.pointingBackVerb(i)
		if v < 0 {
			return attribution{}, false
		}
		cueStart, i = v, v
	}
	// "tulis pernyataan X", "lanjut pernyataan X": the statement is part of the cue.
	if i+1 < len(qd.toks) && reportWords.lookup(qd.toks[i+1].Norm) && qd.toks[i].Clitic == NoClitic {
		i++
	}
	a := attribution{cue: qd.newSpan(Span{qd.toks[cueStart].Start, qd.toks[i].End}), clauseStart: c.close + 1, clauseEnd: qd.sentenceEndToken(i)}
	if qd.toks[i].Clitic == CliticNya {
		a.anaphor = qd.newSpan(Span{qd.toks[i].Start, qd.toks[i].End})
		return a, true
	}
	// "tulis laporan Jurnal Gizi Nusantara": the report that writes speaks;
	// "tulis pernyataan Big Hit": the issuer does.
	if i > cueStart && documentWords.lookup(qd.toks[i].Norm) && i+1 < len(qd.toks) && isNameToken(&qd.toks[i+1]) {
		qd.setDocumentSpeaker(&a, i+1)
		return a, true
	}
	from := i + 1
	// The agent of a passive verb: "Demikian disampaikan oleh X".
	if passiveSpeech.lookup(qd.toks[i].Norm) && from < len(qd.toks) && sameWord(qd.toks[from].Norm, "oleh") {
		from++
	}
	qd.speakerPhrase(&a, from)
	return a, true
}

// pointingBackVerb returns the passive speech verb of a sentence that opens
// at token i, right after a quote, and points back to it: "Hal itu
// dikatakan X", "Pernyataan tersebut disampaikan oleh X". It returns -1 when
// the sentence is no such thing.
func (qd *quoteDoc) pointingBackVerb(i int) int {
	if qd.sentenceStartToken(i) != i {
		return -1
	}
	for k := i + 1; k < len(qd.toks) && k <= i+3; k++ {
		if qd.toks[k].Kind != Word {
			return -1
		}
		if !demonstratives.lookup(qd.toks[k].Norm) {
			continue
		}
		v := k + 1
		for v < len(qd.toks) && subjectAdverbs.lookup(qd.toks[v].Norm) {
			v++
		}
		if v < len(qd.toks) && qd.toks[v].Kind == Word && passiveSpeech.lookup(qd.toks[v].Stem()) {
			return v
		}
		return -1
	}
	return -1
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
		a.cue = qd.newSpan(Span{qd.toks[i-1].Start, qd.toks[i-1].End})
		a.anaphor = qd.newSpan(Span{qd.toks[i].Start, qd.toks[i].End})
		return a, true
	}
	if quoteWords.speech.get(w) == "" {
		// "Menurut X, "…"" (Menurut opens the sentence).
		if sameWord(qd.toks[sentStart].Norm, "menurut") && sentStart < i {
			a.cue = qd.newSpan(Span{qd.toks[sentStart].Start, qd.toks[sentStart].End})
			if qd.toks[sentStart].Clitic == CliticNya {
				a.anaphor = a.cue
				return a, true
			}
			qd.speakerPhrase(&a, sentStart+1)
			return a, a.speaker != nil || a.anaphor != nil
		}
		return attribution{}, false
	}
	a.cue = qd.newSpan(Span{qd.toks[i].Start, qd.toks[i].End})
	if qd.toks[i].Clitic == CliticNya {
		a.anaphor = a.cue
		return a, true
	}
	qd.subjectBefore(&a, sentStart, i)
	return a, a.speaker != nil || a.anaphor != nil
}
