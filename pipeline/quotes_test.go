package pipeline

import (
	"context"
	"strings"
	"testing"

	"github.com/kutip/kutip/gazetteer"
)

// wantQuote describes an expected quote by its text, its speaker's name ("" =
// no speaker), its cue ("" = none) and its sources' names.
type wantQuote struct {
	kind    QuoteKind
	text    string
	speaker string
	cue     string
	sources []string
}

func runQuotes(t *testing.T, outlet, text string) *Document {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := NewDocument("t", text)
	doc.Outlet = outlet
	if err := Standard(g).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, outlet, text string
		want               []wantQuote
	}{
		{name: "cue after with a name",
			text: `"Kami siap bekerja keras," kata Rina Hartati di Jakarta.`,
			want: []wantQuote{{Direct, "Kami siap bekerja keras,", "Rina Hartati", "kata", nil}}},
		{name: "interrupted by its attribution",
			text: `"Harga naik sejak pekan lalu," kata Rina Hartati. "Stok masih cukup untuk enam bulan."`,
			want: []wantQuote{
				{Direct, "Harga naik sejak pekan lalu,", "Rina Hartati", "kata", nil},
				{Direct, "Stok masih cukup untuk enam bulan.", "Rina Hartati", "", nil}}},
		{name: "clitic cue resolves to the subject before",
			text: `Rina Hartati meninjau pasar induk pagi ini. "Stok aman sampai Lebaran," ujarnya.`,
			want: []wantQuote{{Direct, "Stok aman sampai Lebaran,", "Rina Hartati", "ujarnya", nil}}},
		{name: "speech verb before the quote",
			text: `Rina Hartati mengatakan, "Stok aman sampai Lebaran."`,
			want: []wantQuote{{Direct, "Stok aman sampai Lebaran.", "Rina Hartati", "mengatakan", nil}}},
		{name: "menurut before the quote",
			text: `Menurut Rina Hartati, "Stok aman sampai Lebaran."`,
			want: []wantQuote{{Direct, "Stok aman sampai Lebaran.", "Rina Hartati", "Menurut", nil}}},
		{name: "Kompas marks open and close with the same mark",
			text: `”Stok aman sampai Lebaran,” kata Rina Hartati.`,
			want: []wantQuote{{Direct, "Stok aman sampai Lebaran,", "Rina Hartati", "kata", nil}}},
		{name: "guillemets",
			text: `«Stok aman sampai Lebaran,» kata Rina Hartati.`,
			want: []wantQuote{{Direct, "Stok aman sampai Lebaran,", "Rina Hartati", "kata", nil}}},
		{name: "closing mark glued to the cue",
			text: `"Stok aman sampai Lebaran,"kata Rina Hartati.`,
			want: []wantQuote{{Direct, "Stok aman sampai Lebaran,", "Rina Hartati", "kata", nil}}},
		{name: "scare quotes and titles are not quotes",
			text: `Pemerintah memakai istilah "dana menganggur" dalam laporan. Tonton juga video "Harga Beras Naik di Pasar Induk Cipinang".`,
			want: nil},
		{name: "relaying medium after the speaker",
			text: `"Kami tidak akan mundur dari perundingan ini," kata Menteri Luar Negeri Rusia, Sergey Lavrov, dilansir dari TRT World.`,
			want: []wantQuote{{Direct, "Kami tidak akan mundur dari perundingan ini,", "Sergey Lavrov", "kata", []string{"TRT World"}}}},
		{name: "several media at once",
			text: `"Kerajaan siap menghadapi setiap ancaman," kata Rina Hartati seperti dikutip dari SPA dan Al Jazeera.`,
			want: []wantQuote{{Direct, "Kerajaan siap menghadapi setiap ancaman,", "Rina Hartati", "kata", []string{"SPA", "Al Jazeera"}}}},
		{name: "a paragraph opened by its medium covers the speaker's quotes",
			text: "Dilansir AFP, Rina Hartati mengunjungi Kairo pada Senin.\n\n\"Kami datang untuk perdamaian,\" kata Rina Hartati.",
			want: []wantQuote{{Direct, "Kami datang untuk perdamaian,", "Rina Hartati", "kata", []string{"AFP"}}}},
		{name: "the publishing outlet is not a relaying medium",
			outlet: "Kompas",
			text:   `"Kami siap bekerja keras," kata Rina Hartati kepada Kompas.com. "Harga akan turun pekan depan," kata Budi Santoso kepada Reuters.`,
			want: []wantQuote{
				{Direct, "Kami siap bekerja keras,", "Rina Hartati", "kata", nil},
				{Direct, "Harga akan turun pekan depan,", "Budi Santoso", "kata", []string{"Reuters"}}}},
		{name: "without an outlet, the dateline names the publishing outlet",
			text: `JAKARTA, KOMPAS.com - "Kami siap bekerja keras," kata Rina Hartati kepada Kompas.com.`,
			want: []wantQuote{{Direct, "Kami siap bekerja keras,", "Rina Hartati", "kata", nil}}},
		{name: "floating quote keeps the speaker",
			text: "\"Harga naik sejak pekan lalu,\" kata Rina Hartati.\n\n\"Stok masih cukup untuk enam bulan ke depan.\"",
			want: []wantQuote{
				{Direct, "Harga naik sejak pekan lalu,", "Rina Hartati", "kata", nil},
				{Direct, "Stok masih cukup untuk enam bulan ke depan.", "Rina Hartati", "", nil}}},
		{name: "a quote over two paragraphs",
			text: "\"Paragraf pertama membahas harga beras di pasar.\n\n\"Paragraf kedua membahas stok di gudang,\" kata Rina Hartati.",
			want: []wantQuote{
				{Direct, "Paragraf pertama membahas harga beras di pasar.", "Rina Hartati", "", nil},
				{Direct, "Paragraf kedua membahas stok di gudang,", "Rina Hartati", "kata", nil}}},
		{name: "organisation statement",
			text: `"Para pihak sepakat menjaga perdamaian di kawasan," demikian pernyataan Kementerian Luar Negeri Rusia.`,
			want: []wantQuote{{Direct, "Para pihak sepakat menjaga perdamaian di kawasan,", "Kementerian Luar Negeri Rusia", "demikian pernyataan", nil}}},
		{name: "speaker named by title only",
			text: `Presiden Joko Widodo meresmikan bendungan di Jawa Tengah. "Air ini untuk para petani," kata Presiden.`,
			want: []wantQuote{{Direct, "Air ini untuk para petani,", "Joko Widodo", "kata", nil}}},
		{name: "role description pointing back",
			text: `Budi Santoso pernah menjabat menteri selama lima tahun. "Saya sudah lama pensiun dari politik," kata mantan menteri itu.`,
			want: []wantQuote{{Direct, "Saya sudah lama pensiun dari politik,", "Budi Santoso", "kata", nil}}},
		{name: "unnamed speaker",
			text: `"Harga cabai naik dua kali lipat," ujar seorang pedagang di Pasar Senen.`,
			want: []wantQuote{{Direct, "Harga cabai naik dua kali lipat,", "seorang pedagang", "ujar", nil}}},
		{name: "a statement from an organisation's own site",
			text: `"Warga diminta menjauhi lokasi unjuk rasa," demikian pernyataan yang dilansir di situs resmi Kedutaan Besar Contohland.`,
			want: []wantQuote{{Direct, "Warga diminta menjauhi lokasi unjuk rasa,", "Kedutaan Besar Contohland", "demikian pernyataan", []string{"situs resmi Kedutaan Besar Contohland"}}}},
		{name: "a medium introduced by its kind",
			text: "Rina Hartati mengatakan kepada televisi Contoh TV, bahwa harga beras akan turun bulan depan.\n\n\"Kami sudah menyiapkan stok untuk Lebaran,\" kata Rina Hartati.",
			want: []wantQuote{
				{Indirect, "harga beras akan turun bulan depan", "Rina Hartati", "mengatakan", []string{"Contoh TV"}},
				{Direct, "Kami sudah menyiapkan stok untuk Lebaran,", "Rina Hartati", "kata", []string{"Contoh TV"}}}},
		{name: "a first name that is also a place",
			text: "\"Kami siap bertanding besok,\" kata pelatih Bima Santoso.\n\nBima melanjutkan, \"Semua pemain dalam kondisi baik.\"",
			want: []wantQuote{
				{Direct, "Kami siap bertanding besok,", "Bima Santoso", "kata", nil},
				{Direct, "Semua pemain dalam kondisi baik.", "Bima Santoso", "melanjutkan", nil}}},
		{name: "indirect speech",
			text: `Rina Hartati mengatakan bahwa stok beras cukup untuk enam bulan ke depan.`,
			want: []wantQuote{{Indirect, "stok beras cukup untuk enam bulan ke depan", "Rina Hartati", "mengatakan", nil}}},
		{name: "attribution inside the reported sentence, then a pronoun",
			text: "Oleh karena itu, kata ahli gizi Universitas Contoh, Sari Wulandari, di Bandung, warga perlu makan sayur setiap hari. \"Itu cara paling murah menjaga kesehatan,\" ujarnya.",
			want: []wantQuote{
				{Indirect, "warga perlu makan sayur setiap hari", "Sari Wulandari", "kata", nil},
				{Direct, "Itu cara paling murah menjaga kesehatan,", "Sari Wulandari", "ujarnya", nil}}},
		{name: "a name before its role",
			text: `"Api padam dalam satu jam," kata Agus Salim, Kepala Regu Pemadam Kebakaran Sektor Contoh, di lokasi.`,
			want: []wantQuote{{Direct, "Api padam dalam satu jam,", "Agus Salim", "kata", nil}}},
		{name: "a role with acronyms and dan before the name",
			text: `"Anak-anak belajar mengelola uang sejak dini," papar Direktur Pendidikan Anak Usia Dini (PAUD) dan Pendidikan Masyarakat (Dikmas), Harsono Wibowo dalam seminar.`,
			want: []wantQuote{{Direct, "Anak-anak belajar mengelola uang sejak dini,", "Harsono Wibowo", "papar", nil}}},
		{name: "a title followed by what the speaker did",
			text: `Presiden Joko Widodo memimpin rapat terbatas. "Semua menteri harus bekerja cepat," kata Presiden menutup arahannya.`,
			want: []wantQuote{{Direct, "Semua menteri harus bekerja cepat,", "Joko Widodo", "kata", nil}}},
		{name: "unclosed quote ends with its paragraph",
			text: "\"Ini tidak pernah selesai kata dia di Jakarta.\n\nParagraf berikutnya tanpa kutipan.",
			want: []wantQuote{{Direct, "Ini tidak pernah selesai kata dia di Jakarta.", "", "", nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := runQuotes(t, tt.outlet, tt.text)
			var got []wantQuote
			for _, q := range doc.Quotes {
				w := wantQuote{kind: q.Kind, text: doc.Text[q.Start:q.End]}
				if q.Speaker != nil {
					w.speaker = q.Speaker.Name
				}
				if q.Cue != nil {
					w.cue = doc.Text[q.Cue.Start:q.Cue.End]
				}
				for _, s := range q.Sources {
					w.sources = append(w.sources, s.Name)
					if doc.Text[s.Start:s.End] != s.Name {
						t.Errorf("source %q has span text %q", s.Name, doc.Text[s.Start:s.End])
					}
				}
				got = append(got, w)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quotes, want %d:\n%s", len(got), len(tt.want), describeQuotes(got))
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.kind != w.kind || g.text != w.text || g.speaker != w.speaker || g.cue != w.cue ||
					strings.Join(g.sources, "|") != strings.Join(w.sources, "|") {
					t.Errorf("quote %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func describeQuotes(qs []wantQuote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("  ")
		b.WriteString(string(q.kind) + " " + q.text + " | " + q.speaker + " | " + q.cue + " | " + strings.Join(q.sources, ",") + "\n")
	}
	return b.String()
}

func TestCountWords(t *testing.T) {
	for _, s := range []string{"", "  ", "Sergey Lavrov", " a  b\tc\n", "Menlu\u00a0Rusia", "a\vb\fc\rd",
		"x\u0085y\u2003z", "\xff \xfe", "kata\u200bdia", "“Kami siap,” katanya."} {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
		if got, want := countWordsUpTo(s, 2), min(2, len(strings.Fields(s))); got != want {
			t.Errorf("countWordsUpTo(%q, 2) = %d, want %d", s, got, want)
		}
	}
}

func TestJoinWords(t *testing.T) {
	for _, s := range []string{"", "Sergey Lavrov", "Sergey  Lavrov", "Sergey\tLavrov", " Sergey Lavrov", "Menlu\u00a0Rusia", "a b c"} {
		if got, want := joinWords(s, strings.Fields(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinWords(%q) = %q, want %q", s, got, want)
		}
	}
}
