package pipeline

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kutip/kutip/gazetteer"
)

// Relaying media: "…," kata X, dilansir dari Anadolu Agency; "Dilansir AFP,
// …" opening a paragraph; "dikutip BolaSport.com dari AS".

// sourceMention is a phrase naming the media a statement was relayed through.
type sourceMention struct {
	cue     int // token of the cue word
	sources []Source
	// Outside a quote's attribution, a source phrase concerns the passage when
	// it opens its sentence ("Dilansir AFP, …") or follows a speech verb
	// ("tambahnya, seperti dikutip dari …"); elsewhere it is just a mention.
	opensSentence, withSpeech bool
	// A platform named without a relaying cue ("melalui akun Twitternya")
	// yields to a medium that relayed the post ("…, seperti dilansir Sputnik").
	platform bool
	// told: the words were said to the medium ("kata X kepada CNBC"), so it
	// concerns that speaker only.
	told bool
	// pointsBack: the phrase's sentence says where the words before it came
	// from ("Pernyataan itu dikutip dari Reuters", "Demikian dilansir AFP").
	pointsBack bool
	// site: a web property names the medium ("laman resmi Pemkab X"): an
	// organisation's own, which relays its own people's words only.
	site bool
}

// clauseOpeners may stand before a source cue that still opens its clause.
var clauseOpeners = dataSet("clause-openers.txt")

// opensSentence reports a cue among the first words of its sentence or of
// its main clause ("Seperti dilansir AFP, …", "Sementara itu, mengutip …").
func (qd *quoteDoc) opensSentence(i int) bool {
	first := qd.sentenceStartToken(i)
	for k := first; k < i; k++ {
		if w := lower(qd.toks[k].Norm); w != "," && !clauseOpeners.get(w) {
			return false
		}
	}
	return true
}

// pointsBack reports a cue in a sentence that says where what came before
// it was taken from: a closing cue opens it ("Demikian dilansir AFP"), or a
// subject pointing back with a demonstrative does, right before the cue or a
// passive speech verb ("Hal itu dikutip dari Reuters", "Pernyataan Volkov
// itu disampaikan dalam wawancara dengan CNN").
func (qd *quoteDoc) pointsBack(i int) bool {
	first := qd.sentenceStartToken(i)
	if i == first {
		return false
	}
	// Words only: "Sementara itu, melansir X, …" opens what follows.
	for k := first; k < i && k <= first+3; k++ {
		if qd.toks[k].Kind != Word {
			return false
		}
	}
	if i-first <= 2 && closingCues.lookup(qd.toks[first].Norm) {
		return true
	}
	for k := first + 1; k < i && k <= first+3; k++ {
		if !demonstratives.lookup(qd.toks[k].Norm) {
			continue
		}
		v := k + 1
		for v < i && subjectAdverbs.lookup(qd.toks[v].Norm) {
			v++
		}
		return v == i || passiveSpeech.lookup(qd.toks[v].Stem())
	}
	return false
}

// speechBefore reports a speech cue or verb earlier in the sentence of token i.
func (qd *quoteDoc) speechBefore(i int) bool {
	for k := qd.sentenceStartToken(i); k < i; k++ {
		if quoteWords.speech.lookup(qd.toks[k].Stem()) != "" || passiveSpeech.lookup(qd.toks[k].Norm) {
			return true
		}
	}
	return false
}

// namesSite reports a source named as a web property ("laman resmi X",
// "akun Instagram @x").
func (qd *quoteDoc) namesSite(srcs []Source) bool {
	for _, src := range srcs {
		if t := &qd.toks[qd.firstTokenFrom(src.Start)]; t.Kind == Word && webPrefixes.lookup(t.Norm) {
			return true
		}
	}
	return false
}

// speechRightBefore reports a speech verb in the few words before token i,
// with no comma, "bahwa" or "yang" between them: the speech act that i's
// phrase says where it took place ("disampaikan Dinas X di Instagramnya",
// not "X menilai foto yang diunggah di Instagram").
func (qd *quoteDoc) speechRightBefore(i int) bool { return qd.speechVerbRightBefore(i) >= 0 }

// speechVerbRightBefore returns the token of speechRightBefore's verb, or -1.
func (qd *quoteDoc) speechVerbRightBefore(i int) int {
	first := qd.sentenceStartToken(i)
	for k := i - 1; k >= first && k >= i-8; k-- {
		t := &qd.toks[k]
		if t.Kind == Punct || sameWord(t.Norm, "bahwa") || sameWord(t.Norm, "yang") {
			return -1
		}
		if quoteWords.speech.lookup(t.Stem()) != "" || passiveSpeech.lookup(t.Norm) {
			return k
		}
	}
	return -1
}

// agentBefore returns the name of the person or organisation between a
// speech verb and the platform cue at token i ("disampaikan [Dinas X] di
// Instagramnya"), or "".
func (qd *quoteDoc) agentBefore(i int) string {
	v := qd.speechVerbRightBefore(i)
	if v < 0 || v+1 >= i {
		return ""
	}
	if e := qd.bestEntityIn(Span{qd.toks[v+1].Start, qd.toks[i-1].End}); e >= 0 && qd.doc.Entities[e].Label != Place {
		return qd.fullestName(qd.doc.Entities[e])
	}
	return ""
}

// mediaKinds are the gazetteer kinds of entities that can relay a quote.
var mediaKinds = dataSet("media-kinds.txt")

// heardDirectly are the words that show the reporter heard a quote.
var heardDirectly = dataSet("heard-directly.txt")

// assignSources gives each direct quote the media named in its attribution
// clause, or else those of an earlier passage it continues: the last source
// phrase before it, when that phrase concerned the same speaker (or no
// speaker in particular). A medium that relayed a speaker's words covers the
// other speakers' quotes after it too when it is the only medium the article
// names (a translated report), but never a quote the reporter heard.
func (qd *quoteDoc) assignSources(quotes []Quote) {
	cands, attrs := qd.cands, qd.attrs
	mentions := qd.sourceMentions()
	used := make([]bool, len(mentions))
	relaysAll := make([]bool, len(quotes))
	oneMedium := qd.namesOneMedium(mentions)
	for i := range quotes {
		from := attrs[i].clauseStart
		if !attrs[i].before && cands[i].close >= 0 {
			from = max(from, cands[i].close+1)
		}
		var relayed bool
		quotes[i].Sources, relayed = clauseSources(mentions, used, from, attrs[i].clauseEnd)
		relaysAll[i] = relayed && oneMedium
		// A statement taken from an organisation's own site is the
		// organisation's: "demikian pernyataan yang dilansir di situs resmi
		// Kementerian X".
		// It takes precedence over a speaker carried on from before.
		if !attrs[i].explicit && attrs[i].anaphor == nil && len(quotes[i].Sources) == 1 {
			if owner, ok := qd.siteOwner(quotes[i].Sources[0]); ok {
				quotes[i].Speaker = qd.newSpeaker(Speaker{Name: qd.doc.Text[owner.Start:owner.End], Mention: owner})
				quotes[i].Confidence = confSiteOwner
			}
		}
	}
	qd.sourcesPointedBack(quotes, mentions, used, relaysAll, oneMedium)
	// A quote running over several paragraphs has the media of its last part.
	for i := len(quotes) - 2; i >= 0; i-- {
		if quotes[i].Sources == nil && quotes[i+1].Sources != nil && qd.continuesInto(cands[i], cands[i+1]) {
			quotes[i].Sources = quotes[i+1].Sources
		}
	}
	// Walk quotes and free-standing source phrases in document order.
	var active *passage
	k := 0
	for i := range quotes {
		for ; k < len(mentions) && qd.toks[mentions[k].cue].Start < quotes[i].Start; k++ {
			if p, ok := qd.passageOf(mentions[k]); ok && !used[k] {
				active = &p
			}
		}
		speaker := ""
		if quotes[i].Speaker != nil {
			speaker = quotes[i].Speaker.Name
		}
		switch {
		case quotes[i].Sources != nil:
			active = &passage{quotes[i].Sources, speaker}
			if relaysAll[i] {
				active.speaker = ""
			}
		case active != nil && (active.speaker == "" || active.speaker == speaker):
			if qd.heardDirectly(i) {
				active = nil // the reporter's own interview ends the relayed passage
			} else {
				quotes[i].Sources = active.sources
			}
		}
	}
}

// passage is the media that a stretch of the article relays, and the
// speaker they concern.
type passage struct {
	sources []Source
	speaker string // "" when the phrase concerned no one in particular
}

// passageOf returns the passage a source phrase outside a quote's
// attribution relays. A medium that opens its sentence ("Dilansir AFP, …")
// relays the passage it opens, whoever speaks in it; one named after a
// speech verb ("X mengatakan …, dilansir AFP") that speaker's words. A
// platform is where someone posted: it concerns only the one who posted
// there, the sentence's subject or the person a pronoun there refers to
// ("Melalui akun Instagram-nya, ia menulis …"), when the platform opens the
// sentence or comes right after the speech verb ("disampaikan X di
// Instagram", not "X menjelaskan, semua berawal dari video di Twitter").
func (qd *quoteDoc) passageOf(m sourceMention) (passage, bool) {
	switch {
	case m.platform && (m.opensSentence || m.withSpeech):
		name := qd.agentBefore(m.cue)
		if name == "" {
			name = qd.sentenceSubjectName(m.cue)
		}
		if name == "" {
			if sp, _ := qd.antecedent(qd.toks[m.cue].Start); sp != nil {
				name = sp.Name
			}
		}
		return passage{m.sources, name}, name != ""
	case m.opensSentence:
		return passage{m.sources, ""}, true
	case m.withSpeech:
		return passage{m.sources, qd.sentenceSubjectName(m.cue)}, true
	}
	return passage{}, false
}

// sourcesPointedBack gives the media of a sentence that points back ("Hal
// itu dikutip dari Reuters") to the quote right before it, when its
// attribution names none, and to the quotes of the same speaker that
// passage runs on from; the phrase is then used.
func (qd *quoteDoc) sourcesPointedBack(quotes []Quote, mentions []sourceMention, used, relaysAll []bool, oneMedium bool) {
	for k, m := range mentions {
		if used[k] || !m.pointsBack {
			continue
		}
		at := qd.toks[m.cue].Start
		q := sort.Search(len(quotes), func(i int) bool { return quotes[i].Start >= at }) - 1
		if q < 0 || quotes[q].Sources != nil || qd.sentenceAt(qd.attributionEnd(q)) < qd.sentenceAt(at)-1 {
			continue
		}
		used[k] = true
		quotes[q].Sources = m.sources
		relaysAll[q] = oneMedium && !m.platform && !m.told
		for j := q - 1; j >= 0 && quotes[j].Sources == nil && sameSpeaker(quotes[j].Speaker, quotes[q].Speaker) &&
			(qd.cands[j].para == qd.cands[q].para || qd.continuesInto(qd.cands[j], qd.cands[j+1])); j-- {
			quotes[j].Sources = m.sources
		}
	}
}

// attributionEnd returns the offset where the i-th direct quote and its
// attribution end.
func (qd *quoteDoc) attributionEnd(i int) int {
	end := qd.cands[i].content.End
	if a := qd.attrs[i]; a.clauseEnd > 0 && !a.before {
		end = max(end, qd.toks[min(a.clauseEnd, len(qd.toks))-1].End)
	}
	return end
}

func sameSpeaker(a, b *Speaker) bool {
	return a == nil && b == nil || a != nil && b != nil && a.Name == b.Name
}

// namesOneMedium reports whether all source phrases of the article name the
// same media.
func (qd *quoteDoc) namesOneMedium(mentions []sourceMention) bool {
	if len(mentions) == 0 {
		return false
	}
	key := func(m sourceMention) string {
		var b strings.Builder
		for _, s := range m.sources {
			b.WriteString(foldMedium(s.Name))
			b.WriteByte(0)
		}
		return b.String()
	}
	first := key(mentions[0])
	for _, m := range mentions[1:] {
		if key(m) != first {
			return false
		}
	}
	return true
}

// heardDirectly reports words outside the i-th direct quote, from the end of
// the previous quote's attribution to the end of its own, that say the
// reporter heard it ("ujarnya saat ditemui di lokasi", "Agus, saat
// dihubungi, mengatakan", "kata Agus kepada detikcom").
func (qd *quoteDoc) heardDirectly(i int) bool {
	c, a := qd.cands[i], qd.attrs[i]
	first := 0
	if i > 0 {
		first = qd.attrs[i-1].clauseEnd
		if prev := qd.cands[i-1]; prev.close >= 0 {
			first = max(first, prev.close+1)
		}
	}
	heard := func(from, to int) bool {
		if len(within(qd.lists.heard, from, to)) > 0 {
			return true
		}
		// "kata X kepada detikcom": the publisher's reporter heard it.
		k := sort.SearchInts(qd.ownOutletCues, from)
		return k < len(qd.ownOutletCues) && qd.ownOutletCues[k] < to
	}
	return heard(first, c.open) || c.close >= 0 && heard(max(first, c.close+1), a.clauseEnd)
}

// clauseSources returns the media of the unused source phrases whose cues lie
// in tokens [from, to), and marks them used: all of them ("dalam wawancara
// di Goalpost, seperti dikutip dari detikSport"), but a platform only when
// no medium relayed it (it is the clause's, and passes on to no other quote).
// relayed says a medium relayed the words rather than heard them ("kepada
// CNBC") or carried a post.
func clauseSources(mentions []sourceMention, used []bool, from, to int) (out []Source, relayed bool) {
	first := sort.Search(len(mentions), func(k int) bool { return mentions[k].cue >= from })
	last := first
	hasMedium := false
	for ; last < len(mentions) && mentions[last].cue < to; last++ {
		hasMedium = hasMedium || !used[last] && !mentions[last].platform
	}
	for k := first; k < last; k++ {
		if used[k] {
			continue
		}
		used[k] = true
		m := &mentions[k]
		if hasMedium && m.platform {
			continue
		}
		relayed = relayed || !m.platform && !m.told && !m.site
		if out == nil {
			out = m.sources
			continue
		}
		out = append(slices.Clip(out), m.sources...)
	}
	return out, relayed
}

// sentenceSubjectName returns the name of the first person in the sentence of
// token i, or "".
func (qd *quoteDoc) sentenceSubjectName(i int) string {
	s := qd.sentenceAt(qd.toks[i].Start)
	if s < 0 {
		return ""
	}
	if e := qd.subjectIn(qd.stretch(qd.doc.Sentences[s])); e >= 0 {
		return qd.fullestName(qd.doc.Entities[e])
	}
	return ""
}

// mentionIn returns the last source phrase whose cue lies in tokens
// [first, last).
func (qd *quoteDoc) mentionIn(first, last int) (sourceMention, bool) {
	ms := qd.sourceMentions()
	k := sort.Search(len(ms), func(k int) bool { return ms[k].cue >= last }) - 1
	if k >= 0 && ms[k].cue >= first {
		return ms[k], true
	}
	return sourceMention{}, false
}

// sourceMentions returns every source phrase outside quotes and captions,
// found once per document.
func (qd *quoteDoc) sourceMentions() []sourceMention {
	if qd.mentions == nil {
		qd.mentions = qd.findSourceMentions()
	}
	return qd.mentions
}

func (qd *quoteDoc) findSourceMentions() []sourceMention {
	out := []sourceMention{}
	cands := qd.cands
	c := 0
	next := 0 // the first token not read as part of a phrase found
	for n, i := range qd.lists.sourceCues {
		if i < next {
			continue
		}
		t := &qd.toks[i]
		for c < len(cands) && cands[c].content.End <= t.Start {
			c++
		}
		if c < len(cands) && cands[c].content.Start <= t.Start {
			continue // inside a quote
		}
		listed := qd.lists.sourceCueWords[n]
		cue, ok := qd.sourceCueAt(i, listed)
		if !ok {
			continue
		}
		if p := qd.paragraphOf(i); p < 0 || qd.doc.Paragraphs[p].Kind == Caption {
			continue
		}
		srcs, own := qd.mediaList(cue.next, cue.knownOnly)
		if own {
			qd.ownOutletCues = append(qd.ownOutletCues, i)
		}
		if len(srcs) > 0 {
			m := sourceMention{cue: i, sources: srcs, opensSentence: qd.opensSentence(i), platform: listed.lists&listedPlatformCue != 0,
				told: cue.told, pointsBack: qd.pointsBack(i), site: qd.namesSite(srcs)}
			if m.platform {
				m.withSpeech = qd.speechRightBefore(i)
			} else {
				m.withSpeech = cue.interview || qd.speechBefore(i)
			}
			out = append(out, m)
			next = cue.next // "menurut laporan CNN" is one phrase, not two
		}
	}
	return out
}

// sourceCue is what a source cue says about the media named after it.
type sourceCue struct {
	next      int  // the token where the media list starts
	told      bool // the words were said to the medium ("kepada CNBC", "wawancara dengan CNN")
	knownOnly bool // only media the gazetteer knows count, as where most names are people's ("kepada X")
	interview bool // the sentence's subject gave the medium an interview
}

// sourceCueAt reports whether a source cue starts at token i, and what it
// says. The kinds of source-cues.txt: a relay cue always introduces media; a
// direct one media the words were said to; a report cue only before a
// statement word ("menurut laporan X"); an interview cue only before a word
// that links it to the medium ("wawancara dengan CNN"). Token i is one of
// tokenLists.sourceCues, and listed what listedWords says of its word.
func (qd *quoteDoc) sourceCueAt(i int, listed listedEntry) (sourceCue, bool) {
	cue := sourceCue{next: i + 1}
	var after string
	if i+1 < len(qd.toks) {
		after = qd.toks[i+1].Norm
	}
	switch listed.sourceCue {
	case "relay":
	case "known":
		cue.knownOnly = true
	case "direct":
		cue.told, cue.knownOnly = true, true
	case "report":
		if !reportWords.lookup(after) {
			return sourceCue{}, false
		}
		cue.next++
	case "interview":
		link := interviewLinks.lookup(after)
		// "wawancara eksklusif dengan CNN", "wawancara khusus bersama BBC"
		if link == "" && i+2 < len(qd.toks) && qd.toks[i+1].Kind == Word && !isCapitalised(after) {
			link = interviewLinks.lookup(qd.toks[i+2].Norm)
			cue.next++
		}
		if link == "" {
			return sourceCue{}, false
		}
		// "wawancara dengan X" is as often with a person as with a medium;
		// "wawancara di X" is with a medium.
		cue.next++
		cue.told, cue.interview, cue.knownOnly = true, true, link == "known"
	default:
		// "tulis peringatan dari laman resmi Kedubes AS", "tulisnya di Truth Social"
		if listed.lists&listedPlatformCue == 0 || after == "" || !qd.startsPlatform(i+1) {
			return sourceCue{}, false
		}
	}
	for cue.next < len(qd.toks) && qd.toks[cue.next].Kind == Word &&
		(sourceLinks.lookup(qd.toks[cue.next].Norm) || reportWords.lookup(qd.toks[cue.next].Norm)) {
		cue.next++ // "dilansir dari", "dilaporkan oleh", "mengutip laporan"
	}
	return cue, true
}

// sourceLinks stand between a source cue and the media it introduces.
var sourceLinks = dataSet("source-links.txt")

// mayStartSourceCue is a cheap filter before the word lookups: every source
// cue starts with d, k, l, m or w ("dilansir", "kepada", "lansir", "mengutip",
// "wawancara", "dari laman") and is five letters or more, but for "di",
// "via" and "dari". Only ASCII letters spell these, and a bit set at 0x20
// lowers them.
func mayStartSourceCue(w string) bool {
	switch len(w) {
	case 0, 1:
		return false
	case 2:
		return w[0]|0x20 == 'd' && w[1]|0x20 == 'i'
	case 3:
		return w[0]|0x20 == 'v' && w[1]|0x20 == 'i' && w[2]|0x20 == 'a'
	case 4:
		return w[0]|0x20 == 'd' && w[1]|0x20 == 'a' && w[2]|0x20 == 'r' && w[3]|0x20 == 'i'
	}
	switch w[0] | 0x20 {
	case 'd', 'k', 'l', 'm', 'w':
		return true
	}
	return false
}

var (
	platformCues   = dataSet("platform-cues.txt")
	platformNames  = dataSet("platform-names.txt")
	interviewLinks = listOf(readWordMap("interview-links.txt")) // word → "any" | "known"
)

// startsPlatform reports a platform, channel or web property named from
// token i on: "laman", "akun", "media sosial", a handle, or a platform's
// name ("Instagram", "Instagramnya", "X").
func (qd *quoteDoc) startsPlatform(i int) bool {
	t := &qd.toks[i]
	if t.Kind == Handle || t.Kind == Word && (webPrefixes.lookup(t.Norm) || sameWord(t.Norm, "media") &&
		i+1 < len(qd.toks) && strings.EqualFold(qd.toks[i+1].Norm, "sosial")) {
		return true
	}
	// A kind of channel before the platform: "di saluran Telegram-nya".
	if t.Kind == Word && mediaTypes.lookup(t.Norm) && i+1 < len(qd.toks) && qd.platformName(i+1) > 0 {
		return true
	}
	return qd.platformName(i) > 0
}

// platformName returns the length in bytes of the platform name the word at
// token i spells, without a -nya after it ("Instagramnya"), or 0.
func (qd *quoteDoc) platformName(i int) int {
	t := &qd.toks[i]
	if t.Kind == Abbrev && platformNames.get(trimPeriod(t.Norm)) {
		return len(t.Norm) - 1 // "via media sosial X." ending the sentence
	}
	if t.Kind != Word || !isCapitalised(t.Norm) {
		return 0
	}
	if platformNames.get(t.Norm) {
		return len(t.Norm)
	}
	if e := qd.entityCovering(Span{t.Start, t.End}); e >= 0 {
		if ent := &qd.doc.Entities[e]; ent.Kind == "social-media" && ent.Start == t.Start {
			return ent.End - ent.Start
		}
		return 0
	}
	// "Instagramnya", and "TikTok-nya" as a name with capitals inside is
	// written.
	stem := t.Stem()
	if n := hyphenNyaStem(t.Norm); n > 0 {
		stem = t.Norm[:n]
	}
	if stem == t.Norm {
		return 0
	}
	if platformNames.get(stem) {
		return len(stem)
	}
	if qd.gaz != nil {
		for _, e := range qd.gaz.Candidates(stem) {
			if e.Kind == "social-media" {
				return len(stem)
			}
		}
	}
	return 0
}

// hyphenNyaStem returns the length of w before a "-nya" that ends it
// ("TikTok-nya", "Story-nya"), or 0.
func hyphenNyaStem(w string) int {
	h := len(w) - len(CliticNya.Suffix()) - 1
	if h > 0 && w[h] == '-' && strings.EqualFold(w[h+1:], CliticNya.Suffix()) {
		return h
	}
	return 0
}

// mediaList reads "X", "X dan Y", "X, Y dan Z", "X dari Y" from token i. With
// knownOnly, only media the gazetteer knows (or web addresses) count, as after
// "kepada", where most names are people.
func (qd *quoteDoc) mediaList(i int, knownOnly bool) (out []Source, own bool) {
	for {
		src, end, known := qd.medium(i)
		if end == i && !knownOnly && len(out) == 0 && qd.lowerCaseOutletAt(i) {
			t := &qd.toks[i]
			src, end = Source{Name: qd.doc.Text[t.Start:t.End], Span: Span{t.Start, t.End}}, i+1
		}
		if end == i {
			break
		}
		if known || !knownOnly {
			if qd.isOwnOutlet(src.Name) {
				own = true
			} else {
				out = append(out, src)
			}
		}
		i = end
		if i+1 >= len(qd.toks) {
			break
		}
		w := lower(qd.toks[i].Norm)
		// After a comma comes the sentence's own text ("Dilansir AFP, Macron
		// …") unless a known medium continues the list.
		if w == "dan" || (w == "," && qd.isKnownMedium(i+1)) || (w == "dari" && qd.looksLikeMedium(i+1)) {
			i++
			continue
		}
		break
	}
	return out, own
}

// endsWithWord reports a lower-case word without -nya at token i that ends
// its phrase: punctuation or the text's end follow it.
func (qd *quoteDoc) endsWithWord(i int) bool {
	if i >= len(qd.toks) || qd.toks[i].Kind != Word || isCapitalised(qd.toks[i].Norm) || qd.toks[i].Clitic != NoClitic {
		return false // "akun pribadinya" names no owner
	}
	return i+1 >= len(qd.toks) || qd.toks[i+1].Kind == Punct
}

// lowerCaseOutletAt reports a lower-case word at token i, right after a
// relaying cue, that no word list knows and that ends the phrase: an outlet
// that writes its name in lower case ("dilansir jpnn, Senin"), where a
// common word would be the sentence's ("dilaporkan hilang").
func (qd *quoteDoc) lowerCaseOutletAt(i int) bool {
	if i >= len(qd.toks) {
		return false
	}
	t := &qd.toks[i]
	if t.Kind != Word || len(t.Norm) < 4 || isCapitalised(t.Norm) || t.Clitic != NoClitic || lexicon.lookup(t.Norm) != 0 || hasVerbPrefix(t.Norm) ||
		strings.ContainsFunc(t.Norm, func(r rune) bool { return r < 'a' || r > 'z' }) {
		return false
	}
	if i+1 < len(qd.toks) {
		if next := qd.toks[i+1].Norm; next != "," && next != "." && next != ")" {
			return false
		}
	}
	return true
}

// isKnownMedium reports a web address or a medium the gazetteer knows at token i.
func (qd *quoteDoc) isKnownMedium(i int) bool {
	if i >= len(qd.toks) {
		return false
	}
	_, _, known := qd.medium(i)
	return known
}

// looksLikeMedium reports whether "dari X" at token i names a second medium
// ("dikutip Grid.ID dari Asiaone"): a web address, a handle, a "laman/situs/
// akun" phrase, or a name that the gazetteer does not know as a place or a person.
func (qd *quoteDoc) looksLikeMedium(i int) bool {
	if i >= len(qd.toks) {
		return false
	}
	t := &qd.toks[i]
	if t.Kind == URL || t.Kind == Handle || mediaPrefixes.lookup(t.Norm) {
		return true
	}
	if qd.isMediumWord(i) {
		return true
	}
	if !isNameToken(t) {
		return false
	}
	if e := qd.entityCovering(Span{t.Start, t.End}); e >= 0 {
		// A medium takes its words from another medium, not from a country:
		// "dikutip BolaSport.com dari AS" is the Spanish daily.
		ent := qd.doc.Entities[e]
		return mediaKinds.get(ent.Kind) || ent.ID == "" || ent.Label == Place && isAcronym(t)
	}
	return true
}

// nameListGoesOn reports whether the comma at token i separates the fields
// listed inside a name: single capitalised words and commas up to "dan" and
// another capitalised word ("Komunikasi, Informatika, dan Statistik"). A
// list of names of several words is a list of sources, not one name.
func (qd *quoteDoc) nameListGoesOn(i int) bool {
	for j := i + 1; j+1 < len(qd.toks) && j < i+16; j += 2 {
		if sameWord(qd.toks[j].Norm, "dan") {
			return isNameToken(&qd.toks[j+1])
		}
		if !isNameToken(&qd.toks[j]) || calendarWords.lookup(qd.toks[j].Norm) {
			return false
		}
		switch next := qd.toks[j+1].Norm; {
		case next == ",":
		case sameWord(next, "dan"):
			return j+2 < len(qd.toks) && isNameToken(&qd.toks[j+2])
		default:
			return false
		}
	}
	return false
}

// isMediumWord reports a word at token i that names a medium though it is
// not capitalised: one the gazetteer knows as media ("kumparan"), or one in
// camel case, as networks spell their sister outlets ("detikFinance",
// "kumparanNEWS").
func (qd *quoteDoc) isMediumWord(i int) bool {
	t := &qd.toks[i]
	if t.Kind != Word || isCapitalised(t.Norm) {
		return false
	}
	if e := qd.entityCovering(Span{t.Start, t.End}); e >= 0 && mediaKinds.get(qd.doc.Entities[e].Kind) {
		return true
	}
	// An outlet the gazetteer knows in another case ("antaranews" for
	// Antaranews): the entity stage matches its aliases as written.
	return isCamelCase(t.Norm) || qd.gaz != nil && slices.ContainsFunc(qd.gaz.Candidates(t.Norm), isMedium)
}

func isMedium(e *gazetteer.Entry) bool { return mediaKinds.get(e.Kind) }

// isCamelCase reports a word that starts with a lower-case letter and has
// a capital after it.
func isCamelCase(w string) bool {
	if w == "" || !unicode.IsLower(rune(w[0])) {
		return false
	}
	return strings.ContainsFunc(w[1:], unicode.IsUpper)
}

// medium reads one medium's name from token i: an optional "laman (resmi)",
// "akun Instagram" prefix, then capitalised words, web addresses or handles.
// It returns the token after it and whether the gazetteer knows it as media.
func (qd *quoteDoc) medium(i int) (Source, int, bool) {
	start := i
	web := false
	for i < len(qd.toks) && qd.toks[i].Kind == Word && (mediaPrefixes.lookup(qd.toks[i].Norm) ||
		(i > start && strings.EqualFold(qd.toks[i].Norm, "resmi")) ||
		(i > start && mediaModifiers.lookup(qd.toks[i].Norm) && mediaTypes.lookup(qd.toks[i-1].Norm))) {
		web = web || webPrefixes.lookup(qd.toks[i].Norm)
		i++
	}
	nameStart, clipped := i, 0
	for i < len(qd.toks) {
		t := &qd.toks[i]
		// A name after "laman", "situs" or "akun" is an organisation's and may
		// have "dan" in it: "laman resmi Dirjen PAUD dan Dikmas".
		if nameStart > start && i > nameStart && sameWord(t.Norm, "dan") && i+1 < len(qd.toks) && isNameToken(&qd.toks[i+1]) {
			i++
			continue
		}
		// and commas, in a list of its fields: "kanal YouTube Dinas
		// Komunikasi, Informatika, dan Statistik Jawa Tengah".
		if nameStart > start && i > nameStart && t.Norm == "," && qd.nameListGoesOn(i) {
			i++
			continue
		}
		ok := t.Kind == URL || t.Kind == Handle || isNameToken(t) && !calendarWords.lookup(t.Norm) || qd.isMediumWord(i)
		if !ok {
			break
		}
		i++
		if n := qd.platformName(i - 1); n > 0 && n < t.End-t.Start {
			clipped = t.Start + n // "di Instagramnya": the platform is Instagram
			break
		}
		if n := hyphenNyaStem(t.Norm); n > 0 {
			clipped = t.Start + n // "di Instagram Story-nya"
			break
		}
	}
	// A web property the text names by its owner in lower case ends the
	// phrase: "dikutip dari situs resmi klub".
	if i == nameStart && web && qd.endsWithWord(i) {
		whole := Span{qd.toks[start].Start, qd.toks[i].End}
		return Source{Name: qd.doc.Text[whole.Start:whole.End], Span: whole}, i + 1, true
	}
	if i == nameStart {
		return Source{}, start, false
	}
	name := Span{qd.toks[nameStart].Start, qd.toks[i-1].End}
	if clipped > 0 {
		name.End = clipped
	}
	// "mengutip laporan Menteri X": a person, not a medium.
	if nameStart == start && qd.namesKnownPerson(name) {
		return Source{}, start, false
	}
	// An entity reaching further (a name with "dan" or digits in it) wins.
	var known bool
	var id string
	if e := qd.entityCovering(name); e >= 0 {
		ent := qd.doc.Entities[e]
		if mediaKinds.get(ent.Kind) {
			known, id = true, ent.ID
			if ent.End > name.End {
				name.End = ent.End
				for i < len(qd.toks) && qd.toks[i].Start < ent.End {
					i++
				}
			}
		}
	}
	// A medium the entity stage leaves unlinked because its name is also a
	// common word ("dilansir Antara") links as "kutip gazetteer lookup"
	// finds it: in a source phrase the word is the medium's.
	if id == "" && qd.gaz != nil {
		if e := qd.mediumNamed(qd.doc.Text[name.Start:name.End]); e != nil {
			known, id = true, e.ID
		}
	}
	whole := name
	// The text's own naming of a web property is kept ("laman resmi PSSI"),
	// but a bare web address needs no "laman" before it.
	if web && !(nameStart+1 == i && qd.toks[nameStart].Kind == URL) {
		whole.Start = qd.toks[start].Start
	}
	// A name introduced as a medium is one ("kepada televisi CNN Turk"), and
	// so is one that says it is ("kepada Kerala Daily").
	known = known || qd.toks[nameStart].Kind == URL || nameStart > start || qd.hasMediaNameWord(nameStart, i)
	text := qd.doc.Text[whole.Start:whole.End]
	if id != "" && strings.Contains(text, " ") {
		// "Deutsche Welle (DW)" is Deutsche Welle.
		text = qd.unsplitName(dropParenthesis(text), id)
	}
	// An account's handle after a word about whose it is: "akun Instagram
	// pribadinya @budi" is the account Instagram @budi.
	if h := qd.handleAfter(i); (web || clipped > 0) && h >= 0 && qd.toks[i-1].Kind != Handle {
		text += " " + qd.doc.Text[qd.toks[h].Start:qd.toks[h].End]
		whole.End, i = qd.toks[h].End, h+1
	}
	return Source{Name: text, ID: id, Span: whole}, i, known
}

// unsplitName returns the name of the medium with gazetteer id that the text
// writes split by a space where the name has a period ("Kontan co.id" for
// Kontan.co.id, a scrape's loss), or text.
func (qd *quoteDoc) unsplitName(text, id string) string {
	e, ok := qd.gaz.Entry(id)
	if !ok {
		return text
	}
	joined := strings.ReplaceAll(text, " ", ".")
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		if strings.EqualFold(name, joined) {
			return name
		}
	}
	return text
}

// handleAfter returns the handle at token i or after one lower-case word
// there ("pribadinya @budi", "resminya @budi"), or -1.
func (qd *quoteDoc) handleAfter(i int) int {
	for k := i; k < len(qd.toks) && k <= i+1; k++ {
		t := &qd.toks[k]
		if t.Kind == Handle {
			return k
		}
		if t.Kind != Word || isCapitalised(t.Norm) {
			break
		}
	}
	return -1
}

// namesKnownPerson reports a name that is, or ends with, a person that more
// than the capitals rule found, or that opens with a title ("Menteri X").
func (qd *quoteDoc) namesKnownPerson(name Span) bool {
	if first := qd.firstTokenFrom(name.Start); titleWords.lookup(trimPeriod(qd.toks[first].Norm)) {
		return true
	}
	for e := max(qd.firstEntityAt(name.Start)-1, 0); e < len(qd.doc.Entities) && qd.doc.Entities[e].Start < name.End; e++ {
		if ent := &qd.doc.Entities[e]; ent.End > name.Start && ent.Label == Person && ent.Method != "rule" {
			return true
		}
	}
	return false
}

// mediaModifiers describe a kind of medium ("televisi pemerintah IRIB").
var mediaModifiers = dataSet("media-modifiers.txt")

// mediaNameWords mark a name as a news medium's ("Sumbawa News").
var mediaNameWords = dataSet("media-name-words.txt")

// hasMediaNameWord reports a word of tokens [from, to) that marks the name
// they spell as a medium's.
func (qd *quoteDoc) hasMediaNameWord(from, to int) bool {
	for k := from; k < to; k++ {
		if mediaNameWords.get(qd.toks[k].Norm) {
			return true
		}
	}
	return false
}

// mediumNamed returns the medium the gazetteer's lookup finds for name, by
// its name or an alias in any case, or nil.
func (qd *quoteDoc) mediumNamed(name string) *gazetteer.Entry {
	for _, r := range qd.gaz.Lookup(name, 3) {
		if r.Method != "fuzzy" && mediaKinds.get(r.Entry.Kind) {
			return r.Entry
		}
	}
	return nil
}

// entityCovering returns the entity that overlaps the start of s, or -1.
func (qd *quoteDoc) entityCovering(s Span) int {
	for i := max(qd.firstEntityAt(s.Start)-1, 0); i < len(qd.doc.Entities) && qd.doc.Entities[i].Start < s.End; i++ {
		if e := &qd.doc.Entities[i]; e.Start <= s.Start && e.End > s.Start {
			return i
		}
	}
	return -1
}

// isOwnOutlet reports the publishing outlet naming itself ("kepada
// Kompas.com" in a Kompas article), which is not a relaying source. A sister
// outlet ("Tribunnewswiki" in Tribunnews) is another medium.
func (qd *quoteDoc) isOwnOutlet(name string) bool {
	return qd.outlet != "" && foldMedium(name) == qd.outlet
}

// foldMedium reduces a medium's name to lower-case letters and digits without
// a web suffix, so that "Kompas.com", "KOMPAS.com" and "Kompas", or
// "detik.com" and "detikcom", are equal.
func foldMedium(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f {
			b.WriteRune(r)
		}
	}
	f := strings.TrimPrefix(b.String(), "www")
	for _, suffix := range []string{"coid", "com", "id", "co", "net"} {
		if len(f) > len(suffix)+2 && strings.HasSuffix(f, suffix) {
			return f[:len(f)-len(suffix)]
		}
	}
	return f
}

// siteOwner returns the name of the organisation whose web property a source
// is ("situs resmi Kementerian X" → "Kementerian X"), when it is not a medium.
func (qd *quoteDoc) siteOwner(src Source) (Span, bool) {
	first, last := qd.tokenRange(src.Span)
	k := first
	for k < last && (webPrefixes.lookup(qd.toks[k].Norm) || strings.EqualFold(qd.toks[k].Norm, "resmi")) {
		k++
	}
	if k == first || k == last || qd.toks[k].Kind == URL || src.ID != "" {
		return Span{}, false
	}
	return Span{qd.toks[k].Start, src.End}, true
}
