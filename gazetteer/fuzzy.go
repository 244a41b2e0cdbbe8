package gazetteer

import (
	"bufio"
	"slices"
	"strings"
	"sync"

	"github.com/sajari/fuzzy"
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

// fuzzyMaxEntries caps the entries whose keys the spelling model holds.
// sajari/fuzzy keeps every one-deletion variant of every key in maps:
// 100,000 keys take 2.4 s and 162 MiB to train and 1,000,000 keys 64 s and
// 2.2 GiB (shared/spec/packages.md); 200,000 entries of a user's
// million took 300 MB, as much as the rest of that gazetteer. Past the cap
// the model holds the default data and then user PERSON entries, whose
// names are the ones most often transliterated several ways. A variable so
// that tests can exercise the cap without 50,000 entries.
var fuzzyMaxEntries = 50_000

// fuzzyIndex is the spelling model, built on first use.
type fuzzyIndex struct {
	model *fuzzy.Model
	keys  map[string][]uint32 // folded key → surface forms
	// edits holds the byte hashes of the model's keys and deletion
	// variants, so that maySuggest rules most queries out without a map
	// lookup.
	edits keyFilter
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
	if len(g.entries) > fuzzyMaxEntries {
		kept = make([]bool, len(g.entries))
		n := 0
		for i, e := range g.entries {
			if e.builtin {
				kept[i] = true
				n++
			}
		}
		for i, e := range g.entries {
			if n >= fuzzyMaxEntries {
				break
			}
			if e.Label == Person && !kept[i] {
				kept[i] = true
				n++
			}
		}
	}
	fz := &fuzzyIndex{model: fuzzy.NewModel(), keys: make(map[string][]uint32)}
	// Depth 1 finds one edit directly and, through the model's deletion
	// keys, substitutions and transpositions (two edits); threshold 1
	// indexes every key seen once. Autocomplete would build a suffix array
	// of all keys that nothing here uses.
	fz.model.SetUseAutocomplete(false)
	fz.model.SetDepth(1)
	fz.model.SetThreshold(1)
	for i := range g.surfaces {
		s := &g.surfaces[i]
		if s.acronym || !g.fuzzyEligible(s, kept) {
			continue
		}
		key := fuzzyKey(g.textOf(s))
		if len(key) < fuzzyMinKey || isCommonWord(key) {
			continue
		}
		if _, seen := fz.keys[key]; !seen {
			fz.model.SetCount(key, 1, true)
		}
		fz.keys[key] = append(fz.keys[key], uint32(i))
	}
	hashes := make([]uint64, 0, len(fz.model.Data)+len(fz.model.Suggest))
	for k := range fz.model.Data {
		hashes = append(hashes, deletionHash(k, len(k)))
	}
	for k := range fz.model.Suggest {
		hashes = append(hashes, deletionHash(k, len(k)))
	}
	fz.edits = newKeyFilter(hashes)
	return fz
}

// deletionHash is the FNV-1a hash of s without its byte at skip (of all of
// s when skip is len(s)).
func deletionHash(s string, skip int) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		if i != skip {
			h = (h ^ uint64(s[i])) * fnvPrime
		}
	}
	return h
}

// fuzzyEligible reports whether a surface form may be a fuzzy key: the name
// of a kept entry, or a one-word alias of one. Many-word aliases are mostly
// descriptions (Menlu Rusia) that the model would confuse with each other.
func (g *Gazetteer) fuzzyEligible(s *surfaceForm, kept []bool) bool {
	oneWord := !strings.ContainsRune(g.textOf(s), ' ')
	var one [1]surfaceRef
	for _, r := range g.refs(s, &one) {
		if (kept == nil || kept[r.entry]) && (!r.alias || oneWord) {
			return true
		}
	}
	return false
}

// fuzzyKey folds s and normalises its spaces: the form the model holds.
func fuzzyKey(s string) string {
	return strings.Join(strings.Fields(fold(s)), " ")
}

// fuzzyHit is a key near a queried word.
type fuzzyHit struct {
	key      string
	distance int
}

// near returns the keys within the allowed distance of a folded query that
// is not itself a key, nearest first.
func (fz *fuzzyIndex) near(query string) []fuzzyHit {
	if len(query) < fuzzyMinKey-1 || isCommonWord(query) || !fz.maySuggest(query) {
		return nil
	}
	var hits []fuzzyHit
	for _, p := range fz.model.Potentials(query, true) {
		if p.Leven == 0 || p.Leven > allowedEdits(p.Term) || p.Term[0] != query[0] {
			continue
		}
		if _, ok := fz.keys[p.Term]; ok {
			hits = append(hits, fuzzyHit{p.Term, p.Leven})
		}
	}
	slices.SortFunc(hits, func(a, b fuzzyHit) int {
		if a.distance != b.distance {
			return a.distance - b.distance
		}
		return strings.Compare(a.key, b.key)
	})
	return hits
}

// maySuggest reports whether the model may suggest keys for query; false
// proves that it suggests none. The model looks a query up, with each of
// its one-byte deletions, among its keys and their deletions (see
// fuzzy.Edits1), and most queries have no such neighbour: looking them up
// here spares those queries the model's allocations.
func (fz *fuzzyIndex) maySuggest(query string) bool {
	input := strings.ToLower(query) // as the model does
	var buf [64]byte
	if len(input) > len(buf) || strings.HasSuffix(input, "ies") || strings.HasSuffix(input, "ys") {
		return true // Edits1 has more edits for these; leave them to the model
	}
	for i := 0; i <= len(input); i++ {
		if !fz.edits.has(deletionHash(input, i)) {
			continue
		}
		edit := input
		if i < len(input) {
			edit = string(append(append(buf[:0], input[:i]...), input[i+1:]...))
		}
		if _, ok := fz.model.Data[edit]; ok {
			return true
		}
		if _, ok := fz.model.Suggest[edit]; ok {
			return true
		}
	}
	return false
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
	if ref, s, ok := g.bestOfKey(fz, query); ok {
		return g.entries[ref.entry], s, 1, true
	}
	hits := fz.near(query)
	if len(hits) == 0 {
		return nil, "", 0, false
	}
	ref, surface, _ := g.bestOfKey(fz, hits[0].key)
	for _, h := range hits[1:] {
		if h.distance > hits[0].distance {
			break
		}
		if other, _, _ := g.bestOfKey(fz, h.key); other.entry != ref.entry {
			return nil, "", 0, false // ambiguous
		}
	}
	return g.entries[ref.entry], surface, fuzzyScore(query, hits[0].key, hits[0].distance), true
}

// bestOfKey returns the preferred entry among the surface forms of a key.
func (g *Gazetteer) bestOfKey(fz *fuzzyIndex, key string) (surfaceRef, string, bool) {
	var best surfaceRef
	var surface string
	found := false
	for _, i := range fz.keys[key] {
		s := &g.surfaces[i]
		if !found || g.compareRefs(s.first(), best) < 0 {
			best, surface, found = s.first(), g.textOf(s), true
		}
	}
	return best, surface, found
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
				e := g.entries[r.entry]
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
		for _, i := range fz.keys[h.key] {
			s := &g.surfaces[i]
			var one [1]surfaceRef
			for _, r := range g.refs(s, &one) {
				add(LookupResult{g.entries[r.entry], g.textOf(s), "fuzzy", fuzzyWeight * fuzzyScore(folded, h.key, h.distance)})
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
		return compareEntries(a.Method == "alias", rank(a.Entry.Kind), a.Entry, b.Method == "alias", rank(b.Entry.Kind), b.Entry)
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
