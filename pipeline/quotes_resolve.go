package pipeline

import (
	"sort"
	"strings"
)

// Resolving pronouns and floating quotes to the speakers before them, and
// the confidence of each way a speaker is found.

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
			if org := qd.organisationDescribed(*a.anaphor); org >= 0 {
				ent := qd.doc.Entities[org]
				a.speaker, conf = qd.newSpeaker(Speaker{Name: qd.fullestName(ent), ID: ent.ID, Mention: *a.anaphor}), confDescribed
				break
			}
			sp, fromQuote := qd.antecedent(cands[i].content.Start)
			// An unnamed speaker described before, unless the quote before
			// is that speaker's ("ujar seorang pedagang" … "kata pedagang itu").
			if d, ok := qd.unnamedDescribed(*a.anaphor); ok && !(fromQuote && sp != nil && sp.ID == "" && strings.HasSuffix(sp.Name, d)) {
				a.speaker, conf = qd.newSpeaker(Speaker{Name: d, Mention: *a.anaphor}), confDescribed
				break
			}
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
				a.speaker = qd.newSpeaker(Speaker{Name: sp.Name, ID: sp.ID, Mention: *a.anaphor})
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
// the speaker accuracy (lenient) measured for each way on detik-dev and PFSA
// dev together (1,794 quotes with a known speaker; the share of each way is
// in brackets), rounded.
const (
	confNamed            = 0.99 // named right after the cue: "kata X" (63 %)
	confNamedBefore      = 0.9  // named before the quote: "X mengatakan, …" (one quote: not measured)
	confPronounToSubject = 0.95 // "katanya" → the subject of an earlier sentence (29 %)
	confPronounToQuote   = 0.88 // "katanya" → the speaker of the quote before (6 %)
	confFloating         = 0.71 // no cue: the speaker before continues (0.4 %)
	confLastPerson       = 0.63 // "katanya" with nothing better than the person named last (1 %)
	confSiteOwner        = 0.8  // a statement taken from its organisation's own site (none on those sets: not measured)
	confDescribed        = 0.7  // "kata wanita itu" → the unnamed "pengendara wanita" described before (two quotes: not measured)
	confNoSpeaker        = 0.1  // no speaker found
)

// personNouns are nouns for people, nameIntroducers the words between
// such a noun and the name it introduces.
var (
	personNouns     = dataSet("person-nouns.txt")
	nameIntroducers = dataSet("name-introducers.txt")
)

// maxDescriptionLookback bounds how many tokens back a description's earlier
// mentions are looked for.
const maxDescriptionLookback = 800

// unnamedDescribed returns the description of an unnamed speaker that a
// description pointing back refers to ("bentak wanita itu" after
// "kesalahan pengendara wanita itu" → "pengendara wanita"): its head is a
// noun for a person that the article used before, never next to a name. A
// description used first at the quote, or once next to a name ("Budi, warga
// Desa X"), is left to the antecedent.
func (qd *quoteDoc) unnamedDescribed(anaphor Span) (string, bool) {
	first, last := qd.tokenRange(anaphor)
	if last-first < 2 || !demonstratives.lookup(qd.toks[last-1].Norm) || isCapitalised(qd.toks[first].Norm) ||
		!personNouns.lookup(qd.toks[first].Norm) {
		return "", false
	}
	head := qd.toks[first].Norm
	found := ""
	for k := first - 1; k >= 0 && k >= first-maxDescriptionLookback; k-- {
		t := &qd.toks[k]
		if t.Kind != Word || !strings.EqualFold(t.Norm, head) || qd.insideQuote(Span{t.Start, t.End}) {
			continue
		}
		if qd.namesNear(k) {
			return "", false
		}
		if d := qd.personNounsEndingAt(k); countWords(d) > countWords(found) {
			found = d // the fullest description
		}
	}
	return found, found != ""
}

// organisationDescribed returns the organisation a description pointing
// back by the word that opens its name refers to ("kata kementerian itu"
// after "Kementerian Luar Negeri Rusia"): the last one named before with
// that word, or -1.
func (qd *quoteDoc) organisationDescribed(anaphor Span) int {
	first, last := qd.tokenRange(anaphor)
	if last-first != 2 || !demonstratives.lookup(qd.toks[last-1].Norm) || isCapitalised(qd.toks[first].Norm) ||
		!orgHeads.lookup(qd.toks[first].Norm) {
		return -1
	}
	head := qd.toks[first].Norm
	start := qd.firstEntityAt(anaphor.Start)
	for e := start - 1; e >= 0 && e >= start-maxTitleLookback; e-- {
		ent := qd.doc.Entities[e]
		if word, _, _ := strings.Cut(qd.doc.Text[ent.Start:ent.End], " "); ent.Label == Organisation && strings.EqualFold(word, head) && !qd.insideQuote(ent.Span) {
			return e
		}
	}
	return -1
}

// namesNear reports a person named in apposition to the noun at token k:
// before it and a comma ("Budi, warga Desa X"), or after its phrase ("warga
// Desa X, Budi", "pria bernama Budi").
func (qd *quoteDoc) namesNear(k int) bool {
	if k >= 2 && qd.toks[k-1].Norm == "," {
		j := k - 2
		if qd.toks[j].Norm == ")" { // "Budi Santoso (45), warga …"
			for j > 0 && qd.toks[j].Norm != "(" && j > k-8 {
				j--
			}
			j--
		}
		if e := qd.entityEndingAt(qd.toks[max(j, 0)].End); e >= 0 && qd.doc.Entities[e].Label == Person {
			return true
		}
	}
	end := qd.sentenceEndToken(k)
	for j := k + 1; j < end && j <= k+6; j++ {
		t := &qd.toks[j]
		if e := qd.firstEntityAt(t.Start); e < len(qd.doc.Entities) && qd.doc.Entities[e].Start == t.Start && qd.doc.Entities[e].Label == Person {
			return true
		}
		if t.Kind == Word && !isCapitalised(t.Norm) && !nameIntroducers.lookup(t.Norm) &&
			(looksLikeVerb(t.Norm) || speakerPhraseStops.lookup(t.Norm) && !sameWord(t.Norm, "yang")) {
			return false
		}
	}
	return false
}

// personNounsEndingAt returns the nouns for people that end at token k, as
// the text writes them ("pengendara wanita").
func (qd *quoteDoc) personNounsEndingAt(k int) string {
	start := k
	for start > 0 && qd.toks[start-1].Kind == Word && personNouns.lookup(qd.toks[start-1].Norm) && !isCapitalised(qd.toks[start-1].Norm) {
		start--
	}
	return qd.doc.Text[qd.toks[start].Start:qd.toks[k].End]
}

// continuesInto reports whether quote a runs on into b: a is unclosed and b
// opens the next paragraph.
func (qd *quoteDoc) continuesInto(a, b quoteCandidate) bool {
	return a.close < 0 && b.para == a.para+1 && qd.toks[b.open].Start == qd.doc.Paragraphs[b.para].Start
}

// antecedent returns the speaker that a pronoun or a floating quote at offset
// pos refers to: going back sentence by sentence, the speaker of an earlier
// quote or report, or the subject of a sentence (its first person named
// outside quotes). A subject who only acts in the story ("Kamal lalu pergi
// ke bar") does not take the word from a speaker before it, unless the
// sentence introduces that person: it is the antecedent only when no speaker
// comes before. fromQuote says the antecedent was an earlier quote's speaker.
func (qd *quoteDoc) antecedent(pos int) (*Speaker, bool) {
	n := sort.Search(len(qd.cands), func(i int) bool { return qd.cands[i].content.Start >= pos })
	cands, attrs := qd.cands[:n], qd.attrs[:n]
	var actor *Speaker // the nearest subject who does not speak
	topic := false     // a sentence on the way back has a pronoun for its subject
	s := qd.sentenceAt(pos)
	// Eight sentences back, and further while each goes on about someone
	// named before ("Menurut dia, …. Dia menjelaskan …. Jangan sampai, kata
	// dia, …"), up to sixteen.
	for n, window := 0, 8; s >= 0 && n < window; s, n = s-1, n+1 {
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
			if r := qd.reports[k]; r.Speaker != nil && (qd.namesPerson(r.Speaker.Mention) || qd.namedAt[r.Speaker.Mention] || qd.isPronounAt(r.Speaker.Mention)) {
				return r.Speaker, false
			} else if r.Speaker == nil && qd.reportAnaphors[k] != nil {
				topic = true // "Dia menjelaskan bahwa …", resolved later
			}
		}
		if actor != nil {
			continue
		}
		if topic && qd.pronounReportIn(Span{sent.Start, end}) {
			window = min(window+1, 16)
			continue // the sentence's subject is its report's pronoun
		}
		// The sentence up to pos, and its tokens, which the tests below all read.
		st := qd.stretch(Span{sent.Start, end})
		// "… hingga Ronda Bersama menurut Rusdi juga berhasil …"
		if e := qd.attributedIn(st); e >= 0 {
			ent := qd.doc.Entities[e]
			return qd.newSpeaker(Speaker{Name: qd.fullestName(ent), ID: ent.ID, Mention: ent.Span}), false
		}
		if e := qd.subjectIn(st); e >= 0 {
			ent := qd.doc.Entities[e]
			sp := qd.newSpeaker(Speaker{Name: qd.fullestName(ent), ID: ent.ID, Mention: ent.Span})
			if topic || qd.holdsFloor(e, st) {
				return sp, false
			}
			actor = sp
		} else if qd.pronounSubjectIn(st) {
			topic, window = true, min(window+1, 16)
		}
	}
	return actor, false
}

// holdsFloor reports whether the subject e of sentence s is the one a later
// "katanya" refers to even when someone spoke before: a person the sentence
// introduces, the topic of a short sentence ("Demikian pula halnya dengan
// Gates."), or one who speaks or takes a stance ("Vicky juga melarang …").
func (qd *quoteDoc) holdsFloor(e int, s tokenStretch) bool {
	first, last := s.first, s.last
	if last-first <= 8 || qd.introduces(e) && !qd.placeWordBefore(e) {
		return true
	}
	return qd.speaksAfter(e, last, true)
}

// speaksAfter reports a speech verb (or, with stances, a stance verb) that
// person e is the subject of, among the tokens before last: the verb may
// come after an appositive ("Spica, dalam bincang virtual bersama X, hari
// ini, mengatakan"), but no other person may stand between. With stances,
// the verb may also be a relative clause's ("langkah Gubernur X yang
// meminta …"); without, that person is an object.
func (qd *quoteDoc) speaksAfter(e, last int, stances bool) bool {
	after := qd.firstTokenFrom(qd.doc.Entities[e].End)
	next := qd.firstEntityAt(qd.doc.Entities[e].End)
	for k := after; k < last && k < after+16; k++ {
		if next < len(qd.doc.Entities) && qd.toks[k].Start >= qd.doc.Entities[next].Start {
			if qd.doc.Entities[next].Label == Person {
				return false
			}
			next++
		}
		if !stances && sameWord(qd.toks[k].Norm, "yang") && (k == 0 || qd.toks[k-1].Norm != ",") {
			return false
		}
		if w := qd.toks[k].Norm; qd.toks[k].Kind == Word && (quoteWords.speech.lookup(w) == "before" || reportingVerbs.lookup(w) || stances && stanceVerbs.lookup(w)) {
			return true
		}
	}
	return false
}

// placeWordBefore reports a word that heads a place's name opening the
// capitalised words that end with entity e: "Bandara Sultan Aji Balikpapan"
// names no person however the entity stage labelled it.
func (qd *quoteDoc) placeWordBefore(e int) bool {
	k := qd.firstTokenFrom(qd.doc.Entities[e].Start)
	for k > 0 && isNameToken(&qd.toks[k-1]) {
		k--
	}
	return placeCues.lookup(qd.toks[k].Norm)
}

// attributedIn returns a person that sentence s attributes its content to
// in passing ("… menurut Rusdi juga berhasil …", "…, kata Rusdi, …"), or -1.
func (qd *quoteDoc) attributedIn(s tokenStretch) int {
	for _, k := range within(qd.lists.attributing, s.first+1, s.last-1) {
		if e := qd.firstEntityAt(qd.toks[k+1].Start); e < len(qd.doc.Entities) && qd.doc.Entities[e].Start == qd.toks[k+1].Start &&
			qd.doc.Entities[e].Label == Person {
			return e
		}
	}
	return -1
}

// stanceVerbs are verbs by which a subject takes a stance or gives a direction.
var stanceVerbs = dataSet("stance-verbs.txt")

// pronounSubjectIn reports a sentence (or its main clause) opening with a
// pronoun ("Dia khawatir …", "Namun, ia …"): it goes on about someone named
// before.
func (qd *quoteDoc) pronounSubjectIn(s tokenStretch) bool {
	first := s.first
	// "Dia khawatir …", "Namun, ia …", "Jangan sampai, kata dia, …"
	if ks := within(qd.lists.pronouns, first, min(s.last, first+8)); len(ks) > 0 {
		k := ks[0]
		return k == first || qd.toks[k-1].Norm == "," || quoteWords.speech.lookup(qd.toks[k-1].Norm) == "after"
	}
	return false
}

// pronounReportIn reports reported speech in s whose speaker is a pronoun
// not resolved yet.
func (qd *quoteDoc) pronounReportIn(s Span) bool {
	for k := sort.Search(len(qd.reports), func(k int) bool { return qd.reports[k].Start >= s.End }) - 1; k >= 0 && qd.reports[k].Start >= s.Start; k-- {
		if qd.reports[k].Speaker == nil && qd.reportAnaphors[k] != nil {
			return true
		}
	}
	return false
}

// isPronounAt reports a pronoun or -nya cue at span s, as the mention of a
// speaker resolved from it.
func (qd *quoteDoc) isPronounAt(s Span) bool {
	i := qd.firstTokenFrom(s.Start)
	return i < len(qd.toks) && qd.toks[i].End == s.End &&
		(quoteWords.pronouns.lookup(qd.toks[i].Norm) || qd.toks[i].Clitic == CliticNya)
}

// introduces reports whether entity e is the first mention of its person in
// the document.
func (qd *quoteDoc) introduces(e int) bool {
	ent := qd.doc.Entities[e]
	for k := e - 1; k >= 0; k-- {
		if o := &qd.doc.Entities[k]; o.Label == Person && (o.Name == ent.Name || ent.ID != "" && o.ID == ent.ID) {
			return false
		}
	}
	return true
}

// lastPersonBefore returns the person named last before offset pos outside
// quotes, as a speaker, or nil.
func (qd *quoteDoc) lastPersonBefore(pos int) *Speaker {
	for e := qd.firstEntityAt(pos) - 1; e >= 0; e-- {
		if ent := &qd.doc.Entities[e]; ent.Label == Person && ent.End <= pos && !isBareGuess(ent) && !qd.insideQuote(ent.Span) && !qd.inCode(ent.Span) {
			return qd.newSpeaker(Speaker{Name: qd.fullestName(*ent), ID: ent.ID, Mention: ent.Span})
		}
	}
	return nil
}

// inCode reports a span inside a code written with slashes, such as a case
// number ("ARB" in "971/VIII/ARB-BANI/2017"): no one's name.
func (qd *quoteDoc) inCode(s Span) bool {
	text := qd.doc.Text
	for i := s.Start - 1; i >= 0 && !isSpaceByte(text[i]); i-- {
		if text[i] == '/' {
			return true
		}
	}
	for i := s.End; i < len(text) && !isSpaceByte(text[i]); i++ {
		if text[i] == '/' {
			return true
		}
	}
	return false
}

// namesPerson reports whether span s is (inside) a person entity's name.
func (qd *quoteDoc) namesPerson(s Span) bool {
	e := qd.entityCovering(s)
	return e >= 0 && qd.doc.Entities[e].Label == Person
}

// namesNonPerson reports whether s starts inside an organisation or a place.
func (qd *quoteDoc) namesNonPerson(s Span) bool {
	e := qd.entityCovering(s)
	return e >= 0 && qd.doc.Entities[e].Label != Person
}

// subjectIn returns the first person in s that stands as a subject: at the
// start of the sentence or of its main clause (after a fronted phrase and its
// comma), or right before a verb ("Gates ditanyakan", "Lavrov juga memuji").
// Persons inside quotes do not count. It returns -1 when there is none.
func (qd *quoteDoc) subjectIn(s tokenStretch) int {
	first, last := s.first, s.last
	clauseStart := first
	for k := first; k < last && k < first+8; k++ {
		if qd.toks[k].Norm == "," {
			clauseStart = k + 1
			break
		}
	}
	for i := qd.firstEntityAt(s.Start); i < len(qd.doc.Entities) && qd.doc.Entities[i].End <= s.End; i++ {
		e := &qd.doc.Entities[i]
		if e.Label != Person || qd.insideQuote(e.Span) || qd.inCode(e.Span) {
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
		// A name set off by commas after its role: "Komandan Damkar Contoh,
		// Agung Mahendra, ditemui di lokasi menyebutkan".
		appositive := head == tok && tok > first && qd.toks[tok-1].Norm == "," && after < last && qd.toks[after].Norm == ","
		if head <= first+1 || head == clauseStart || short || appositive || qd.verbFollows(after, last) || qd.passiveAgentAt(head) ||
			qd.speaksAfter(i, last, false) {
			return i
		}
	}
	return -1
}

// isBareGuess reports a one-word person that only the capitals rule found
// and nothing else confirms: in scraped text such words are often headings
// glued to the sentence ("Repatriasi Orangutan …"), too weak to be the
// subject a pronoun refers back to.
func isBareGuess(e *Entity) bool {
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
	// Only a statement's: "diperintahkan oleh Presiden X" is none of X's.
	for k := i - 1; k > 0 && k >= i-6 && qd.toks[k].Kind == Word && !isCapitalised(qd.toks[k].Norm); k-- {
		if sameWord(qd.toks[k].Norm, "oleh") {
			return qd.statementBefore(k)
		}
	}
	return i > 0 && passiveSpeech.lookup(qd.toks[i-1].Norm)
}

// statementBefore reports a passive speech verb or a report word shortly
// before token k ("disampaikan oleh", "laporan … hari Jumat (14/8) oleh").
func (qd *quoteDoc) statementBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		if w := qd.toks[j].Norm; passiveSpeech.lookup(w) || reportWords.lookup(w) {
			return true
		}
	}
	return false
}

// speechVerbAt reports a speech or stance verb at token i, after any adverbs.
func (qd *quoteDoc) speechVerbAt(i, last int) bool {
	for i < last && subjectAdverbs.lookup(qd.toks[i].Norm) {
		i++
	}
	return i < last && qd.toks[i].Kind == Word && (quoteWords.speech.lookup(qd.toks[i].Norm) == "before" || stanceVerbs.lookup(qd.toks[i].Norm))
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
	return quoteWords.speech.lookup(w) != "" || stanceVerbs.lookup(w) || len(w) > 4 && hasVerbPrefix(w)
}

func (qd *quoteDoc) insideQuote(s Span) bool {
	return qd.quoteOverlapping(s, true)
}

// inMarks reports whether s lies inside quotation marks, in a quote or a
// title.
func (qd *quoteDoc) inMarks(s Span) bool {
	k := sort.Search(len(qd.marked), func(k int) bool { return qd.marked[k].content.Start > s.Start }) - 1
	return k >= 0 && qd.marked[k].content.Contains(s)
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
