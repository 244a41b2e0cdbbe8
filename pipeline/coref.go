package pipeline

import (
	"context"
	"slices"
	"strings"

	"github.com/kutip/kutip/gazetteer"
)

// Coreference links the mentions of one entity within a document, so that
// each carries the entity's fullest name: "Lavrov" → "Sergey Lavrov" (the
// full name appearing elsewhere in the article), an acronym defined in
// parentheses → its expansion ("Pusat Studi Konstitusi (PUSaKO)", then
// "PUSaKO"), a nickname in parentheses → the name before it ("Joko Widodo
// (Jokowi)", then "Jokowi").
type Coreference struct {
	Gazetteer *gazetteer.Gazetteer
}

var _ Stage = (*Coreference)(nil)

// Name implements Stage.
func (*Coreference) Name() string { return "coreference" }

// Process implements Stage.
func (c *Coreference) Process(_ context.Context, doc *Document) error {
	if doc.corefScratch == nil {
		doc.corefScratch = new(corefScratch)
	}
	linkDefinitions(doc)
	linkShortNames(doc)
	addBareMentions(doc)
	for i := range doc.Entities {
		if doc.Entities[i].Name == "" {
			doc.Entities[i].Name = doc.Text[doc.Entities[i].Start:doc.Entities[i].End]
		}
	}
	return nil
}

// linkDefinitions gives every mention of a short form that the document
// defines in parentheses the entity it defines: an acronym inside an
// organisation's mention ("Kementerian Luar Negeri (Kemenlu) Rusia", then
// "Kemenlu" is the Russian ministry, whatever the gazetteer's "Kemenlu"
// is), or a person's nickname right after their name ("Joko Widodo
// (Jokowi)").
func linkDefinitions(doc *Document) {
	sc := doc.corefScratch
	defined := sc.defined[:0]
	define := func(short string, e Entity) {
		defined = append(defined, definition{short, e})
	}
	for i := range doc.Entities {
		e := &doc.Entities[i] // not copied: an entity is a dozen words
		text := doc.Text[e.Start:e.End]
		if e.Label != Person {
			if open := strings.IndexByte(text, '('); open > 0 {
				if close := strings.IndexByte(text[open:], ')'); close > 1 {
					define(text[open+1:open+close], *e)
				}
			}
			continue
		}
		if i+1 < len(doc.Entities) {
			next := &doc.Entities[i+1]
			if next.Label == Person && next.Start >= e.End && strings.HasPrefix(doc.Text[next.End:], ")") &&
				strings.TrimSpace(doc.Text[e.End:next.Start]) == "(" {
				define(doc.Text[next.Start:next.End], *e)
			}
		}
	}
	if len(defined) == 0 {
		return
	}
	// Sorted by short form, the first definition of each first: a document
	// defines a few, so no map is built for them.
	slices.SortStableFunc(defined, func(a, b definition) int { return strings.Compare(a.short, b.short) })
	var lengths lengthSet // most mentions are of another length than every short form
	for _, d := range defined {
		lengths.add(len(d.short))
	}
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if !lengths.has(e.End - e.Start) {
			continue
		}
		k, ok := slices.BinarySearchFunc(defined, doc.Text[e.Start:e.End], func(d definition, short string) int { return strings.Compare(d.short, short) })
		if !ok {
			continue
		}
		full := &defined[k].full
		if full.Span == e.Span || e.ID != "" && e.ID == full.ID {
			continue
		}
		e.Label, e.ID, e.Name, e.Kind, e.Method = full.Label, full.ID, nameOf(doc, *full), full.Kind, "coref"
	}
	clear(defined) // drop the strings
	sc.defined = defined[:0]
}

// definition is a short form a document defines and the entity it names.
type definition struct {
	short string
	full  Entity
}

// linkShortNames gives a person mentioned by part of their name the fullest
// name the document uses for them: the longest person name whose words
// include all of the short mention's words, when no other person's name
// includes them too ("Ahmad" stays as it is beside "Ahmad Heryawan" and
// "Ahmad Basarah"). Names are compared once each, through an index of their
// words, so that an article repeating a name costs no more than the name.
func linkShortNames(doc *Document) {
	sc := doc.corefScratch
	sc.reset()
	people := sc.people
	sc.personOf = slices.Grow(sc.personOf[:0], len(doc.Entities))[:len(doc.Entities)]
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if e.Label != Person {
			continue
		}
		name := nameOf(doc, *e)
		k, added := sc.names.add(name) // people are added in the order of their ids
		sc.personOf[i] = k
		if !added {
			continue
		}
		first := len(sc.words)
		for w := range strings.FieldsSeq(name) {
			sc.words = append(sc.words, w)
		}
		words := sc.words[first:len(sc.words):len(sc.words)]
		for _, w := range words {
			start := len(sc.lowered)
			sc.lowered = appendLower(sc.lowered, w)
			sc.wordsLowered = append(sc.wordsLowered, loweredWord{start, len(sc.lowered), k})
		}
		people = append(people, person{words: words, name: name, id: e.ID, full: -1})
	}
	lowered := string(sc.lowered) // the words in lower case, in one allocation
	for k, w := range sc.wordsLowered {
		id := sc.addPersonWord(lowered[w.start:w.end], w.person)
		if k == 0 || sc.wordsLowered[k-1].person != w.person {
			people[w.person].firstWord = id
		}
	}
	for i := range people {
		p := &people[i]
		if len(p.words) == 0 {
			continue
		}
		cands := sc.peopleWith(p.firstWord)
		best := -1
		for _, k := range cands {
			if len(people[k].words) > len(p.words) && containsAllWords(people[k].words, p.words) &&
				(best < 0 || len(people[k].words) > len(people[best].words)) {
				best = int(k)
			}
		}
		if best < 0 {
			continue
		}
		ambiguous := false
		for _, k := range cands {
			if len(people[k].words) > len(p.words) && containsAllWords(people[k].words, p.words) &&
				!containsAllWords(people[best].words, people[k].words) {
				ambiguous = true
				break
			}
		}
		if !ambiguous {
			p.full = best
		}
	}
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if e.Label != Person {
			continue
		}
		k := people[sc.personOf[i]].full
		if k < 0 {
			continue
		}
		full := &people[k]
		e.Name = full.name
		if full.id != "" {
			e.ID = full.id
		}
		if e.Method == "rule" {
			e.Method = "coref"
		}
	}
	sc.people = people
}

// person is a distinct person name of a document, for linkShortNames.
type person struct {
	words     []string
	name, id  string // of the first mention with this name
	full      int    // index of the fullest name it is part of, or -1
	firstWord int32  // the id of words[0] in lower case in corefScratch.lowerWords
}

// corefScratch holds linkShortNames' tables, kept from one document to the
// next (the Document keeps them) so that their memory is reused.
type corefScratch struct {
	people   []person
	names    stringIDs // of the people
	personOf []int32   // per entity: its person, when it is one
	// byWord gives, by the id in lowerWords of a word in lower case, the
	// people whose names have it, in order, as a list through next.
	lowerWords stringIDs
	byWord     []wordPeople
	next       []personLink
	cands      []int32
	// The words of the names, and the same in lower case end to end, with
	// where each is.
	words        []string
	lowered      []byte
	wordsLowered []loweredWord
	// linkDefinitions' short forms; addBareMentions' words of full names,
	// and the mentions it adds.
	defined     []definition
	capitalised []int32
	parts       nameParts
	added       []Entity
}

// stringIDs numbers the distinct strings of a document from 0 in the order
// they are added: an open-addressing table over their keyOf hashes, which
// the document's strings fill a few slots of, cleared for the next
// document without being freed.
type stringIDs struct {
	slots  []int32  // 1 + the id of the string there, or 0; a power of two long
	keys   []string // by id
	hashes []uint32 // by id
}

func (t *stringIDs) reset() {
	clear(t.slots)
	clear(t.keys) // drop the document's strings
	t.keys, t.hashes = t.keys[:0], t.hashes[:0]
}

// add returns the id of s, giving it the next one when it has none, and
// whether it did.
func (t *stringIDs) add(s string) (int32, bool) {
	if 2*(len(t.keys)+1) > len(t.slots) {
		t.grow()
	}
	h := keyOf(s, Word).hash()
	i := t.slotOf(s, h)
	if id := t.slots[i]; id != 0 {
		return id - 1, false
	}
	id := int32(len(t.keys))
	t.keys, t.hashes = append(t.keys, s), append(t.hashes, h)
	t.slots[i] = id + 1
	return id, true
}

// find returns the id of s, or -1 when it has none.
func (t *stringIDs) find(s string) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	return t.slots[t.slotOf(s, keyOf(s, Word).hash())] - 1
}

// slotOf returns the slot holding s, of hash h, or the empty slot where it
// goes.
func (t *stringIDs) slotOf(s string, h uint32) int {
	mask := len(t.slots) - 1
	i := int(h) & mask
	for ; t.slots[i] != 0; i = (i + 1) & mask {
		if id := t.slots[i] - 1; t.hashes[id] == h && t.keys[id] == s {
			break
		}
	}
	return i
}

// grow doubles the slots, keeping them at most half full.
func (t *stringIDs) grow() {
	t.slots = make([]int32, max(64, 2*len(t.slots)))
	mask := len(t.slots) - 1
	for id, h := range t.hashes {
		i := int(h) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(id + 1)
	}
}

type loweredWord struct {
	start, end int
	person     int32
}

type wordPeople struct{ first, last int32 } // indexes in next

type personLink struct {
	person int32
	next   int32 // index in next, or -1
}

func (sc *corefScratch) reset() {
	clear(sc.people) // drop the previous document's strings
	sc.people = sc.people[:0]
	sc.names.reset()
	sc.lowerWords.reset()
	sc.byWord = sc.byWord[:0]
	sc.next = sc.next[:0]
	sc.words, sc.lowered, sc.wordsLowered = sc.words[:0], sc.lowered[:0], sc.wordsLowered[:0]
}

// addPersonWord records that person k's name has word w, once, and
// returns the id of w.
func (sc *corefScratch) addPersonWord(w string, k int32) int32 {
	link := int32(len(sc.next))
	id, added := sc.lowerWords.add(w)
	if added {
		sc.byWord = append(sc.byWord, wordPeople{link, link})
	} else {
		wp := &sc.byWord[id]
		if sc.next[wp.last].person == k {
			return id
		}
		sc.next[wp.last].next = link
		wp.last = link
	}
	sc.next = append(sc.next, personLink{k, -1})
	return id
}

// peopleWith returns the people whose names have the word of id in
// lowerWords, in order.
func (sc *corefScratch) peopleWith(id int32) []int32 {
	sc.cands = sc.cands[:0]
	for l := sc.byWord[id].first; l >= 0; l = sc.next[l].next {
		sc.cands = append(sc.cands, sc.next[l].person)
	}
	return sc.cands
}

// addBareMentions tags a capitalised word that repeats a word of a person's
// full name ("Rina" after "Rina Hartati") where the rules left it untagged.
func addBareMentions(doc *Document) {
	sc := doc.corefScratch
	parts := &sc.parts
	parts.reset()
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if e.Label != Person {
			continue
		}
		var buf [8]string // holds the words of most names without allocating
		ws := slices.AppendSeq(buf[:0], strings.FieldsSeq(doc.Text[e.Start:e.End]))
		if len(ws) < 2 {
			continue
		}
		for _, w := range ws {
			// A name repeats its words: a word already held is not asked
			// about again.
			if h := partHash(w); len(w) >= 3 && parts.entityOf(w, h) < 0 && !gazetteer.IsCommonWord(w) {
				parts.add(w, h, i)
			}
		}
	}
	if len(parts.words) == 0 {
		return
	}
	added := sc.added[:0]
	k := 0
	toks, ents := doc.Tokens, doc.Entities // kept in registers over the loop, which calls out
	capitalised := doc.entityScratch.capitalisedWordsOf(doc)
	if capitalised == nil {
		sc.capitalised = capitalisedWords(toks, slices.Grow(sc.capitalised[:0], len(toks)))
		capitalised = sc.capitalised
	}
	for _, i := range capitalised {
		t := &toks[i]
		for k < len(ents) && ents[k].End <= t.Start {
			k++
		}
		if k < len(ents) && ents[k].Start <= t.Start {
			continue
		}
		p := parts.find(t.Stem())
		if p < 0 || atSentenceStart(doc, int(i)) && isOrdinaryWord(t) {
			continue
		}
		full := &ents[p]
		added = append(added, Entity{Span: Span{t.Start, t.Start + len(t.Stem())}, Label: Person, ID: full.ID,
			Name: nameOf(doc, *full), Method: "coref"})
	}
	if len(added) > 0 {
		doc.Entities = mergeSorted(doc.Entities, added)
	}
	clear(added) // drop the names
	sc.added = added[:0]
}

// capitalisedWords returns in words, which has room for as many as toks,
// the words of toks that do not start with a lower-case letter. The table
// of copyWords tells them without a branch on a token's kind or case, which
// goes either way at random. Not inlined, its loop keeps what it needs in
// registers, which addBareMentions' does not.
//
//go:noinline
func capitalisedWords(toks []Token, words []int32) []int32 {
	words = words[:len(toks)] // as long as toks: no bounds checks on i
	n := 0
	for i := range toks {
		t := &toks[i]
		words[n] = int32(i)
		var first byte // none in an empty word, which is no lower-case one
		if t.Norm != "" {
			first = t.Norm[0]
		}
		lower := tokenStarts[Word][first] & lowerStart >> 2
		n += int(isWord(t) &^ lower)
	}
	return words[:n]
}

// isWord returns 1 for a word, else 0.
func isWord(t *Token) uint8 {
	if t.Kind == Word {
		return 1
	}
	return 0
}

// nameParts are the words of the people's full names, each with the first
// person named with it: a bit filter over the words' hashes rules out most
// capitalised words of the text without comparing them.
type nameParts struct {
	filter [16]uint64 // bit partHash(word)&1023: some word may hash there
	words  []namePart
}

type namePart struct {
	word   string
	hash   uint32
	entity int // index in Document.Entities
}

func (p *nameParts) reset() {
	clear(p.filter[:])
	clear(p.words) // drop the strings
	p.words = p.words[:0]
}

// partHash returns the hash of w in nameParts: of its length and its first
// and last bytes, as lowerHash's, which tell apart the words of a
// document's names for less than a hash of their every byte costs: most
// capitalised words are asked about, and few share these with a name's.
func partHash(w string) uint32 {
	if w == "" {
		return 0
	}
	return uint32(lowerHash(len(w), w[0], w[len(w)-1]))
}

// add records word w, of hash h, of the name of entity i: w is not held
// yet.
func (p *nameParts) add(w string, h uint32, i int) {
	p.filter[h&1023/64] |= 1 << (h % 64)
	p.words = append(p.words, namePart{w, h, i})
}

// find returns the entity whose name first had w, or -1.
func (p *nameParts) find(w string) int { return p.entityOf(w, partHash(w)) }

// entityOf is find for w of hash h.
func (p *nameParts) entityOf(w string, h uint32) int {
	if p.filter[h&1023/64]&(1<<(h%64)) == 0 {
		return -1
	}
	for _, part := range p.words {
		if part.hash == h && part.word == w {
			return part.entity
		}
	}
	return -1
}

func nameOf(doc *Document, e Entity) string {
	if e.Name != "" {
		return e.Name
	}
	return doc.Text[e.Start:e.End]
}

func containsAllWords(long, short []string) bool {
	for _, w := range short {
		found := false
		for _, l := range long {
			if strings.EqualFold(l, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// mergeSorted merges entity list b into a, both sorted by start, in a's
// memory when it has room (a Document keeps it from one article to the
// next): from the end, so that no entity of a is overwritten before it
// moves. Of two entities at one start, a's comes first.
func mergeSorted(a, b []Entity) []Entity {
	i, j := len(a)-1, len(b)-1
	a = slices.Grow(a, len(b))[:len(a)+len(b)]
	for k := len(a) - 1; j >= 0; k-- {
		if i >= 0 && a[i].Start > b[j].Start {
			a[k] = a[i]
			i--
		} else {
			a[k] = b[j]
			j--
		}
	}
	return a
}
