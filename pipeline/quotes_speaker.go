package pipeline

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reading the speaker an attribution names: the subject before a speech
// verb, the speaker phrase after a cue, titles and names in it.

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
		a.anaphor = qd.newSpan(Span{t.Start, t.End})
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
		a.speaker = qd.newSpeaker(Speaker{Name: qd.doc.Text[span.Start:span.End], Mention: span})
		a.explicit = true
	}
}

// speakerPhrase reads the speaker named from token i on: a name (with roles
// and appositives: "Kepala Humas Polda Metro Jaya Kombes Yusri Yunus",
// "Menlu Rusia, Sergey Lavrov,"), a pronoun, a role description pointing back
// ("mantan menteri itu"), or a description of an unnamed speaker ("seorang warga").
func (qd *quoteDoc) speakerPhrase(a *attribution, i int) {
	// An account speaks by its handle: "tulis akun @budi", "tulis akun
	// Instagram @budi", "cuit @budi".
	if i+1 < len(qd.toks) && qd.toks[i].Kind == Word && webPrefixes.lookup(qd.toks[i].Norm) {
		if h := i + 1; qd.toks[h].Kind == Handle || h+1 < len(qd.toks) && qd.toks[h+1].Kind == Handle && qd.platformName(h) > 0 {
			i = h + 1
			if qd.toks[h].Kind == Handle {
				i = h
			}
		}
	}
	if i < len(qd.toks) && qd.toks[i].Kind == Handle {
		h := Span{qd.toks[i].Start, qd.toks[i].End}
		a.speaker, a.explicit = qd.newSpeaker(Speaker{Name: qd.doc.Text[h.Start:h.End], Mention: h}), true
		return
	}
	if i >= len(qd.toks) || qd.toks[i].Kind != Word && (qd.toks[i].Kind != Abbrev || !titleWords.lookup(trimPeriod(qd.toks[i].Norm))) {
		return // but an honorific may open it: "ujar dr. Ani Rahma"
	}
	w := qd.toks[i].Norm // looked up in any case, without lowering a copy
	if quoteWords.pronouns.lookup(w) {
		a.anaphor = qd.newSpan(Span{qd.toks[i].Start, qd.toks[i].End})
		return
	}
	if speakerPhraseStops.lookup(w) {
		return
	}
	// A document that writes: "tulis dokumen Buku Putih Energi Nasional".
	if documentWords.lookup(w) && i+1 < len(qd.toks) && isNameToken(&qd.toks[i+1]) {
		qd.setDocumentSpeaker(a, i+1)
		return
	}
	end := qd.speakerPhraseEnd(i)
	if end == i {
		return
	}
	// The acronym of a role the person was introduced with: "tegas JPU"
	// after "Jaksa Penuntut Umum (JPU) Rahmat Adi Nugroho".
	if end == i+1 && isAcronym(&qd.toks[i]) {
		if holder := qd.acronymHolder(i); holder >= 0 {
			qd.setEntitySpeaker(a, holder)
			a.speaker.Mention = Span{qd.toks[i].Start, qd.toks[i].End}
			return
		}
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
		a.anaphor = qd.newSpan(Span{qd.toks[i].Start, qd.toks[d-1].End})
		return
	}
	e := qd.bestEntityIn(phrase)
	name, named := qd.nameInPhrase(i, end)
	if e >= 0 && qd.doc.Entities[e].Label == Person && (!named || qd.doc.Entities[e].End > name.Start) {
		// A name read from the phrase that goes on past the entity found in it
		// is longer ("Rusdi [Putra Sembiring]"), and so is one that starts with
		// a place's name ("pelatih [Bima] Santoso"); other capitalised words
		// before the entity are more often the organisation's ("Koperasi Tani
		// [Makmur] Slamet Riyadi").
		if ent := qd.doc.Entities[e]; named && ent.ID == "" && name.Contains(ent.Span) && name != ent.Span &&
			(name.Start == ent.Start || qd.placeEntityAt(name.Start, ent.Start)) {
			qd.setNameSpeaker(a, name)
			return
		}
		qd.setEntitySpeaker(a, e)
		return
	}
	// A titled description pointing back: "kata Direktur PUSaKO itu".
	if d := qd.demonstrativeEnd(i, end); d > 0 {
		a.anaphor = qd.newSpan(Span{qd.toks[i].Start, qd.toks[d-1].End})
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
		// A title's word that is also a name, right before the holder's, is
		// the first word of the name: "kata Putri" after "Ketua Fraksi Putri
		// Zulkifli Hasan" is Putri Zulkifli Hasan, not Zulkifli Hasan.
		if first, _ := qd.tokenRange(qd.doc.Entities[holder].Span); end == i+1 && first > 0 &&
			titlesAlsoNames.lookup(qd.toks[i].Norm) && strings.EqualFold(qd.toks[first-1].Norm, qd.toks[i].Norm) {
			qd.setNameSpeaker(a, Span{qd.toks[first-1].Start, qd.doc.Entities[holder].End})
		} else {
			qd.setEntitySpeaker(a, holder)
		}
		a.speaker.Mention = phrase
		return
	}
	// An unnamed speaker: "seorang sumber", "para petugas informasi".
	description := strings.TrimPrefix(qd.doc.Text[phrase.Start:phrase.End], "para ")
	a.speaker = qd.newSpeaker(Speaker{Name: description, Mention: phrase})
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
		if classOf(trimPeriod(qd.toks[k].Norm))&(classTitle|classRole) == 0 {
			return -1
		}
	}
	title := qd.toks[i].Norm // in any case: "kata presiden"
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
			if strings.EqualFold(qd.toks[k].Norm, title) {
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
	// An acronym before the name's last word is an organisation's ("KSP
	// BNC Lestari Wulandari"); a last one may be the name's ("Wulan RTA").
	for first > i && isNameToken(&qd.toks[first-1]) && !qd.isRoleOrKnown(first-1) &&
		(first == last+1 || qd.toks[first].Has(SpaceBefore) && !isAcronym(&qd.toks[first-1])) {
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
	w := trimPeriod(qd.toks[k].Norm)
	if classOf(w)&(classTitle|classRole|classOrgHead|classPlaceCue) != 0 {
		return true
	}
	e := qd.entityCovering(Span{qd.toks[k].Start, qd.toks[k].End})
	return e >= 0 && qd.doc.Entities[e].Label != Person && qd.doc.Entities[e].ID != "" || qd.placeWords()[qd.toks[k].Norm]
}

// placeWords holds the one-word places the document links to the gazetteer
// anywhere ("di Surabaya"), so that the same word inside an organisation's
// name the entity stage left unlinked ("Dinas Kesehatan Kota Surabaya
// Rina Marlina") still ends a name read backwards.
func (qd *quoteDoc) placeWords() map[string]bool {
	if qd.places == nil {
		qd.places = reused(&qd.scratch.places)
		for i := range qd.doc.Entities {
			e := &qd.doc.Entities[i]
			if text := qd.doc.Text[e.Start:e.End]; e.Label == Place && e.ID != "" && !strings.Contains(text, " ") {
				qd.places[text] = true
			}
		}
	}
	return qd.places
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
			w := t.Norm // the lists are looked up in any case, without lowering a copy
			// "dan" joins the parts of a role: "Direktur Jenderal PAUD dan Dikmas".
			if sameWord(w, "dan") && j > i && j+1 < sentEnd && isNameToken(&qd.toks[j+1]) &&
				(isCapitalised(qd.toks[j-1].Norm) || qd.toks[j-1].Norm == ")") {
				continue
			}
			if j > i && (!isCapitalised(t.Norm) && (speakerPhraseStops.lookup(w) || quoteWords.sourceCues.lookup(w) != "" || looksLikeVerb(t.Norm)) ||
				calendarWords.lookup(w)) {
				return j
			}
		case Punct:
			// An appositive goes on after a comma: "Menlu Rusia, Sergey Lavrov",
			// and so does a list inside a role: "Bidang Politik, Hukum, dan Keamanan".
			if t.Norm == "," && j+1 < sentEnd && isNameToken(&qd.toks[j+1]) &&
				!calendarWords.lookup(qd.toks[j+1].Norm) {
				continue
			}
			// and after an honorific in lower case: "Kepala Dinas Kesehatan, dr. Ani Rahma".
			if t.Norm == "," && j+2 < sentEnd && !isCapitalised(qd.toks[j+1].Norm) && titleWords.lookup(trimPeriod(qd.toks[j+1].Norm)) &&
				isNameToken(&qd.toks[j+2]) {
				j++
				continue
			}
			if t.Norm == "," && j+2 < sentEnd && sameWord(qd.toks[j+1].Norm, "dan") && isNameToken(&qd.toks[j+2]) {
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
	return len(w) > 5 && hasVerbPrefix(w) && !verbLikeNouns.lookup(w)
}

// verbLikeNouns start like verbs and are nouns ("terdakwa", "direktur").
var verbLikeNouns = dataSet("verb-like-nouns.txt")

// verbPrefixes are the verbal prefixes, longest first.
var verbPrefixes = func() []string {
	var ps []string
	for p := range readWordSet("verb-prefixes.txt") {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b string) int { return len(b) - len(a) })
	return ps
}()

// hasVerbPrefix reports a word that starts with a verbal prefix.
func hasVerbPrefix(w string) bool {
	for _, p := range verbPrefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

func (qd *quoteDoc) setEntitySpeaker(a *attribution, e int) {
	ent := qd.doc.Entities[e]
	if ent.Label == Person && (ent.Method == "alias" || ent.Method == "fuzzy") && !strings.Contains(qd.doc.Text[ent.Start:ent.End], " ") {
		// A one-word alias ("Hasto", "Ronald" spelled near "Ronaldo") yields to
		// a person of the article whose full name has that word ("Hasto
		// Atmojo Suroyo"): the article knows better than the gazetteer. A
		// name in a title in quotation marks ("video \"Dubes Temui
		// Prabowo\"") is not the article's.
		for _, p := range qd.personIndex().withSurfaceWord(qd.doc.Text[ent.Start:ent.End]) {
			if p.ID != ent.ID && countWords(p.Name) > 1 && !qd.inMarks(p.Span) {
				a.speaker = qd.newSpeaker(Speaker{Name: qd.fullestName(p), ID: p.ID, Mention: ent.Span})
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
	a.speaker = qd.newSpeaker(Speaker{Name: qd.fullestName(ent), ID: ent.ID, Mention: ent.Span})
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

// spaceAt reports whether the character at byte i of s is white space, as
// strings.Fields tells it, and its length in bytes. The loops over a name's
// bytes test ASCII bytes with isASCIISpace first: spaceAt is too large to
// inline, and a call per byte showed.
func spaceAt(s string, i int) (space bool, size int) {
	if c := s[i]; c < utf8.RuneSelf {
		return isASCIISpace(c), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
}

func isASCIISpace(c byte) bool { return c <= ' ' && asciiSpaces>>c&1 != 0 }

// asciiSpaces has the bits of the ASCII white space characters.
const asciiSpaces = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r'

// countWordsUpTo is countWords counting no further than most: a quote's
// text need not be read to its end to know it has three words.
func countWordsUpTo(s string, most int) int {
	n := 0
	for i := 0; i < len(s) && n < most; {
		if c := s[i]; c <= ' ' && isASCIISpace(c) {
			i++
			continue
		} else if c >= utf8.RuneSelf {
			if space, size := spaceAt(s, i); space {
				i += size
				continue
			}
		}
		n++
		i = wordEnd(s, i)
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
	return firstKeyFrom(qd.doc.Entities, off, entityStart)
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

// documentWords are nouns for a document that writes what is quoted.
var documentWords = dataSet("document-words.txt")

// setDocumentSpeaker makes the document named from token i on the speaker,
// by its whole name ("Buku Putih Energi Nasional 2027", "Jurnal
// Gizi Nusantara"): organisations and acronyms in a title are the title's.
func (qd *quoteDoc) setDocumentSpeaker(a *attribution, i int) {
	end := qd.speakerPhraseEnd(i)
	for end > i+1 && !isNameToken(&qd.toks[end-1]) && qd.toks[end-1].Kind != Number {
		end--
	}
	span := Span{qd.toks[i].Start, qd.toks[end-1].End}
	a.speaker = qd.newSpeaker(Speaker{Name: qd.doc.Text[span.Start:span.End], Mention: span})
	a.explicit = true
}

// placeEntityAt reports a place entity spanning [start, end) up to the
// space before end.
func (qd *quoteDoc) placeEntityAt(start, end int) bool {
	e := qd.firstEntityAt(start)
	return e < len(qd.doc.Entities) && qd.doc.Entities[e].Start == start && qd.doc.Entities[e].Label == Place &&
		strings.TrimSpace(qd.doc.Text[qd.doc.Entities[e].End:end]) == ""
}

// acronymHolder returns the person whose name follows the acronym of token
// i where the document defines it in parentheses after a role ("Jaksa
// Penuntut Umum (JPU) Tegar Djati Kusuma"), or -1.
func (qd *quoteDoc) acronymHolder(i int) int {
	for _, k := range qd.nameTokens().of(qd.toks[i].Norm) {
		if k == 0 || k+2 >= len(qd.toks) || k >= i || qd.toks[k-1].Norm != "(" || qd.toks[k+1].Norm != ")" {
			continue
		}
		e := qd.firstEntityAt(qd.toks[k+2].Start)
		if e < len(qd.doc.Entities) && qd.doc.Entities[e].Start == qd.toks[k+2].Start && qd.doc.Entities[e].Label == Person {
			return e
		}
	}
	return -1
}
