package pipeline

import (
	"slices"
	"strings"
	"testing"
)

func TestLongestIndex(t *testing.T) {
	var x longestIndex
	for _, name := range []string{"Budi", "Budi Santoso", "Rina Budi Lestari", "Budi Santoso Wibowo", "BUDI SANTOSO HARTONO", "Ir Budi"} {
		x.add(indexedName{text: name})
	}
	cases := []struct {
		words []string
		most  int
		want  string // "" for none
	}{
		{[]string{"Budi"}, 1, "Rina Budi Lestari"},      // the first added of the longest
		{[]string{"santoso"}, 1, "Budi Santoso Wibowo"}, // words compare without case
		{[]string{"Budi", "Santoso"}, 2, "Budi Santoso Wibowo"},
		{[]string{"Budi", "Santoso"}, 3, ""},    // none longer than most
		{[]string{"Santoso", "Lestari"}, 1, ""}, // no name has both
		{[]string{"Hartono"}, 1, "BUDI SANTOSO HARTONO"},
		{nil, 0, ""},
	}
	for _, c := range cases {
		got := ""
		if n := x.longest(c.words, c.most, nil); n != nil {
			got = n.text
		}
		if got != c.want {
			t.Errorf("longest(%q, %d) = %q, want %q", c.words, c.most, got, c.want)
		}
	}
}

func TestFoldWordAndHashMatchEqualFold(t *testing.T) {
	for _, pair := range [][2]string{{"Budi", "bUDI"}, {"Ēka", "ēKA"}, {"K", "\u212a"}, {"Straße", "STRASSE"}, {"Kementerian", "KEMENTERIAN"}, {"ſekolah", "Sekolah"}, {"\u212aota", "kota"}} {
		same := foldWord(pair[0]) == foldWord(pair[1])
		if want := strings.EqualFold(pair[0], pair[1]); same != want {
			t.Errorf("foldWord(%q) == foldWord(%q) is %v, EqualFold says %v", pair[0], pair[1], same, want)
		}
		if strings.EqualFold(pair[0], pair[1]) && foldHash(pair[0]) != foldHash(pair[1]) {
			t.Errorf("foldHash(%q) != foldHash(%q), which EqualFold finds equal", pair[0], pair[1])
		}
	}
}

func TestNameTokensReadThenIndexed(t *testing.T) {
	toks := []Token{{Norm: "Budi"}, {Norm: "kata"}, {Norm: "Rina"}, {Norm: "Budi"}, {Norm: "BUDI"}, {Norm: "Rina"}}
	x := nameTokenIndex{toks: toks, names: []int{0, 2, 3, 4, 5}}
	cases := []struct {
		word string
		want []int
	}{
		{"Budi", []int{0, 3}}, // as written, in document order
		{"Rina", []int{2, 5}},
		{"BUDI", []int{4}},
		{"Sari", nil},
	}
	// The lookups read the name tokens until they have read too many, and
	// then use the index: both find the same.
	for round := 0; round <= maxNameTokenReads/len(x.names); round++ {
		for _, c := range cases {
			if got := x.of(c.word); !slices.Equal(got, c.want) {
				t.Fatalf("round %d (indexed %v): of(%q) = %v, want %v", round, x.indexed, c.word, got, c.want)
			}
		}
	}
	if !x.indexed {
		t.Error("the name tokens are never indexed")
	}
}

func TestAppendFieldsSplitsAsFields(t *testing.T) {
	// Words of every length around the eight bytes read at once, white
	// space that is ASCII or not, and bytes just above and below ' '.
	cases := []string{"", " ", "Budi", "Budi Santoso", "Kementerian Luar Negeri", "Rina\u00a0Lestari Wibowo",
		"a\tb\nc\vd\fe\rf", "Ir.\x01Budi", "x !y", "Menlu\u2003Rusia\u3000Sergey", "Sergey\u0085Lavrov",
		"Ēka Ūtama Pratamawijaya", "\xff\xfe \xfd", "kata\u200bdia", "abcdefgh ijklmnop", "abcdefghijklmnopq"}
	for _, base := range cases {
		for pad := 0; pad <= 9; pad++ {
			for _, s := range []string{strings.Repeat("x", pad) + base, base + strings.Repeat(" y", pad)} {
				if got, want := appendFields(nil, s), strings.Fields(s); !slices.Equal(got, want) {
					t.Errorf("appendFields(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}

func TestFullestNameAcrossLabels(t *testing.T) {
	text := "Kota Bogor Barat. Kata Bogor. Bogor Santoso Hadi datang. Bogor Santoso Hadi Lestari Group berdiri."
	span := func(name, in string) Span {
		i := strings.Index(text, in) + strings.Index(in, name)
		return Span{i, i + len(name)}
	}
	linkedPlace := Entity{Span: span("Kota Bogor Barat", "Kota Bogor Barat"), Label: Place, ID: "Q1", Name: "Kota Bogor Barat"}
	bogor := Entity{Span: span("Bogor", "Kata Bogor"), Label: Person, Name: "Bogor"}
	fuller := Entity{Span: span("Bogor Santoso Hadi", "Bogor Santoso Hadi datang"), Label: Person, Name: "Bogor Santoso Hadi"}
	org := Entity{Span: span("Bogor Santoso Hadi Lestari Group", "Bogor Santoso Hadi Lestari Group"), Label: Organisation, ID: "Q2", Name: "BSHL Group"}
	cases := []struct {
		entities []Entity
		want     string
	}{
		{[]Entity{linkedPlace, bogor}, "Bogor"}, // a linked place is no person's fuller name
		{[]Entity{linkedPlace, bogor, fuller}, "Bogor Santoso Hadi"},
		{[]Entity{linkedPlace, bogor, fuller, org}, "Bogor Santoso Hadi Lestari Group"}, // a linked organisation's that starts with it
	}
	for _, c := range cases {
		for _, indexed := range []bool{false, true} {
			qd := &quoteDoc{doc: &Document{Text: text, Entities: c.entities}, scratch: new(quoteScratch)}
			if indexed {
				qd.entityReads = maxEntityReads
			}
			if got := qd.fullestName(bogor); got != c.want {
				t.Errorf("fullestName(Bogor) among %d entities (indexed %v) = %q, want %q", len(c.entities), indexed, got, c.want)
			}
		}
	}
}

func TestFullerNameWithAcronym(t *testing.T) {
	text := "Dinas Pekerjaan Umum (PU) Kota Contoh. Dinas Pekerjaan Umum (DPU) Kota Contoh. Dinas Pekerjaan Umum (PU) Kota Contoh Barat. Badan(BPS)Pusat Statistik."
	entity := func(i int) Entity {
		start := 0
		for ; i > 0; i-- {
			start += strings.Index(text[start:], ". ") + 2
		}
		return Entity{Span: Span{start, start + strings.IndexByte(text[start:], '.')}, Label: Organisation}
	}
	pu, dpu, puBarat, glued := entity(0), entity(1), entity(2), entity(3)
	cases := []struct {
		entities    []Entity
		words       []string
		text, shown string // "" for none found
	}{
		{[]Entity{pu}, []string{"Dinas", "PU", "Kota"}, "Dinas Pekerjaan Umum PU Kota Contoh", "Dinas Pekerjaan Umum Kota Contoh"},
		{[]Entity{pu}, []string{"Dinas", "Contoh"}, "Dinas Pekerjaan Umum PU Kota Contoh", "Dinas Pekerjaan Umum Kota Contoh"}, // of more words than the surface
		{[]Entity{dpu}, []string{"Dinas", "Kota"}, "Dinas Pekerjaan Umum DPU Kota Contoh", "Dinas Pekerjaan Umum Kota Contoh"},
		// The acronym form comes from the first entity of a surface only.
		{[]Entity{dpu, pu}, []string{"Dinas", "PU", "Kota"}, "", ""},
		{[]Entity{dpu, pu, puBarat}, []string{"dinas", "pu"}, "Dinas Pekerjaan Umum PU Kota Contoh Barat", "Dinas Pekerjaan Umum Kota Contoh Barat"},
		{[]Entity{pu}, nil, "", ""},
		// Brackets that glue words make words the text does not have.
		{[]Entity{glued}, []string{"BadanBPSPusat"}, "BadanBPSPusat Statistik", "BadanPusat Statistik"},
		{[]Entity{glued}, []string{"BadanPusat"}, "BadanPusat Statistik", ""},
	}
	for _, c := range cases {
		for _, indexed := range []bool{false, true} {
			qd := &quoteDoc{doc: &Document{Text: text, Entities: c.entities}, scratch: new(quoteScratch)}
			if indexed {
				qd.entityReads = maxEntityReads
			}
			n, found := qd.fullerName(Organisation, c.words)
			if found != (c.text != "") || n.text != c.text || n.shown != c.shown {
				t.Errorf("fullerName(%q) among %d entities (indexed %v) = %q shown %q, want %q shown %q", c.words, len(c.entities), indexed, n.text, n.shown, c.text, c.shown)
			}
		}
	}
}

func TestShortestNameHaving(t *testing.T) {
	cases := []struct {
		words []string
		name  string // the shortest name of more words that has them all
	}{
		{[]string{"Budi"}, "Budi x"},
		{[]string{"Budi", "Santoso"}, "Budi Santoso x"},
		{[]string{"Budi", "BUDI"}, "Budi x"}, // one word twice
		{[]string{"kota"}, "kota x"},         // "\u212aota" is longer
		{[]string{"\u212aota"}, "kota x"},    // and "kota" shorter
		{[]string{"Ēka", "Putra"}, "ēka Putra x"},
	}
	for _, c := range cases {
		if !containsAllWords(strings.Fields(c.name), c.words) {
			t.Fatalf("%q lacks a word of %q", c.name, c.words)
		}
		if got := shortestNameHaving(c.words); got > len(c.name) {
			t.Errorf("shortestNameHaving(%q) = %d, more than the %d bytes of %q", c.words, got, len(c.name), c.name)
		}
	}
}

func TestMayHoldRulesOutOnlyTextsWithoutTheWord(t *testing.T) {
	cases := []struct {
		text, word string
		may        bool
	}{
		{"Budi Santoso", "budi", true},
		{"BUDI SANTOSO", "Santoso", true},
		{"Kepala Dinas Pertanian Kota Contoh", "contoh", true}, // past the first eight bytes
		{"Kepala Dinas Pertanian Kota Contoh", "Budi", false},
		{"Rina", "Rina Budi", false},                  // longer than the text
		{"Sari Budiman", "Budi", true},                // inside a word: not ruled out
		{"Ahmad Wi\u212aramsyah", "wikramsyah", true}, // the Kelvin sign folds with k
		{"Ahmad Ēka", "Budi", true},                   // a byte outside ASCII
		{"Andi", "", true},
		{"Andi Wibowo", "wIBOWO", true},
		{"@budi", "`budi", true}, // bit 0x20 makes '@' and '`' alike
	}
	for _, c := range cases {
		var buf [32]byte
		mark := markOf(&buf, []string{c.word})
		if got := mayHold(c.text, mark); got != c.may {
			t.Errorf("mayHold(%q, markOf(%q)) = %v, want %v", c.text, c.word, got, c.may)
		}
		for _, w := range strings.Fields(c.text) {
			if strings.EqualFold(w, c.word) && !mayHold(c.text, mark) {
				t.Errorf("mayHold(%q, markOf(%q)) rules out a text with the word", c.text, c.word)
			}
		}
	}
}

func TestMarkOfTakesTheLongestASCIIWord(t *testing.T) {
	cases := []struct {
		words []string
		mark  string
	}{
		{[]string{"Budi", "Santoso"}, "santoso"},
		{[]string{"Ēkawati", "Putra"}, "putra"},
		{[]string{"Ēkawati"}, ""},
		{[]string{strings.Repeat("a", 33), "Dewi"}, "dewi"}, // longer than the buffer
		{nil, ""},
	}
	for _, c := range cases {
		var buf [32]byte
		if got := string(markOf(&buf, c.words)); got != c.mark {
			t.Errorf("markOf(%q) = %q, want %q", c.words, got, c.mark)
		}
	}
}

func TestSpacedBrackets(t *testing.T) {
	cases := []struct {
		s      string
		spaced bool
	}{
		{"Kementerian Luar Negeri (Kemenlu) Rusia", true},
		{"(PU) Kota", true},
		{"Dinas (PU)", true},
		{"Dinas(PU) Kota", false},
		{"Dinas (PU)Kota", false},
		{"Dinas ((PU))", false},
		{"Dinas\u00a0(PU)", false}, // white space outside ASCII is not taken
		{"Dinas PU", true},
	}
	for _, c := range cases {
		if got := spacedBrackets(c.s); got != c.spaced {
			t.Errorf("spacedBrackets(%q) = %v, want %v", c.s, got, c.spaced)
		}
	}
}
