package gazetteer

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/sajari/fuzzy"
)

func TestFuzzy(t *testing.T) {
	g := smallGazetteer(t)
	tests := []struct {
		word    string
		id      string // "" when no match is wanted
		surface string
		score   float64
	}{
		{"Lavrof", "sergey-lavrov", "Lavrov", 1 - 1.0/6},
		{"Lavro", "sergey-lavrov", "Lavrov", 1 - 1.0/6},
		{"Lavrov", "sergey-lavrov", "Lavrov", 1},
		{"Zelenskiy", "volodymyr-zelensky", "Zelensky", 1 - 1.0/9},
		{"Zelenskyy", "volodymyr-zelensky", "Zelenskyy", 1},
		{"Erdogan", "recep-tayyip-erdogan", "Erdoğan", 1},
		{"Semenanjung Koreo", "", "", 0}, // many-word aliases are not keys
		{"Kementrian Luar Negeri", "kemenlu", "Kementerian Luar Negeri", 1 - 1.0/23},
		{"Anadolu Agnecy", "anadolu-agency", "Anadolu Agency", 1 - 2.0/14}, // two edits in a long key
		{"Zelneskyy", "", "", 0},                                           // two edits in a short key
		{"Mavrov", "", "", 0},                                              // first letter differs
		{"Marwax", "", "", 0},                                              // Marwan and Marwah equally near
		{"Marwaan", "ahmad-marwan", "Marwan", 1 - 1.0/7},
		{"Korat", "", "", 0}, // Korut is too short to correct to
		{"KPKK", "", "", 0},  // acronyms are not keys
		// Common words: never corrected, though Kemaran, Bahkar and the
		// Pemerintah alias are one edit away or equal.
		{"Pemerintah", "", "", 0},
		{"Pemerintha", "", "", 0},
		{"Kemarin", "", "", 0},
		{"Bahkan", "", "", 0},
		{"BAHKAN", "", "", 0},
		{"", "", "", 0},
	}
	for _, tt := range tests {
		e, surface, score, ok := g.Fuzzy(tt.word)
		if tt.id == "" {
			if ok {
				t.Errorf("Fuzzy(%q) = %s (%q, %.3f), want no match", tt.word, e.ID, surface, score)
			}
			continue
		}
		if !ok || e.ID != tt.id || surface != tt.surface || math.Abs(score-tt.score) > 1e-9 {
			id := ""
			if e != nil {
				id = e.ID
			}
			t.Errorf("Fuzzy(%q) = %q, %q, %.3f, %v; want %q, %q, %.3f", tt.word, id, surface, score, ok, tt.id, tt.surface, tt.score)
		}
	}
}

func TestFuzzyCap(t *testing.T) {
	defer func(n int) { fuzzyMaxEntries = n }(fuzzyMaxEntries)
	fuzzyMaxEntries = 3
	builtin := []Entry{{ID: "sergey-lavrov", Name: "Sergey Lavrov", Label: Person, Aliases: []string{"Lavrov"}, builtin: true}}
	user := []Entry{
		{ID: "kemenlu", Name: "Kementerian Luar Negeri", Label: Organisation},
		{ID: "ahmad-marwan", Name: "Ahmad Marwan", Label: Person, Aliases: []string{"Marwan"}},
		{ID: "budi-santosa", Name: "Budi Santosa", Label: Person, Aliases: []string{"Santosa"}},
		{ID: "citra-kirana", Name: "Citra Kirana", Label: Person, Aliases: []string{"Kirana"}},
	}
	g := New(builtin, user)
	tests := []struct {
		word string
		want string
	}{
		{"Lavrof", "sergey-lavrov"},
		{"Marwaan", "ahmad-marwan"},
		{"Santoso", "budi-santosa"},
		{"Kiranna", ""},                // past the cap
		{"Kementrian Luar Negeri", ""}, // past the cap: not a person
	}
	for _, tt := range tests {
		got := ""
		if e, _, _, ok := g.Fuzzy(tt.word); ok {
			got = e.ID
		}
		if got != tt.want {
			t.Errorf("Fuzzy(%q) with the cap at 3 entries = %q, want %q", tt.word, got, tt.want)
		}
	}
	if m := g.MatchTokens([]string{"Citra", "Kirana"}, nil); len(m) != 1 {
		t.Errorf("exact matching must not depend on the fuzzy cap: %+v", m)
	}
}

func TestFuzzyConcurrentFirstUse(t *testing.T) {
	g := smallGazetteer(t)
	var wg sync.WaitGroup
	found := make([]bool, 8)
	for i := range found {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, _, _, ok := g.Fuzzy("Lavrof")
			found[i] = ok && e.ID == "sergey-lavrov" && len(g.MatchTokens([]string{"Rusia"}, nil)) == 1
		}()
	}
	wg.Wait()
	if slices.Contains(found, false) {
		t.Errorf("concurrent first use: %v", found)
	}
}

func TestLookup(t *testing.T) {
	g := smallGazetteer(t)
	tests := []struct {
		name  string
		limit int
		want  []string // "id/surface/method/score"
	}{
		{"sergey-lavrov", 0, []string{"sergey-lavrov/Sergey Lavrov/id/1.00"}},
		{"Sergey Lavrov", 0, []string{"sergey-lavrov/Sergey Lavrov/exact/1.00"}},
		{" Lavrov ", 0, []string{"sergey-lavrov/Lavrov/alias/1.00"}},
		{"PBB", 0, []string{"pbb/PBB/alias/1.00", "partai-bulan-bintang/PBB/alias/1.00"}},
		{"PBB", 1, []string{"pbb/PBB/alias/1.00"}},
		{"pbb", 0, []string{"pbb/Perserikatan Bangsa-Bangsa/id/1.00", "partai-bulan-bintang/PBB/folded/0.95"}},
		{"kpk", 0, []string{"kpk/Komisi Pemberantasan Korupsi/id/1.00"}},
		{"Pbb", 0, []string{"pbb/PBB/folded/0.95", "partai-bulan-bintang/PBB/folded/0.95"}},
		{"ruth brandli", 0, []string{"brandli/Ruth Brändli/folded/0.95"}},
		{"Lavrof", 0, []string{"sergey-lavrov/Lavrov/fuzzy/0.75"}},
		{"Zelenskiy", 0, []string{"volodymyr-zelensky/Zelensky/fuzzy/0.80"}},
		{"Marwax", 0, []string{"ahmad-marwan/Marwan/fuzzy/0.75", "siti-marwah/Marwah/fuzzy/0.75"}},
		{"Bahkan", 0, nil},
		{"", 0, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range g.Lookup(tt.name, tt.limit) {
			got = append(got, fmt.Sprintf("%s/%s/%s/%.2f", r.Entry.ID, r.Surface, r.Method, r.Score))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Lookup(%q, %d) = %q, want %q", tt.name, tt.limit, got, tt.want)
		}
	}
}

func TestCommonWords(t *testing.T) {
	words := commonWords()
	if len(words) < 450 {
		t.Errorf("common-words.txt has %d words, want about 500", len(words))
	}
	for _, w := range []string{"pemerintah", "Kemarin", "BAHKAN", "mengatakan", "Selasa", "desember"} {
		if !IsCommonWord(w) {
			t.Errorf("%q missing from common-words.txt", w)
		}
	}
	// Names must stay correctable.
	for _, w := range []string{"Indonesia", "jakarta", "Rusia", "Lavrov"} {
		if IsCommonWord(w) {
			t.Errorf("%q is a name, not a common word", w)
		}
	}
}

// TestFuzzyIndexAgreesWithModel checks that the spelling model finds the
// keys that sajari/fuzzy, trained on the same keys as the model was before,
// finds for every hundredth key of the default gazetteer with one byte
// dropped, doubled or changed, and for some words far from every key.
func TestFuzzyIndexAgreesWithModel(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fz := g.fuzzyModel()
	model := fuzzy.NewModel()
	model.SetUseAutocomplete(false)
	model.SetDepth(1)
	model.SetThreshold(1)
	var keys []string
	for k := range fz.ends {
		keys = append(keys, fz.key(k))
		model.SetCount(fz.key(k), 1, true)
	}
	slices.Sort(keys)
	var queries []string
	for k := 0; k < len(keys); k += 100 {
		key := keys[k]
		for i := range len(key) {
			queries = append(queries, key[:i]+key[i+1:], key[:i+1]+key[i:], key[:i]+"x"+key[i+1:])
		}
	}
	queries = append(queries, "heryawan", "kusumawardani", "tjahjanto", "qwertyuiop", "xxxxxies", "xxxxxys")
	found := 0
	for _, q := range queries {
		var want []string
		if len(q) >= fuzzyMinKey-1 && !isCommonWord(q) {
			for _, p := range model.Potentials(q, true) {
				if p.Leven > 0 && p.Leven <= allowedEdits(p.Term) && p.Term[0] == q[0] {
					want = append(want, fmt.Sprintf("%s:%d", p.Term, p.Leven))
				}
			}
		}
		slices.Sort(want)
		var got []string
		for _, h := range fz.near(q) {
			got = append(got, fmt.Sprintf("%s:%d", fz.key(h.key), h.distance))
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("near(%q) = %q, sajari/fuzzy finds %q", q, got, want)
		}
		found += len(got)
	}
	if found == 0 {
		t.Error("no query found a key")
	}
}

func TestFuzzyKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"Lavrov", "lavrov"},
		{"  Joko \t Widodo ", "joko widodo"},
		{"ERDOĞAN Recep\u00a0Tayyip", "erdogan recep tayyip"}, // a no-break space is white space
		{"Jose\u0301 Marti\u0301", "jose marti"},              // combining marks drop out
		{"Zürich\u2003Ⱥ", "zurich ⱥ"},                         // a lower case letter longer than its capital
		{"a\u0301 \u0301 b", "a b"},                           // a lone mark between spaces makes no word
	} {
		if got := fuzzyKey(c.in); got != c.want {
			t.Errorf("fuzzyKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestEachVariant checks the hashes of variants against those of the words
// they stand for, hashed whole.
func TestAppendVariants(t *testing.T) {
	for _, c := range []struct {
		word string
		want []string
	}{
		{"", []string{""}},
		{"a", []string{"", "a"}},
		{"abc", []string{"bc", "ac", "ab", "abc"}},
		{"\x00b", []string{"b", "\x00", "\x00b"}},
		{"berries", []string{"erries", "brries", "beries", "berres", "berris", "berrie", "berries", "berrys"}},
		{"aaa", []string{"aa", "aaa"}},
		{"greys", []string{"reys", "geys", "grys", "gres", "grey", "greys", "greies"}},
	} {
		var got, want []uint64
		for _, v := range appendVariants(nil, c.word, 7) {
			if v.key != 7 {
				t.Errorf("appendVariants(%q) gives a variant of key %d, want 7", c.word, v.key)
			}
			got = append(got, v.hash)
		}
		for _, w := range c.want {
			want = append(want, wordHash(w))
		}
		if !slices.Equal(got, want) {
			t.Errorf("appendVariants(%q) = %x, want the hashes of %q: %x", c.word, got, c.want, want)
		}
	}
	if wordHash("\x00b") == wordHash("b") {
		t.Error("a leading zero byte does not count")
	}
}

// TestBucketVariants checks that bucketVariants puts each variant in the
// bucket of its hash, in the order they come, and its hash in edits, over few and many variants,
// keys in the order buildFuzzy hands them over, and hashes spread or alike
// in their high bits.
func TestBucketVariants(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100, 5000} {
		for _, alike := range []bool{false, true} {
			variants := make([]fuzzyVariant, n)
			for i := range variants {
				h := mix64(uint64(i % (n/3 + 1)))
				if alike {
					h >>= 20
				}
				variants[i] = fuzzyVariant{h, uint32(i / 3)}
			}
			fz := fuzzyIndex{}
			fz.edits = makeKeyFilter(n)
			fz.variants, fz.bucketEnds, fz.bucketShift = bucketVariants(slices.Clone(variants), fz.edits)
			if len(fz.variants) != n {
				t.Errorf("bucketVariants of %d variants (alike %v) returns %d", n, alike, len(fz.variants))
			}
			for _, v := range variants {
				var want []fuzzyVariant
				for _, w := range variants {
					if w.hash>>fz.bucketShift == v.hash>>fz.bucketShift {
						want = append(want, w)
					}
				}
				if !fz.edits.has(v.hash) {
					t.Fatalf("edits lacks %x", v.hash)
				}
				if got := fz.bucket(v.hash); !slices.Equal(got, want) {
					t.Fatalf("bucket of %x among %d variants (alike %v) = %x, want %x", v.hash, n, alike, got, want)
				}
			}
		}
	}
}
