package pipeline

import (
	"slices"
	"sort"
	"strings"
)

// typeAddressGuesses types a name typed by default between two places, each
// after a comma, as the place it is in an address: "Rumah Sakit Raymond
// Poincare, Garches, Perancis", "Hotel Santika, Slipi, Jakarta Barat". The
// names it types are no longer guesses.
func (f *entityFinder) typeAddressGuesses() {
	if len(f.guessed) == 0 || len(f.guessed) == len(f.out) || !f.guessNextTo(isComma) {
		return
	}
	toks := f.doc.Tokens
	order := f.entityOrder()
	comma := func(from, to int) bool { return to == from+1 && toks[from].Norm == "," }
	typed := false
	for n := 1; n+1 < len(order); n++ {
		prev, e, next := &f.out[order[n-1]], &f.out[order[n]], &f.out[order[n+1]]
		if e.Label != Person || prev.Label != Place || next.Label != Place || !f.isGuess(order[n]) {
			continue
		}
		_, prevEnd := f.tokenSpan(order[n-1])
		start, end := f.tokenSpan(order[n])
		nextStart, _ := f.tokenSpan(order[n+1])
		if comma(prevEnd, start) && comma(end, nextStart) {
			e.Label = Place
			typed = true
		}
	}
	if typed {
		f.guessed = slices.DeleteFunc(f.guessed, func(g int32) bool { return f.out[g].Label != Person })
	}
}

// tokenSpan returns the tokens [i, j) that out[k] covers. The spans of all
// names are found on the first question, in one walk over the tokens: the
// passes over the lists of a document ask about most names.
func (f *entityFinder) tokenSpan(k int) (int, int) {
	if len(f.spans) != len(f.out) {
		f.findSpans()
	}
	s := f.spans[k]
	return int(s[0]), int(s[1])
}

// findSpans finds the tokens of every name, in the order of the text.
func (f *entityFinder) findSpans() {
	toks := f.doc.Tokens
	f.spans = slices.Grow(f.spans[:0], len(f.out))[:len(f.out)]
	i := 0
	for _, k := range f.entityOrder() {
		e := &f.out[k]
		if i > 0 && toks[i-1].End > e.Start {
			// Not after the name before: names ordered before a start
			// moved (splitCalledPeople) are looked up.
			i = sort.Search(len(toks), func(i int) bool { return toks[i].End > e.Start })
		}
		for i < len(toks) && toks[i].End <= e.Start {
			i++
		}
		j := i
		for j < len(toks) && toks[j].Start < e.End {
			j++
		}
		f.spans[k] = [2]int32{int32(i), int32(j)}
	}
}

// guessNextTo reports whether some name typed by default has a token next
// to it for which sep holds: most documents have none beside a comma or
// conjunction, and the passes that type guesses by their lists end there.
func (f *entityFinder) guessNextTo(sep func(t *Token) bool) bool {
	toks := f.doc.Tokens
	for _, g := range f.guessed {
		i, j := f.tokenSpan(int(g))
		if i > 0 && sep(&toks[i-1]) || j < len(toks) && sep(&toks[j]) {
			return true
		}
	}
	return false
}

func isComma(t *Token) bool { return t.Norm == "," }

func isListSeparator(t *Token) bool { return t.Norm == "," || listConjunctions.lookup(t.Norm) }

// listConjunctions join the last member of a list (list-conjunctions.txt).
var listConjunctions = listOf(readWordSet("list-conjunctions.txt"))

// entityOrder returns the indexes of out in the order of the text.
func (f *entityFinder) entityOrder() []int {
	if len(f.order) != len(f.out) {
		f.order = slices.Grow(f.order[:0], len(f.out))[:len(f.out)]
		for i := range f.order {
			f.order[i] = i
		}
		if !startsIncrease(f.out) { // as out mostly is
			slices.SortFunc(f.order, func(a, b int) int { return f.out[a].Start - f.out[b].Start })
		}
	}
	return f.order
}

// isGuess reports whether out[i] was typed by default.
func (f *entityFinder) isGuess(i int) bool { return slices.Contains(f.guessed, int32(i)) }

// typeListedGuesses types a name typed by default from the names listed with
// it: the members of a list joined by commas and a last "dan", "atau" or
// "serta" are of one kind ("Moskow dan Cherkessk", "Arizona, Wyoming,
// Colorado dan Texas"). When every other member the list types is a place, or every
// one an organisation, the guessed members take that type; a person among
// them, or a mix, leaves them. The names it types are no longer guesses.
func (f *entityFinder) typeListedGuesses() {
	if len(f.guessed) == 0 || len(f.guessed) == len(f.out) || !f.guessNextTo(isListSeparator) {
		return
	}
	toks := f.doc.Tokens
	order := f.entityOrder()
	guessed := f.guessedSet()
	typed := false
	for from := 0; from < len(order); {
		// The list runs while the words between two names are a separator.
		// The list runs while the words between two names separate
		// members, up to the member after the conjunction.
		to, conjoined, apposed := from+1, false, false
		_, end := f.tokenSpan(order[from])
		for to < len(order) && !conjoined {
			start, next := f.tokenSpan(order[to])
			sep, ok := listSeparator(toks[min(end, start):start])
			if !ok {
				break
			}
			apposed = apposed || to == from+1 && !sep
			conjoined = sep
			end = next
			to++
		}
		if conjoined && f.standsAlone(order[from:to]) {
			list := order[from:to]
			if apposed && !(guessed[list[0]] && strings.Contains(f.doc.Text[f.out[list[0]].Start:f.out[list[0]].End], " ")) {
				// "pimpinan KPK, Chandra, Haryono dan Bibit", "sabuk milik
				// Fury, WBA, WBO dan IBF": the members after a first comma
				// may be what the name before it is, unless it is a guess
				// of two words or more ("Home Shopping, QVC dan CVN").
				list = list[1:]
			}
			typed = f.typeList(list, guessed) || typed
		}
		from = max(to-1, from+1)
	}
	if typed {
		f.guessed = f.guessed[:0]
		for g := range f.out {
			if guessed[g] {
				f.guessed = append(f.guessed, int32(g))
			}
		}
		slices.Sort(f.guessed)
	}
}

// standsAlone reports whether a list stands on its own: its first member
// does not go on a person's name before it ("Indra Jepang dan Suria", where
// Jepang is Indra's), and no
// member is followed by a word saying where it is or comes from ("Wahyuni
// dari DAM Purwakarta dan Masngudin dari PT Alam Jaya": people, not places).
func (f *entityFinder) standsAlone(list []int) bool {
	toks := f.doc.Tokens
	first := f.out[list[0]].Start
	for _, e := range f.out {
		if e.Label == Person && e.End < first && strings.TrimSpace(f.doc.Text[e.End:first]) == "" {
			return false
		}
	}
	for _, i := range list {
		next := firstKeyFrom(toks, f.out[i].End, tokenStart)
		if next < len(toks) && originWords.lookup(toks[next].Norm) {
			return false
		}
	}
	return true
}

// originWords say where someone is or comes from (origin-words.txt).
var originWords = listOf(readWordSet("origin-words.txt"))

// guessedSet returns, per index of out, whether the name was typed by
// default.
func (f *entityFinder) guessedSet() []bool {
	set := slices.Grow(f.scratch.isGuessed[:0], len(f.out))[:len(f.out)]
	clear(set)
	for _, g := range f.guessed {
		set[g] = true
	}
	f.scratch.isGuessed = set
	return set
}

// typeList gives the guessed members of a list the one type its other
// members have, and reports whether it typed any.
func (f *entityFinder) typeList(list []int, guessed []bool) bool {
	var label Label
	for _, i := range list {
		switch e := f.out[i]; {
		case guessed[i]:
		case e.Label == Person || label != "" && e.Label != label:
			return false
		default:
			label = e.Label
		}
	}
	if label == "" {
		return false
	}
	typed := false
	for _, i := range list {
		if guessed[i] {
			f.out[i].Label = label
			guessed[i] = false
			typed = true
		}
	}
	return typed
}

// listSeparator reports whether the tokens between two names separate the
// members of a list (a comma, a conjunction of list-conjunctions.txt, or a
// comma and one), and whether they hold a conjunction.
func listSeparator(between []Token) (conjunction, ok bool) {
	if len(between) == 0 || len(between) > 2 {
		return false, false
	}
	for k, t := range between {
		switch {
		case t.Norm == "," && k == 0:
		case listConjunctions.lookup(t.Norm):
			conjunction = true
		default:
			return false, false
		}
	}
	return conjunction, len(between) == 1 || conjunction
}

// unifyGuesses keeps one type per name within a document: a name typed by
// default (a capitalised name with nothing around it, taken for a person)
// takes the type, name and id of a mention of the same name that the words
// around it typed, anywhere in the document. "Klub VfL Wolfsburg menang.
// Kini Wolfsburg naik": the club both times; "melawan Brentford" makes every
// "Brentford" of the article the club.
func (f *entityFinder) unifyGuesses() {
	if len(f.guessed) == 0 || len(f.guessed) == len(f.out) {
		return
	}
	guessed := f.guessedSet()
	// The names of the guesses, each with the index in out of its first
	// typed mention (-1 for none yet): a document guesses a few names, and a
	// filter on the names' lengths and ends spares most typed mentions the
	// table.
	names := &f.scratch.guessNames // left empty by the last document
	firstTyped := f.scratch.firstTyped[:0]
	var filter uint64
	for _, g := range f.guessed {
		name := f.doc.Text[f.out[g].Start:f.out[g].End]
		if _, added := names.add(name); added {
			firstTyped = append(firstTyped, -1)
		}
		filter |= nameBit(name)
	}
	f.scratch.firstTyped = firstTyped
	mention := func(name string, i int) {
		if filter&nameBit(name) != 0 {
			if id := names.find(name); id >= 0 && firstTyped[id] < 0 {
				firstTyped[id] = i
			}
		}
	}
	for i := range f.out {
		e := &f.out[i] // not copied: an entity is a dozen words
		if e.Label == Person || guessed[i] {
			continue // a person is what the guess already says
		}
		mention(f.doc.Text[e.Start:e.End], i)
		if core := f.coreName(i); core != "" {
			mention(core, i)
		}
	}
	for _, g := range f.guessed {
		e := &f.out[g]
		k := firstTyped[names.find(f.doc.Text[e.Start:e.End])]
		if k < 0 {
			continue
		}
		t := f.out[k]
		e.Label, e.ID, e.Kind, e.Name = t.Label, t.ID, t.Kind, t.Name
		if e.Name == "" {
			e.Name = f.doc.Text[t.Start:t.End]
		}
	}
	names.reset() // drop the document's text, keep the table
}

// nameBit returns the bit of a 64-bit filter that name sets, from its
// length and its first and last bytes.
func nameBit(name string) uint64 {
	if name == "" {
		return 1
	}
	return 1 << ((uint(len(name)) ^ uint(name[0])<<1 ^ uint(name[len(name)-1])<<2) & 63)
}

// coreName returns the words of the organisation or place out[k] that the
// article may write alone later: the name without the head, legal form and
// short prefixes around it ("Wolfsburg" of "Klub VfL Wolfsburg", "Sumber
// Alfaria" of "PT Sumber Alfaria Tbk"), or "" when nothing is left out.
func (f *entityFinder) coreName(k int) string {
	toks := f.doc.Tokens
	e := &f.out[k]
	i, j := f.tokenSpan(k)
	if j > i && toks[j-1].End > e.End {
		j-- // the words that end inside e
	}
	if i >= j || toks[i].Start != e.Start {
		return ""
	}
	affix := func(k int) bool {
		return toks[k].Kind == Word && (f.infoAt(k)&(infoHead|infoEnglishOrg) != 0 || len(toks[k].Norm) <= 3)
	}
	from, to := i, j
	for from < to && affix(from) {
		from++
	}
	for to > from && affix(to-1) {
		to--
	}
	if from == to || from == i && to == j || toks[to-1].End-toks[from].Start < 4 {
		return ""
	}
	for k := from; k < to; k++ {
		if !toks[k].Has(SpaceBefore) && k > from || !f.is(k, infoName) {
			return "" // "Bank (BRI)": no core of name words alone
		}
	}
	return f.doc.Text[toks[from].Start:toks[to-1].End]
}

// addDefinedShortForms tags every later use of a short form that the
// document defines in parentheses after an organisation or place
// ("Kementerian Pertanian (Kementan) … Kementan juga"), which the rules
// alone may take for an ordinary word (ke-…-an) or a person. Coreference
// then links it to the name it stands for.
func (f *entityFinder) addDefinedShortForms() {
	// A document defines a few short forms at most: a list compared word by
	// word costs less than a map's hashing of every word.
	defined := f.scratch.shortForms[:0]
	for k := range f.out {
		e := &f.out[k]
		text := f.doc.Text[e.Start:e.End]
		if e.Label == Person || text[len(text)-1] != ')' {
			continue
		}
		open := strings.LastIndexByte(text, '(')
		if open <= 0 {
			continue
		}
		defined = defineShortForm(defined, strings.TrimSpace(text[open+1:len(text)-1]), k)
	}
	if len(defined) == 0 {
		return
	}
	// Short forms that start as names do can only be words of the tokens
	// that Process visits (copyWords), a fraction of all.
	var lengths lengthSet
	nameLike := true
	for _, d := range defined {
		lengths.add(len(d.form))
		nameLike = nameLike && d.form != "" && tokenStarts[Word][d.form[0]]&nameStart != 0
	}
	toks := f.doc.Tokens
	named := len(f.out)
	// tag is called for the tokens of a defined form's length, which are
	// few: the test stays in the loops, where it costs no call.
	tag := func(t *Token) {
		d := slices.IndexFunc(defined, func(d shortForm) bool { return d.form == t.Norm })
		if d < 0 || len(t.Norm) != t.End-t.Start || f.names(named, t) {
			return
		}
		e := f.out[defined[d].entity]
		f.out = append(f.out, Entity{Span: Span{t.Start, t.End}, Label: e.Label, ID: e.ID,
			Name: e.Name, Kind: e.Kind, Method: "coref"})
	}
	if nameLike {
		for _, i := range f.scratch.visits {
			if t := &toks[i]; t.Kind == Word && lengths.has(len(t.Norm)) {
				tag(t)
			}
		}
	} else {
		for i := range toks {
			if t := &toks[i]; t.Kind == Word && lengths.has(len(t.Norm)) {
				tag(t)
			}
		}
	}
	clear(defined) // drop the document's text
	f.scratch.shortForms = defined[:0]
}

// lengthSet is a set of string lengths, which rules out most strings before
// they are compared: bit n stands for n bytes, bit 63 for 63 and more.
type lengthSet uint64

func (s *lengthSet) add(n int) { *s |= 1 << min(n, 63) }

func (s lengthSet) has(n int) bool { return s&(1<<min(n, 63)) != 0 }

// shortForm is a short form a document defines and the index in out of the
// name it stands for.
type shortForm struct {
	form   string
	entity int
}

// defineShortForm adds form as the short form of out[entity] to defined; a
// later definition of the same form replaces the earlier one.
func defineShortForm(defined []shortForm, form string, entity int) []shortForm {
	for k := range defined {
		if defined[k].form == form {
			defined[k].entity = entity
			return defined
		}
	}
	return append(defined, shortForm{form, entity})
}

// names reports whether one of the first n names of out covers part of t.
func (f *entityFinder) names(n int, t *Token) bool {
	for i := range f.out[:n] {
		if e := &f.out[i]; e.Start < t.End && t.Start < e.End {
			return true
		}
	}
	return false
}

// splitCalledPeople cuts off the words of a body that a person's name after
// a body's acronym took in ("Kepala BMKG Contoh [Rina Hartati]", "Ketua LSM
// Jaga Bumi [Andi Wirawan]") where the article names a person by the words
// from a later word of it on ("kata Andi"). The cut comes after a word that
// is no given name, or anywhere after the acronym of a common noun, which a
// body's name follows (LSM); that body is then tagged. Indonesian names of
// three or four words, called by a later word ("Abraham Samad" as "Samad"),
// stay whole.
func (f *entityFinder) splitCalledPeople() {
	toks := f.doc.Tokens
	for c, n := 0, len(f.out); c < n; c++ {
		if e := &f.out[c]; e.Label != Person || e.Method != "rule" || e.ID != "" {
			continue
		}
		i, j := f.tokenSpan(c)
		if j-i < 2 || i == 0 || !f.is(i-1, infoAcronym) {
			continue
		}
		term := f.is(i-1, infoTerm)
		k := i + 1
		for ; k < j; k++ {
			prev := trimPeriod(toks[k-1].Norm)
			if len(prev) > 1 && !titlesAlsoNames.lookup(prev) && (term || !f.isPlainName(k-1)) && f.calledFrom(c, k, j) {
				break
			}
		}
		if k == j {
			continue
		}
		f.out[c].Start = toks[k].Start
		f.spans[c] = [2]int32{int32(k), int32(j)}
		f.order = f.order[:0] // out[c] may start after the names after it
		if term {
			f.out = append(f.out, f.ruleEntity(i-1, k, Organisation))
		}
	}
}

// calledFrom reports whether a person other than out[c] is named by the
// words from token k on of out[c], which ends before token j.
func (f *entityFinder) calledFrom(c, k, j int) bool {
	toks := f.doc.Tokens
	for o := range f.out {
		if o == c || f.out[o].Label != Person {
			continue
		}
		oi, oj := f.tokenSpan(o)
		if oj-oi > j-k || toks[oi].Norm != toks[k].Norm {
			continue
		}
		same := true
		for m := 1; m < oj-oi && same; m++ {
			same = toks[oi+m].Norm == toks[k+m].Norm
		}
		if same {
			return true
		}
	}
	return false
}
