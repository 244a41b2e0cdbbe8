package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func segment(t testing.TB, text string) *Document {
	t.Helper()
	doc := NewDocument("test", text)
	if err := (Pipeline{Tokenize{}, Segment{}}).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// formatSegments lists paragraphs as "P start end kind text" and the
// sentences inside each as "  S start end text".
func formatSegments(doc *Document) []string {
	var out []string
	s := 0
	for _, p := range doc.Paragraphs {
		out = append(out, "P "+strconv.Itoa(p.Start)+" "+strconv.Itoa(p.End)+" "+p.Kind.String()+" "+strconv.Quote(doc.Text[p.Start:p.End]))
		for ; s < len(doc.Sentences) && p.Contains(doc.Sentences[s]); s++ {
			sent := doc.Sentences[s]
			out = append(out, "  S "+strconv.Itoa(sent.Start)+" "+strconv.Itoa(sent.End)+" "+strconv.Quote(doc.Text[sent.Start:sent.End]))
		}
	}
	for ; s < len(doc.Sentences); s++ {
		out = append(out, "  S outside every paragraph: "+strconv.Quote(doc.Text[doc.Sentences[s].Start:doc.Sentences[s].End]))
	}
	return out
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"abbreviations, initials and times end no sentence", "Kantor di Jl. Sudirman. Ia diperiksa dr. Budi, S.H. yang datang pukul 10.30 WIB. Presiden B.J. Habibie hadir.", []string{
			`P 0 109 prose "Kantor di Jl. Sudirman. Ia diperiksa dr. Budi, S.H. yang datang pukul 10.30 WIB. Presiden B.J. Habibie hadir."`,
			`  S 0 23 "Kantor di Jl. Sudirman."`,
			`  S 24 80 "Ia diperiksa dr. Budi, S.H. yang datang pukul 10.30 WIB."`,
			`  S 81 109 "Presiden B.J. Habibie hadir."`,
		}},
		{"quotes, question and exclamation marks, ellipses", "Menurut dia, \"Itu benar.\" Kata dia lagi, “Kami siap,” lanjut Budi. Benarkah? Ya! Tunggu… Nanti saja... lalu pulang.", []string{
			`P 0 121 prose "Menurut dia, \"Itu benar.\" Kata dia lagi, “Kami siap,” lanjut Budi. Benarkah? Ya! Tunggu… Nanti saja... lalu pulang."`,
			`  S 0 25 "Menurut dia, \"Itu benar.\""`,
			`  S 26 70 "Kata dia lagi, “Kami siap,” lanjut Budi."`,
			`  S 71 80 "Benarkah?"`,
			`  S 81 84 "Ya!"`,
			`  S 85 94 "Tunggu…"`,
			`  S 95 121 "Nanti saja... lalu pulang."`,
		}},
		{"final abbreviations and codes with periods", "Harga naik, dll. Warga mengeluh. PT Maju Tbk. (MAJU) rugi. Budi, S.H. M.H. Hadir. Nomor HK.01.07 berlaku ke-15 hari.", []string{
			`P 0 116 prose "Harga naik, dll. Warga mengeluh. PT Maju Tbk. (MAJU) rugi. Budi, S.H. M.H. Hadir. Nomor HK.01.07 berlaku ke-15 hari."`,
			`  S 0 16 "Harga naik, dll."`,
			`  S 17 32 "Warga mengeluh."`,
			`  S 33 58 "PT Maju Tbk. (MAJU) rugi."`,
			`  S 59 74 "Budi, S.H. M.H."`,
			`  S 75 81 "Hadir."`,
			`  S 82 116 "Nomor HK.01.07 berlaku ke-15 hari."`,
		}},
		{"blank lines separate paragraphs", "Paragraf satu.\n\nParagraf dua. Kalimat dua.", []string{
			`P 0 14 prose "Paragraf satu."`,
			`  S 0 14 "Paragraf satu."`,
			`P 16 42 prose "Paragraf dua. Kalimat dua."`,
			`  S 16 29 "Paragraf dua."`,
			`  S 30 42 "Kalimat dua."`,
		}},
		{"line breaks separate sentences unless a lower-case word continues", "Ia tiba.\n”Saya lelah.\nBesok saja,” katanya.\nIa pergi dengan\nkereta api.", []string{
			`P 0 75 prose "Ia tiba.\n”Saya lelah.\nBesok saja,” katanya.\nIa pergi dengan\nkereta api."`,
			`  S 0 8 "Ia tiba."`,
			`  S 9 23 "”Saya lelah."`,
			`  S 24 47 "Besok saja,” katanya."`,
			`  S 48 75 "Ia pergi dengan\nkereta api."`,
		}},
		{"caption and credit lines", "Menteri Luar Negeri, Sergey Lavrov. (twitter.com/@KedubesRusia)\nIlustrasi bendera (unsplash.com/Nama Fotografer)\nWarga antre di halte. (ANTARA/Foto Nama)\nPetugas memeriksa dokumen. (Istimewa)\nFoto: Dok. Humas Polri\nIlustrasi gedung KPK. KOMPAS.com/NAMA FOTOGRAFER\nPresiden meninjau lokasi. ANTARA FOTO/Nama Fotografer\nBaca juga: Harga Cabai Naik\nIa tiba Kamis (19/9/2019)\nIa bertemu pejabat Kementerian Luar Negeri (Kemlu)", []string{
			`P 0 63 caption "Menteri Luar Negeri, Sergey Lavrov. (twitter.com/@KedubesRusia)"`,
			`  S 0 63 "Menteri Luar Negeri, Sergey Lavrov. (twitter.com/@KedubesRusia)"`,
			`P 64 112 caption "Ilustrasi bendera (unsplash.com/Nama Fotografer)"`,
			`  S 64 112 "Ilustrasi bendera (unsplash.com/Nama Fotografer)"`,
			`P 113 153 caption "Warga antre di halte. (ANTARA/Foto Nama)"`,
			`  S 113 153 "Warga antre di halte. (ANTARA/Foto Nama)"`,
			`P 154 191 caption "Petugas memeriksa dokumen. (Istimewa)"`,
			`  S 154 191 "Petugas memeriksa dokumen. (Istimewa)"`,
			`P 192 214 caption "Foto: Dok. Humas Polri"`,
			`  S 192 214 "Foto: Dok. Humas Polri"`,
			`P 215 263 caption "Ilustrasi gedung KPK. KOMPAS.com/NAMA FOTOGRAFER"`,
			`  S 215 236 "Ilustrasi gedung KPK."`,
			`  S 237 263 "KOMPAS.com/NAMA FOTOGRAFER"`,
			`P 264 317 caption "Presiden meninjau lokasi. ANTARA FOTO/Nama Fotografer"`,
			`  S 264 289 "Presiden meninjau lokasi."`,
			`  S 290 317 "ANTARA FOTO/Nama Fotografer"`,
			`P 318 345 caption "Baca juga: Harga Cabai Naik"`,
			`  S 318 345 "Baca juga: Harga Cabai Naik"`,
			`P 346 422 prose "Ia tiba Kamis (19/9/2019)\nIa bertemu pejabat Kementerian Luar Negeri (Kemlu)"`,
			`  S 346 371 "Ia tiba Kamis (19/9/2019)"`,
			`  S 372 422 "Ia bertemu pejabat Kementerian Luar Negeri (Kemlu)"`,
		}},
		{"bullet lines", "Ringkasan\n\n  • Satu hal.\n  • Dua hal\n- Tiga hal.\n* Empat.\n1. Lima.\n2) Enam\na. Tujuh.\n(3) Delapan.\n-5 derajat.", []string{
			`P 0 9 heading "Ringkasan"`,
			`  S 0 9 "Ringkasan"`,
			`P 13 26 bullet "• Satu hal."`,
			`  S 13 26 "• Satu hal."`,
			`P 29 40 bullet "• Dua hal"`,
			`  S 29 40 "• Dua hal"`,
			`P 41 52 bullet "- Tiga hal."`,
			`  S 41 52 "- Tiga hal."`,
			`P 53 61 bullet "* Empat."`,
			`  S 53 61 "* Empat."`,
			`P 62 70 bullet "1. Lima."`,
			`  S 62 70 "1. Lima."`,
			`P 71 78 bullet "2) Enam"`,
			`  S 71 78 "2) Enam"`,
			`P 79 88 bullet "a. Tujuh."`,
			`  S 79 88 "a. Tujuh."`,
			`P 89 101 bullet "(3) Delapan."`,
			`  S 89 101 "(3) Delapan."`,
			`P 102 113 prose "-5 derajat."`,
			`  S 102 113 "-5 derajat."`,
		}},
		{"headings", "Tahap Pembangunan\nProyek dimulai 2026.\n\nPenutup\n\nIni akhir tulisan tanpa titik\ndan ini lanjutannya", []string{
			`P 0 17 heading "Tahap Pembangunan"`,
			`  S 0 17 "Tahap Pembangunan"`,
			`P 18 38 prose "Proyek dimulai 2026."`,
			`  S 18 38 "Proyek dimulai 2026."`,
			`P 40 47 heading "Penutup"`,
			`  S 40 47 "Penutup"`,
			`P 49 98 prose "Ini akhir tulisan tanpa titik\ndan ini lanjutannya"`,
			`  S 49 98 "Ini akhir tulisan tanpa titik\ndan ini lanjutannya"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diffLines(t, formatSegments(segment(t, tt.text)), tt.want)
		})
	}
}

func TestSegmentNeedsTokens(t *testing.T) {
	doc := NewDocument("test", "Belum ditokenisasi.")
	if err := (Segment{}).Process(context.Background(), doc); !errors.Is(err, errSegmentNoTokens) {
		t.Errorf("got %v, want errSegmentNoTokens", err)
	}
	if err := (Segment{}).Process(context.Background(), NewDocument("test", "")); err != nil {
		t.Errorf("empty text: %v", err)
	}
}

// TestSegmentGolden segments every testdata article (tokenize and segment
// fixtures) and compares with testdata/segment/NAME.golden (see
// formatSegments); go test -run TestSegmentGolden -update rewrites them.
func TestSegmentGolden(t *testing.T) {
	inputs := fixtureArticles(t)
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			text, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(formatSegments(segment(t, string(text))), "\n") + "\n"
			compareGolden(t, filepath.Join("testdata/segment", strings.TrimSuffix(filepath.Base(in), ".txt")+".golden"), got)
		})
	}
}

// checkSegments reports every broken invariant of the paragraphs and
// sentences: in order, not overlapping, inside Text, trimmed, each sentence
// inside a paragraph, and every token inside a sentence.
func checkSegments(t *testing.T, doc *Document) {
	t.Helper()
	trimmed := func(what string, s Span, prevEnd int) {
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(doc.Text) {
			t.Fatalf("%s [%d,%d) out of order or range (previous end %d, text %d bytes)", what, s.Start, s.End, prevEnd, len(doc.Text))
		}
		first, _ := utf8.DecodeRuneInString(doc.Text[s.Start:s.End])
		last, _ := utf8.DecodeLastRuneInString(doc.Text[s.Start:s.End])
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			t.Fatalf("%s %q has whitespace at an end", what, doc.Text[s.Start:s.End])
		}
	}
	prevEnd := 0
	for _, p := range doc.Paragraphs {
		trimmed("paragraph", p.Span, prevEnd)
		prevEnd = p.End
	}
	prevEnd, p, k := 0, 0, 0
	for _, s := range doc.Sentences {
		trimmed("sentence", s, prevEnd)
		prevEnd = s.End
		for p < len(doc.Paragraphs) && doc.Paragraphs[p].End < s.End {
			p++
		}
		if p == len(doc.Paragraphs) || !doc.Paragraphs[p].Contains(s) {
			t.Fatalf("sentence [%d,%d) is inside no paragraph", s.Start, s.End)
		}
		for ; k < len(doc.Tokens) && doc.Tokens[k].Start < s.Start; k++ {
			t.Fatalf("token %d [%d,%d) is inside no sentence", k, doc.Tokens[k].Start, doc.Tokens[k].End)
		}
		for k < len(doc.Tokens) && s.Contains(Span{doc.Tokens[k].Start, doc.Tokens[k].End}) {
			k++
		}
	}
	if k < len(doc.Tokens) {
		t.Fatalf("token %d [%d,%d) is inside no sentence", k, doc.Tokens[k].Start, doc.Tokens[k].End)
	}
}

func FuzzSegment(f *testing.F) {
	for _, seed := range []string{
		"Iklan - Gulir\nFoto: Dok. Humas\n\n  • Satu.\n1. Dua\n\nJAKARTA, KOMPAS — ”Ya.\nTidak,” katanya. (ANTARA/Foto Nama)",
		"Judul\n\nIa tiba di Jl. Sudirman pukul 10.30 WIB. \"Benar.\" Kata dia, dll. Selesai?! Ya…",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := segment(t, text)
		checkSegments(t, doc)
		doc = NewDocument("fuzz", text)
		if err := (Pipeline{Normalize{}, Tokenize{}, Segment{}}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkSegments(t, doc)
	})
}
