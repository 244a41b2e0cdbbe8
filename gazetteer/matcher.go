package gazetteer

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Gazetteer is a set of entries indexed for matching. It is read-only once
// built and safe for concurrent use.
type Gazetteer struct {
	records []record
	strs    string                  // the strings of records, one after another
	aliases []span                  // the aliases of records, one record's after another's
	made    []atomic.Pointer[Entry] // the entries made of records so far
	ids     idIndex

	// The index holds no pointers, so that the garbage collector, which
	// marks the live heap again and again while articles are annotated,
	// skips it: surface forms refer to entries by their index in records and
	// spell their text as a range of strs; the entries of the surface forms
	// that several entries use are runs of sharedRefs, the kth ending at
	// sharedEnds[k].
	surfaces   []surfaceForm
	sharedRefs []surfaceRef
	sharedEnds []uint32
	// seqs maps the hash of a folded token sequence to 1 + the head of its
	// chain in links. Hashing token sequences keeps the cost of matching a
	// token independent of the number of entries.
	seqs  hashTable
	links []surfaceLink
	// startBounds tells, for the hash of a folded token, at least the
	// largest number of tokens of a surface form beginning with it, and 0
	// for most tokens that begin none, so that most tokens cost one lookup
	// and only tokens that begin a surface form cost more.
	startBounds startBounds
	// The filters stand before the tables, which are large enough for most
	// lookups to miss the cache. startKeys holds the startKeys of the tokens
	// that can start a surface form: most tokens are punctuation or
	// lower-case words that it rules out without hashing. It is a bit set
	// rather than a filter, so that no frequent token (a comma) passes it by
	// chance; nil in the zero Gazetteer. startFilter holds the keys of
	// startBounds and seqFilter those of seqs. prefixFilter holds the hashes
	// of the sequences of first tokens of the surface forms, from two tokens
	// to all but one, so that matching hashes no token after a sequence that
	// no surface form goes on from (a name and the comma after it).
	startKeys                            *startSet
	startFilter, seqFilter, prefixFilter keyFilter

	// The entries of shared surface forms, while entries are added.
	building struct {
		shared   [][]surfaceRef
		prefixes []uint64  // the keys of prefixFilter
		starts   hashTable // the exact numbers of startBounds
		// firstKeys holds two for each surface form, the firstStartKey of
		// its first token split without pieces and with.
		firstKeys []uint32
	}

	fuzzyOnce sync.Once
	fuzzy     *fuzzyIndex
}

// surfaceForm is one spelling (a name or an alias) and the entries using it.
// Most spellings belong to one entry, which the form holds itself; the
// entries of a shared one are in Gazetteer.sharedRefs.
type surfaceForm struct {
	start, end uint32 // of the text in Gazetteer.strs
	entry      uint32 // the preferred entry, see compareRefs
	shared     uint32 // 1 + the index in Gazetteer.sharedEnds of all its entries, best first; 0 for one entry
	alias      bool   // text is an alias of entry
	rank       uint8  // of entry's kind
	acronym    bool   // all capitals: matches only exactly
}

// first returns the preferred entry of s.
func (s *surfaceForm) first() surfaceRef { return surfaceRef{s.entry, s.alias, s.rank} }

// textOf returns the spelling of s.
func (g *Gazetteer) textOf(s *surfaceForm) string { return g.strs[s.start:s.end] }

// refs returns the entries of s, best first; one is written into one, which
// the caller keeps on its stack.
func (g *Gazetteer) refs(s *surfaceForm, one *[1]surfaceRef) []surfaceRef {
	if s.shared != 0 {
		start := uint32(0)
		if s.shared > 1 {
			start = g.sharedEnds[s.shared-2]
		}
		return g.sharedRefs[start:g.sharedEnds[s.shared-1]]
	}
	one[0] = s.first()
	return one[:]
}

type surfaceRef struct {
	entry uint32 // index in Gazetteer.records
	alias bool
	rank  uint8 // of the entry's kind, see kindOrder
}

type surfaceLink struct{ surface, next uint32 }

// maxSurfaceTokens bounds the length of surface forms that MatchTokens finds
// in text; longer ones can still be looked up.
const maxSurfaceTokens = 32

// New builds a gazetteer from sets of entries. An entry of a later set whose
// id an earlier entry has replaces that entry. New keeps copies of the
// entries, so the sets may be dropped or changed afterwards; it fills in
// missing ids from names and skips entries without a name.
func New(sets ...[]Entry) *Gazetteer {
	c := newCompiler()
	n, size, aliases := 0, 0, 0
	for _, set := range sets {
		n += len(set)
		size += stringsSize(set)
		for i := range set {
			aliases += len(set[i].Aliases)
		}
	}
	c.reserve(n, size)
	c.g.aliases = make([]span, 0, aliases)
	for _, set := range sets {
		for i := range set {
			c.add(&set[i])
		}
	}
	return c.finish()
}

// Load builds the gazetteer of base and then of the entries of the files at
// paths, as New(base, ReadFile(paths[0]), …) does, but reads each file's
// entries straight into the gazetteer: a million user entries never stand
// in a slice of Entry, which took 180 MB more at its peak.
func Load(base []Entry, paths ...string) (*Gazetteer, error) {
	c := newCompiler()
	c.reserve(len(base), stringsSize(base))
	for i := range base {
		c.add(&base[i])
	}
	for _, p := range paths {
		if err := readFile(p, stopAtFirst, c); err != nil {
			return nil, err
		}
	}
	return c.finish(), nil
}

// stringsSize is the size of the strings of entries that a compiler keeps
// for each, the ones it does not intern.
func stringsSize(entries []Entry) int {
	size := 0
	for i := range entries {
		e := &entries[i]
		size += len(e.ID) + len(e.Name) + len(e.Description)
		for _, a := range e.Aliases {
			size += len(a)
		}
	}
	return size
}

func (g *Gazetteer) buildIndex() {
	n := len(g.records) + len(g.aliases)
	g.surfaces = make([]surfaceForm, 0, n)
	g.links = make([]surfaceLink, 0, n)
	// Tables built in place, without maps to copy them from: a million
	// entries' maps took 75 MB more at the peak of loading.
	// Forms split at inner punctuation (KOMPAS.com) add keys: room for a
	// few, so that the table does not grow to twice its size and shrink back.
	g.seqs = newHashTable(n + n/8)
	g.building.starts = newHashTable(n / 2)
	g.building.firstKeys = make([]uint32, 0, 2*n)
	for i := range g.records {
		r := &g.records[i]
		ref := surfaceRef{entry: uint32(i), rank: rank(g.str(r.kind))}
		g.addSurface(r.name, ref)
		ref.alias = true
		for _, a := range g.aliasesOf(uint32(i)) {
			g.addSurface(a, ref)
		}
	}
	shared := g.building.shared
	g.building.shared = nil
	total := 0
	for _, refs := range shared {
		total += len(refs)
	}
	g.sharedRefs = make([]surfaceRef, 0, total)
	g.sharedEnds = make([]uint32, 0, len(shared))
	for i := range g.surfaces {
		if s := &g.surfaces[i]; s.shared != 0 {
			refs := shared[s.shared-1]
			slices.SortStableFunc(refs, g.compareRefs)
			s.entry, s.alias, s.rank = refs[0].entry, refs[0].alias, refs[0].rank
			g.sharedRefs = append(g.sharedRefs, refs...)
			g.sharedEnds = append(g.sharedEnds, uint32(len(g.sharedRefs)))
			s.shared = uint32(len(g.sharedEnds))
		}
	}
	g.buildFilters()
}

func (g *Gazetteer) buildFilters() {
	g.startKeys = new(startSet)
	firstKeys := g.building.firstKeys
	g.building.firstKeys = nil
	for i := range g.surfaces {
		s := &g.surfaces[i]
		lower := g.spellableInLowerCase(s)
		for _, k := range firstKeys[2*i : 2*i+2] {
			if k == 0 {
				continue
			}
			// The folded token is in lower case; the text may spell it with
			// a capital, and in lower case only when s allows it.
			capital := uint64(k)
			if c := capital >> firstShift; 'a' <= c && c <= 'z' {
				capital -= ('a' - 'A') << firstShift
			}
			g.startKeys.add(capital)
			if lower {
				g.startKeys.add(uint64(k))
			}
		}
	}
	g.seqs.fit()
	g.startFilter = g.building.starts.filter()
	g.startBounds = newStartBounds(&g.building.starts)
	g.building.starts = hashTable{}
	g.seqFilter = g.seqs.filter()
	g.prefixFilter = newKeyFilter(g.building.prefixes)
	g.building.prefixes = nil
}

// hashTable maps uint64 keys to non-zero uint32 values by open addressing,
// filled to three quarters at most: about a third of the size of a Go map.
// A slot holds its key beside its value, in 12 bytes, so that most lookups
// read one cache line (keys and values apart, they read two, each of which
// missed the cache as often).
type hashTable struct {
	slots []hashSlot
	n     int // keys held
}

// hashSlot holds a key, in halves that keep the slot 4-byte aligned, and its
// value, 0 in an empty slot.
type hashSlot struct{ lo, hi, val uint32 }

func (s *hashSlot) key() uint64 { return uint64(s.hi)<<32 | uint64(s.lo) }

// newHashTable returns a table with room for n keys.
func newHashTable(n int) hashTable {
	return hashTable{slots: make([]hashSlot, n*4/3+16)}
}

// set sets the value of k to v, which is not 0, and returns the value it
// had, or 0; it grows the table when it would be more than three quarters
// full.
func (t *hashTable) set(k uint64, v uint32) (old uint32) {
	if (t.n+1)*4 > len(t.slots)*3 {
		t.resize(2*t.n + 16)
	}
	i := t.home(k)
	for t.slots[i].val != 0 {
		if s := &t.slots[i]; s.key() == k {
			old, s.val = s.val, v
			return old
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
	t.slots[i] = hashSlot{uint32(k), uint32(k >> 32), v}
	t.n++
	return 0
}

// resize moves the keys into a table with room for n keys.
func (t *hashTable) resize(n int) {
	old := *t
	*t = newHashTable(n)
	for i := range old.slots {
		if s := &old.slots[i]; s.val != 0 {
			t.set(s.key(), s.val)
		}
	}
}

// fit shrinks a table built with room to spare to three quarters full.
func (t *hashTable) fit() {
	if want := t.n*4/3 + 16; want < len(t.slots)*3/4 {
		t.resize(t.n)
	}
}

// filter returns a filter holding the keys of the table.
func (t *hashTable) filter() keyFilter {
	f := makeKeyFilter(t.n)
	for i := range t.slots {
		if s := &t.slots[i]; s.val != 0 {
			f.add(s.key())
		}
	}
	return f
}

// home is the first slot to probe for k: the high bits of k mixed (FNV
// hashes mix poorly in their low bits), scaled to the table's size.
func (t *hashTable) home(k uint64) int {
	hi, _ := bits.Mul64(k*0x9e3779b97f4a7c15, uint64(len(t.slots)))
	return int(hi)
}

// get returns the value of k, or 0.
func (t *hashTable) get(k uint64) uint32 {
	slots := t.slots
	if len(slots) == 0 {
		return 0 // the zero Gazetteer
	}
	for i := t.home(k); slots[i].val != 0; {
		if slots[i].key() == k {
			return slots[i].val
		}
		if i++; i == len(slots) {
			i = 0
		}
	}
	return 0
}

// startBounds maps keys to bounds of numbers below 256: a byte a slot, four
// slots a key, holding the largest number of the keys in the slot. It is a
// quarter of the size of a hashTable of the keys, and stays in the cache
// where that table's lookups missed it; the few keys that share a slot with
// a larger number cost a few hashes more in MatchTokens, not another match.
type startBounds struct {
	longest []uint8
	shift   uint // 64 - log2 of the number of slots
}

// newStartBounds returns the bounds of the values of t.
func newStartBounds(t *hashTable) startBounds {
	size := 64
	for size < 4*t.n {
		size *= 2
	}
	b := startBounds{longest: make([]uint8, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	for i := range t.slots {
		if s := &t.slots[i]; s.val != 0 {
			p := &b.longest[b.slot(s.key())]
			*p = max(*p, uint8(s.val))
		}
	}
	return b
}

// slot mixes k otherwise than keyFilter.slot, so that a key that passes a
// keyFilter by chance is no likelier to find a number here.
func (b startBounds) slot(k uint64) uint64 { return (k * 0xff51afd7ed558ccd) >> (b.shift & 63) }

// get returns the bound of k, 0 if it is not a key and no key shares its
// slot.
func (b startBounds) get(k uint64) uint8 {
	if s := b.slot(k); s < uint64(len(b.longest)) {
		return b.longest[s]
	}
	return 0 // the zero Gazetteer
}

// startKey packs the first byte of a token, which is not empty, as it is,
// and the second (the first again in a token of one byte) and the last with
// ASCII letters in lower case. It reports false unless those bytes are
// ASCII: then folding keeps them in place, so that a token and its folded
// form differ at most in the case of the first byte. Keeping that case
// tells a lower-case start, which most tokens have and few surface forms
// allow, without a flag.
func startKey(t string) (uint64, bool) {
	second := 1
	if len(t) == 1 { // a conditional move: tokens of one byte come at random
		second = 0
	}
	first, last := uint64(t[0]), uint64(t[len(t)-1])
	x := uint64(t[second])
	// Setting bit 0x20 lowers ASCII letters, and maps a few punctuation
	// marks onto others, which costs the set nothing but precision.
	return first<<firstShift | x<<7 | last | 0x20<<7 | 0x20, (first | x | last) < utf8.RuneSelf
}

// firstShift places the first byte of a startKey above the seven bits of
// each of the other two.
const firstShift = 14

// startSet is a set of startKeys, which are below 1<<21.
type startSet [1 << 21 / 64]uint64

func (s *startSet) add(k uint64) { s[k/64] |= 1 << (k % 64) }

// has reports whether k is in s; the index is masked, which keeps it in
// range without a bounds check.
func (s *startSet) has(k uint64) bool { return s[k/64%uint64(len(s))]&(1<<(k%64)) != 0 }

// foldedStartKey is startKey(fold(t)), without building the folded token
// when startKey(t) reports its bytes ASCII: folding then keeps them in
// place, whatever it does between them, and only lowers capitals, which
// startKey lowers as it is but for the first byte. It reports false for a
// token that folds to nothing.
func foldedStartKey(t string) (uint64, bool) {
	if t == "" {
		return 0, false
	}
	if k, ok := startKey(t); ok {
		if 'A' <= t[0] && t[0] <= 'Z' {
			k += ('a' - 'A') << firstShift
		}
		return k, true
	}
	if f := fold(t); f != "" {
		return startKey(f)
	}
	return 0, false
}

// spellableInLowerCase reports whether text starting with a lower-case
// letter can spell s at a level that one of its entries accepts: s does not
// start with a capital, or an entry is caseless. Against a capital, a
// lower-case letter differs in case, and a token with lower-case letters is
// not in capitals, so only caseless entries accept it (see accepting).
func (g *Gazetteer) spellableInLowerCase(s *surfaceForm) bool {
	if text := g.textOf(s); text != "" && 0 < text[0] && text[0] < utf8.RuneSelf {
		if c := text[0]; c < 'A' || 'Z' < c { // most forms start with an ASCII letter
			return true
		}
	} else {
		for _, r := range text {
			if r = stripRune(r); r != 0 {
				if !unicode.IsUpper(r) {
					return true
				}
				break
			}
		}
	}
	var one [1]surfaceRef
	for _, ref := range g.refs(s, &one) {
		if g.records[ref.entry].caseless {
			return true
		}
	}
	return false
}

// keyFilter is a bit set over keys: a clear bit proves that a key is not
// in the set, for a fraction of the cost of a map lookup.
type keyFilter struct {
	bits  []uint64
	shift uint // 64 - log2 of the number of bits
}

// newKeyFilter returns a filter holding keys.
func newKeyFilter(keys []uint64) keyFilter {
	f := makeKeyFilter(len(keys))
	for _, k := range keys {
		f.add(k)
	}
	return f
}

// makeKeyFilter returns an empty filter for n keys, with at least eight bits
// a key: about one key in ten that is not in the set passes.
func makeKeyFilter(n int) keyFilter {
	size := 64
	for size < 8*n {
		size *= 2
	}
	return keyFilter{bits: make([]uint64, size/64), shift: uint(64 - bits.TrailingZeros(uint(size)))}
}

// add puts k in the set.
func (f keyFilter) add(k uint64) {
	s := f.slot(k)
	f.bits[s/64] |= 1 << (s % 64)
}

// slot spreads a key's bits over the filter; FNV hashes mix poorly in their
// low bits. Masking the shift, which is below 64 anyway,
// spares the instructions that Go spends on larger shifts.
func (f keyFilter) slot(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> (f.shift & 63) }

// has reports whether k may be in the set; the empty filter of a zero
// Gazetteer holds nothing.
func (f keyFilter) has(k uint64) bool {
	s := f.slot(k)
	return s/64 < uint64(len(f.bits)) && f.bits[s/64]&(1<<(s%64)) != 0
}

func (g *Gazetteer) addSurface(sp span, ref surfaceRef) {
	text := g.str(sp)
	if text != "" && (maybeSpace(text[0]) || maybeSpace(text[len(text)-1])) {
		sp.start += uint32(len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace)))
		sp.end -= uint32(len(text) - len(strings.TrimRightFunc(text, unicode.IsSpace)))
		text = g.str(sp)
	}
	// The prefixes of a shared surface form are added again, which the
	// filter they go to does not mind.
	words := surfaceKeyAndPrefixes(text, false, &g.building.prefixes)
	if words.tokens == 0 {
		return
	}
	for l := g.seqs.get(words.seq); l != 0; l = g.links[l-1].next {
		s := &g.surfaces[g.links[l-1].surface]
		if g.textOf(s) != text {
			continue
		}
		// An entry's surfaces are added one after another, so an earlier ref
		// of the same entry (an alias repeating its name, in entries built
		// in code) can only be the last.
		if s.shared == 0 {
			if s.entry != ref.entry {
				g.building.shared = append(g.building.shared, []surfaceRef{s.first(), ref})
				s.shared = uint32(len(g.building.shared))
			}
		} else if refs := g.building.shared[s.shared-1]; refs[len(refs)-1].entry != ref.entry {
			g.building.shared[s.shared-1] = append(refs, ref)
		}
		return
	}
	id := uint32(len(g.surfaces))
	g.surfaces = append(g.surfaces, surfaceForm{start: sp.start, end: sp.end, entry: ref.entry, alias: ref.alias, rank: ref.rank, acronym: isAllCaps(text)})
	g.link(words, id)
	first := firstStartKey(words.firstToken)
	piecesFirst := first
	// The caller's tokenizer may split at inner punctuation (Al-Jazeera,
	// KOMPAS.com, Ma'ruf) or not; index both ways.
	if !words.alike {
		pieces := surfaceKeyAndPrefixes(text, true, &g.building.prefixes)
		if pieces.seq != words.seq {
			g.link(pieces, id)
		}
		piecesFirst = firstStartKey(pieces.firstToken)
	}
	g.building.firstKeys = append(g.building.firstKeys, first, piecesFirst)
}

// firstStartKey is the foldedStartKey of the first token of a surface form,
// or 0 when it has none: no startKey is 0.
func firstStartKey(token string) uint32 {
	if k, ok := foldedStartKey(token); ok {
		return uint32(k)
	}
	return 0
}

func (g *Gazetteer) link(k seqKey, surface uint32) {
	next := g.seqs.set(k.seq, uint32(len(g.links)+1)) // 1 + the index of the link appended
	g.links = append(g.links, surfaceLink{surface: surface, next: next})
	n := uint32(min(k.tokens, maxSurfaceTokens))
	if starts := &g.building.starts; starts.get(k.first) < n {
		starts.set(k.first, n)
	}
}

// kindOrder ranks the kinds of entries that share a surface form that names
// none of them: the kinds a bare mention in Indonesian news most often means
// come first (PBB is the United Nations before it is Partai Bulan Bintang;
// Otorita IKN the authority before the region). Kinds not listed, people's
// among them, come after these, and ties go by id.
var kindOrder = []string{
	"country", "intl", "territory", "province",
	"government", "ministry", "parliament", "military", "police", "court", "agency",
	"capital", "city", "regency", "district", "region", "island", "continent",
	"party", "soe", "company", "news-agency", "media", "broadcaster", "university",
}

var kindRank = func() map[string]uint8 {
	m := make(map[string]uint8, len(kindOrder))
	for i, k := range kindOrder {
		m[k] = uint8(i)
	}
	return m
}()

// compareRefs orders the entries of one surface form: the entry whose
// canonical name it is first, then by kind (kindRank), then by id.
func (g *Gazetteer) compareRefs(a, b surfaceRef) int {
	return compareEntries(a.alias, a.rank, g.idOf(int(a.entry)), b.alias, b.rank, g.idOf(int(b.entry)))
}

// compareEntries is compareRefs over the parts of two references.
func compareEntries(aAlias bool, aRank uint8, aID string, bAlias bool, bRank uint8, bID string) int {
	if aAlias != bAlias {
		if !aAlias {
			return -1
		}
		return 1
	}
	if aRank != bRank {
		return int(aRank) - int(bRank)
	}
	return strings.Compare(aID, bID)
}

func rank(kind string) uint8 {
	if r, ok := kindRank[kind]; ok {
		return r
	}
	return uint8(len(kindOrder))
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return len(g.records) }

// Entry returns the entry with the given id.
func (g *Gazetteer) Entry(id string) (*Entry, bool) {
	p, ok := g.ids.get(g.idOf, id)
	if !ok {
		return nil, false
	}
	return g.entry(uint32(p)), true
}

// Entries returns all entries in the order they were first defined.
func (g *Gazetteer) Entries() []*Entry {
	out := make([]*Entry, len(g.records))
	for i := range out {
		out[i] = g.entry(uint32(i))
	}
	return out
}

// Stats counts a gazetteer's contents.
type Stats struct {
	Entries  int
	ByLabel  map[Label]int
	ByKind   map[string]int
	Aliases  int // aliases over all entries
	Surfaces int // distinct surface forms (names and aliases)
	Shared   int // surface forms that more than one entry uses
	Caseless int // entries that also match in any letter case
}

// Stats counts entries by label and kind, aliases and surface forms.
func (g *Gazetteer) Stats() Stats {
	st := Stats{
		Entries:  len(g.records),
		ByLabel:  make(map[Label]int),
		ByKind:   make(map[string]int),
		Surfaces: len(g.surfaces),
	}
	for i := range g.records {
		r := &g.records[i]
		st.ByLabel[Label(g.str(r.label))]++
		st.ByKind[g.str(r.kind)]++
		st.Aliases += len(g.aliasesOf(uint32(i)))
		if r.caseless {
			st.Caseless++
		}
	}
	st.Shared = len(g.sharedEnds)
	return st
}

// Candidates returns the entries that use surface as a name or alias, best
// first: those spelling it exactly, then those spelling it in another case or
// with other accents; within each, the entry it names, then by kind and id.
func (g *Gazetteer) Candidates(surface string) []*Entry {
	surface = strings.TrimSpace(surface)
	var exact, loose []*Entry
	folded := fold(surface)
	for l := g.seqs.get(surfaceKey(surface, false).seq); l != 0; l = g.links[l-1].next {
		s := &g.surfaces[g.links[l-1].surface]
		var one [1]surfaceRef
		switch {
		case g.textOf(s) == surface:
			for _, r := range g.refs(s, &one) {
				exact = append(exact, g.entry(r.entry))
			}
		case fold(g.textOf(s)) == folded:
			for _, r := range g.refs(s, &one) {
				loose = append(loose, g.entry(r.entry))
			}
		}
	}
	out := exact
	for _, e := range loose {
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// Match is an entry found in a token sequence.
type Match struct {
	Start, End int    // token indexes, End exclusive
	Entry      *Entry // the preferred entry; Candidates(Surface) gives all
	Surface    string // the name or alias as the gazetteer spells it
	Method     string // "name" or "alias"
}

// How closely text spells a surface form, from closest to loosest.
type matchLevel uint8

const (
	levelExact    matchLevel = iota
	levelAccents             // differs only in diacritics: Erdogan for Erdoğan
	levelCaps                // the text is in capitals: JAKARTA for Jakarta
	levelCaseless            // any other difference in case
)

// minCapsLetters is the fewest letters a span in capitals needs to match a
// surface form written in mixed case: short capitalised words are acronyms
// far more often than shouted names (PAN the party, not Pan the person).
const minCapsLetters = 4

// MatchTokens finds entries in a sequence of tokens and appends them to dst:
// left to right, the longest match at each position, without overlaps.
// Tokens match a surface form when they spell it exactly, or differ only in
// diacritics, or are in capitals (a headline's JAKARTA for Jakarta), or in
// any case when the entry is caseless. Surface forms written in capitals
// (AS, PAN, KPK) match only exactly.
func (g *Gazetteer) MatchTokens(tokens []string, dst []Match) []Match {
	if g.startKeys == nil {
		return dst // the zero Gazetteer
	}
	var prefix [maxSurfaceTokens]uint64
	for i := 0; i < len(tokens); {
		if i = g.nextStart(tokens, i); i == len(tokens) {
			break
		}
		first := tokenHash(tokens[i])
		if !g.startFilter.has(first) {
			i++
			continue
		}
		longest := g.startBounds.get(first)
		if longest == 0 {
			i++
			continue
		}
		n := min(int(longest), len(tokens)-i)
		h := combine(seqSeed, first)
		prefix[0] = h
		for k := 1; k < n; k++ {
			if k >= 2 && !g.prefixFilter.has(h) {
				n = k // no surface form goes on from tokens[i:i+k]
				break
			}
			h = combine(h, tokenHash(tokens[i+k]))
			prefix[k] = h
		}
		found := false
		for k := n; k > 0; k-- {
			if !g.seqFilter.has(prefix[k-1]) {
				continue
			}
			if m, ok := g.matchAt(prefix[k-1], tokens[i:i+k]); ok {
				m.Start, m.End = i, i+k
				dst = append(dst, m)
				i += k
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return dst
}

// nextStart returns the first token from i on that startKeys does not rule
// out as the start of a surface form, or len(tokens). Most tokens are ruled
// out, and a loop of its own keeps what it needs in registers, which
// MatchTokens' does not.
func (g *Gazetteer) nextStart(tokens []string, i int) int {
	starts := g.startKeys
	for j, t := range tokens[i:] {
		if t == "" {
			return i + j
		}
		if k, ok := startKey(t); !ok || starts.has(k) {
			return i + j
		}
	}
	return len(tokens)
}

// matchAt picks, among the surface forms indexed under seq, the one that
// tokens spell most closely, and its preferred entry that accepts that
// spelling.
func (g *Gazetteer) matchAt(seq uint64, tokens []string) (Match, bool) {
	var best Match
	bestLevel := levelCaseless + 1
	var bestRef surfaceRef
	for l := g.seqs.get(seq); l != 0; l = g.links[l-1].next {
		s := &g.surfaces[g.links[l-1].surface]
		text := g.textOf(s)
		level, ok := spells(tokens, text)
		if !ok || level > bestLevel {
			continue
		}
		ref, ok := g.accepting(s, level, tokens)
		if !ok {
			continue
		}
		if level == bestLevel && g.compareRefs(ref, bestRef) >= 0 {
			continue
		}
		bestLevel, bestRef = level, ref
		best = Match{Entry: g.entry(ref.entry), Surface: text, Method: "name"}
		if ref.alias {
			best.Method = "alias"
		}
	}
	return best, bestLevel <= levelCaseless
}

// accepting returns the surface form's preferred entry that matches text
// spelling it at level.
func (g *Gazetteer) accepting(s *surfaceForm, level matchLevel, tokens []string) (surfaceRef, bool) {
	if level == levelExact {
		return s.first(), true
	}
	if s.acronym {
		return surfaceRef{}, false
	}
	if level == levelAccents {
		return s.first(), true
	}
	if level == levelCaps {
		letters := 0
		for _, t := range tokens {
			letters += countLetters(t)
		}
		if letters >= minCapsLetters {
			return s.first(), true
		}
	}
	var one [1]surfaceRef
	for _, r := range g.refs(s, &one) {
		if g.records[r.entry].caseless {
			return r, true
		}
	}
	return surfaceRef{}, false
}

// spelledExactly reports whether surface is the tokens one space apart.
func spelledExactly(tokens []string, surface string) bool {
	p := 0
	for i, t := range tokens {
		if i > 0 {
			if p == len(surface) || surface[p] != ' ' {
				return false
			}
			p++
		}
		if !strings.HasPrefix(surface[p:], t) {
			return false
		}
		p += len(t)
	}
	return p == len(surface)
}

// spells reports whether the tokens, put together, spell surface up to case
// and diacritics, with white space in surface allowed only between tokens,
// and how closely they do.
func spells(tokens []string, surface string) (matchLevel, bool) {
	if spelledExactly(tokens, surface) {
		return levelExact, true // the usual case, told without decoding letters
	}
	level := levelExact
	p := 0
	for _, t := range tokens {
		p = len(surface) - len(strings.TrimLeftFunc(surface[p:], unicode.IsSpace))
		start := p
		caseDiffers := false
		for _, r := range t {
			tr := r
			if r >= utf8.RuneSelf { // most names are ASCII, which stripRune keeps
				tr = stripRune(r)
			}
			if tr == 0 {
				continue
			}
			var sr rune
			for sr == 0 {
				if p >= len(surface) {
					return 0, false
				}
				if c := surface[p]; c < utf8.RuneSelf {
					sr = rune(c)
					p++
					continue
				}
				r, size := utf8.DecodeRuneInString(surface[p:])
				p += size
				sr = stripRune(r)
			}
			if sr != tr {
				if unicode.ToLower(sr) != unicode.ToLower(tr) {
					return 0, false
				}
				caseDiffers = true
			}
		}
		for p < len(surface) {
			r, size := utf8.DecodeRuneInString(surface[p:])
			if stripRune(r) != 0 {
				break
			}
			p += size // a combining mark after the token's last letter
		}
		tokenLevel := levelExact
		switch {
		case surface[start:p] == t:
		case !caseDiffers:
			tokenLevel = levelAccents
		case isAllCaps(t):
			tokenLevel = levelCaps
		default:
			tokenLevel = levelCaseless
		}
		level = max(level, tokenLevel)
	}
	return level, strings.TrimSpace(surface[p:]) == ""
}

const (
	fnvOffset        = 14695981039346656037
	fnvPrime         = 1099511628211
	seqSeed   uint64 = 0x5bd1e9955bd1e995
)

// tokenHash hashes a token's folded form without building it. The folded
// form is a sequence of units (ASCII bytes in lower case, and the other
// letters folded; combining marks drop out), hashed in groups of eight (the
// last may be shorter): a group all ASCII packed into one word, and any other
// one unit at a time, so that a token and its ASCII twin (Müller, Muller)
// hash alike. Most tokens are ASCII: they are lowered and hashed eight bytes
// at a time, and the last few bytes at once.
func tokenHash(t string) uint64 {
	h := uint64(fnvOffset)
	i := 0
	for ; i+8 <= len(t); i += 8 {
		x := le64(t[i:])
		if x&asciiHighs != 0 {
			return hashUnits(h, t[i:])
		}
		h = (h ^ lowerASCII8(x)) * fnvPrime
	}
	if i == len(t) {
		return h
	}
	// Fewer than eight bytes are left, so fewer than eight units: the last
	// group, read little-endian in at most two loads, which may overlap.
	var x uint64
	switch n := len(t); {
	case i > 0:
		x = le64(t[n-8:]) >> (8 * (i + 8 - n))
	case n >= 4:
		x = uint64(le32(t)) | uint64(le32(t[n-4:]))<<(8*(n-4))
	default:
		x = uint64(t[0]) | uint64(t[n/2])<<(8*(n/2)) | uint64(t[n-1])<<(8*(n-1))
	}
	if x&asciiHighs != 0 {
		return hashUnits(h, t[i:])
	}
	return (h ^ lowerASCII8(x)) * fnvPrime
}

const asciiHighs = 0x8080808080808080 // the bits that only bytes past ASCII have

// hashUnits goes on with tokenHash over t, which starts a group of units.
func hashUnits(h uint64, t string) uint64 {
	var group [8]uint64
	n := 0
	for i := 0; i < len(t); {
		c := t[i]
		var unit uint64
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			unit = uint64(c)
			i++
		} else {
			r, size := utf8.DecodeRuneInString(t[i:])
			i += size
			f := foldRune(r)
			if f == 0 {
				continue
			}
			unit = uint64(f)
		}
		group[n] = unit
		if n++; n == len(group) {
			h = hashGroup(h, group[:])
			n = 0
		}
	}
	if n > 0 {
		h = hashGroup(h, group[:n])
	}
	return h
}

// hashGroup adds a group of units to h: packed when all are ASCII, as the
// ASCII bytes of a token are.
func hashGroup(h uint64, group []uint64) uint64 {
	var packed uint64
	for k, unit := range group {
		if unit >= utf8.RuneSelf {
			for _, unit := range group {
				h = (h ^ unit) * fnvPrime
			}
			return h
		}
		packed |= unit << (8 * k)
	}
	return (h ^ packed) * fnvPrime
}

// lowerASCII8 lowers the ASCII capitals among eight ASCII bytes.
func lowerASCII8(x uint64) uint64 {
	const ones = 0x0101010101010101
	// With x's bytes below 0x80: a byte from 'A' up gets bit 7 from the
	// first sum, a byte past 'Z' from the second.
	atLeastA := x + ones*(0x80-'A')
	pastZ := x + ones*(0x80-'Z'-1)
	upper := (atLeastA &^ pastZ) & (ones * 0x80)
	return x | upper>>2
}

// belowBangOrHigh marks the bytes of x, eight bytes of text read
// little-endian, that are below '!' (white space among them) or past ASCII,
// by their top bits; the first such byte gets the lowest set bit, and bits
// above it may be set for others (the subtraction borrows), so that only the
// first is told for sure.
func belowBangOrHigh(x uint64) uint64 { return ((x-0x2121212121212121)&^x | x) & asciiHighs }

// le32 reads the first four bytes of s, little-endian.
func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// le64 reads the first eight bytes of s, little-endian.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// combine extends the hash of a token sequence by one token.
func combine(seq, token uint64) uint64 {
	seq ^= token
	seq *= 0x9e3779b97f4a7c15
	return seq ^ seq>>29
}

// seqKey is the index key of a surface form.
type seqKey struct {
	seq, first uint64 // hash of the folded token sequence, of its first token
	tokens     int
	firstToken string
	alike      bool // the form splitsAlike, with pieces and without
}

// surfaceKey tokenizes a surface form as a tokenizer of running text would
// and hashes the tokens. With pieces, every punctuation mark is a token of
// its own ("KOMPAS", ".", "com"); without, only those around words are
// ("Bank", "BRI", "(", "Persero", ")", but "KOMPAS.com" and "Ma'ruf" whole).
func surfaceKey(s string, pieces bool) seqKey { return surfaceKeyAndPrefixes(s, pieces, nil) }

// surfaceKeyAndPrefixes is surfaceKey, appending to *prefixes, unless it is
// nil, the hash of every sequence of the first tokens of s from two tokens
// to all but one (see Gazetteer.prefixFilter).
func surfaceKeyAndPrefixes(s string, pieces bool, prefixes *[]uint64) seqKey {
	k := seqKey{seq: seqSeed, alike: splitsAlike(s)}
	for {
		var tok string
		if k.alike { // most forms: words between spaces
			tok, s = nextWord(s)
		} else {
			tok, s = nextToken(s, pieces)
		}
		if tok == "" {
			return k
		}
		if k.tokens >= 2 && prefixes != nil {
			*prefixes = append(*prefixes, k.seq)
		}
		th := tokenHash(tok)
		if k.tokens == 0 {
			k.first, k.firstToken = th, tok
		}
		k.seq = combine(k.seq, th)
		k.tokens++
	}
}

// nextToken splits the first token off s (see surfaceKey). ASCII bytes are
// told apart by byteClass, without decoding runes: most surface forms are
// ASCII.
func nextToken(s string, pieces bool) (tok, rest string) {
	i := 0
	for i < len(s) && byteClass[s[i]] == classSpace {
		i++
	}
	if s = s[i:]; s != "" && s[0] >= utf8.RuneSelf {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
	}
	if s == "" {
		return "", ""
	}
	class, size := byteClass[s[0]], 1
	var r rune
	if class == classHigh {
		r, size = utf8.DecodeRuneInString(s)
	}
	if pieces {
		if class != classWord && (class != classHigh || !isWordRune(r)) {
			return s[:size], s[size:]
		}
		end := 0
		for end < len(s) && byteClass[s[end]] == classWord {
			end++
		}
		if end < len(s) && s[end] >= utf8.RuneSelf {
			if n := strings.IndexFunc(s[end:], func(r rune) bool { return !isWordRune(r) }); n >= 0 {
				end += n
			} else {
				end = len(s)
			}
		}
		return s[:end], s[end:]
	}
	if class == classEdge || class == classHigh && isEdgePunct(r) {
		return s[:size], s[size:]
	}
	end := 0
	for end+8 <= len(s) { // eight bytes at a time to the first that may end it
		if m := belowBangOrHigh(le64(s[end:])); m != 0 {
			end += bits.TrailingZeros64(m) / 8
			break
		}
		end += 8
	}
	for end < len(s) && byteClass[s[end]] < classSpace {
		end++
	}
	if end < len(s) && s[end] >= utf8.RuneSelf {
		if n := strings.IndexFunc(s[end:], unicode.IsSpace); n >= 0 {
			end += n
		} else {
			end = len(s)
		}
	}
	for end > 0 && byteClass[s[end-1]] == classEdge {
		end--
	}
	if end > 0 && s[end-1] >= utf8.RuneSelf {
		end = len(strings.TrimRightFunc(s[:end], isEdgePunct))
	}
	return s[:end], s[end:]
}

// nextWord is nextToken over s that splitsAlike, words between white space:
// it looks for the end of a word eight bytes at a time, and asks nothing
// about punctuation and bytes past ASCII, which s has none of.
func nextWord(s string) (word, rest string) {
	i := 0
	for i < len(s) && byteClass[s[i]] == classSpace {
		i++
	}
	s = s[i:]
	end := 0
	for ; end+8 <= len(s); end += 8 {
		if m := belowBangOrHigh(le64(s[end:])); m != 0 {
			end += bits.TrailingZeros64(m) / 8
			return s[:end], s[end:]
		}
	}
	for end < len(s) && byteClass[s[end]] != classSpace {
		end++
	}
	return s[:end], s[end:]
}

// splitsAlike reports whether nextToken splits s alike with pieces and
// without: s is ASCII letters, digits and white space.
func splitsAlike(s string) bool {
	// classWord and classSpace are the odd classes: their bits, ANDed
	// without a branch on each byte (most forms split alike, and are read
	// to the end anyway), keep bit 0 set.
	all := uint8(classWord & classSpace)
	for i := 0; i < len(s); i++ {
		all &= byteClass[s[i]]
	}
	return all&1 != 0
}

// maybeSpace reports whether c may be (the first or last byte of) white
// space: an ASCII space, or a byte past ASCII.
func maybeSpace(c byte) bool { return byteClass[c] >= classSpace }

// The classes of bytes that nextToken tells apart. A word goes on over the
// classes below classSpace, and ends at white space or at a byte past ASCII,
// which may start some.
const (
	classOther = iota
	classWord  // ASCII isWordRune
	classEdge  // ASCII isEdgePunct
	classSpace // ASCII unicode.IsSpace
	classHigh  // past ASCII
	// Only classWord and classSpace are odd, which splitsAlike relies on.
)

var byteClass = func() (class [256]uint8) {
	for c := range class {
		switch r := rune(c); {
		case r >= utf8.RuneSelf:
			class[c] = classHigh
		case unicode.IsSpace(r):
			class[c] = classSpace
		case isWordRune(r):
			class[c] = classWord
		case isEdgePunct(r):
			class[c] = classEdge
		}
	}
	return class
}()

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isEdgePunct reports the marks a tokenizer splits off the edges of words.
// Full stops stay: they end abbreviations (Jl., Tbk.) in surface forms.
func isEdgePunct(r rune) bool {
	return strings.ContainsRune(`()[]{}"'“”‘’«»,;:!?`, r)
}
