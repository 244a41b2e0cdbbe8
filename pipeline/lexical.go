package pipeline

import (
	"math/bits"
	"slices"
)

// tokenLexemes gives the tokens of a document the lexemes of their forms,
// from a vocabulary that the worker keeps from one document to the next.
// What a stage works out about a word (what it is to the entity finder, for
// one) is then worked out once per form and kept with its lexeme, not once
// per question: news repeats its words, within an article and across
// articles. A token is looked up when a stage first asks about it, so that
// the words no stage asks about (most lower-case words) cost nothing.
//
// Document.lexical holds it; a stage calls start(doc.Tokens) unless the
// entity stage has for this document, then lexeme(i) gives token i's
// lexeme.
type tokenLexemes struct {
	vocab vocabulary
	toks  []Token
	ids   []int32 // per token: its index in vocab.lexemes, or 0 until asked
}

// start makes x the lexemes of toks, none looked up yet.
func (x *tokenLexemes) start(toks []Token) {
	x.vocab.startDocument()
	x.toks = toks
	x.ids = slices.Grow(x.ids[:0], len(toks))[:len(toks)]
	clear(x.ids)
}

// lexeme returns the lexeme of token i. The lookup stays out of it, so
// that the stages' many calls are inlined.
func (x *tokenLexemes) lexeme(i int) *lexeme {
	if id := x.ids[i]; id != 0 {
		return &x.vocab.lexemes[id]
	}
	return x.lookUp(i)
}

// notes returns the notes of token i's lexeme.
func (x *tokenLexemes) notes(i int) *lexemeNotes {
	if x.ids[i] == 0 {
		x.lookUp(i)
	}
	return &x.vocab.notes[x.ids[i]]
}

// lookUp finds the lexeme of token i in the vocabulary, adding it when it
// is new.
//
//go:noinline
func (x *tokenLexemes) lookUp(i int) *lexeme {
	v, w, k := &x.vocab, x.toks[i].Norm, x.toks[i].Kind
	key := keyOf(w, k)
	h := key.hash()
	mask := len(v.slots) - 1
	j := int(h) & mask
	for ; v.slots[j].id != 0; j = (j + 1) & mask {
		if s := v.slots[j]; s.hash == h {
			if l := &v.lexemes[s.id]; l.head == key.head && l.tail == key.tail && l.lenKind == key.lenKind && (len(w) <= 16 || v.middleIs(s.id, w)) {
				x.ids[i] = s.id
				return l
			}
		}
	}
	id := v.add(w, key, h, j)
	x.ids[i] = id
	return &v.lexemes[id]
}

// vocabulary holds the word forms a worker has met, each once, with what
// the stages have worked out about it. It forgets them all when it holds
// maxLexemes, between two documents.
//
// A lookup reads a slot and the lexeme it points to, whose key it compares
// and whose information the stages read next: the slots are small and the
// lexemes hold what a question about a word reads, so that a vocabulary of
// the forms of a few hundred articles mostly stays in cache. What few
// questions read (lexemeNotes) is kept apart.
type vocabulary struct {
	lexemes []lexeme      // from index 1: 0 stands for none in formSlot and tokenLexemes.ids
	notes   []lexemeNotes // by lexeme, as lexemes
	middles []byte        // the bytes that the keys of forms longer than sixteen bytes leave out, end to end
	slots   []formSlot    // open addressing by the hash of formKey; a power of two long
	doc     uint32        // the serial number of the document being read, for answers kept per document
}

// maxLexemes bounds a vocabulary at about 4 MB (32 bytes a lexeme, 12 of
// notes, 8 a slot, two slots a lexeme): five times the distinct forms of
// 300 news articles.
const maxLexemes = 1 << 16

// formSlot points to a lexeme, with the hash of its key, which tells most
// forms apart without reading the lexeme.
type formSlot struct {
	hash uint32 // of the lexeme's key
	id   int32  // the lexeme's index, or 0 for an empty slot
}

// formKey is a form's length and token kind and its first and last eight
// bytes (fewer for a short form, see keyOf): all of a form of up to
// sixteen bytes, which most are.
type formKey struct {
	head, tail uint64
	lenKind    uint32 // length | kind<<24
}

// keyOf returns the key of form w as a token of kind k.
func keyOf(w string, k TokenKind) formKey {
	n := len(w)
	key := formKey{lenKind: uint32(n) | uint32(k)<<24}
	switch {
	case n >= 8:
		key.head, key.tail = load64(w), load64(w[n-8:])
	case n >= 4:
		key.head = uint64(load32(w)) | uint64(load32(w[n-4:]))<<32
	case n > 0:
		key.head = uint64(w[0]) | uint64(w[n/2])<<8 | uint64(w[n-1])<<16
	}
	return key
}

func (k formKey) hash() uint32 {
	x := (k.head ^ bits.RotateLeft64(k.tail, 29) ^ uint64(k.lenKind)<<40) * 0x9e3779b97f4a7c15
	return uint32(x >> 32)
}

// lexeme is a form as a token of one kind, and what has been worked out
// about it: 32 bytes, two to a cache line.
type lexeme struct {
	// The form's key (formKey, whose padding would take 4 bytes here).
	head, tail uint64
	lenKind    uint32
	// classes are the form's word classes in any case (classOf);
	// connector those of a word written in lower case, as connectors and
	// cues are, looked up as written (see entityFinder.connector).
	classes, connector wordClass
	info               tokenInfo // see entityFinder.is; 0 until worked out
	// shape is the clitic and reduplication of the token info was worked
	// out for: a token of the same form and kind with another shape has its
	// own info (the tokenizer decides both from the form alone today).
	shape uint8
	cues  wordCues // of the form's plain tokens (see entityFinder.cuesAt); 0 until worked out
	glued bool     // words joined in one (isGlued)
}

// lexemeNotes is what is worked out about a lexeme that few questions ask.
type lexemeNotes struct {
	middle uint32 // where the bytes of the form that its key leaves out start in vocabulary.middles
	// lowerFound is writtenLower's answer for document lowerDoc.
	lowerDoc   uint32
	lowerFound bool
}

// shapeOf returns the shape of t (see lexeme.shape).
func shapeOf(t *Token) uint8 {
	s := uint8(t.Clitic)
	if t.Has(Reduplicated) {
		s |= 0x80
	}
	return s
}

// startDocument gives the next document its serial number, first
// forgetting every form when the vocabulary is full or the serial numbers
// have gone round: between two documents, so that no lexeme index of a
// document goes stale.
func (v *vocabulary) startDocument() {
	v.doc++
	if len(v.lexemes) < maxLexemes && v.doc != 0 && v.slots != nil {
		return
	}
	v.lexemes, v.notes, v.middles = append(v.lexemes[:0], lexeme{}), append(v.notes[:0], lexemeNotes{}), v.middles[:0]
	v.slots = make([]formSlot, 4096)
	v.doc = 1
}

// add adds the lexeme of form w with key, of hash h, into the empty slot
// i, and returns its index.
//
//go:noinline
func (v *vocabulary) add(w string, key formKey, h uint32, i int) int32 {
	l := lexeme{head: key.head, tail: key.tail, lenKind: key.lenKind, classes: classOf(w), glued: isGlued(w)}
	notes := lexemeNotes{middle: uint32(len(v.middles))}
	if len(w) > 16 {
		v.middles = append(v.middles, w[8:len(w)-8]...)
	}
	if TokenKind(key.lenKind>>24) == Word && (startsLower(w) || w == "&") {
		l.connector = lexicon.get(w)
	}
	id := int32(len(v.lexemes))
	v.lexemes = append(v.lexemes, l)
	v.notes = append(v.notes, notes)
	v.slots[i] = formSlot{h, id}
	if 2*len(v.lexemes) > len(v.slots) {
		v.grow()
	}
	return id
}

// middleIs reports whether the bytes of w that its key leaves out are those
// of lexeme id's form, of the same key.
func (v *vocabulary) middleIs(id int32, w string) bool {
	start := v.notes[id].middle
	return string(v.middles[start:int(start)+len(w)-16]) == w[8:len(w)-8]
}

// grow doubles the slots, keeping them at most half full.
func (v *vocabulary) grow() {
	slots := make([]formSlot, 2*len(v.slots))
	mask := len(slots) - 1
	for _, s := range v.slots {
		if s.id == 0 {
			continue
		}
		i := int(s.hash) & mask
		for slots[i].id != 0 {
			i = (i + 1) & mask
		}
		slots[i] = s
	}
	v.slots = slots
}

// load64 reads the first eight bytes of s, little-endian.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 reads the first four bytes of s, little-endian.
func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}
