package pipeline

import "strings"

// Indirect (reported) speech: "X mengatakan (bahwa) …", "Menurut X, …",
// "Laporan X menilai …". The quote is the reported clause.

// Confidence of reported speech's speaker. Reported speech has no gold on
// the development data, so these are set below the direct quotes' named and
// pronoun figures rather than measured.
const (
	confReportNamed   = 0.6
	confReportPronoun = 0.5
)

// sentenceWindow is how many tokens indirectQuotes searches at once for the
// end of a sentence: more than most sentences have.
const sentenceWindow = 64

// minReportedWords is the shortest clause taken as reported speech; shorter
// ones are mostly "X mengatakan hal itu".
const minReportedWords = 4

// indirectQuotes finds reported speech in sentences without direct quotes
// and keeps it in qd.reports. Speakers named by a pronoun are left to
// resolveReports; their mentions are appended to anaphors, one per report
// (nil when the speaker is named).
func (qd *quoteDoc) indirectQuotes(anaphors []*Span) []*Span {
	// The first token after the sentence before, and the first paragraph
	// that does not end before it: sentences come in order.
	next, para := 0, 0
	reporting, inserted := listCursor{list: qd.lists.reporting}, listCursor{list: qd.lists.inserted}
	for _, sent := range qd.doc.Sentences {
		first := next
		for first < len(qd.toks) && qd.toks[first].Start < sent.Start {
			first++
		}
		// The sentence's end is searched for among the next few dozen
		// tokens, where a sentence mostly ends, then further: a search
		// reads fewer tokens than a walk to the end.
		last := first
		for {
			window := qd.toks[last:min(last+sentenceWindow, len(qd.toks))]
			k := firstKeyFrom(window, sent.End, tokenStart)
			last += k
			if k < len(window) || last == len(qd.toks) {
				break
			}
		}
		next = last
		for first < last && qd.toks[first].Has(Dateline) {
			first++ // "Jakarta, IDN Times – Rusia menyebut …"
		}
		if first >= last {
			continue
		}
		// Reported speech has a reporting verb, an attribution inserted
		// after a comma or "menurut" first: most sentences have none.
		verbs, cues := reporting.within(first+1, last), inserted.within(first+1, last)
		if len(verbs) == 0 && len(cues) == 0 && !sameWord(qd.toks[first].Stem(), "menurut") || qd.overlapsQuote(sent) {
			continue
		}
		// paragraphOf(first), walking
		ps, off := qd.doc.Paragraphs, qd.toks[first].Start
		for para < len(ps) && ps[para].End <= off {
			para++
		}
		if para == len(ps) || ps[para].Start > off || ps[para].Kind != Prose {
			continue
		}
		q, anaphor, ok := qd.reportedSpeech(first, last, verbs, cues)
		if !ok {
			continue
		}
		if m, ok := qd.mentionIn(first, last); ok {
			q.Sources = m.sources
		}
		qd.reports = append(qd.reports, q)
		anaphors = append(anaphors, anaphor)
	}
	return anaphors
}

// circumstanceAt reports a phrase at token i that says when or how the
// words were said rather than who said them: a verb ("ditemui di lokasi"), a
// day or month ("Senin (30/11)"), or a word that ends a speaker phrase
// ("saat dihubungi", "dalam diskusi").
func (qd *quoteDoc) circumstanceAt(i int) bool {
	w := qd.toks[i].Norm
	if isCapitalised(w) {
		return calendarWords.lookup(w)
	}
	return looksLikeVerb(w) || speakerPhraseStops.lookup(w)
}

// resolveReports gives reported speech introduced by a pronoun ("Dia
// mengatakan, …") the speaker the pronoun refers to, in document order.
func (qd *quoteDoc) resolveReports(anaphors []*Span) {
	for i, a := range anaphors {
		if a == nil {
			continue
		}
		q := &qd.reports[i]
		if sp, _ := qd.antecedent(q.Start); sp != nil {
			q.Speaker = qd.newSpeaker(Speaker{Name: sp.Name, ID: sp.ID, Mention: *a})
			q.Confidence = confReportPronoun
		}
	}
}

func (qd *quoteDoc) overlapsQuote(s Span) bool { return qd.quoteOverlapping(s, false) }

// listCursor reads a list of tokens, in order, for the sentences in order.
type listCursor struct {
	list []int
	next int // the first token of list not before the last sentence asked about
}

// within returns the tokens of the list in [first, last), for a first no
// smaller than the last call's.
func (c *listCursor) within(first, last int) []int {
	for c.next < len(c.list) && c.list[c.next] < first {
		c.next++
	}
	end := c.next
	for end < len(c.list) && c.list[end] < last {
		end++
	}
	return c.list[c.next:end]
}

// reportedSpeech matches one sentence, tokens [first, last), whose
// reporting verbs and inserted cues (tokenLists' lists) after its first
// token are verbs and cues.
func (qd *quoteDoc) reportedSpeech(first, last int, verbs, cues []int) (Quote, *Span, bool) {
	// "Menurut X, …"
	if sameWord(qd.toks[first].Stem(), "menurut") {
		comma := first + 1
		for comma < last && qd.toks[comma].Norm != "," {
			comma++
		}
		a := attribution{cue: qd.newSpan(Span{qd.toks[first].Start, qd.toks[first].End})}
		if qd.toks[first].Clitic == CliticNya {
			a.anaphor = a.cue
		} else if comma < last {
			qd.subjectPhrase(&a, first+1, comma)
		}
		return qd.reported(a, comma+1, last)
	}
	if len(verbs) > 0 {
		v := verbs[0]
		t := &qd.toks[v]
		a := attribution{cue: qd.newSpan(Span{t.Start, t.End})}
		// The subject runs from the sentence start, or from the last comma
		// (after a fronted phrase: "Dalam pertemuan itu, Lavrov mengaku …").
		from := first
		for k := v - 1; k > first; k-- {
			// A comma right before the verb closes an appositive ("ekonom
			// UI, Dimas Prakoso, menilai"): the subject is before it.
			if qd.toks[k].Norm == "," && k < v-1 {
				from = k + 1
				break
			}
		}
		to := v
		// Circumstances between the subject and the verb: "Komandan
		// Damkar, Agung Mahendra, ditemui di lokasi menyebutkan", "Doni
		// Santoso, saat dihubungi, Senin (30/11), mengatakan".
		start, end := from, to
		for start > first+1 && qd.toks[start-1].Norm == "," && qd.circumstanceAt(start) {
			end = start - 1
			for start = end - 1; start > first && qd.toks[start-1].Norm != ","; start-- {
			}
		}
		if start < from && qd.bestEntityIn(Span{qd.toks[start].Start, qd.toks[end-1].End}) >= 0 {
			from, to = start, end // someone is named before them
		}
		// A name opening the sentence, then its role: "Sutarno, Ketua
		// Koperasi X, mengatakan"; a name, then a relative clause: "Wali
		// Kota X Ibnu Sina, yang juga Ketua Gugus Tugas, mengatakan".
		if from > first+1 && qd.toks[v-1].Norm == "," {
			e := qd.entityEndingAt(qd.toks[from-2].End)
			if sameWord(qd.toks[from].Norm, "yang") ||
				e >= 0 && qd.doc.Entities[e].Label == Person && qd.doc.Entities[e].Start <= qd.toks[first].Start {
				from, to = first, from-1
			}
		}
		qd.subjectPhrase(&a, from, to)
		if a.speaker == nil && a.anaphor == nil {
			return Quote{}, nil, false
		}
		clause := v + 1
		// "mengatakan kepada televisi X, bahwa …": the clause follows "bahwa".
		for k := clause; k < last && k < clause+12; k++ {
			if sameWord(qd.toks[k].Norm, "bahwa") {
				clause = k
				break
			}
		}
		for clause < last && (qd.toks[clause].Norm == "," || qd.toks[clause].Norm == ":" || sameWord(qd.toks[clause].Norm, "bahwa")) {
			clause++
		}
		return qd.reported(a, clause, last)
	}
	return qd.insertedAttribution(first, last, cues)
}

// insertedAttribution matches an attribution set inside the sentence it
// attributes: "Oleh karena itu, kata ahli epidemiologi X, di Surabaya,
// pemerintah kabupaten menegakkan kembali …". The reported clause is the
// longer part around the attribution.
func (qd *quoteDoc) insertedAttribution(first, last int, cues []int) (Quote, *Span, bool) {
	if len(cues) > 0 {
		c := cues[0]
		t := &qd.toks[c]
		a := attribution{cue: qd.newSpan(Span{t.Start, t.End})}
		qd.speakerPhrase(&a, c+1)
		if a.speaker == nil || !a.explicit {
			return Quote{}, nil, false
		}
		// After the speaker come place and date ("di Surabaya, Sabtu (2/1),"):
		// the clause starts after the last comma close behind the name.
		after := qd.speakerPhraseEnd(c + 1)
		for k := after; k < last && k < after+12; k++ {
			if qd.toks[k].Norm == "," {
				after = k + 1
			}
		}
		if c-1-first >= last-after {
			return qd.reported(a, first, c-1)
		}
		return qd.reported(a, after, last)
	}
	return Quote{}, nil, false
}

// lastPersonIn returns the last person named in s, or -1.
func (qd *quoteDoc) lastPersonIn(s Span) int {
	last := -1
	for i := qd.firstEntityAt(s.Start); i < len(qd.doc.Entities) && qd.doc.Entities[i].End <= s.End; i++ {
		if qd.doc.Entities[i].Label == Person && !isBareGuess(&qd.doc.Entities[i]) {
			last = i
		}
	}
	return last
}

// capitalisedUpTo reports whether the tokens [i, end) are all capitalised
// words, initials, numbers, parentheses or the connectors inside names
// ("dan", "of").
func (qd *quoteDoc) capitalisedUpTo(i, end int) bool {
	for ; i < end; i++ {
		if t := &qd.toks[i]; !isNameToken(t) && t.Kind != Number && t.Norm != "(" && t.Norm != ")" &&
			lexicon.lookup(t.Norm)&(classOrgConnector|classEnglishConnector|classNameConnector) == 0 {
			return false
		}
	}
	return true
}

// reportingVerbs introduce reported speech; a subset of the "before" speech
// verbs, without those that rarely report a statement (meminta, berharap).
var reportingVerbs = dataSet("reporting-verbs.txt")

// spelledAsReportingVerb reports a word spelt as the reporting verbs are,
// which all start with "me" or "be" in lower case and have six letters or
// more: a word of reportingVerbs that is not is not taken for one.
func spelledAsReportingVerb(w string) bool {
	return len(w) >= 6 && (w[0]|0x20 == 'm' || w[0]|0x20 == 'b') && w[1] == 'e'
}

// subjectPhrase reads the subject in tokens [from, to): a pronoun, an entity
// (the person if there is one) or, failing both, a short noun phrase
// ("intelijen Ukraina" from "Laporan intelijen Ukraina").
func (qd *quoteDoc) subjectPhrase(a *attribution, from, to int) {
	for to > from && (subjectAdverbs.lookup(qd.toks[to-1].Norm) || qd.toks[to-1].Norm == ",") {
		to--
	}
	for from < to && reportWords.lookup(qd.toks[from].Norm) {
		from++
		if from < to && sameWord(qd.toks[from].Norm, "dari") {
			from++
		}
	}
	if from >= to {
		return
	}
	span := Span{qd.toks[from].Start, qd.toks[to-1].End}
	if to-from > 8 {
		// A long subject is a name behind its titles and affiliations
		// ("Ketua … (LAKMI) DKI Jakarta Baequni Boerman dalam waktu yang
		// berbeda mengatakan"): only a person named in it will do.
		if e := qd.lastPersonIn(span); e >= 0 {
			qd.setEntitySpeaker(a, e)
		}
		return
	}
	if quoteWords.pronouns.lookup(qd.toks[from].Norm) {
		a.anaphor = qd.newSpan(Span{qd.toks[from].Start, qd.toks[from].End})
		return
	}
	// A description pointing back: "Wakil Ketua KPK ini menilai", "Bahkan,
	// kata Ketua Umum Partai X ini menyebut" (a stray cue before it).
	if demonstratives.lookup(qd.toks[to-1].Norm) && to-from > 1 {
		if quoteWords.speech.lookup(qd.toks[from].Norm) == "after" && qd.toks[from].Clitic == NoClitic {
			from++
		}
		a.anaphor = qd.newSpan(Span{qd.toks[from].Start, qd.toks[to-1].End})
		return
	}
	// A chain of titles, organisations and a name reads as a speaker phrase
	// does, the name closest to the verb heading it: "General Manager
	// Melati Hotel Andi Wirawan mengatakan" (but "Trump merespons
	// pengumuman Musk, menyebut" is Trump's).
	if to-from > 1 && qd.capitalisedUpTo(from, to) && qd.speakerPhraseEnd(from) == to {
		qd.speakerPhrase(a, from)
		if a.speaker != nil {
			return
		}
	}
	if e := qd.bestEntityIn(span); e >= 0 {
		ent := qd.doc.Entities[e]
		if ent.Label == Person || ent.Span == span {
			qd.setEntitySpeaker(a, e)
			return
		}
	}
	if !isCapitalised(qd.toks[from].Norm) && !strings.ContainsAny(qd.doc.Text[span.Start:span.End], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return // a lower-case phrase with no name in it is rarely a speaker
	}
	a.speaker = qd.newSpeaker(Speaker{Name: qd.doc.Text[span.Start:span.End], Mention: span})
}

// reported builds the indirect quote for the clause in tokens [from, last).
func (qd *quoteDoc) reported(a attribution, from, last int) (Quote, *Span, bool) {
	for last > from && qd.toks[last-1].Kind == Punct {
		last--
	}
	if last-from < minReportedWords || qd.toks[from].Kind == QuoteMark {
		return Quote{}, nil, false
	}
	q := Quote{Span: Span{qd.toks[from].Start, qd.toks[last-1].End}, Kind: Indirect, Cue: a.cue, Speaker: a.speaker, Confidence: confReportNamed}
	if a.speaker == nil {
		q.Confidence = confNoSpeaker // until resolveReports finds the pronoun's antecedent
	}
	return q, a.anaphor, true
}
