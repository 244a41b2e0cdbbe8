package pipeline

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fullestName returns the fullest name the document gives the entity: the
// mention with the most words among those of the same gazetteer entry (or,
// for names the gazetteer lacks, among those whose words include all of its
// words), without a parenthesised acronym ("Kementerian Luar Negeri (Kemenlu)
// Rusia"). A document that only writes "Jokowi" names him "Jokowi": the
// gazetteer's name is the speaker's Canonical, not its Name.
func (qd *quoteDoc) fullestName(ent Entity) string {
	key := fullestKey{qd.doc.Text[ent.Start:ent.End], ent.ID, ent.Name, ent.Label}
	if name, ok := qd.fullest[key]; ok {
		return name // a speaker of several quotes
	}
	return remember(&qd.fullest, &qd.scratch.fullest, key, qd.findFullestName(ent))
}

// fullestKey is what fullestName depends on in an entity.
type fullestKey struct {
	surface, id, name string
	label             Label
}

func (qd *quoteDoc) findFullestName(ent Entity) string {
	surface := dropParenthesis(qd.doc.Text[ent.Start:ent.End])
	if ent.ID != "" {
		return qd.longestMention(ent.ID)
	}
	best := surface
	// People and organisations are easily confused by the capitals rules
	// ("Big Hit" a person, "Big Hit Entertainment" an organisation), so
	// either may give the fuller name when it starts with this one.
	var fields [8]string
	words := appendFields(fields[:0], surface)
	fuller, found := qd.fullerName(ent.Label, words)
	switch {
	case found && fuller.shown != "":
		best = fuller.shown
	case found:
		best = joinWords(fuller.text, fuller.words)
	}
	if ent.Label == Organisation {
		best = qd.spelledOut(best)
	}
	if ent.Name != "" && !strings.Contains(best, " ") && strings.Contains(ent.Name, " ") {
		return ent.Name // the fuller name coreference found in the document
	}
	return best
}

// fullerName returns the entity name with the most words, more than words,
// that has all of them and that findFullestName may give an entity of label
// (see mayTakeName), the first of those. A document asks for few, so they
// are found by reading its entities, most of them ruled out by their label
// and length before their words are split, until a document that asks for
// many has its names indexed (entityNames): building the index cost more
// than the one or two readings that most documents need.
func (qd *quoteDoc) fullerName(label Label, words []string) (indexedName, bool) {
	if qd.names == nil && qd.entityReads+len(qd.doc.Entities) <= maxEntityReads {
		qd.entityReads += len(qd.doc.Entities)
		return qd.readFullerName(label, words)
	}
	takes := func(other *indexedName) bool {
		same, cross := mayTakeName(label, entityNameKind{other.label, other.linked})
		return same || cross && hasPrefixWords(other.words, words)
	}
	if n := qd.entityNames().longest(words, len(words), takes); n != nil {
		return *n, true
	}
	return indexedName{}, false
}

// maxEntityReads is how many entities a document reads, in all, for
// fullerName before it indexes their names.
const maxEntityReads = 1 << 13

// mayTakeName tells whether findFullestName may give an entity of label the
// name of an entity of kind: one of its label that is not linked (same), or,
// as people and organisations are easily confused by the capitals rules ("Big
// Hit" a person, "Big Hit Entertainment" an organisation), one of another
// label, neither a place, whose name starts with its own (cross).
func mayTakeName(label Label, kind entityNameKind) (same, cross bool) {
	same = kind.label == label && !kind.linked
	cross = kind.label != label && label != Place && kind.label != Place
	return same, cross
}

// readFullerName is fullerName by reading the entities in order, the names
// entityNames would index.
func (qd *quoteDoc) readFullerName(label Label, words []string) (indexedName, bool) {
	if len(words) == 0 {
		return indexedName{}, false
	}
	r := fullerNameReader{words: words, shortest: shortestNameHaving(words), most: len(words), sc: qd.scratch}
	var buf [32]byte
	r.mark = markOf(&buf, words)
	for i := range qd.doc.Entities {
		e := &qd.doc.Entities[i]
		text := qd.doc.Text[e.Start:e.End]
		kind := entityNameKind{e.Label, e.ID != ""}
		same, cross := mayTakeName(label, kind)
		if len(text) < r.shortest || !same && !cross {
			continue
		}
		bracketed := strings.IndexByte(text, '(') >= 0 || strings.IndexByte(text, ')') >= 0
		// The words of a name without its brackets or its bracketed part
		// are words of the text, unless a bracket glues two together.
		if !mayHold(text, r.mark) && (!bracketed || spacedBrackets(text)) {
			continue
		}
		if !bracketed {
			r.read(text, "", kind, same)
			continue
		}
		surface := dropParenthesis(text)
		r.read(surface, "", kind, same)
		// The name with its acronym among its words comes from the first
		// entity of its surface and kind only.
		if withAcronym := withoutParentheses(text); withAcronym != text && !qd.namedBefore(i, surface, kind) {
			r.read(withAcronym, surface, kind, same)
		}
	}
	return r.best, r.found
}

// fullerNameReader is readFullerName's search: the name with the most words
// so far that has all of words.
type fullerNameReader struct {
	words          []string
	shortest, most int    // bytes and words of a name that may do
	mark           []byte // the bytes a name that may do has (see markOf)
	best           indexedName
	found          bool
	sc             *quoteScratch
}

// read takes the name text, shown as shown, of an entity of kind when it
// has more words than the best so far and all of r.words (at their start
// unless its label is the same).
func (r *fullerNameReader) read(text, shown string, kind entityNameKind, same bool) {
	if len(text) < r.shortest {
		return
	}
	words := appendFields(r.sc.readWords[:0], text)
	r.sc.readWords = words
	if len(words) > r.most && containsAllWords(words, r.words) && (same || hasPrefixWords(words, r.words)) {
		r.best, r.found, r.most = indexedName{text: text, shown: shown, words: words, label: kind.label, linked: kind.linked}, true, len(words)
		// best keeps its words: the next name's go in the other buffer.
		r.sc.readWords, r.sc.bestWords = r.sc.bestWords, r.sc.readWords
	}
}

// markOf returns, in buf, the longest ASCII word of words with bit 0x20
// set in each byte, which lowers ASCII letters, or nil when there is none
// or it is longer than buf: a name has a word equal to it under
// strings.EqualFold only where its bytes are those (see mayHold).
func markOf(buf *[32]byte, words []string) []byte {
	var mark string
	for _, w := range words {
		if len(w) > len(mark) && len(w) <= len(buf) && isASCII(w) {
			mark = w
		}
	}
	for i := 0; i < len(mark); i++ {
		buf[i] = mark[i] | 0x20
	}
	return buf[:len(mark)]
}

// mayHold reports whether text may hold a word equal under strings.EqualFold
// to the word that markOf made mark of: false proves it does not. Such a
// word of ASCII letters is mark's bytes, each with bit 0x20 set; a text with
// a byte outside ASCII (the Kelvin sign and the long s fold with ASCII
// letters) may hold one. Eight bytes at a time are ruled out as the start
// of the word when none of them is its first.
func mayHold(text string, mark []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	if len(mark) == 0 {
		return true
	}
	first := uint64(mark[0]) * ones
	for i := 0; i+len(mark) <= len(text); i++ {
		if i+8 <= len(text) {
			x := load64(text[i:])
			if x&highs != 0 {
				return true
			}
			if y := x | 0x20*ones ^ first; (y-ones)&^y&highs == 0 { // no byte is the first
				i += 7
				continue
			}
		}
		for j := 0; ; j++ {
			if j == len(mark) {
				return true
			}
			c := text[i+j]
			if c >= utf8.RuneSelf {
				return true
			}
			if c|0x20 != mark[j] {
				break
			}
		}
	}
	return false
}

// spacedBrackets reports whether each opening round bracket of s starts it
// or follows white space, and each closing one ends it or comes before
// white space.
func spacedBrackets(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			if i > 0 && !isASCIISpace(s[i-1]) {
				return false
			}
		case ')':
			if i+1 < len(s) && !isASCIISpace(s[i+1]) {
				return false
			}
		}
	}
	return true
}

// shortestNameHaving returns the fewest bytes of a name of more words than
// words that has all of them: each distinct word, an ASCII one in as many
// bytes as it has (only the Kelvin sign and the long s fold with ASCII
// letters, and they are longer), another in one or more, a further word
// and a space after each.
func shortestNameHaving(words []string) int {
	n := 1
	for i, w := range words {
		if slices.ContainsFunc(words[:i], func(v string) bool { return strings.EqualFold(v, w) }) {
			continue
		}
		if isASCII(w) {
			n += len(w) + 1
		} else {
			n += 2
		}
	}
	return n
}

// namedBefore reports whether an entity before entity i has the surface
// and kind of name, as entityNames reads them.
func (qd *quoteDoc) namedBefore(i int, surface string, kind entityNameKind) bool {
	for k := range i {
		e := &qd.doc.Entities[k]
		if (entityNameKind{e.Label, e.ID != ""}) != kind || e.End-e.Start < len(surface) {
			continue
		}
		if dropParenthesis(qd.doc.Text[e.Start:e.End]) == surface {
			return true
		}
	}
	return false
}

// entityNames indexes the document's distinct entity names, without a
// parenthesised part, by label and whether they are linked.
func (qd *quoteDoc) entityNames() *longestIndex {
	if qd.names == nil {
		sc := qd.scratch
		sc.names.reset(len(qd.doc.Entities))
		sc.surfaces.reset(len(qd.doc.Entities))
		// The kinds of name added, chained by surface: few surfaces come
		// with more than one label.
		sc.surfaceKinds, sc.sameSurface = sc.surfaceKinds[:0], sc.sameSurface[:0]
		qd.names = &sc.names
		for _, e := range qd.doc.Entities {
			if e.Label == Place && e.ID != "" {
				// findFullestName takes a linked name only for another
				// label, and never a place's: it would never be found.
				continue
			}
			text := qd.doc.Text[e.Start:e.End]
			// Few names have brackets: looking for them once spares
			// dropParenthesis and withoutParentheses looking again.
			bracketed := strings.IndexByte(text, '(') >= 0 || strings.IndexByte(text, ')') >= 0
			surface := text
			if bracketed {
				surface = dropParenthesis(text)
			}
			n, added := sc.surfaces.number(surface)
			if added {
				sc.sameSurface = append(sc.sameSurface, -1)
			}
			kind := entityNameKind{e.Label, e.ID != ""}
			if sc.hasKind(n, kind) {
				continue
			}
			sc.surfaceKinds = append(sc.surfaceKinds, surfaceKind{kind, sc.sameSurface[n]})
			sc.sameSurface[n] = int32(len(sc.surfaceKinds) - 1)
			qd.names.add(indexedName{text: surface, label: kind.label, linked: kind.linked})
			// With its acronym among its words, the name is found from a
			// short form that uses the acronym: "Dinas PU Kota" in
			// "Dinas Pekerjaan Umum (PU) Kota Contoh".
			if bracketed {
				if withAcronym := withoutParentheses(text); withAcronym != text {
					qd.names.add(indexedName{text: withAcronym, shown: surface, label: kind.label, linked: kind.linked})
				}
			}
		}
	}
	return qd.names
}

// entityNameKind is what entityNames tells entity names of one surface apart by.
type entityNameKind struct {
	label  Label
	linked bool
}

// surfaceKind is a kind of name entityNames added for a surface, and the
// one added before it for that surface (-1 for none).
type surfaceKind struct {
	kind entityNameKind
	next int32
}

// hasKind reports whether entityNames added the surface numbered n as kind.
func (sc *quoteScratch) hasKind(n int32, kind entityNameKind) bool {
	for k := sc.sameSurface[n]; k >= 0; k = sc.surfaceKinds[k].next {
		if sc.surfaceKinds[k].kind == kind {
			return true
		}
	}
	return false
}

// withoutParentheses returns s without its round brackets. Few names have
// any, and looking for them costs less than a Replacer's pass.
func withoutParentheses(s string) string {
	if strings.IndexByte(s, '(') < 0 && strings.IndexByte(s, ')') < 0 {
		return s
	}
	return parentheses.Replace(s)
}

// parentheses removes round brackets; built once, as a Replacer builds its
// table on first use (per entity it cost 15 % of extract).
var parentheses = strings.NewReplacer("(", "", ")", "")

// setNameSpeaker makes the name at span the speaker, under the fullest name
// the document gives a person whose name has all of its words.
func (qd *quoteDoc) setNameSpeaker(a *attribution, name Span) {
	text := qd.doc.Text[name.Start:name.End]
	a.speaker = qd.newSpeaker(Speaker{Name: text, Mention: name})
	a.explicit = true
	var fields [8]string
	words := appendFields(fields[:0], text)
	most := len(words)
	if p := qd.personIndex().byWrittenName.longest(words, most, nil); p != nil {
		a.speaker.Name, a.speaker.ID, most = p.text, p.id, len(p.words)
	}
	if n := qd.namedSpeakers.longest(words, most, nil); n != nil {
		a.speaker.Name, a.speaker.ID = n.text, ""
	}
	if qd.namedAt == nil {
		qd.namedAt = reused(&qd.scratch.namedAt)
	}
	qd.namedAt[name] = true
	if !qd.namedSpeakers.has(a.speaker.Name) {
		qd.namedSpeakers.add(indexedName{text: a.speaker.Name})
	}
}

// personIndex holds one person entity per distinct name, found by the words
// of the name the document writes for it and by the words of its mention.
type personIndex struct {
	byWrittenName longestIndex
	// The persons in document order, and by the folded words of their
	// mentions, indexed on first use: few documents ask.
	entities       []Entity
	text           string
	bySurfaceWord  map[string][]Entity // in document order
	surfaceIndexed bool
}

func (qd *quoteDoc) personIndex() *personIndex {
	if qd.persons == nil {
		sc := qd.scratch
		sc.persons.byWrittenName.reset(len(qd.doc.Entities))
		sc.personNames.reset(len(qd.doc.Entities))
		clear(sc.persons.entities) // drop the strings
		sc.persons.entities, sc.persons.text, sc.persons.surfaceIndexed = sc.persons.entities[:0], qd.doc.Text, false
		qd.persons = &sc.persons
		for i := range qd.doc.Entities {
			e := &qd.doc.Entities[i]
			if e.Label != Person {
				continue
			}
			if _, added := sc.personNames.number(e.Name); !added {
				continue
			}
			qd.persons.byWrittenName.add(indexedName{text: qd.writtenName(*e), id: e.ID})
			qd.persons.entities = append(qd.persons.entities, *e)
		}
	}
	return qd.persons
}

// withSurfaceWord returns the persons whose mention has the word.
func (x *personIndex) withSurfaceWord(word string) []Entity {
	if !x.surfaceIndexed {
		x.surfaceIndexed = true
		if x.bySurfaceWord == nil {
			x.bySurfaceWord = map[string][]Entity{}
		}
		clear(x.bySurfaceWord)
		for _, e := range x.entities {
			for _, w := range distinctFolded(strings.Fields(x.text[e.Start:e.End])) {
				x.bySurfaceWord[w] = append(x.bySurfaceWord[w], e)
			}
		}
	}
	var buf [40]byte
	return x.bySurfaceWord[string(foldedKey(&buf, word))]
}

// writtenName is the fullest name the document writes for a person: for a
// linked one, its longest mention (the entity's Name is the gazetteer's).
func (qd *quoteDoc) writtenName(e Entity) string {
	if e.ID != "" {
		return qd.longestMention(e.ID)
	}
	return nameOf(qd.doc, e)
}

// longestIndex finds, among the names added to it, the one with the most
// words that has all the words of a shorter name, the first added among
// equals, by looking only at the names that share the rarest of its words:
// a long document with thousands of names stays linear.
type longestIndex struct {
	names []indexedName
	words []string // the names' words
	// The names that have a word, in the order added, by the word's
	// foldHash: an open-addressing table of lists chained through posts.
	// Words that hash alike share a list, which only makes longest check
	// more names for all the words: it finds the same one.
	slots []int32 // 1 + index in lists, or 0 for an empty slot
	lists []nameList
	posts []namePost
	// The names are put on the lists when the index is first searched,
	// names[:posted] so far: many documents only read the names. size is
	// the table that reset made room for.
	posted, size int
}

// nameList is the names that have the words of one foldHash.
type nameList struct {
	hash        uint64
	first, last int32 // in posts
	count       int32
}

// namePost is a name in a nameList, and the next one (-1 ends the list).
type namePost struct {
	name, next int32
}

// indexedName is a name and what the searches filter it by.
type indexedName struct {
	text   string
	shown  string   // the name as given, when text is not ("" when it is)
	words  []string // filled in by add
	label  Label
	linked bool   // to a gazetteer entry
	id     string // of the person's gazetteer entry
}

func (x *longestIndex) add(n indexedName) {
	start := len(x.words)
	x.words = appendFields(x.words, n.text)
	n.words = x.words[start:len(x.words):len(x.words)]
	x.names = append(x.names, n)
}

// post puts the names added since the last search on the lists of their
// words, in the order added.
func (x *longestIndex) post() {
	if x.posted == len(x.names) {
		return
	}
	if len(x.slots) == 0 {
		x.rehash(max(x.size, 64))
	}
	for ; x.posted < len(x.names); x.posted++ {
		id := int32(x.posted)
		for _, w := range x.names[id].words {
			l := x.listFor(foldHash(w))
			if l.count > 0 && x.posts[l.last].name == id {
				continue // a word the name has twice (or two words that hash alike)
			}
			x.posts = append(x.posts, namePost{id, -1})
			if p := int32(len(x.posts) - 1); l.count == 0 {
				l.first, l.last = p, p
			} else {
				x.posts[l.last].next, l.last = p, p
			}
			l.count++
		}
	}
}

// list returns the list of the words that hash to h, or nil.
func (x *longestIndex) list(h uint64) *nameList {
	if len(x.slots) == 0 {
		return nil
	}
	mask := uint64(len(x.slots) - 1)
	for i := h & mask; x.slots[i] != 0; i = (i + 1) & mask {
		if l := &x.lists[x.slots[i]-1]; l.hash == h {
			return l
		}
	}
	return nil
}

// listFor returns the list of the words that hash to h, made empty when new.
func (x *longestIndex) listFor(h uint64) *nameList {
	if l := x.list(h); l != nil {
		return l
	}
	if 2*(len(x.lists)+1) > len(x.slots) {
		x.rehash(max(2*len(x.slots), 64))
	}
	x.lists = append(x.lists, nameList{hash: h})
	x.place(int32(len(x.lists)))
	return &x.lists[len(x.lists)-1]
}

// place puts the list numbered entry (1 + its index) into its slot.
func (x *longestIndex) place(entry int32) {
	mask := uint64(len(x.slots) - 1)
	i := x.lists[entry-1].hash & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = entry
}

// rehash gives the lists a table of size slots (a power of two).
func (x *longestIndex) rehash(size int) {
	if cap(x.slots) >= size {
		x.slots = x.slots[:size]
		clear(x.slots)
	} else {
		x.slots = make([]int32, size)
	}
	for k := range x.lists {
		x.place(int32(k + 1))
	}
}

// appendFields appends the words of s to words, as strings.Fields splits
// them, so that a name's words share the index's one slice.
func appendFields(words []string, s string) []string {
	for i := 0; i < len(s); {
		if c := s[i]; c <= ' ' && isASCIISpace(c) {
			i++
			continue
		} else if c >= utf8.RuneSelf {
			if space, size := spaceAt(s, i); space {
				i += size
				continue
			}
		}
		start := i
		i = wordEnd(s, i)
		words = append(words, s[start:i])
	}
	return words
}

// wordEnd returns where the word of s that goes on at byte i ends: at the
// white space after it, or at the end of s. It reads eight bytes at a time
// up to the first that may end the word (see mayEndWord), and only a byte
// that may be white space is tested, and decoded when not ASCII.
func wordEnd(s string, i int) int {
	for i < len(s) {
		switch rest := len(s) - i; {
		case rest >= 8:
			stops := mayEndWord(load64(s[i:]))
			if stops == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(stops) / 8
		case len(s) >= 8: // the last eight bytes, without those before i
			stops := mayEndWord(load64(s[len(s)-8:])) >> (8 * (8 - rest))
			if stops == 0 {
				return len(s)
			}
			i += bits.TrailingZeros64(stops) / 8
		default:
			if c := s[i]; c > ' ' && c < utf8.RuneSelf {
				i++
				continue
			}
		}
		if c := s[i]; c < utf8.RuneSelf {
			if isASCIISpace(c) {
				return i
			}
			i++
			continue
		}
		space, size := spaceAt(s, i)
		if space {
			return i
		}
		i += size
	}
	return i
}

// mayEndWord sets the high bit of each of the eight bytes of x, in the
// order of the text, that is a control character, a space or not ASCII:
// the bytes that may be white space. Past the first one it may set bits
// of others too, which the callers test again.
func mayEndWord(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := (x - '!'*ones) &^ x // the high bit of each byte under '!', and maybe of those after it
	return (below | x) & highs
}

// reset empties x, keeping its memory for the next document, with room
// for the words of about n names: the table is as large as this document
// needs, so that emptying it costs no more.
func (x *longestIndex) reset(n int) {
	clear(x.names) // drop the strings
	x.names = x.names[:0]
	clear(x.words)
	x.words = x.words[:0]
	x.lists, x.posts, x.slots, x.posted = x.lists[:0], x.posts[:0], x.slots[:0], 0
	x.size = 64
	for x.size < 8*n {
		x.size *= 2
	}
}

// has reports whether a name was added with the text.
func (x *longestIndex) has(text string) bool {
	x.post()
	var fields [8]string
	words := appendFields(fields[:0], text)
	if len(words) == 0 {
		return slices.ContainsFunc(x.names, func(n indexedName) bool { return n.text == text })
	}
	if l := x.list(foldHash(words[0])); l != nil {
		for p := l.first; p >= 0; p = x.posts[p].next {
			if x.names[x.posts[p].name].text == text {
				return true
			}
		}
	}
	return false
}

// longest returns the name with the most words, more than most, that has
// all of words and that ok accepts (nil accepts all), or nil.
func (x *longestIndex) longest(words []string, most int, ok func(*indexedName) bool) *indexedName {
	if len(words) == 0 {
		return nil
	}
	x.post()
	// Any word's list holds every name that has all of them: the shortest
	// list is read.
	var rarest *nameList
	for _, w := range words {
		l := x.list(foldHash(w))
		if l == nil {
			return nil
		}
		if rarest == nil || l.count < rarest.count {
			rarest = l
		}
	}
	// The first added of those with the most words: the list is in the order added.
	var best *indexedName
	for p := rarest.first; p >= 0; p = x.posts[p].next {
		n := &x.names[x.posts[p].name]
		if len(n.words) > most && containsAllWords(n.words, words) && (ok == nil || ok(n)) {
			best, most = n, len(n.words)
		}
	}
	return best
}

// distinctFolded returns the folded forms of words, each once.
func distinctFolded(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if f := foldWord(w); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// foldHash hashes w so that words equal under strings.EqualFold hash
// alike: an ASCII word by caselessHash, which lowers its letters, and
// another by the caselessHash of its foldWord.
func foldHash(w string) uint64 {
	h, ascii := caselessHash(w)
	if !ascii {
		h, _ = caselessHash(foldWord(w))
	}
	return uint64(h)
}

// foldedKey returns foldWord(w), in buf when w is ASCII and fits, so that
// looking it up, as m[string(foldedKey(&buf, w))], allocates nothing.
func foldedKey(buf *[40]byte, w string) []byte {
	if len(w) > len(buf) {
		return []byte(foldWord(w))
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return []byte(foldWord(w))
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)]
}

// foldWord maps a word to one form per strings.EqualFold class, so that a
// map keyed by it finds what EqualFold would.
func foldWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToUpper(w) // the least of each ASCII letter's fold class
	}
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, w)
}

// longestMention returns the mention of gazetteer id in the document with
// the most words, the first of those. A document asks about few of its ids,
// so each is found by reading the entities, until a document that asks
// about many has them all found in one reading.
func (qd *quoteDoc) longestMention(id string) string {
	if qd.byID == nil {
		qd.byID = reused(&qd.scratch.byID)
	}
	if m, ok := qd.byID[id]; ok || qd.allIDs {
		return m
	}
	if len(qd.byID) < maxIDReadings {
		longest, found := "", false
		for i := range qd.doc.Entities {
			if e := &qd.doc.Entities[i]; e.ID == id {
				longest, found = longerMention(qd.mentionOf(*e), longest, found), true
			}
		}
		qd.byID[id] = longest
		return longest
	}
	qd.allIDs = true
	for i := range qd.doc.Entities {
		if e := &qd.doc.Entities[i]; e.ID != "" {
			old, found := qd.byID[e.ID]
			qd.byID[e.ID] = longerMention(qd.mentionOf(*e), old, found)
		}
	}
	return qd.byID[id]
}

// maxIDReadings is how many ids longestMention finds one by one.
const maxIDReadings = 8

// mentionOf returns the text of entity e without a parenthesised part.
func (qd *quoteDoc) mentionOf(e Entity) string {
	return dropParenthesis(qd.doc.Text[e.Start:e.End])
}

// longerMention returns the mention m when it is the first found or has
// more words than longest, the longest found so far, else longest.
func longerMention(m, longest string, found bool) string {
	if !found || countWords(m) > countWords(longest) {
		return m
	}
	return longest
}

// hasPrefixWords reports whether long starts with the words of short.
func hasPrefixWords(long, short []string) bool {
	if len(short) > len(long) {
		return false
	}
	for i, w := range short {
		if !strings.EqualFold(long[i], w) {
			return false
		}
	}
	return true
}

// writtenFullName returns the fullest form of a person's name that the
// document writes anywhere, where the entity stage may have found only a
// part of it ("kata Rusdi" after "pengamat Rusdi Putra Sembiring dalam …",
// "Prof Ratna" after "Prof Dr Ratna D.W. Kusumastuti, guru besar …"): the
// run of capitalised words around each place the name is written, short of
// titles, roles, organisations, places, days and months.
// Two different fuller runs leave the name as it is: it is not known whose
// it is. Names of organisations and descriptions are left as they are.
func (qd *quoteDoc) writtenFullName(name string) string {
	if full, ok := qd.writtenFull[name]; ok {
		return full // a speaker of several quotes
	}
	return remember(&qd.writtenFull, &qd.scratch.writtenFull, name, qd.findWrittenFullName(name))
}

func (qd *quoteDoc) findWrittenFullName(name string) string {
	var fields [8]string
	words := appendFields(fields[:0], name)
	if len(words) == 0 || len(words) > 4 {
		return name
	}
	for _, w := range words {
		l := trimPeriod(w)
		if !isCapitalised(w) || classOf(l)&(classTitle|classRole|classOrgHead|classPlaceCue) != 0 {
			return name
		}
	}
	best, ambiguous := "", false
	// The fullest form comes with the first mentions: looking at the first
	// few keeps a long document with one name on every line linear.
	at := qd.nameTokens().of(words[0])
	for _, i := range at[:min(len(at), maxWrittenLookups)] {
		first, j := i, i+len(words)
		if j > len(qd.toks) || !qd.wordsAt(i, words) || qd.inMarks(Span{qd.toks[i].Start, qd.toks[j-1].End}) {
			continue
		}
		// Before the name, only words the entity stage took for a person's:
		// capitalised words there are as often a title's or organisation's
		// ("Menteri Kelautan dan Perikanan Bayu Adi Prasetyo").
		for i > 0 && qd.extendsName(i-1, first) && qd.toks[i].Has(SpaceBefore) && qd.toks[i-1].Has(SpaceBefore) && qd.namesPerson(Span{qd.toks[i-1].Start, qd.toks[i-1].End}) &&
			!isAcronym(&qd.toks[i-1]) && lexicon.lookup(qd.toks[i-1].Norm)&(classLowercase|classTerm|classEnglishOrg|classStateBody|classAffiliation) == 0 {
			i--
		}
		// Words after "dan" end a title's list: "Menteri Desa, …, dan
		// Transmigrasi Abdul Halim Iskandar".
		if i < first && i > 0 && lexicon.lookup(qd.toks[i-1].Norm)&classOrgConnector != 0 {
			i = first
		}
		// After it, a title's word that is also a name, between name words,
		// is the name's ("Rusdi Putra Sembiring", "Rina Ratu Lestari"), and so
		// is a role's or place's word that ends it ("I Nyoman Putra Negara
		// mengatakan"): there is no name after it for it to introduce.
		for j < len(qd.toks) && qd.toks[j].Has(SpaceBefore) {
			if qd.extendsName(j, first) {
				j++
				continue
			}
			if j+1 < len(qd.toks) && isNameToken(&qd.toks[j]) && titlesAlsoNames.lookup(qd.toks[j].Norm) && qd.toks[j+1].Has(SpaceBefore) &&
				(qd.extendsName(j+1, first) || qd.closesName(j+1)) {
				j++
				continue
			}
			if qd.closesName(j) {
				j++
			}
			break
		}
		// An acronym closing the name is its ("Wulan RTA menyambut").
		if j < len(qd.toks) && qd.toks[j].Has(SpaceBefore) && qd.endingAcronym(j) {
			j++
		}
		// A common word opening a sentence is capitalised for that
		// ("Sedangkan Jed Dorsen, analis …"), unless the document
		// capitalises it elsewhere too ("kata Cucu") or it opens the name of
		// an organisation or place ("Militer Israel mengatakan").
		if j-i > 1 && i == qd.sentenceStartToken(i) && lexicon.lookup(qd.toks[i].Norm)&classLowercase != 0 &&
			!qd.capitalisedInside(qd.toks[i].Norm) && !qd.namesNonPerson(Span{qd.toks[i].Start, qd.toks[i].End}) {
			i++
		}
		run := qd.doc.Text[qd.toks[i].Start:qd.toks[j-1].End]
		switch n, m := countWords(run), countWords(best); {
		case n > m:
			best, ambiguous = run, false
		case n == m && n > len(words) && run != best:
			ambiguous = true
		}
	}
	if ambiguous || best == "" {
		return name
	}
	return best
}

// maxWrittenLookups bounds the places writtenFullName reads a name at.
const maxWrittenLookups = 64

// extendsName reports whether token k may be part of a person's name next to
// it: a capitalised word or initial that is no title, role, organisation,
// place, day or month, nor part of an entity other than a person, nor the
// start of another person the gazetteer knows ("Presiden Rusia [Vladimir
// Putin]") than the one of the name written at token at.
func (qd *quoteDoc) extendsName(k, at int) bool {
	t := &qd.toks[k]
	if !isNameToken(t) || qd.isRoleOrKnown(k) || calendarWords.lookup(t.Norm) {
		return false
	}
	e := qd.entityCovering(Span{t.Start, t.End})
	if e < 0 {
		return true
	}
	ent := qd.doc.Entities[e]
	return ent.Label == Person && (ent.ID == "" || ent.Start < t.Start || ent.Contains(Span{qd.toks[at].Start, qd.toks[at].End}))
}

// capitalisedInside reports whether the document writes the capitalised
// word w somewhere other than at the start of a sentence.
func (qd *quoteDoc) capitalisedInside(w string) bool {
	for _, k := range qd.nameTokens().of(w) {
		if k != qd.sentenceStartToken(k) {
			return true
		}
	}
	return false
}

// endingAcronym reports an acronym at token k that ends a person's name
// rather than naming an organisation: short, linked to nothing, and followed
// by no other capitalised word.
func (qd *quoteDoc) endingAcronym(k int) bool {
	t := &qd.toks[k]
	if !isAcronym(t) || len(t.Norm) > 4 || k+1 < len(qd.toks) && isNameToken(&qd.toks[k+1]) {
		return false
	}
	e := qd.entityCovering(Span{t.Start, t.End})
	return e < 0 || qd.doc.Entities[e].ID == ""
}

// closesName reports a capitalised role or place word at token k that no
// name follows ("Negara" in "I Nyoman Putra Negara mengatakan"): it
// introduces nothing, so it ends the name before it.
func (qd *quoteDoc) closesName(k int) bool {
	t := &qd.toks[k]
	if !isNameToken(t) {
		return false
	}
	if c := classOf(t.Norm); c&(classTitle|classOrgHead) != 0 || c&(classRole|classPlaceCue) == 0 {
		return false
	}
	return k+1 >= len(qd.toks) || !isNameToken(&qd.toks[k+1]) && qd.toks[k+1].Kind != Number
}

// wordsAt reports whether the tokens from i on are the given words.
func (qd *quoteDoc) wordsAt(i int, words []string) bool {
	for k, w := range words {
		if qd.toks[i+k].Norm != w {
			return false
		}
	}
	return true
}

// nameTokens finds the capitalised words of the document by their text.
// Most documents look a few words up, which reading the name tokens for
// each costs less than indexing them; they are indexed once the readings
// have read tens of thousands of tokens, so that a long document, which
// looks many up, is soon.
func (qd *quoteDoc) nameTokens() *nameTokenIndex {
	if qd.nameToks == nil {
		x := &qd.scratch.nameToks
		x.toks, x.names, x.indexed, x.read, x.found = qd.toks, qd.lists.names, false, 0, x.found[:0]
		qd.nameToks = x
	}
	return qd.nameToks
}

// nameTokenIndex is the tokens of each capitalised word of a document.
type nameTokenIndex struct {
	toks  []Token
	names []int // the name tokens, in order
	// Before the index is built: the name tokens read so far, and the
	// tokens found, word after word, in one slice.
	read  int
	found []int

	indexed bool
	// Each word's tokens, in document order, are a run of one slice laid
	// out word by word (counted first, as a counting sort: sorting the
	// tokens by their text cost 15 % of the stage), which the next
	// document reuses with the table.
	words stringTable // the words, numbered in order of appearance
	at    []int       // the tokens, word by word
	ends  []int32     // where each word's run in at ends
	// Each name token's word, in order: a buffer for the next document.
	groups []int32
}

// maxNameTokenReads is how many name tokens a document reads, in all,
// before it indexes them: a reading costs a few instructions a token, where
// indexing costs a hash table's.
const maxNameTokenReads = 1 << 15

// of returns the tokens of the capitalised word w, in document order.
func (x *nameTokenIndex) of(w string) []int {
	if !x.indexed && x.read+len(x.names) <= maxNameTokenReads {
		x.read += len(x.names)
		start := len(x.found)
		for _, i := range x.names {
			if x.toks[i].Norm == w {
				x.found = append(x.found, i)
			}
		}
		return x.found[start:len(x.found):len(x.found)]
	}
	if !x.indexed {
		x.index()
	}
	g, ok := x.words.find(w)
	if !ok {
		return nil
	}
	start := int32(0)
	if g > 0 {
		start = x.ends[g-1]
	}
	return x.at[start:x.ends[g]:x.ends[g]]
}

// index indexes the name tokens.
func (x *nameTokenIndex) index() {
	x.indexed = true
	// Number each distinct word in order of appearance and count its tokens.
	x.words.reset(len(x.names))
	groups, ends := x.groups[:0], x.ends[:0]
	for _, i := range x.names {
		g, added := x.words.number(x.toks[i].Norm)
		if added {
			ends = append(ends, 0)
		}
		ends[g]++
		groups = append(groups, g)
	}
	// ends[g] becomes where word g's run starts, and then where it ends.
	start := int32(0)
	for g, n := range ends {
		ends[g], start = start, start+n
	}
	at := slices.Grow(x.at[:0], len(x.names))[:len(x.names)]
	for k, i := range x.names {
		g := groups[k]
		at[ends[g]] = i
		ends[g]++
	}
	x.at, x.groups, x.ends = at, groups, ends
}

// stringTable numbers distinct strings in order of first appearance. It is
// sized for each document, so that emptying it costs what that document
// used, where a Go map costs what the longest document grew it to.
type stringTable struct {
	slots []int32 // 1 + the number of the string in its slot, or 0 for an empty slot
	keys  []string
}

// reset empties t, with room for n strings.
func (t *stringTable) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(t.slots) >= size {
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]int32, size)
	}
	clear(t.keys) // drop the strings
	t.keys = t.keys[:0]
}

// slot returns the slot of s: the one holding it, or the empty one it goes in.
func (t *stringTable) slot(s string) int {
	h, _ := caselessHash(s)
	mask := len(t.slots) - 1
	i := int(h) & mask
	for t.slots[i] != 0 && t.keys[t.slots[i]-1] != s {
		i = (i + 1) & mask
	}
	return i
}

// find returns the number of s, if it has one.
func (t *stringTable) find(s string) (int32, bool) {
	e := t.slots[t.slot(s)]
	return e - 1, e != 0
}

// number returns the number of s, numbering it (added) when it has none.
// It takes no more strings than reset made room for.
func (t *stringTable) number(s string) (n int32, added bool) {
	i := t.slot(s)
	if t.slots[i] != 0 {
		return t.slots[i] - 1, false
	}
	t.keys = append(t.keys, s)
	t.slots[i] = int32(len(t.keys))
	return int32(len(t.keys) - 1), true
}

// titlesAlsoNames are title words that are also given or family names.
var titlesAlsoNames = dataSet("titles-also-names.txt")

// spelledOut returns the organisation of the document whose name the short
// name abbreviates, an acronym standing for the words it is the initials of
// ("Dinas PU Kota" → "Dinas Pekerjaan Umum Kota Contoh"), or the short name.
func (qd *quoteDoc) spelledOut(short string) string {
	words := strings.Fields(short)
	hasAcronym := false
	for _, w := range words {
		hasAcronym = hasAcronym || isAcronymWord(w)
	}
	if !hasAcronym {
		return short
	}
	best := short
	var buf [40]byte
	for _, long := range qd.orgsByFirstWord()[string(foldedKey(&buf, words[0]))] {
		if len(long) > len(best) && abbreviates(words, strings.Fields(long)) {
			best = long
		}
	}
	return best
}

// orgsByFirstWord indexes the document's distinct organisation names by
// their folded first word, built once.
func (qd *quoteDoc) orgsByFirstWord() map[string][]string {
	if qd.orgs == nil {
		qd.orgs = map[string][]string{}
		seen := map[string]bool{}
		for _, e := range qd.doc.Entities {
			if e.Label != Organisation {
				continue
			}
			name := dropParenthesis(qd.doc.Text[e.Start:e.End])
			if first, _, _ := strings.Cut(name, " "); !seen[name] {
				seen[name] = true
				qd.orgs[foldWord(first)] = append(qd.orgs[foldWord(first)], name)
			}
		}
	}
	return qd.orgs
}

// abbreviates reports whether short is the start of long with each acronym
// in it standing for as many words of long as it has letters, their initials.
func abbreviates(short, long []string) bool {
	j := 0
	for _, w := range short {
		switch {
		case j < len(long) && strings.EqualFold(long[j], w):
			j++
		case isAcronymWord(w) && j+len(w) <= len(long):
			for k := 0; k < len(w); k++ {
				if long[j+k][0] != w[k] {
					return false
				}
			}
			j += len(w)
		default:
			return false
		}
	}
	return j > len(short)
}

// isAcronymWord reports a word of two to five capital ASCII letters.
func isAcronymWord(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// sameNameAs returns the full name of the one person of the document that a
// one-word name stands for when no fuller form of it is written: a nickname
// the article gives ("Siti Aminah, yang akrab disapa Ninik"), a clipped
// name ("Kurni" for Kurniawan Saputra) or a misspelt one ("Aminthya" for
// Amithya Ratnasari). Otherwise it returns the name.
func (qd *quoteDoc) sameNameAs(name string) string {
	if full, ok := qd.variants[name]; ok {
		return full
	}
	full := qd.nicknamed(name)
	if full == "" {
		full = name
		var found []string
		for _, p := range qd.personIndex().byWrittenName.names {
			if slices.Contains(found, p.text) {
				continue
			}
			// A one-word name clips only one much longer ("Ardi" for
			// "Ardiwinata", not "Budi" for "Budiman").
			for _, w := range p.words {
				clipped := len(name) >= 4 && strings.HasPrefix(w, name) && (len(p.words) > 1 || len(w) >= len(name)+4)
				misspelt := len(p.words) > 1 && len(name) >= 5 && len(w) >= 5 && w[0] == name[0] && oneEditApart(w, name)
				if w != name && (clipped || misspelt) {
					found = append(found, p.text)
					break
				}
			}
		}
		if len(found) == 1 {
			full = found[0]
		}
	}
	return remember(&qd.variants, &qd.scratch.variants, name, full)
}

// nicknamed returns the written name of the person the document gives the
// nickname name ("X, yang akrab disapa Ninik"), or "".
func (qd *quoteDoc) nicknamed(name string) string {
	for _, k := range qd.nameTokens().of(name) {
		if k == 0 || !nicknameCues.lookup(qd.toks[k-1].Norm) {
			continue
		}
		if e := qd.lastPersonIn(Span{qd.toks[qd.sentenceStartToken(k)].Start, qd.toks[k-1].Start}); e >= 0 {
			return qd.writtenName(qd.doc.Entities[e])
		}
	}
	return ""
}

// nicknameCues are the words before a nickname the article gives a person.
var nicknameCues = dataSet("nickname-cues.txt")

// oneEditApart reports whether a and b differ by one letter inserted,
// deleted or replaced.
func oneEditApart(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return i < len(a) && a[i+1:] == b[i+1:]
	}
	return a[i+1:] == b[i:]
}

// misspeltAs returns the written name of the one person of the document
// whose fuller name has every word of name, one of them or more spelt a little
// differently ("Feri Saripuddin" for "Muhamad Feri Sarifudin"), or name.
func (qd *quoteDoc) misspeltAs(name string) string {
	if full, ok := qd.variants[name]; ok {
		return full // a speaker of several quotes
	}
	return remember(&qd.variants, &qd.scratch.variants, name, qd.findMisspelt(name))
}

func (qd *quoteDoc) findMisspelt(name string) string {
	var fields [8]string
	words := appendFields(fields[:0], name)
	var found []string
	for _, p := range qd.personIndex().byWrittenName.names {
		if len(p.words) <= len(words) || slices.Contains(found, p.text) {
			continue
		}
		exact, near := 0, 0
		for _, w := range words {
			switch {
			case slices.Contains(p.words, w):
				exact++
			case slices.ContainsFunc(p.words, func(o string) bool { return spellingVariants(o, w) }):
				near++
			}
		}
		if exact > 0 && near > 0 && exact+near == len(words) {
			found = append(found, p.text)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return name
}

// spellingVariants reports two words of a name spelt a little differently:
// the same first letter, one edit apart in five letters or more, two in
// eight or more ("Saripudin", "Sarifuddin").
func spellingVariants(a, b string) bool {
	if len(a) < 5 || len(b) < 5 || a[0] != b[0] {
		return false
	}
	most := 1
	if len(a) >= 8 && len(b) >= 8 {
		most = 2
	}
	return editDistance(a, b, most) <= most
}

// editDistance returns the Levenshtein distance of a and b, or most+1 once
// it is sure to be more than most.
func editDistance(a, b string, most int) int {
	if d := len(a) - len(b); d > most || -d > most {
		return most + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > most {
			return most + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// affiliationClasses are the classes of words that end the name of an
// organisation, a place or a role ("Bidang Hukum", "Jakarta Raya", "PVMBG").
const affiliationClasses = classTitle | classAffiliation | classRole | classOrgHead | classPlaceCue | classLowercase | classTerm |
	classEnglishOrg | classEnglishConnector | classOrgConnector | classStateBody | classPartyBoard | classFacility | classRegionHead

// withoutAffiliation drops the words of an organisation, place or role that
// a chain of capitals without commas glued before a person's name ("Ketua
// PBNU Bidang Hukum Robikin Emhas" read as one name): where the article
// calls the speaker by the name from a word on ("kata Robikin"), and the
// word before that one ends an affiliation (not an initial, nor a title that
// is also a name), the name starts there.
func withoutAffiliation(name string, calls []string) string {
	if len(calls) == 0 {
		return name
	}
	var fields [8]string
	words := appendFields(fields[:0], name)
	for k := 1; k < len(words); k++ {
		if !slices.ContainsFunc(calls, func(c string) bool { return startsWords(words[k:], c) }) {
			continue
		}
		prev := trimPeriod(words[k-1])
		class := lexicon.lookup(prev)
		switch {
		case len(prev) == 1 || titlesAlsoNames.lookup(prev):
			continue // an initial, or a name: "A Zaki Iskandar", "Putri Joko Widodo"
		case len(prev) >= 3 && strings.Trim(prev, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "":
			// an organisation's acronym: "PVMBG Kasbani"
		case len(prev) == 2 && isAcronymWord(prev):
			continue // initials: "RZ Panca Putra"
		case class&affiliationClasses == 0:
			continue
		case class&^(classLowercase|classRole) == 0 && k == len(words)-1:
			continue // a given name that is also a word: "Jack Ma", "Agung Nugraha"
		}
		return strings.Join(words[k:], " ")
	}
	return name
}

// startsWords reports whether words start with the words of s.
func startsWords(words []string, s string) bool {
	if !strings.HasPrefix(s, words[0]) {
		return false // most calls: cheap to tell
	}
	sw := strings.Fields(s)
	return len(sw) <= len(words) && slices.Equal(sw, words[:len(sw)])
}

// writesName reports a span of capitalised words, as a speaker's mention
// that names it rather than a pronoun or a cue.
func (qd *quoteDoc) writesName(s Span) bool {
	first, last := qd.tokenRange(s)
	for k := first; k < last; k++ {
		if !isNameToken(&qd.toks[k]) {
			return false
		}
	}
	return first < last
}
