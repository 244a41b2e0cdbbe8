package gazetteer

import (
	"bufio"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Fuzzy matching corrects misspelt names (Lavrof, Zelenskiy, Kementrian Luar
// Negeri) and nothing else, so it is kept narrow:
//   - keys are the folded (lower-case, accent-free) names of entries and
//     their one-word aliases, of at least fuzzyMinKey bytes, that are neither
//     acronyms nor common Indonesian words (data/common-words.txt);
//   - a word matches a key one edit away, or two for keys of at least
//     fuzzyMinKey2 bytes, with the same first letter, and only when the
//     nearest keys all lead to one entry;
//   - common words are never corrected.
const (
	fuzzyMinKey  = 6
	fuzzyMinKey2 = 10
)

// fuzzyMaxEntries caps the entries whose keys the spelling model holds, about
// 330 bytes a key with its variants (BenchmarkFirstFuzzyMillion: 16 MiB for
// the 51,000 keys of 50,000 entries, built in 0.2 s). Past the cap the model
// holds the default data and then user PERSON entries, whose names are the
// ones most often transliterated several ways. A variable so that tests can
// exercise the cap without 50,000 entries.
var fuzzyMaxEntries = 50_000

// fuzzyIndex is the spelling model, built on first use. It finds what
// sajari/fuzzy's Potentials finds at depth 1 (TestFuzzyIndexAgreesWithModel):
// the keys sharing a variant with the query, a variant being the word itself
// or the word with one byte deleted (or "ies" and "ys" swapped at the end).
// sajari/fuzzy keeps every variant as a string in maps of strings and
// slices; for the 50,000 entries of a user's million that was 105 MiB of
// small objects that the collector marked again and again, and extract took
// half as much time again for it (BenchmarkExtractMillion). This index holds
// no pointers: keys in one string, variants as hashes in one slice, in
// buckets by their hashes.
type fuzzyIndex struct {
	text        string    // the folded keys, one after another
	ends        []uint32  // key k is text[ends[k-1]:ends[k]]
	byHash      hashTable // hash of a key → 1 + k
	surfaces    []uint32  // the surface forms of key k: surfaces[surfaceEnds[k-1]:surfaceEnds[k]], in order
	surfaceEnds []uint32
	variants    []fuzzyVariant // in buckets, see bucketVariants
	bucketEnds  []uint32       // bucket b is variants[bucketEnds[b-1]:bucketEnds[b]]
	bucketShift uint           // bucket b holds the hashes h with h>>bucketShift == b
	// edits holds the hashes of variants, so that most queries are ruled
	// out without a look at their buckets.
	edits keyFilter
}

// fuzzyVariant is the hash of a variant of key.
type fuzzyVariant struct {
	hash uint64
	key  uint32
}

// Prepare builds now what the gazetteer otherwise builds on first use, the
// spelling model of Fuzzy, so that a caller can pay for it up front and know
// the memory the gazetteer keeps.
func (g *Gazetteer) Prepare() { g.fuzzyModel() }

func (g *Gazetteer) fuzzyModel() *fuzzyIndex {
	g.fuzzyOnce.Do(func() { g.fuzzy = g.buildFuzzy() })
	return g.fuzzy
}

func (g *Gazetteer) buildFuzzy() *fuzzyIndex {
	var kept []bool // by entry index; nil: every entry
	if len(g.records) > fuzzyMaxEntries {
		kept = make([]bool, len(g.records))
		n := 0
		for i, r := range g.records {
			if r.builtin {
				kept[i] = true
				n++
			}
		}
		for i, r := range g.records {
			if n >= fuzzyMaxEntries {
				break
			}
			if Label(g.str(r.label)) == Person && !kept[i] {
				kept[i] = true
				n++
			}
		}
	}
	// A key for each surface form at most, but the model of a gazetteer
	// past fuzzyMaxEntries holds a fraction of its forms.
	fz := fuzzyIndex{byHash: newHashTable(min(len(g.surfaces), fuzzyMaxEntries))}
	common := commonWords()
	var text []byte // fz.text, while it is built
	// The surface forms with their keys, in the order of the forms: spread
	// by key below into fz.surfaces.
	type keyedSurface struct{ key, surface uint32 }
	var keyed []keyedSurface
	for i := range g.surfaces {
		s := &g.surfaces[i]
		if s.acronym || !g.fuzzyEligible(s, kept) {
			continue
		}
		// The key is written where it goes in text, and dropped again when
		// it is short, common or there already: no string for each form.
		start := len(text)
		text = appendFuzzyKey(text, g.textOf(s))
		key := text[start:]
		if len(key) < fuzzyMinKey || common[string(key)] {
			text = text[:start]
			continue
		}
		h := wordHash(key)
		k := fz.byHash.get(h) - 1
		if k == ^uint32(0) || string(keyOf(text, fz.ends, int(k))) != string(key) {
			k = uint32(len(fz.ends))
			fz.ends = append(fz.ends, uint32(len(text)))
			fz.byHash.set(h, k+1)
		} else {
			text = text[:start]
		}
		keyed = append(keyed, keyedSurface{k, uint32(i)})
	}
	fz.text = string(text)
	fz.byHash.fit()
	// fz.surfaceEnds counts the forms of each key, then marks where the
	// forms of each go, and once they are there, where they end.
	fz.surfaceEnds = make([]uint32, len(fz.ends))
	for _, ks := range keyed {
		fz.surfaceEnds[ks.key]++
	}
	startsFromCounts(fz.surfaceEnds)
	fz.surfaces = make([]uint32, len(keyed))
	for _, ks := range keyed {
		fz.surfaces[fz.surfaceEnds[ks.key]] = ks.surface
		fz.surfaceEnds[ks.key]++
	}
	// A variant for each byte and one more, two more for a few: room for all.
	variants := make([]fuzzyVariant, 0, len(fz.text)+2*len(fz.ends))
	for k := range fz.ends {
		variants = appendVariants(variants, fz.key(k), uint32(k))
	}
	fz.edits = makeKeyFilter(len(variants))
	fz.variants, fz.bucketEnds, fz.bucketShift = bucketVariants(variants, fz.edits)
	return &fz
}

// bucketVariants returns variants spread into buckets by the high bits of
// their hashes, which mix64 fills, several variants a bucket: those of a
// hash are in one bucket, in the order they come, which is the order of
// their keys. A query looks at one bucket rather than searching them all,
// and no bucket is sorted. It adds their hashes to edits as it counts them.
func bucketVariants(variants []fuzzyVariant, edits keyFilter) (bucketed []fuzzyVariant, ends []uint32, shift uint) {
	// Below 64, the shift costs no test of its size.
	shift = uint(64-max(bits.Len(uint(len(variants)/8)), 1)) & 63
	ends = make([]uint32, 1<<(64-shift))
	for _, v := range variants {
		ends[v.hash>>shift]++
		edits.add(v.hash)
	}
	startsFromCounts(ends)
	bucketed = make([]fuzzyVariant, len(variants))
	for _, v := range variants {
		b := v.hash >> shift
		bucketed[ends[b]] = v
		ends[b]++
	}
	return bucketed, ends, shift
}

// bucket returns the variants whose hashes fall in the bucket of h, in the
// order of their keys.
func (fz *fuzzyIndex) bucket(h uint64) []fuzzyVariant {
	b := h >> fz.bucketShift
	start := uint32(0)
	if b > 0 {
		start = fz.bucketEnds[b-1]
	}
	return fz.variants[start:fz.bucketEnds[b]]
}

// startsFromCounts turns counts of the items of each bucket into the index
// where the first item of each goes when they are put one bucket after
// another.
func startsFromCounts(counts []uint32) {
	start := uint32(0)
	for b, n := range counts {
		counts[b] = start
		start += n
	}
}

// appendVariants appends to dst the hash of each variant of word, with key:
// word with one byte deleted, word itself, and with "ies" at its end made
// "ys" or "ys" made "ies", as sajari/fuzzy's Edits1 makes them, but each
// once: deleting any byte of a run of one byte is one variant.
func appendVariants(dst []fuzzyVariant, word string, key uint32) []fuzzyVariant {
	// Without byte i, the polynomial of word loses that of word[:i+1] less
	// that of word[:i], times variantBase to the power of the bytes after i.
	// pow starts at variantBase to the power len(word)-1.
	whole, pow := uint64(variantSeed), uint64(variantBaseInverse)
	for i := 0; i < len(word); i++ {
		whole = whole*variantBase + uint64(word[i])
		pow *= variantBase
	}
	prefix := uint64(variantSeed)
	for i := 0; i < len(word); i++ {
		next := prefix*variantBase + uint64(word[i])
		if i == 0 || word[i] != word[i-1] {
			dst = append(dst, fuzzyVariant{mix64(whole - (next-prefix)*pow), key})
		}
		prefix = next
		pow *= variantBaseInverse
	}
	dst = append(dst, fuzzyVariant{mix64(whole), key})
	if w, ok := strings.CutSuffix(word, "ies"); ok {
		dst = append(dst, fuzzyVariant{mix64(polynomial(polynomial(variantSeed, w), "ys")), key})
	}
	if w, ok := strings.CutSuffix(word, "ys"); ok {
		dst = append(dst, fuzzyVariant{mix64(polynomial(polynomial(variantSeed, w), "ies")), key})
	}
	return dst
}

// Variants are hashed as polynomials in variantBase over their bytes and
// then mixed, so that hashing the variants of a word with a byte deleted,
// one from another, takes time in proportion to the word's length rather
// than to its square.
const (
	variantBase        = 0x9e3779b97f4a7c15
	variantBaseInverse = 0xf1de83e19937733d // variantBase * variantBaseInverse = 1, modulo 2⁶⁴
	variantSeed        = fnvOffset          // so that leading zero bytes count
)

// wordHash is the hash of the variant that is word itself.
func wordHash[T string | []byte](word T) uint64 { return mix64(polynomial(variantSeed, word)) }

// polynomial goes on with the polynomial h over the bytes of s.
func polynomial[T string | []byte](h uint64, s T) uint64 {
	for i := 0; i < len(s); i++ {
		h = h*variantBase + uint64(s[i])
	}
	return h
}

// mix64 spreads every bit of x over the high bits, which the filter and the
// buckets of variants go by, and maps no two values onto one (MurmurHash3's
// finaliser).
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	return x ^ x>>33
}

// key returns key k.
func (fz *fuzzyIndex) key(k int) string { return keyOf(fz.text, fz.ends, k) }

// keyOf returns key k of text, which ends ends: fz.text, or the bytes it is
// built from.
func keyOf[T string | []byte](text T, ends []uint32, k int) T {
	start := uint32(0)
	if k > 0 {
		start = ends[k-1]
	}
	return text[start:ends[k]]
}

// find returns the index of key, if it is one.
func (fz *fuzzyIndex) find(key string) (int, bool) {
	k := int(fz.byHash.get(wordHash(key))) - 1
	if k < 0 || fz.key(k) != key {
		return 0, false
	}
	return k, true
}

// surfacesOf returns the surface forms of key k, in order.
func (fz *fuzzyIndex) surfacesOf(k int) []uint32 {
	start := uint32(0)
	if k > 0 {
		start = fz.surfaceEnds[k-1]
	}
	return fz.surfaces[start:fz.surfaceEnds[k]]
}

// fuzzyEligible reports whether a surface form may be a fuzzy key: the name
// of a kept entry, or a one-word alias of one. Many-word aliases are mostly
// descriptions (Menlu Rusia) that the model would confuse with each other.
func (g *Gazetteer) fuzzyEligible(s *surfaceForm, kept []bool) bool {
	var one [1]surfaceRef
	for _, r := range g.refs(s, &one) {
		if (kept == nil || kept[r.entry]) && (!r.alias || !strings.Contains(g.textOf(s), " ")) {
			return true
		}
	}
	return false
}

// fuzzyKey folds s and normalises its spaces: the form the model holds.
func fuzzyKey(s string) string { return string(appendFuzzyKey(nil, s)) }

// appendFuzzyKey appends fuzzyKey(s) to dst: the folded words of s one
// space apart.
func appendFuzzyKey(dst []byte, s string) []byte {
	start := len(dst)
	space := false // white space since the last letter
	for _, r := range s {
		if ' ' < r && r < utf8.RuneSelf { // ASCII but white space and controls
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		switch f := foldRune(r); {
		case f == 0: // a combining mark, which folding drops
		case unicode.IsSpace(f):
			space = true
		default:
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = utf8.AppendRune(dst, f)
		}
	}
	return dst
}

// fuzzyHit is a key near a queried word.
type fuzzyHit struct {
	key      int
	distance int
}

// near returns the keys within the allowed distance of a folded query that
// is not itself a key, nearest first, then in the order of their text.
func (fz *fuzzyIndex) near(query string) []fuzzyHit {
	if len(query) < fuzzyMinKey-1 || isCommonWord(query) {
		return nil
	}
	input := strings.ToLower(query) // as sajari/fuzzy does
	var candidates []int
	var buf [64]fuzzyVariant
	for _, v := range appendVariants(buf[:0], input, 0) {
		if !fz.edits.has(v.hash) {
			continue
		}
		for _, kv := range fz.bucket(v.hash) {
			if k := int(kv.key); kv.hash == v.hash && !slices.Contains(candidates, k) {
				candidates = append(candidates, k)
			}
		}
	}
	var hits []fuzzyHit
	for _, k := range candidates {
		key := fz.key(k)
		d := levenshtein(input, key)
		if d == 0 || d > allowedEdits(key) || key[0] != query[0] {
			continue
		}
		hits = append(hits, fuzzyHit{k, d})
	}
	slices.SortFunc(hits, func(a, b fuzzyHit) int {
		if a.distance != b.distance {
			return a.distance - b.distance
		}
		return strings.Compare(fz.key(a.key), fz.key(b.key))
	})
	return hits
}

// levenshtein is the edit distance between a and b, counted in bytes.
func levenshtein(a, b string) int {
	var buf [64]int
	d := buf[:0]
	if len(a)+1 > len(buf) {
		d = make([]int, 0, len(a)+1)
	}
	for i := 0; i <= len(a); i++ {
		d = append(d, i)
	}
	for j := 1; j <= len(b); j++ {
		diag := d[0]
		d[0] = j
		for i := 1; i <= len(a); i++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			next := min(d[i]+1, d[i-1]+1, diag+cost)
			diag, d[i] = d[i], next
		}
	}
	return d[len(a)]
}

func allowedEdits(key string) int {
	switch {
	case len(key) >= fuzzyMinKey2:
		return 2
	case len(key) >= fuzzyMinKey:
		return 1
	}
	return 0
}

// fuzzyScore turns an edit distance into a similarity in [0,1].
func fuzzyScore(query, key string, distance int) float64 {
	return 1 - float64(distance)/float64(max(len(query), len(key)))
}

// Fuzzy corrects the spelling of a capitalised word or name that the
// gazetteer does not know (Lavrof → Lavrov). It returns the entry, the
// surface form it matched and a score in [0,1]; a word that is a surface
// form already scores 1. It declines (false) for common Indonesian words,
// words far from every key and words equally near to keys of different
// entries. The first call builds the spelling model.
func (g *Gazetteer) Fuzzy(word string) (*Entry, string, float64, bool) {
	query := fuzzyKey(word)
	if query == "" {
		return nil, "", 0, false
	}
	fz := g.fuzzyModel()
	if k, ok := fz.find(query); ok {
		ref, s := g.bestOfKey(fz, k)
		return g.entry(ref.entry), s, 1, true
	}
	hits := fz.near(query)
	if len(hits) == 0 {
		return nil, "", 0, false
	}
	ref, surface := g.bestOfKey(fz, hits[0].key)
	for _, h := range hits[1:] {
		if h.distance > hits[0].distance {
			break
		}
		if other, _ := g.bestOfKey(fz, h.key); other.entry != ref.entry {
			return nil, "", 0, false // ambiguous
		}
	}
	return g.entry(ref.entry), surface, fuzzyScore(query, fz.key(hits[0].key), hits[0].distance), true
}

// bestOfKey returns the preferred entry among the surface forms of key k.
func (g *Gazetteer) bestOfKey(fz *fuzzyIndex, k int) (surfaceRef, string) {
	var best surfaceRef
	var surface string
	for n, i := range fz.surfacesOf(k) {
		s := &g.surfaces[i]
		if n == 0 || g.compareRefs(s.first(), best) < 0 {
			best, surface = s.first(), g.textOf(s)
		}
	}
	return best, surface
}

// LookupResult is one answer of Lookup.
type LookupResult struct {
	Entry   *Entry
	Surface string  // the name or alias that matched
	Method  string  // id, exact, alias, folded or fuzzy
	Score   float64 // 1 for id, exact and alias; lower for looser matches
}

// Scores of the looser lookup methods; fuzzy scores are scaled by
// fuzzyWeight so that they rank below every folded match.
const (
	foldedScore = 0.95
	fuzzyWeight = 0.9
)

// Lookup finds the entries a name could mean, best first, at most max of
// them (all if limit <= 0): by id, by exact name or alias, by name or alias in
// another case or with other diacritics, and by fuzzy spelling. Each entry
// appears once, with its best result.
func (g *Gazetteer) Lookup(name string, limit int) []LookupResult {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	var results []LookupResult
	add := func(r LookupResult) {
		for i := range results {
			if results[i].Entry == r.Entry {
				if r.Score > results[i].Score {
					results[i] = r
				}
				return
			}
		}
		results = append(results, r)
	}
	if e, ok := g.Entry(name); ok {
		add(LookupResult{e, e.Name, "id", 1})
	}
	folded := fuzzyKey(name)
	for _, k := range []seqKey{surfaceKey(name, false), surfaceKey(name, true)} {
		for l := g.seqs.get(k.seq); l != 0; l = g.links[l-1].next {
			s := &g.surfaces[g.links[l-1].surface]
			text := g.textOf(s)
			var one [1]surfaceRef
			for _, r := range g.refs(s, &one) {
				e := g.entry(r.entry)
				switch {
				case text == name && r.alias:
					add(LookupResult{e, text, "alias", 1})
				case text == name:
					add(LookupResult{e, text, "exact", 1})
				case fuzzyKey(text) == folded:
					add(LookupResult{e, text, "folded", foldedScore})
				}
			}
		}
	}
	fz := g.fuzzyModel()
	for _, h := range fz.near(folded) {
		for _, i := range fz.surfacesOf(h.key) {
			s := &g.surfaces[i]
			var one [1]surfaceRef
			for _, r := range g.refs(s, &one) {
				add(LookupResult{g.entry(r.entry), g.textOf(s), "fuzzy", fuzzyWeight * fuzzyScore(folded, fz.key(h.key), h.distance)})
			}
		}
	}
	slices.SortStableFunc(results, func(a, b LookupResult) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return compareEntries(a.Method == "alias", rank(a.Entry.Kind), a.Entry.ID, b.Method == "alias", rank(b.Entry.Kind), b.Entry.ID)
	})
	if limit > 0 && len(results) > limit {
		results = results[:limit]
	}
	return results
}

// commonWords holds the folded words of data/common-words.txt.
var commonWords = sync.OnceValue(func() map[string]bool {
	words := make(map[string]bool, 600)
	f, err := dataFS.Open("data/common-words.txt")
	if err != nil {
		panic("gazetteer: embedded data/common-words.txt: " + err.Error())
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			words[fold(w)] = true
		}
	}
	return words
})

// isCommonWord reports whether a folded word is a frequent Indonesian word,
// which fuzzy matching neither corrects nor corrects to.
func isCommonWord(folded string) bool {
	return commonWords()[folded]
}
