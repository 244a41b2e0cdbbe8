package pipeline

import (
	"context"
	"fmt"
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

var (
	titleWords        = readWordSet("titles.txt")
	affiliationTitles = readWordSet("affiliation-titles.txt")
	roleWords         = readWordSet("role-words.txt")
	orgHeads          = readWordSet("org-heads.txt")
	placeCues         = readWordSet("place-cues.txt")
	nameConnectors    = readWordSet("name-connectors.txt")
	orgConnectors     = readWordSet("org-connectors.txt")
	lowercaseWords    = readWordSet("lowercase-words.txt")
	termWords         = readWordSet("terms.txt")
	contextCues       = readLabelMap("context-cues.tsv")
)

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

// Process implements Stage.
func (s *Entities) Process(_ context.Context, doc *Document) error {
	toks := doc.Tokens
	words := make([]string, len(toks))
	for i := range toks {
		words[i] = toks[i].Norm
	}
	f := entityFinder{doc: doc, g: s.Gazetteer, known: make([]int32, len(toks)), out: doc.Entities[:0]}
	f.matches = s.Gazetteer.MatchTokens(words, nil)
	for k, m := range f.matches {
		if isSentenceInitialWord(doc, m.Start, m.End) {
			continue
		}
		for i := m.Start; i < m.End; i++ {
			f.known[i] = int32(k + 1)
		}
	}
	kind := paragraphKinds(doc)
	for i := 0; i < len(toks); {
		end := f.runEnd(i)
		switch {
		case end == i:
			i++
		case kind(i) == Heading:
			// Headline case capitalises every word: only known names count.
			for j := i; j < end; j++ {
				if f.known[j] != 0 {
					j = f.emitKnown(j, nil) - 1
				}
			}
			i = end
		default:
			i = f.run(i, end)
		}
	}
	doc.Entities = f.out
	sort.SliceStable(doc.Entities, func(i, j int) bool { return doc.Entities[i].Start < doc.Entities[j].Start })
	return nil
}

// entityFinder holds one document's state while its names are found.
type entityFinder struct {
	doc     *Document
	g       *gazetteer.Gazetteer
	matches []gazetteer.Match
	known   []int32 // per token: 1 + the index of the gazetteer match covering it, or 0
	out     []Entity
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

// isSentenceInitialWord reports a one-word match on the first word of a
// sentence that is an ordinary word there ("Bahkan", "Selain"): capitals at a
// sentence start prove nothing.
func isSentenceInitialWord(doc *Document, start, end int) bool {
	if end-start != 1 || !atSentenceStart(doc, start) {
		return false
	}
	return gazetteer.IsCommonWord(doc.Tokens[start].Norm)
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
// ("bin", "van der"; "dan" between the words of an organisation's name). It
// returns i when no run starts there.
func (f *entityFinder) runEnd(i int) int {
	toks := f.doc.Tokens
	if !f.isNameToken(i) {
		return i
	}
	end := i + 1
	headed := isHead(toks[i])
	for end < len(toks) {
		switch {
		case !toks[end].Has(SpaceBefore):
			return end
		case f.isNameToken(end):
			headed = headed || isHead(toks[end])
			end++
		case end+1 < len(toks) && f.isNameToken(end+1) && f.joins(end, headed):
			end += 2
		default:
			return end
		}
	}
	return end
}

// joins reports whether the lower-case word at i joins the name words around
// it into one name.
func (f *entityFinder) joins(i int, headed bool) bool {
	toks := f.doc.Tokens
	w := toks[i].Norm
	if nameConnectors[w] {
		return true
	}
	// "Kementerian Kelautan dan Perikanan": ordinary words on both sides;
	// "Golkar dan Gerindra" are two names.
	return headed && orgConnectors[w] && f.known[i-1] == 0 && f.known[i+1] == 0 &&
		isOrdinaryWord(toks[i-1]) && isOrdinaryWord(toks[i+1]) && !isHead(toks[i+1])
}

func (f *entityFinder) isNameToken(i int) bool {
	if f.known[i] != 0 {
		return true
	}
	t := &f.doc.Tokens[i]
	return isNameWord(*t) && !t.Has(Dateline)
}

// isNameWord reports a capitalised word or an initial ("H.", "M.") that can
// be part of a name. A word with -nya ("Arabnya", "Menurutnya") is not.
func isNameWord(t Token) bool {
	switch t.Kind {
	case Word:
		return t.Clitic != CliticNya && isCapitalised(t.Norm)
	case Abbrev:
		return len(t.Norm) <= 3 && isCapitalised(t.Norm)
	}
	return false
}

// run tags the names in the run of name tokens [start, end) and returns
// where scanning goes on (after end when a parenthesis was taken in).
func (f *entityFinder) run(start, end int) int {
	toks := f.doc.Tokens
	// A capitalised ordinary word opening a sentence is not a name, unless
	// it is a title or the head of an organisation or place name.
	if f.known[start] == 0 && atSentenceStart(f.doc, start) && isOrdinaryWord(toks[start]) &&
		!isTitle(toks[start]) && !isHead(toks[start]) {
		start++
	}
	ev := noEvidence
	next := end
	for j := start; j < end; {
		var k int
		switch {
		case f.known[j] != 0:
			k = f.emitKnown(j, &ev)
		case isTitle(toks[j]):
			k = f.title(j, end, &ev)
		case isHead(toks[j]):
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

// emitKnown adds the gazetteer match covering token j and returns its end.
func (f *entityFinder) emitKnown(j int, ev *evidence) int {
	m := f.matches[f.known[j]-1]
	method := "gazetteer"
	if m.Method == "alias" {
		method = "alias"
	}
	e := entryEntity(f.doc.Tokens, m.Start, m.End, m.Entry, method)
	end := m.End
	if e.Label != Person {
		end = f.takeParenthesis(&e, end)
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
// "Kepala Bidang Humas", "Komjen Pol") and returns its end.
func (f *entityFinder) title(j, end int, ev *evidence) int {
	toks := f.doc.Tokens
	if inSet(affiliationTitles, trimPeriod(toks[j].Norm)) {
		*ev = affiliation
	} else {
		*ev = personTitle
	}
	k := j + 1
	for k < end && f.known[k] == 0 && !isHead(toks[k]) && !isAcronym(toks[k]) {
		t := toks[k]
		w := trimPeriod(t.Norm)
		if inSet(titleWords, w) {
			if !inSet(affiliationTitles, w) {
				*ev = personTitle
			}
		} else if !inSet(roleWords, w) && !isOrdinaryWord(t) && !isConnector(t) {
			break
		}
		k++
	}
	return k
}

// headed tags the organisation or place name that a head word opens at j
// ("Partai Persatuan Pembangunan", "Kejaksaan Tinggi Sulawesi Selatan",
// "Gedung BEI Medan"), and the person a title announced right after it.
func (f *entityFinder) headed(j, end int, ev *evidence) int {
	toks := f.doc.Tokens
	label := Organisation
	if inSet(placeCues, toks[j].Norm) {
		label = Place
	}
	k := j + 1
	for k < end {
		if f.known[k] != 0 {
			m := f.matches[f.known[k]-1]
			if Label(m.Entry.Label) == Person {
				break
			}
			k = m.End
			continue
		}
		if t := toks[k]; isTitle(t) && !inSet(roleWords, trimPeriod(t.Norm)) {
			break
		}
		k++
	}
	if k == j+1 {
		// A bare head is a common noun ("Partai", "Kota"), unless written as
		// an acronym (SPBU, DPRD).
		if isAcronym(toks[j]) {
			f.out = append(f.out, f.ruleEntity(j, k, label))
			*ev = evidenceAfter(label, *ev)
		}
		return k
	}
	// "Partai Golkar Nurul Arifin" after a title: the organisation keeps its
	// ordinary words and one name word; two or more name words after that
	// are the person.
	split := k
	if *ev != noEvidence || k < len(toks) && quoteWords.speech[lower(toks[k].Norm)] == "before" {
		p := k
		for p > j+1 && f.known[p-1] == 0 && isPlainName(toks[p-1]) {
			p--
		}
		if p == j+1 {
			p++
		}
		if k-p >= 2 {
			split = p
		}
	}
	e := f.ruleEntity(j, split, label)
	next := split
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
// head opens, and returns their end.
func (f *entityFinder) name(j, end int, ev *evidence) int {
	toks := f.doc.Tokens
	k := j + 1
	if isAcronym(toks[j]) {
		for k < end && f.known[k] == 0 && isAcronym(toks[k]) {
			k++
		}
		// "BPH Migas" is one name; "MDC Morgan Tsangirai" an organisation and
		// its member.
		rest := k
		for rest < end && f.known[rest] == 0 && isPlainName(toks[rest]) {
			rest++
		}
		if rest-k == 1 {
			k = rest
		}
	} else {
		for k < end && f.known[k] == 0 && !isTitle(toks[k]) && !isHead(toks[k]) && !isAcronym(toks[k]) {
			k++
		}
	}
	label, split, ok := f.labelName(j, k, *ev)
	if !ok {
		*ev = noEvidence
		return k
	}
	if split > j {
		f.out = append(f.out, f.ruleEntity(j, split, Organisation))
		f.out = append(f.out, f.ruleEntity(split, k, Person))
		*ev = noEvidence
		return k
	}
	// "Kapolri Jenderal Badrodin Haiti": a one-word place ending a titled
	// name is the last word of the name.
	if label == Person && *ev == personTitle && k+1 == end && f.known[k] != 0 {
		if m := f.matches[f.known[k]-1]; m.End == end && m.Start == k && Label(m.Entry.Label) == Place {
			k = end
		}
	}
	e := f.ruleEntity(j, k, label)
	next := k
	if label != Person && k == end {
		next = f.takeParenthesis(&e, k)
	}
	f.out = append(f.out, e)
	*ev = evidenceAfter(label, *ev)
	return next
}

// labelName decides what the capitalised words [j, k) are. For an
// organisation followed by its member ("Golkar Nurul Arifin" after
// "politikus") it returns the index where the person starts.
func (f *entityFinder) labelName(j, k int, ev evidence) (Label, int, bool) {
	toks := f.doc.Tokens
	n := k - j
	acronyms, ordinary, terms := 0, 0, 0
	for i := j; i < k; i++ {
		switch {
		case isAcronym(toks[i]):
			acronyms++
		case isOrdinaryWord(toks[i]):
			ordinary++
		}
		if inSet(termWords, toks[i].Norm) {
			terms++
		}
	}
	switch {
	case terms > 0:
		return "", 0, false
	case acronyms == n:
		if ev == personTitle {
			return Person, 0, true // "Presiden SBY"
		}
		return Organisation, 0, true
	case ev == personTitle:
		return Person, 0, true
	case ev == affiliation && n == 1:
		return Organisation, 0, true
	case ev == affiliation && n >= 3:
		return Person, j + 1, true
	case ev == affiliation:
		return Person, 0, true
	case ordinary == n:
		// Capitalised ordinary words are a term or a headline ("Bahan Bakar
		// Minyak"), not a name.
		return "", 0, false
	}
	prev, next := "", ""
	if j > 0 {
		prev = lower(toks[j-1].Stem())
	}
	if k < len(toks) {
		next = lower(toks[k].Norm)
	}
	switch {
	case quoteWords.speech[prev] == "after" || quoteWords.speech[next] == "before":
		return Person, 0, true
	case contextCues[prev] != "":
		return contextCues[prev], 0, true
	case prev != "" && placeCues[prev]:
		return Place, 0, true // "kota Rafah", "wilayah Jabotabek"
	case n <= 4:
		// Capitalised words with nothing else to go by: most often a person
		// in news text.
		return Person, 0, true
	}
	return "", 0, false
}

// takeParenthesis extends an organisation or place name ending at token k
// over the acronym in parentheses after it ("Mahkamah Konstitusi (MK)"),
// and over a country right after that ("Kementerian Luar Negeri (Kemenlu)
// Rusia", the ministry of Russia). It returns the token after e.
func (f *entityFinder) takeParenthesis(e *Entity, k int) int {
	toks := f.doc.Tokens
	if k+2 >= len(toks) || toks[k].Norm != "(" || toks[k+2].Norm != ")" || !isNameWord(toks[k+1]) {
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
		}
	}
	if e.Name == "" || e.ID == "" {
		e.Name = name
	}
	return k
}

// isTitle reports a title or rank written before a name ("Presiden", "Dr.").
func isTitle(t Token) bool {
	return (t.Kind == Word || t.Kind == Abbrev) && inSet(titleWords, trimPeriod(t.Norm))
}

// isHead reports a word that opens an organisation or place name.
func isHead(t Token) bool {
	return (t.Kind == Word || t.Kind == Abbrev) && (inSet(orgHeads, trimPeriod(t.Norm)) || inSet(placeCues, trimPeriod(t.Norm)))
}

// isOrdinaryWord reports a word that is written in lower case in running
// text, whatever its case here.
func isOrdinaryWord(t Token) bool {
	return t.Kind == Word && (inSet(lowercaseWords, t.Norm) || gazetteer.IsCommonWord(t.Norm))
}

func isConnector(t Token) bool {
	return nameConnectors[t.Norm] || orgConnectors[t.Norm]
}

// isAcronym reports a word in capitals of two or more letters that is not a
// Roman numeral (PKB, KPK, DPR-RI).
func isAcronym(t Token) bool {
	if t.Kind != Word {
		return false
	}
	letters, roman := 0, true
	for i := 0; i < len(t.Norm); i++ {
		c := t.Norm[i]
		switch {
		case 'A' <= c && c <= 'Z':
			letters++
			roman = roman && strings.IndexByte("IVXLCDM", c) >= 0
		case 'a' <= c && c <= 'z' || c >= 0x80:
			return false
		}
	}
	return letters >= 2 && !roman
}

// isPlainName reports a capitalised word that can only be part of a
// personal name: no acronym, title, head or ordinary word.
func isPlainName(t Token) bool {
	return isNameWord(t) && t.Kind == Word && !isAcronym(t) && !isTitle(t) && !isHead(t) && !isOrdinaryWord(t)
}

// inSet reports whether word, in lower case, is in set, without allocating
// for the short ASCII words that names are made of.
func inSet(set map[string]bool, word string) bool {
	var buf [40]byte
	if len(word) > len(buf) {
		return set[strings.ToLower(word)]
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 0x80 {
			return set[strings.ToLower(word)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(word)])]
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
