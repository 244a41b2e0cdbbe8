package gazetteer

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"testing"
)

// smallGazetteer builds the gazetteer of testdata/small.tsv.
func smallGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	entries, err := ReadFile("testdata/small.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return New(entries)
}

// describe renders matches as "id@start-end:method" for comparison.
func describe(matches []Match) []string {
	var out []string
	for _, m := range matches {
		out = append(out, fmt.Sprintf("%s@%d-%d:%s", m.Entry.ID, m.Start, m.End, m.Method))
	}
	return out
}

func TestMatchTokens(t *testing.T) {
	g := smallGazetteer(t)
	tests := []struct {
		name   string
		tokens string // split at spaces
		want   []string
	}{
		{"only the country of a title", "Menteri Luar Negeri Rusia , Sergey Lavrov", []string{"rusia@3-4:name", "sergey-lavrov@5-7:name"}},
		{"longest match", "Korea Utara dan Korea Selatan , bukan Korea", []string{"korea-utara@0-2:name", "korea-selatan@3-5:name", "korea@7-8:name"}},
		{"leftmost match first", "Republik Rakyat Demokratik Korea Utara", []string{"korea-utara@0-4:alias"}},
		{"dateline in capitals", "JAKARTA , KOMPAS.com -", []string{"jakarta@0-1:name", "kompas-com@2-3:name"}},
		{"headline in capitals", "AMERIKA SERIKAT DAN KOREA UTARA", []string{"amerika-serikat@0-2:name", "korea-utara@3-5:name"}},
		{"lower case is not a name", "warga jakarta dan korea utara", nil},
		{"mixed case is not a name", "Warga JaKarta", nil},
		{"accents folded", "Presiden Erdogan bertemu Brandli", []string{"recep-tayyip-erdogan@1-2:alias", "brandli@3-4:alias"}},
		{"accents and capitals", "ERDOGAN DAN RUTH BRÄNDLI", []string{"recep-tayyip-erdogan@0-1:alias", "brandli@2-4:name"}},
		{"decomposed accents", "Erdog\u0306an", []string{"recep-tayyip-erdogan@0-1:alias"}},
		{"acronym exact", "KPK , PAN dan AS", []string{"kpk@0-1:alias", "pan@2-3:alias", "amerika-serikat@4-5:alias"}},
		{"acronym only exact", "Kpk pan As Pbb", nil},
		{"short capitals are acronyms, not names", "ADE", nil},
		{"longer capitals are names", "ADE ARMANDO", []string{"ade-armando@0-2:name"}},
		{"name beside its acronym", "Pan Mohamad Faiz dari PAN", []string{"pan-mohamad-faiz@0-3:name", "pan@4-5:alias"}},
		{"short alias in its own case", "kata Pan", []string{"pan-mohamad-faiz@1-2:alias"}},
		{"shared surface: preferred kind", "PBB", []string{"pbb@0-1:alias"}},
		{"caseless entry", "kata detikcom , DETIKCOM dan DetikCom", []string{"detikcom@1-2:name", "detikcom@3-4:name", "detikcom@5-6:name"}},
		{"caseless entry, acronym still exact", "DTK dtk Dtk", []string{"detikcom@0-1:alias"}},
		{"caseless alias split at punctuation", "detik . com", []string{"detikcom@0-3:alias"}},
		{"hyphenated whole", "Al-Jazeera", []string{"al-jazeera@0-1:alias"}},
		{"hyphenated split", "Al - Jazeera", []string{"al-jazeera@0-3:alias"}},
		{"apostrophe whole", "Ma'ruf Amin", []string{"maruf-amin@0-2:name"}},
		{"curly apostrophe", "Ma’ruf Amin", []string{"maruf-amin@0-2:name"}},
		{"apostrophe split", "Kiai Ma ' ruf", []string{"maruf-amin@0-4:alias"}},
		{"parentheses", "Bank Rakyat Indonesia ( Persero ) Tbk", []string{"bri@0-6:name"}},
		{"prefix of a longer name", "Bank Rakyat Indonesia", []string{"indonesia@2-3:name"}},
		{"surface at the end", "di Amerika", []string{"amerika-serikat@1-2:alias"}},
		{"no tokens", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(g.MatchTokens(strings.Fields(tt.tokens), nil))
			if !slices.Equal(got, tt.want) {
				t.Errorf("MatchTokens(%q) = %q, want %q", tt.tokens, got, tt.want)
			}
		})
	}
}

func TestMatchTokensAppends(t *testing.T) {
	g := smallGazetteer(t)
	dst := []Match{{Surface: "earlier"}}
	dst = g.MatchTokens([]string{"Rusia"}, dst)
	if len(dst) != 2 || dst[0].Surface != "earlier" || dst[1].Entry.ID != "rusia" || dst[1].Surface != "Rusia" {
		t.Errorf("MatchTokens appended %+v", dst)
	}
}

func TestMatchTokensDoesNotAllocate(t *testing.T) {
	g := smallGazetteer(t)
	tokens := strings.Fields(strings.Repeat("Menteri Luar Negeri Rusia , Sergey Lavrov , mengatakan kepada KOMPAS.com di JAKARTA bahwa Kementerian Luar Negeri Indonesia . ", 20))
	dst := make([]Match, 0, 200)
	if allocs := testing.AllocsPerRun(50, func() { dst = g.MatchTokens(tokens, dst[:0]) }); allocs != 0 {
		t.Errorf("MatchTokens allocates %v times per call over %d tokens", allocs, len(tokens))
	}
	if len(dst) != 6*20 {
		t.Errorf("found %d matches, want %d", len(dst), 6*20)
	}
}

func TestCandidates(t *testing.T) {
	g := smallGazetteer(t)
	tests := []struct {
		surface string
		want    []string
	}{
		{"PBB", []string{"pbb", "partai-bulan-bintang"}},
		{"pbb", []string{"pbb", "partai-bulan-bintang"}},
		{"Pan", []string{"pan-mohamad-faiz", "pan"}},
		{"Sergey Lavrov", []string{"sergey-lavrov"}},
		{"Nobody", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range g.Candidates(tt.surface) {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Candidates(%q) = %q, want %q", tt.surface, got, tt.want)
		}
	}
}

func TestPreference(t *testing.T) {
	tests := []struct {
		name    string
		entries []Entry // all use the surface "Garuda"
		want    string
	}{
		{"the entry it names", []Entry{
			{ID: "a", Name: "Garuda Indonesia", Kind: "country", Aliases: []string{"Garuda"}},
			{ID: "b", Name: "Garuda", Kind: "company"},
		}, "b"},
		{"listed kind order", []Entry{
			{ID: "a", Name: "Partai Garuda", Kind: "party", Aliases: []string{"Garuda"}},
			{ID: "b", Name: "Garuda Intl", Kind: "intl", Aliases: []string{"Garuda"}},
		}, "b"},
		{"listed kinds before others", []Entry{
			{ID: "a", Name: "Garuda Wisnu", Kind: "person", Aliases: []string{"Garuda"}},
			{ID: "b", Name: "Kota Garuda", Kind: "city", Aliases: []string{"Garuda"}},
		}, "b"},
		{"then id", []Entry{
			{ID: "b", Name: "Garuda Satu", Kind: "person", Aliases: []string{"Garuda"}},
			{ID: "a", Name: "Garuda Dua", Kind: "athlete", Aliases: []string{"Garuda"}},
		}, "a"},
	}
	for _, tt := range tests {
		g := New(tt.entries)
		m := g.MatchTokens([]string{"Garuda"}, nil)
		if len(m) != 1 || m[0].Entry.ID != tt.want || g.Candidates("Garuda")[0].ID != tt.want {
			t.Errorf("%s: matched %+v, want %s", tt.name, m, tt.want)
		}
	}
}

func TestNewOverridesByID(t *testing.T) {
	base := []Entry{
		{ID: "rusia", Name: "Rusia", Label: Place, Aliases: []string{"Russia"}},
		{ID: "korea", Name: "Korea", Label: Place},
	}
	user := []Entry{
		{ID: "rusia", Name: "Federasi Rusia", Label: Place, Kind: "country"},
		{Name: "Korea Utara", Label: Place},
	}
	g := New(base, user)
	var ids []string
	for _, e := range g.Entries() {
		ids = append(ids, e.ID)
	}
	if want := []string{"rusia", "korea", "korea-utara"}; !slices.Equal(ids, want) || g.Len() != 3 {
		t.Errorf("Entries = %q (Len %d), want %q", ids, g.Len(), want)
	}
	if e, ok := g.Entry("rusia"); !ok || e.Name != "Federasi Rusia" {
		t.Errorf(`Entry("rusia") = %+v, %v; want the user's entry`, e, ok)
	}
	tokens := []string{"Russia", "Rusia", "Federasi", "Rusia", "Korea", "Utara"}
	if got, want := describe(g.MatchTokens(tokens, nil)), []string{"rusia@2-4:name", "korea-utara@4-6:name"}; !slices.Equal(got, want) {
		t.Errorf("after override, MatchTokens = %q, want %q", got, want)
	}
	if _, ok := g.Entry("nothing"); ok {
		t.Error(`Entry("nothing") found`)
	}
}

func TestStats(t *testing.T) {
	g := New([]Entry{
		{ID: "pbb", Name: "Perserikatan Bangsa-Bangsa", Label: Organisation, Kind: "intl", Aliases: []string{"PBB", "UN"}},
		{ID: "partai-bulan-bintang", Name: "Partai Bulan Bintang", Label: Organisation, Kind: "party", Aliases: []string{"PBB"}},
		{ID: "rusia", Name: "Rusia", Label: Place, Kind: "country"},
		{ID: "detikcom", Name: "detikcom", Label: Organisation, Kind: "media", Caseless: true},
	})
	st := g.Stats()
	if st.Entries != 4 || st.ByLabel[Organisation] != 3 || st.ByLabel[Place] != 1 || st.ByKind["party"] != 1 ||
		st.Aliases != 3 || st.Surfaces != 6 || st.Shared != 1 || st.Caseless != 1 {
		t.Errorf("Stats = %+v", st)
	}
}

// TestMatchTokensLowerCaseStarts checks that the filter sparing lower-case
// tokens the lookup lets through the surface forms written in lower case and
// those of caseless entries, and nothing else.
func TestMatchTokensLowerCaseStarts(t *testing.T) {
	g := New([]Entry{
		{ID: "kumparan", Name: "kumparan", Label: Organisation},
		{ID: "tvone", Name: "tvOne", Label: Organisation},
		{ID: "detik", Name: "Detik", Label: Organisation, Caseless: true},
		{ID: "bandung", Name: "Bandung", Label: Place},
		{ID: "ecole", Name: "école normale", Label: Organisation},
	})
	for _, tt := range []struct{ tokens, want string }{
		{"kata kumparan , Kumparan dan KUMPARAN", "kumparan@1-2 kumparan@5-6"},
		{"tvOne tvone TVONE", "tvone@0-1 tvone@2-3"},
		{"detik , Detik , DETIK", "detik@0-1 detik@2-3 detik@4-5"},
		{"bandung Bandung", "bandung@1-2"},
		{"ecole normale", "ecole@0-2"},
	} {
		var got []string
		for _, m := range g.MatchTokens(strings.Fields(tt.tokens), nil) {
			got = append(got, fmt.Sprintf("%s@%d-%d", m.Entry.ID, m.Start, m.End))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("MatchTokens(%q) = %q, want %q", tt.tokens, got, tt.want)
		}
	}
	if got := new(Gazetteer).MatchTokens([]string{"Jakarta"}, nil); len(got) != 0 {
		t.Errorf("the zero Gazetteer matched %v", got)
	}
}

func TestTokenHashFolds(t *testing.T) {
	same := [][2]string{
		{"Jakarta", "JAKARTA"}, {"Mullerstrasse", "MÜLLERSTRASSE"}, {"Muller", "Müller"},
		{"Josephine", "Jose\u0301phine"}, {"Abdurrahmane", "Abdurrahmané"}, {"kementerianluar", "KementerianLuar"},
		{"@ZAZ[`{", "@zaz[`{"}, {"Żółć-Ścieżka1234", "Zołc-scieżka1234"},
	}
	for _, p := range same {
		if tokenHash(p[0]) != tokenHash(p[1]) {
			t.Errorf("tokenHash(%q) != tokenHash(%q)", p[0], p[1])
		}
		if tokenHash(p[0]) != tokenHash(fold(p[0])) {
			t.Errorf("tokenHash(%q) != tokenHash of its folded form %q", p[0], fold(p[0]))
		}
	}
	for _, p := range [][2]string{{"Jakarta", "Jakarto"}, {"Kementerian", "Kementrian"}, {"AB@", "ab`"}, {"[x", "{x"}} {
		if tokenHash(p[0]) == tokenHash(p[1]) {
			t.Errorf("tokenHash(%q) == tokenHash(%q)", p[0], p[1])
		}
	}
}

// TestTokenHashShortcuts checks tokenHash's word-wide reads of ASCII bytes
// against hashUnits, which goes unit by unit, for every length around the
// groups of eight.
func TestTokenHashShortcuts(t *testing.T) {
	const text = "Kementerian-LUAR-negeri-(Rusia)-Jakarta"
	for n := range len(text) + 1 {
		for _, tok := range []string{text[:n], text[len(text)-n:], text[:n] + "é"} {
			if got, want := tokenHash(tok), hashUnits(fnvOffset, tok); got != want {
				t.Errorf("tokenHash(%q) = %#x, hashUnits = %#x", tok, got, want)
			}
		}
	}
}

func TestLowerASCII8(t *testing.T) {
	for c := range 128 {
		x := uint64(c) * 0x0101010101010101
		want := byte(c)
		if 'A' <= c && c <= 'Z' {
			want += 'a' - 'A'
		}
		if got := lowerASCII8(x); got != uint64(want)*0x0101010101010101 {
			t.Errorf("lowerASCII8 of %q×8 = %#x, want %q×8", rune(c), got, want)
		}
	}
}

func TestSpelledExactly(t *testing.T) {
	for _, tt := range []struct {
		tokens  []string
		surface string
		want    bool
	}{
		{[]string{"Kementerian", "Luar", "Negeri"}, "Kementerian Luar Negeri", true},
		{[]string{"Jakarta"}, "Jakarta", true},
		{[]string{"Kementerian", "Luar"}, "Kementerian  Luar", false},
		{[]string{"jakarta"}, "Jakarta", false},
		{[]string{"Jose"}, "Jose\u0301", false},
		{[]string{"Al", "Jazeera"}, "Al-Jazeera", false},
		{[]string{"Luar", "Negeri"}, "Luar Negeri Rusia", false},
	} {
		if got := spelledExactly(tt.tokens, tt.surface); got != tt.want {
			t.Errorf("spelledExactly(%q, %q) = %v, want %v", tt.tokens, tt.surface, got, tt.want)
		}
		if tt.want {
			if level, ok := spells(tt.tokens, tt.surface); !ok || level != levelExact {
				t.Errorf("spells(%q, %q) = %v, %v; want exact", tt.tokens, tt.surface, level, ok)
			}
		}
	}
}

// TestFoldedStartKey checks the shortcut of foldedStartKey against folding.
func TestFoldedStartKey(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// Letters past ASCII between ASCII ones, which folding changes, drops or
	// shortens (the first and last bytes stay in place), then the first
	// tokens of the default forms.
	toks := []string{"", "a", "A", "Kobaba", "kobaba", "KPK", "B.", "(", "9/11", "Erdoğan", "Ōsaka", "Ma'ruf", "ß", "Z", "\u0301",
		"Jose\u0301X", "Ab\u0301", "Aİb", "AßB", "Müller", "MÜLLER", "São", "Yılmaz", "IİI", "aÉb", "Ä", "Äb", "bÄ"}
	for i := range g.surfaces {
		for _, pieces := range []bool{false, true} {
			toks = append(toks, surfaceKey(g.textOf(&g.surfaces[i]), pieces).firstToken)
		}
	}
	for _, tok := range toks {
		k, ok := foldedStartKey(tok)
		wantK, wantOK := uint64(0), false
		if f := fold(tok); f != "" {
			wantK, wantOK = startKey(f)
		}
		if k != wantK || ok != wantOK {
			t.Errorf("foldedStartKey(%q) = %x, %v; want %x, %v", tok, k, ok, wantK, wantOK)
		}
	}
}

// TestStartBounds checks that startBounds bounds the number of every key of
// its table from above, and tells most other keys 0.
func TestStartBounds(t *testing.T) {
	if got := (startBounds{}).get(tokenHash("Jakarta")); got != 0 {
		t.Errorf("zero startBounds.get = %d, want 0", got)
	}
	table := newHashTable(0)
	for i := range 1000 {
		table.set(tokenHash(fmt.Sprint("key", i)), uint32(1+i%maxSurfaceTokens))
	}
	b := newStartBounds(&table)
	for i := range 1000 {
		if got, want := b.get(tokenHash(fmt.Sprint("key", i))), uint8(1+i%maxSurfaceTokens); got < want || got > maxSurfaceTokens {
			t.Errorf("get(key%d) = %d, want %d to %d", i, got, want, maxSurfaceTokens)
		}
	}
	found := 0
	for i := range 1000 {
		if b.get(tokenHash(fmt.Sprint("other", i))) != 0 {
			found++
		}
	}
	if found > 300 { // about one in four and a half shares a key's slot
		t.Errorf("%d of 1000 other keys have a bound, want about 220", found)
	}
}

// TestNextToken splits surface forms as a tokenizer of running text would,
// with inner punctuation as tokens of their own (pieces) or not, ASCII or
// not.
func TestNextToken(t *testing.T) {
	for _, c := range []struct {
		in            string
		words, pieces []string
		splitsAlike   bool
	}{
		{"", nil, nil, true},
		{" \t", nil, nil, true},
		{"Joko  Widodo", []string{"Joko", "Widodo"}, []string{"Joko", "Widodo"}, true},
		{"KOMPAS.com", []string{"KOMPAS.com"}, []string{"KOMPAS", ".", "com"}, false},
		{"Bank BRI (Persero)", []string{"Bank", "BRI", "(", "Persero", ")"}, []string{"Bank", "BRI", "(", "Persero", ")"}, false},
		{"Jl. Sudirman, Tbk.", []string{"Jl.", "Sudirman", ",", "Tbk."}, []string{"Jl", ".", "Sudirman", ",", "Tbk", "."}, false},
		{"Ma'ruf “Amin”", []string{"Ma'ruf", "“", "Amin", "”"}, []string{"Ma", "'", "ruf", "“", "Amin", "”"}, false},
		{"\u00a0Erdoğan\u2003Recep", []string{"Erdoğan", "Recep"}, []string{"Erdoğan", "Recep"}, false},
		{"Jose\u0301 Al-Jazeera!", []string{"Jose\u0301", "Al-Jazeera", "!"}, []string{"Jose\u0301", "Al", "-", "Jazeera", "!"}, false},
		{"«Rusia»", []string{"«", "Rusia", "»"}, []string{"«", "Rusia", "»"}, false},
	} {
		for _, pieces := range []bool{false, true} {
			var got []string
			for s := c.in; ; {
				var tok string
				if tok, s = nextToken(s, pieces); tok == "" {
					break
				}
				got = append(got, tok)
			}
			want := c.words
			if pieces {
				want = c.pieces
			}
			if !slices.Equal(got, want) {
				t.Errorf("nextToken(%q, pieces %v) splits it into %q, want %q", c.in, pieces, got, want)
			}
		}
		if got := splitsAlike(c.in); got != c.splitsAlike {
			t.Errorf("splitsAlike(%q) = %v, want %v", c.in, got, c.splitsAlike)
		}
	}
}

// TestNextWord splits forms that splitsAlike as nextToken does: all the
// default gazetteer's, and a few made up, words up to and past eight bytes.
func TestNextWord(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"", " ", "a", "Joko  Widodo", " Joko\tWidodo ", "12345678 123456789",
		"Kementerian Koordinator Bidang Perekonomian", "abcdefgh", "abcdefgh ", "abcdefg h", "\v\fx\r\n"}
	for i := range g.surfaces {
		texts = append(texts, g.textOf(&g.surfaces[i]))
	}
	tested := 0
	for _, text := range texts {
		if !splitsAlike(text) {
			continue
		}
		tested++
		for s, w := text, text; ; {
			var want, got string
			want, s = nextToken(s, false)
			got, w = nextWord(w)
			if got != want || w != s {
				t.Errorf("nextWord splits %q at %q, %q, want %q, %q", text, got, w, want, s)
				break
			}
			if want == "" {
				break
			}
		}
	}
	if tested < 1000 {
		t.Errorf("only %d forms split alike", tested)
	}
}

func TestIsAllCaps(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"123-", false},
		{"KPK", true},
		{"TNI-AD", true},
		{"Jakarta", false},
		{"KOMPAS.com", false},
		{"ÖZİL", true},
		{"ÖZil", false},
		{"ÉRDOĞAN", true},
		{"İstanbul", false},
		{"日本", true}, // letters without case: none is in lower case
		{"AS日本", true},
		{"ASé", false},
	} {
		if got := isAllCaps(c.in); got != c.want {
			t.Errorf("isAllCaps(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestBelowBangOrHigh(t *testing.T) {
	for _, tt := range []struct {
		text  string
		first int // the index of the first byte below '!' or past ASCII, 8 for none
	}{
		{"abcdefgh", 8}, {"KOMPAS.c", 8}, {"!!!!!!!!", 8}, {"~~~~~~~~", 8},
		{" bcdefgh", 0}, {"abc defg", 3}, {"abcdefg\t", 7}, {"abc\x00\x00\x00\x00\x00", 3},
		{"ab\xc3\xa9defg", 2}, {"abcdefg\x80", 7}, {"abcd efg\xff", 4},
	} {
		m := belowBangOrHigh(le64(tt.text))
		if got := bits.TrailingZeros64(m) / 8; got != tt.first {
			t.Errorf("belowBangOrHigh(%q) marks byte %d first, want %d", tt.text, got, tt.first)
		}
	}
}
