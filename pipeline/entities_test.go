package pipeline

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kutip/kutip/gazetteer"
)

// testGazetteer returns the small gazetteer of testdata/entities, so that
// the tests do not move with the default data.
func testGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	entries, err := gazetteer.ReadFile("testdata/entities/gazetteer.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return gazetteer.New(entries)
}

// extract runs the stages up to coreference on text.
func extract(t testing.TB, g *gazetteer.Gazetteer, text string) *Document {
	t.Helper()
	doc := NewDocument("test", text)
	p := Pipeline{Normalize{}, Tokenize{}, Segment{}, &Entities{Gazetteer: g}, &Coreference{Gazetteer: g}}
	if err := p.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// wantEntity is an expected entity: its label, byte span and text, the
// name it carries after coreference and how it was found.
type wantEntity struct {
	label      Label
	start, end int
	text, name string
	method     string
}

func TestEntities(t *testing.T) {
	g := testGazetteer(t)
	tests := []struct {
		name, text string
		want       []wantEntity
	}{
		{"title stays outside the name; a place head opens a place",
			"Presiden Joko Widodo meresmikan jalan tol di Kabupaten Garut.",
			[]wantEntity{
				{Person, 9, 20, "Joko Widodo", "Joko Widodo", "gazetteer"},
				{Place, 45, 60, "Kabupaten Garut", "Kabupaten Garut", "rule"},
			}},
		{"an ordinary word opening the sentence is not part of the name",
			"Menurut Darmaji Suparno, harga beras naik.",
			[]wantEntity{{Person, 8, 23, "Darmaji Suparno", "Darmaji Suparno", "rule"}}},
		{"the acronym in parentheses belongs to the organisation",
			"Komisi Pemilihan Umum (KPU) menetapkan hasil pemilu.",
			[]wantEntity{{Organisation, 0, 27, "Komisi Pemilihan Umum (KPU)", "Komisi Pemilihan Umum", "rule"}}},
		{"an affiliation title: the organisation, then its member",
			"Ketua LPSK Haris Sasmita hadir di Jakarta.",
			[]wantEntity{
				{Organisation, 6, 10, "LPSK", "LPSK", "rule"},
				{Person, 11, 24, "Haris Sasmita", "Haris Sasmita", "rule"},
				{Place, 34, 41, "Jakarta", "Jakarta", "gazetteer"},
			}},
		{"a party name keeps its ordinary words; the name words after it are the politician",
			"Politikus Partai Bulan Terang Rahmat Wijaya mengatakan partainya siap.",
			[]wantEntity{
				{Organisation, 10, 29, "Partai Bulan Terang", "Partai Bulan Terang", "rule"},
				{Person, 30, 43, "Rahmat Wijaya", "Rahmat Wijaya", "rule"},
			}},
		{"a ministry, its acronym and its country are one mention",
			"Hal itu diungkapkan Kementerian Luar Negeri (Kemenlu) Rusia pada Minggu.",
			[]wantEntity{{Organisation, 20, 59, "Kementerian Luar Negeri (Kemenlu) Rusia", "Kementerian Luar Negeri Rusia", "gazetteer"}}},
		{"a place that is also a given name starts a person's name before another name word",
			"Kepala BKN Bima Haria Wibisana berkunjung ke Bima.",
			[]wantEntity{
				{Organisation, 7, 10, "BKN", "BKN", "rule"},
				{Person, 11, 30, "Bima Haria Wibisana", "Bima Haria Wibisana", "rule"},
				{Place, 45, 49, "Bima", "Kota Bima", "alias"},
			}},
		{"after a title, the same place is the jurisdiction, which a regional head's title keeps",
			"Bupati Bima Indah Dhamayanti meninjau lokasi.",
			[]wantEntity{
				{Person, 12, 28, "Indah Dhamayanti", "Indah Dhamayanti", "rule"},
			}},
		{"known names glued by a hyphen",
			"Serangan Israel-AS dikecam banyak negara.",
			[]wantEntity{
				{Place, 9, 15, "Israel", "Israel", "gazetteer"},
				{Place, 16, 18, "AS", "Amerika Serikat", "gazetteer"},
			}},
		{"known names glued by a lost line break",
			"KorutRusia",
			[]wantEntity{
				{Place, 0, 5, "Korut", "Korea Utara", "gazetteer"},
				{Place, 5, 10, "Rusia", "Rusia", "gazetteer"},
			}},
		{"a lower-case government word makes the country its government",
			"Menurut pemerintah Rusia, pertemuan itu penting.",
			[]wantEntity{{Organisation, 8, 24, "pemerintah Rusia", "Pemerintah Rusia", "gazetteer"}}},
		{"a ministry in lower case is one; a local government is any",
			"Menurut kementerian luar negeri, pemerintah daerah tidak diundang.",
			[]wantEntity{{Organisation, 8, 31, "kementerian luar negeri", "kementerian luar negeri", "rule"}}},
		{"languages and currencies are not places",
			"Ia fasih berbahasa Rusia dan dibayar dalam dolar AS.",
			nil},
		{"capitalised ordinary words, their acronym and an election are no names",
			"Harga Bahan Bakar Minyak (BBM) naik menjelang Pemilu.",
			nil},
		{"an unknown two-letter acronym is no organisation",
			"Rapat dipimpin VP bidang pemasaran.",
			nil},
		{"words joined by English function words are a title",
			"Bill of Rights dibacakan di Jakarta.",
			[]wantEntity{{Place, 28, 35, "Jakarta", "Jakarta", "gazetteer"}}},
		{"an English word for an organisation makes one, even before a speech verb",
			"Laporan Post Office Travel Money menyebut harga naik.",
			[]wantEntity{{Organisation, 8, 32, "Post Office Travel Money", "Post Office Travel Money", "rule"}}},
		{"a building word before an organisation makes a place",
			"Rapat digelar di gedung DPR.",
			[]wantEntity{{Place, 17, 27, "gedung DPR", "gedung DPR", "rule"}}},
		{"a building that speaks is the body in it",
			"Letusan berlanjut, demikian kata Kantor Meteorologi Islandia.",
			[]wantEntity{{Organisation, 33, 60, "Kantor Meteorologi Islandia", "Kantor Meteorologi Islandia", "rule"}}},
		{"a misspelt known name after a speech cue",
			"Semua itu benar, kata Lavrof kepada wartawan.",
			[]wantEntity{{Person, 22, 28, "Lavrof", "Sergey Lavrov", "fuzzy"}}},
		{"an unknown capitalised word in running text is most often a person",
			"Pertemuan itu dihadiri Sumarni dan warga desa.",
			[]wantEntity{{Person, 23, 30, "Sumarni", "Sumarni", "rule"}}},
		{"a word the article also writes in lower case is no name",
			"Warga ikut acara Gowes pagi ini. Mereka gowes bersama.",
			nil},
		{"a derived noun opening the sentence is no name",
			"Kebuntuan politik berlanjut di Bandung.",
			[]wantEntity{{Place, 31, 38, "Bandung", "Bandung", "gazetteer"}}},
		{"an Arabic article inside a name",
			"Itu bukan tujuan kami, kata Khalid al-Hamdani.",
			[]wantEntity{{Person, 28, 45, "Khalid al-Hamdani", "Khalid al-Hamdani", "rule"}}},
		{"a known one-word name inside another person's name",
			"Ia didampingi Ny Herawati Boediono.",
			[]wantEntity{{Person, 17, 34, "Herawati Boediono", "Herawati Boediono", "rule"}}},
		{"a role with coordinated portfolios stays outside the name",
			"Menteri Kelautan dan Perikanan Susi Rahayu meninjau pelabuhan.",
			[]wantEntity{{Person, 31, 42, "Susi Rahayu", "Susi Rahayu", "rule"}}},
		{"a one-word place ending a titled name is part of it",
			"Kapolri Jenderal Badrodin Haiti hadir.",
			[]wantEntity{{Person, 17, 31, "Badrodin Haiti", "Badrodin Haiti", "rule"}}},
		{"half ordinary words make a term; a lower-case place word stays outside",
			"Musyawarah Kerja Nasional digelar di kota Bandung.",
			[]wantEntity{{Place, 42, 49, "Bandung", "Bandung", "gazetteer"}}},
		{"an office joins ordinary words with dan and takes in its region",
			"Dinas Pertanian dan Peternakan Kabupaten Garut membagikan bibit.",
			[]wantEntity{{Organisation, 0, 46, "Dinas Pertanian dan Peternakan Kabupaten Garut", "Dinas Pertanian dan Peternakan Kabupaten Garut", "rule"}}},
		{"a direction after a place is part of the mention; tengah is an adverb",
			"Roket jatuh di Israel utara, sementara Rusia tengah menyiapkan pasukan.",
			[]wantEntity{
				{Place, 15, 27, "Israel utara", "Israel", "gazetteer"},
				{Place, 39, 44, "Rusia", "Rusia", "gazetteer"},
			}},
		{"a headline tags only known names",
			"Lavrov Bertemu Pemimpin Korut\n\nSergey Lavrov tiba di Wonsan pada Minggu.",
			[]wantEntity{
				{Person, 0, 6, "Lavrov", "Sergey Lavrov", "alias"},
				{Place, 24, 29, "Korut", "Korea Utara", "alias"},
				{Person, 31, 44, "Sergey Lavrov", "Sergey Lavrov", "gazetteer"},
				{Place, 53, 59, "Wonsan", "Wonsan", "gazetteer"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { expectEntities(t, g, tt.text, tt.want) })
	}
}

// checkEntities reports every broken invariant of doc.Entities: in order,
// not overlapping, inside Text, with a label and a name.
func checkEntities(t *testing.T, doc *Document) {
	t.Helper()
	prevEnd := 0
	for _, e := range doc.Entities {
		if e.Start < prevEnd || e.End <= e.Start || e.End > len(doc.Text) {
			t.Fatalf("entity [%d,%d) out of order or range (previous end %d, text %d bytes)", e.Start, e.End, prevEnd, len(doc.Text))
		}
		if e.Label != Person && e.Label != Place && e.Label != Organisation || e.Name == "" {
			t.Fatalf("entity %q has label %q and name %q", doc.Text[e.Start:e.End], e.Label, e.Name)
		}
		prevEnd = e.End
	}
}

// TestEntitiesGolden tags testdata/entities/article.txt with the test
// gazetteer and compares with article.golden, one entity a line: label,
// byte span, method, text and name; go test -run TestEntitiesGolden -update
// rewrites it.
func TestEntitiesGolden(t *testing.T) {
	text, err := os.ReadFile("testdata/entities/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := extract(t, testGazetteer(t), string(text))
	checkEntities(t, doc)
	var b strings.Builder
	for _, e := range doc.Entities {
		fmt.Fprintf(&b, "%-12s %4d %4d %-9s %q", e.Label, e.Start, e.End, e.Method, doc.Text[e.Start:e.End])
		if e.Name != doc.Text[e.Start:e.End] {
			fmt.Fprintf(&b, " → %q", e.Name)
		}
		if e.ID != "" {
			fmt.Fprintf(&b, " [%s]", e.ID)
		}
		b.WriteByte('\n')
	}
	compareGolden(t, "testdata/entities/article.golden", b.String())
}

func FuzzEntities(f *testing.F) {
	for _, seed := range []string{
		"Menlu Rusia Sergey Lavrov bertemu Kim di Wonsan. Kementerian Luar Negeri (Kemenlu) Rusia",
		"Ketua Umum Partai Bulan Terang Rahmat Wijaya (RW) mengatakan, kata Israel-AS KorutRusia al-",
		"Joko Widodo (Jokowi) dan Dinas Pertanian dan Peternakan (\n\nHeadline Dengan Huruf Besar\n\n( X )",
	} {
		f.Add(seed)
	}
	g := testGazetteer(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkEntities(t, extract(t, g, text))
	})
}

// expectEntities runs the entity stages over text and compares every entity
// found with want, in order.
func expectEntities(t *testing.T, g *gazetteer.Gazetteer, text string, want []wantEntity) {
	t.Helper()
	doc := extract(t, g, text)
	checkEntities(t, doc)
	var got []wantEntity
	for _, e := range doc.Entities {
		got = append(got, wantEntity{e.Label, e.Start, e.End, doc.Text[e.Start:e.End], e.Name, e.Method})
	}
	if !slices.Equal(got, want) {
		t.Errorf("%q:\n got %v\nwant %v", text, got, want)
	}
}

func TestCopyWordsListsNameAndLowerCaseWords(t *testing.T) {
	toks := []Token{
		{Norm: "kata", Kind: Word}, {Norm: "Rina", Kind: Word}, {Norm: ",", Kind: Punct},
		{Norm: "al-Fatah", Kind: Word}, {Norm: "akan", Kind: Word}, {Norm: "Dr.", Kind: Abbrev},
		{Norm: "Ölander", Kind: Word}, {Norm: "kementerian", Kind: Word}, {Norm: "Rp5", Kind: Money},
		{Norm: "dll.", Kind: Abbrev}, {Norm: "5G", Kind: Word}, {Norm: "pemerintahan", Kind: Word},
	}
	doc := &Document{Text: "teks", Tokens: toks}
	var sc entityScratch
	sc.copyWords(doc)
	if want := []int32{1, 3, 5, 6, 7}; !slices.Equal(sc.visits, want) {
		t.Errorf("visits = %v, want %v", sc.visits, want)
	}
	if want := []int32{0, 3, 4, 7, 11}; !slices.Equal(sc.lowers, want) {
		t.Errorf("lowers = %v, want %v", sc.lowers, want)
	}
	if want := []int32{1, 6, 10}; !slices.Equal(sc.capitalisedWordsOf(doc), want) {
		t.Errorf("capitalised = %v, want %v", sc.capitalisedWordsOf(doc), want)
	}
	if got := capitalisedWords(toks, make([]int32, 0, len(toks))); !slices.Equal(got, sc.capitalised) {
		t.Errorf("capitalisedWords = %v, copyWords listed %v", got, sc.capitalised)
	}
	// Marked as no part of a name before any lookup, which isNameWord says
	// of them too.
	noName := []bool{true, false, true, false, true, false, false, true, true, true, false, true}
	for i := range toks {
		if got := sc.info[i] == infoNoName; got != noName[i] || got && isNameWord(&toks[i]) {
			t.Errorf("%q: info %b, want infoNoName %v", toks[i].Norm, sc.info[i], noName[i])
		}
	}
	// Another document in the same token buffer, which the entity stage
	// has not read: the lists are not its.
	other := &Document{Text: "teks lain", Tokens: toks}
	if got := sc.capitalisedWordsOf(other); got != nil {
		t.Errorf("capitalisedWordsOf another document = %v, want none", got)
	}
	for i := range toks {
		if sc.words[i] != toks[i].Norm {
			t.Errorf("words[%d] = %q, want %q", i, sc.words[i], toks[i].Norm)
		}
	}
}
