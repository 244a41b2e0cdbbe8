package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The -update flag rewrites golden files; other golden tests of the package
// may register it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files in testdata")
	}
}

func updateGolden() bool { return flag.Lookup("update").Value.String() == "true" }

// formatToken writes a token as "start end kind flags text": kind carries the
// clitic (word+nya) or quote direction and family (quote/open/double); flags
// are S (space before), D (dateline), R (reduplicated) or "-".
func formatToken(t *Token) string {
	kind := t.Kind.String()
	if t.Clitic != NoClitic {
		kind += "+" + t.Clitic.Suffix()
	}
	if t.Kind == QuoteMark {
		kind += "/" + [...]string{"none", "open", "close", "both"}[t.Quote] +
			"/" + [...]string{"none", "double", "single", "guillemet"}[t.Family]
	}
	flags := ""
	for _, f := range []struct {
		flag TokenFlag
		name string
	}{{SpaceBefore, "S"}, {Dateline, "D"}, {Reduplicated, "R"}} {
		if t.Has(f.flag) {
			flags += f.name
		}
	}
	if flags == "" {
		flags = "-"
	}
	return strconv.Itoa(t.Start) + " " + strconv.Itoa(t.End) + " " + kind + " " + flags + " " + strconv.Quote(t.Norm)
}

func tokenize(t testing.TB, text string) *Document {
	t.Helper()
	doc := NewDocument("test", text)
	if err := (Tokenize{}).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func formatTokens(toks []Token) []string {
	out := make([]string, len(toks))
	for i := range toks {
		out[i] = formatToken(&toks[i])
	}
	return out
}

func diffLines(t *testing.T, got, want []string) {
	t.Helper()
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("line %d:\n got  %s\n want %s", i, g, w)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"quotation marks of every family", `Kata dia, "Ya." Lalu ‘tidak’, «non» ‹x› „Baik“ ”Saya” 'oke'`, []string{
			`0 4 word - "Kata"`,
			`5 8 word S "dia"`,
			`8 9 punct - ","`,
			`10 11 quote/both/double S "\""`,
			`11 13 word - "Ya"`,
			`13 14 punct - "."`,
			`14 15 quote/both/double - "\""`,
			`16 20 word S "Lalu"`,
			`21 24 quote/open/single S "‘"`,
			`24 29 word - "tidak"`,
			`29 32 quote/close/single - "’"`,
			`32 33 punct - ","`,
			`34 36 quote/open/guillemet S "«"`,
			`36 39 word - "non"`,
			`39 41 quote/close/guillemet - "»"`,
			`42 45 quote/open/guillemet S "‹"`,
			`45 46 word - "x"`,
			`46 49 quote/close/guillemet - "›"`,
			`50 53 quote/open/double S "„"`,
			`53 57 word - "Baik"`,
			`57 60 quote/open/double - "“"`,
			`61 64 quote/close/double S "”"`,
			`64 68 word - "Saya"`,
			`68 71 quote/close/double - "”"`,
			`72 73 quote/both/single S "'"`,
			`73 76 word - "oke"`,
			`76 77 quote/both/single - "'"`,
		}},
		{"apostrophes inside words", `Ustaz Ma'mun, Jum'at, Ma’ruf dan 'Ma'mun'`, []string{
			`0 5 word - "Ustaz"`,
			`6 12 word S "Ma'mun"`,
			`12 13 punct - ","`,
			`14 20 word S "Jum'at"`,
			`20 21 punct - ","`,
			`22 30 word S "Ma’ruf"`,
			`31 34 word S "dan"`,
			`35 36 quote/both/single S "'"`,
			`36 42 word - "Ma'mun"`,
			`42 43 quote/both/single - "'"`,
		}},
		{"clitics and words that only look like them", "katanya ujarnya tuturnya Bacalah apakah walaupun sekalipun KATANYA hanya punya tanya bertanya sekolah adalah setelah Allah Abdullah rumpun langkah bukuku ilmumu kata-katanya sebesar-besarnya", []string{
			`0 7 word+nya - "katanya"`,
			`8 15 word+nya S "ujarnya"`,
			`16 24 word+nya S "tuturnya"`,
			`25 32 word+lah S "Bacalah"`,
			`33 39 word+kah S "apakah"`,
			`40 48 word+pun S "walaupun"`,
			`49 58 word+pun S "sekalipun"`,
			`59 66 word+nya S "KATANYA"`,
			`67 72 word S "hanya"`,
			`73 78 word S "punya"`,
			`79 84 word S "tanya"`,
			`85 93 word S "bertanya"`,
			`94 101 word S "sekolah"`,
			`102 108 word S "adalah"`,
			`109 116 word S "setelah"`,
			`117 122 word S "Allah"`,
			`123 131 word S "Abdullah"`,
			`132 138 word S "rumpun"`,
			`139 146 word S "langkah"`,
			`147 153 word S "bukuku"`,
			`154 160 word S "ilmumu"`,
			`161 173 word+nya SR "kata-katanya"`,
			`174 190 word SR "sebesar-besarnya"`,
		}},
		{"reduplication and other hyphenated words", "negara-negara isu-isu bidang-bidang kupu-kupu Kupu-kupu berkali-kali tembak-menembak sayur-mayur Israel-AS Jokowi-JK pro-Rusia Covid-19 U-16", []string{
			`0 13 word R "negara-negara"`,
			`14 21 word SR "isu-isu"`,
			`22 35 word SR "bidang-bidang"`,
			`36 45 word SR "kupu-kupu"`,
			`46 55 word SR "Kupu-kupu"`,
			`56 68 word SR "berkali-kali"`,
			`69 84 word SR "tembak-menembak"`,
			`85 96 word SR "sayur-mayur"`,
			`97 106 word S "Israel-AS"`,
			`107 116 word S "Jokowi-JK"`,
			`117 126 word S "pro-Rusia"`,
			`127 135 word S "Covid-19"`,
			`136 140 word S "U-16"`,
		}},
		{"abbreviations and initials", "Dr. H. Hj. Jl. No. dll. dsb. dst. S.H. M.Si. M.H. S.E. Prof. Ir. drg. Kol. a.n. u.p. Tbk. Bpk. Sdr. St. Mr. Mrs. Jr. Co. Inc. Ltd. tgl. hlm. Kab. Kec. Kel. Prov. Ds. S.Pd. S.Kom. M.M. Ph.D. dr. Sp.A. S.Pd.I. B.J. Habibie", []string{
			`0 3 abbrev - "Dr."`,
			`4 6 abbrev S "H."`,
			`7 10 abbrev S "Hj."`,
			`11 14 abbrev S "Jl."`,
			`15 18 abbrev S "No."`,
			`19 23 abbrev S "dll."`,
			`24 28 abbrev S "dsb."`,
			`29 33 abbrev S "dst."`,
			`34 38 abbrev S "S.H."`,
			`39 44 abbrev S "M.Si."`,
			`45 49 abbrev S "M.H."`,
			`50 54 abbrev S "S.E."`,
			`55 60 abbrev S "Prof."`,
			`61 64 abbrev S "Ir."`,
			`65 69 abbrev S "drg."`,
			`70 74 abbrev S "Kol."`,
			`75 79 abbrev S "a.n."`,
			`80 84 abbrev S "u.p."`,
			`85 89 abbrev S "Tbk."`,
			`90 94 abbrev S "Bpk."`,
			`95 99 abbrev S "Sdr."`,
			`100 103 abbrev S "St."`,
			`104 107 abbrev S "Mr."`,
			`108 112 abbrev S "Mrs."`,
			`113 116 abbrev S "Jr."`,
			`117 120 abbrev S "Co."`,
			`121 125 abbrev S "Inc."`,
			`126 130 abbrev S "Ltd."`,
			`131 135 abbrev S "tgl."`,
			`136 140 abbrev S "hlm."`,
			`141 145 abbrev S "Kab."`,
			`146 150 abbrev S "Kec."`,
			`151 155 abbrev S "Kel."`,
			`156 161 abbrev S "Prov."`,
			`162 165 abbrev S "Ds."`,
			`166 171 abbrev S "S.Pd."`,
			`172 178 abbrev S "S.Kom."`,
			`179 183 abbrev S "M.M."`,
			`184 189 abbrev S "Ph.D."`,
			`190 193 abbrev S "dr."`,
			`194 199 abbrev S "Sp.A."`,
			`200 207 abbrev S "S.Pd.I."`,
			`208 212 abbrev S "B.J."`,
			`213 220 word S "Habibie"`,
		}},
		{"periods that are not abbreviations", "Kombes AKBP Budi ke rumah. Jl.Sudirman, di Jakarta.Itu benar.Kata dia", []string{
			`0 6 word - "Kombes"`,
			`7 11 word S "AKBP"`,
			`12 16 word S "Budi"`,
			`17 19 word S "ke"`,
			`20 25 word S "rumah"`,
			`25 26 punct - "."`,
			`27 30 abbrev S "Jl."`,
			`30 38 word - "Sudirman"`,
			`38 39 punct - ","`,
			`40 42 word S "di"`,
			`43 50 word S "Jakarta"`,
			`50 51 punct - "."`,
			`51 54 word - "Itu"`,
			`55 60 word S "benar"`,
			`60 61 punct - "."`,
			`61 65 word - "Kata"`,
			`66 69 word S "dia"`,
		}},
		{"numbers", "(13/7/2025) 1.000,50 30% 10.30 16.00 WIB 2,5 ke-2 Ke-74 2019. 1990-an 5G 2019-2020 16:00", []string{
			`0 1 punct - "("`,
			`1 10 number - "13/7/2025"`,
			`10 11 punct - ")"`,
			`12 20 number S "1.000,50"`,
			`21 24 number S "30%"`,
			`25 30 number S "10.30"`,
			`31 36 number S "16.00"`,
			`37 40 word S "WIB"`,
			`41 44 number S "2,5"`,
			`45 49 number S "ke-2"`,
			`50 55 number S "Ke-74"`,
			`56 60 number S "2019"`,
			`60 61 punct - "."`,
			`62 69 number S "1990-an"`,
			`70 72 word S "5G"`,
			`73 77 number S "2019"`,
			`77 78 punct - "-"`,
			`78 82 number - "2020"`,
			`83 88 number S "16:00"`,
		}},
		{"money with the magnitude word separate", "Rp1.500,50 Rp 14,6 T Rp. 5.000,- US$5 $10 €20 USD 1,5 miliar Rp.", []string{
			`0 10 money - "Rp1.500,50"`,
			`11 18 money S "Rp 14,6"`,
			`19 20 word S "T"`,
			`21 32 money S "Rp. 5.000,-"`,
			`33 37 money S "US$5"`,
			`38 41 money S "$10"`,
			`42 47 money S "€20"`,
			`48 55 money S "USD 1,5"`,
			`56 62 word S "miliar"`,
			`63 66 abbrev S "Rp."`,
		}},
		{"words starting with r beside amounts in rupiah", "rakyat Rupiah rp5 Rp, r", []string{
			`0 6 word - "rakyat"`,
			`7 13 word S "Rupiah"`,
			`14 17 money S "rp5"`,
			`18 20 word S "Rp"`,
			`20 21 punct - ","`,
			`22 23 word S "r"`,
		}},
		{"URLs and outlet names", "Lihat https://example.com/a?b=1, www.x.com dan setkab.go.id. Sumber: kompas.com unsplash.com/Micha KOMPAS.com detik.com Tribunnews.com Liputan6.com TEMPO.CO (twitter.com/@X) Kremlin.ru", []string{
			`0 5 word - "Lihat"`,
			`6 31 url S "https://example.com/a?b=1"`,
			`31 32 punct - ","`,
			`33 42 url S "www.x.com"`,
			`43 46 word S "dan"`,
			`47 59 url S "setkab.go.id"`,
			`59 60 punct - "."`,
			`61 67 word S "Sumber"`,
			`67 68 punct - ":"`,
			`69 79 url S "kompas.com"`,
			`80 98 url S "unsplash.com/Micha"`,
			`99 109 url S "KOMPAS.com"`,
			`110 119 url S "detik.com"`,
			`120 134 url S "Tribunnews.com"`,
			`135 147 url S "Liputan6.com"`,
			`148 156 url S "TEMPO.CO"`,
			`157 158 punct S "("`,
			`158 172 url - "twitter.com/@X"`,
			`172 173 punct - ")"`,
			`174 184 url S "Kremlin.ru"`,
		}},
		{"e-mail, handles and hashtags", "Surel humas@polri.go.id, akun @RusEmbJakarta dan @via.vallen. #tagar2025 #Pemilu_2024 @ # a@b", []string{
			`0 5 word - "Surel"`,
			`6 23 email S "humas@polri.go.id"`,
			`23 24 punct - ","`,
			`25 29 word S "akun"`,
			`30 44 handle S "@RusEmbJakarta"`,
			`45 48 word S "dan"`,
			`49 60 handle S "@via.vallen"`,
			`60 61 punct - "."`,
			`62 72 hashtag S "#tagar2025"`,
			`73 85 hashtag S "#Pemilu_2024"`,
			`86 87 symbol S "@"`,
			`88 89 symbol S "#"`,
			`90 91 word S "a"`,
			`91 93 handle - "@b"`,
		}},
		{"outlet names glued by scrapers", "dikutipdetikNews kepadadetikcom dilansirKompas.com menurutAntara diantara detikNews", []string{
			`0 7 word - "dikutip"`,
			`7 16 word - "detikNews"`,
			`17 23 word S "kepada"`,
			`23 31 word - "detikcom"`,
			`32 40 word S "dilansir"`,
			`40 50 url - "Kompas.com"`,
			`51 58 word S "menurut"`,
			`58 64 word - "Antara"`,
			`65 73 word S "diantara"`,
			`74 83 word S "detikNews"`,
		}},
		// plainWords' loop: words of 8 and 16 letters or more, clitics on
		// words of five and six letters, commas without a space and with two,
		// a capital alone, Rp, an outlet glued, and the last bytes of the text.
		{"plain words", "Kata pertanggung jawabanya, telah rumahnya,Rumahnya  A b A, rpm Rp5 mengatakan ditandatangani abcdefghijklmnop abcdefghijklmnopq kepadadetikcom. Ya\nsaja", []string{
			`0 4 word - "Kata"`,
			`5 16 word S "pertanggung"`,
			`17 26 word+nya S "jawabanya"`,
			`26 27 punct - ","`,
			`28 33 word S "telah"`,
			`34 42 word+nya S "rumahnya"`,
			`42 43 punct - ","`,
			`43 51 word+nya - "Rumahnya"`,
			`53 54 word S "A"`,
			`55 56 word S "b"`,
			`57 58 word S "A"`,
			`58 59 punct - ","`,
			`60 63 word S "rpm"`,
			`64 67 money S "Rp5"`,
			`68 78 word S "mengatakan"`,
			`79 93 word S "ditandatangani"`,
			`94 110 word S "abcdefghijklmnop"`,
			`111 128 word S "abcdefghijklmnopq"`,
			`129 135 word S "kepada"`,
			`135 143 word - "detikcom"`,
			`143 144 punct - "."`,
			`145 147 word S "Ya"`,
			`148 152 word S "saja"`,
		}},
		// plainWords before a full stop, and the words after one it leaves
		// to word: abbreviations, host names and e-mail addresses.
		{"plain words before a full stop", "Ini. Itu dll. dan kompas.com, kata.Lain surat.a@b.id ya.\nTidak selesai.. Maka?! usai.\" Lalu Prof. Budi pergi.", []string{
			`0 3 word - "Ini"`,
			`3 4 punct - "."`,
			`5 8 word S "Itu"`,
			`9 13 abbrev S "dll."`,
			`14 17 word S "dan"`,
			`18 28 url S "kompas.com"`,
			`28 29 punct - ","`,
			`30 34 word S "kata"`,
			`34 35 punct - "."`,
			`35 39 word - "Lain"`,
			`40 52 email S "surat.a@b.id"`,
			`53 55 word S "ya"`,
			`55 56 punct - "."`,
			`57 62 word S "Tidak"`,
			`63 70 word S "selesai"`,
			`70 72 punct - ".."`,
			`73 77 word S "Maka"`,
			`77 79 punct - "?!"`,
			`80 84 word S "usai"`,
			`84 85 punct - "."`,
			`85 86 quote/both/double - "\""`,
			`87 91 word S "Lalu"`,
			`92 97 abbrev S "Prof."`,
			`98 102 word S "Budi"`,
			`103 108 word S "pergi"`,
			`108 109 punct - "."`,
		}},
		{"plain words before a full stop and ! or ?", "Ya.! Tidak.? Lalu.  Dua spasi. Akhir teks ini.", []string{
			`0 2 word - "Ya"`,
			`2 4 punct - ".!"`,
			`5 10 word S "Tidak"`,
			`10 12 punct - ".?"`,
			`13 17 word S "Lalu"`,
			`17 18 punct - "."`,
			`20 23 word S "Dua"`,
			`24 29 word S "spasi"`,
			`29 30 punct - "."`,
			`31 36 word S "Akhir"`,
			`37 41 word S "teks"`,
			`42 45 word S "ini"`,
			`45 46 punct - "."`,
		}},
		{"unlisted names glued to a word before a link", "kepadaCNBC daridetikSport viaTruthSocial kepadaNya diPHK", []string{
			`0 6 word - "kepada"`,
			`6 10 word - "CNBC"`,
			`11 15 word S "dari"`,
			`15 25 word - "detikSport"`,
			`26 29 word S "via"`,
			`29 40 word - "TruthSocial"`,
			`41 50 word+nya S "kepadaNya"`,
			`51 56 word S "diPHK"`,
		}},
		{"dateline city, outlet", "JAKARTA, KOMPAS.com - Presiden", []string{
			`0 7 word D "JAKARTA"`,
			`7 8 punct D ","`,
			`9 19 url SD "KOMPAS.com"`,
			`20 21 punct SD "-"`,
			`22 30 word S "Presiden"`,
		}},
		{"dateline with a two-word outlet and an en dash", "Jakarta, IDN Times – Rusia", []string{
			`0 7 word D "Jakarta"`,
			`7 8 punct D ","`,
			`9 12 word SD "IDN"`,
			`13 18 word SD "Times"`,
			`19 22 punct SD "–"`,
			`23 28 word S "Rusia"`,
		}},
		{"dateline with an em dash", "JAKARTA, KOMPAS — Presiden", []string{
			`0 7 word D "JAKARTA"`,
			`7 8 punct D ","`,
			`9 15 word SD "KOMPAS"`,
			`16 19 punct SD "—"`,
			`20 28 word S "Presiden"`,
		}},
		{"dateline outlet, city", "TEMPO.CO, Jakarta - Menteri", []string{
			`0 8 url D "TEMPO.CO"`,
			`8 9 punct D ","`,
			`10 17 word SD "Jakarta"`,
			`18 19 punct SD "-"`,
			`20 27 word S "Menteri"`,
		}},
		{"dateline outlet with digits, city", "Liputan6.com, Jakarta - Polisi", []string{
			`0 12 url D "Liputan6.com"`,
			`12 13 punct D ","`,
			`14 21 word SD "Jakarta"`,
			`22 23 punct SD "-"`,
			`24 30 word S "Polisi"`,
		}},
		{"dateline with the agency in brackets", "Jakarta (ANTARA) - Harga", []string{
			`0 7 word D "Jakarta"`,
			`8 9 punct SD "("`,
			`9 15 word D "ANTARA"`,
			`15 16 punct D ")"`,
			`17 18 punct SD "-"`,
			`19 24 word S "Harga"`,
		}},
		{"dateline of a city in capitals alone", "JAKARTA - Presiden", []string{
			`0 7 word D "JAKARTA"`,
			`8 9 punct SD "-"`,
			`10 18 word S "Presiden"`,
		}},
		{"dateline after a blank line", "Ia tiba.\n\nLOMBOK UTARA, KOMPAS — Kapal", []string{
			`0 2 word - "Ia"`,
			`3 7 word S "tiba"`,
			`7 8 punct - "."`,
			`10 16 word SD "LOMBOK"`,
			`17 22 word SD "UTARA"`,
			`22 23 punct D ","`,
			`24 30 word SD "KOMPAS"`,
			`31 34 punct SD "—"`,
			`35 40 word S "Kapal"`,
		}},
		{"no dateline: a capitalised word and a dash", "Iklan - Gulir", []string{
			`0 5 word - "Iklan"`,
			`6 7 punct S "-"`,
			`8 13 word S "Gulir"`,
		}},
		{"no dateline: a short name in capitals", "AS - China", []string{
			`0 2 word - "AS"`,
			`3 4 punct S "-"`,
			`5 10 word S "China"`,
		}},
		{"no dateline: a city in capitals inside a paragraph", "Ia tiba.\nJAKARTA - Presiden", []string{
			`0 2 word - "Ia"`,
			`3 7 word S "tiba"`,
			`7 8 punct - "."`,
			`9 16 word S "JAKARTA"`,
			`17 18 punct S "-"`,
			`19 27 word S "Presiden"`,
		}},
		{"no dateline: nothing after the dash", "JAKARTA, KOMPAS.com -", []string{
			`0 7 word - "JAKARTA"`,
			`7 8 punct - ","`,
			`9 19 url S "KOMPAS.com"`,
			`20 21 punct S "-"`,
		}},
		{"Unicode spaces, invisible and combining characters", "a\u00a0b\tc\n\nd\u2003e\u200bf ke\u0301sa", []string{
			`0 1 word - "a"`,
			`3 4 word S "b"`,
			`5 6 word S "c"`,
			`8 9 word S "d"`,
			`12 17 word S "e\u200bf"`,
			"18 24 word S \"ke\u0301sa\"",
		}},
		{"control characters, invalid UTF-8 and punctuation runs", "x\x01y\ufffdz\xff!? ... …… ?!", []string{
			`0 1 word - "x"`,
			`2 3 word S "y"`,
			`3 6 symbol - "�"`,
			`6 7 word - "z"`,
			`7 8 symbol - "\xff"`,
			`8 10 punct - "!?"`,
			`11 14 punct S "..."`,
			`15 21 punct S "……"`,
			`22 24 punct S "?!"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diffLines(t, formatTokens(tokenize(t, tt.text).Tokens), tt.want)
		})
	}
}

// TestTokenizeAfterNormalize checks that offsets point into Text when Norm
// differs from it (NBSP, soft hyphen, NFD accents) while Token.Norm and the
// clitic come from Norm.
func TestTokenizeAfterNormalize(t *testing.T) {
	doc := NewDocument("test", "Rp\u00a05.000 kata\u00adnya ke\u0301sa.")
	if err := (Pipeline{Normalize{}, Tokenize{}}).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	diffLines(t, formatTokens(doc.Tokens), []string{
		`0 9 money - "Rp 5.000"`,
		`10 19 word+nya S "katanya"`,
		`20 26 word S "késa"`,
		`26 27 punct - "."`,
	})
}

// TestTokenizeReusesTokens checks that a second run replaces the tokens of
// the first in the same backing array, without allocating.
func TestTokenizeReusesTokens(t *testing.T) {
	doc := tokenize(t, "Kata dia, “negara-negara” di Jl. Sudirman membayar Rp1.500 kepadadetikcom, katanya.")
	first := &doc.Tokens[0]
	n := len(doc.Tokens)
	allocs := testing.AllocsPerRun(10, func() {
		if err := (Tokenize{}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Process allocated %v times per run with enough capacity", allocs)
	}
	if len(doc.Tokens) != n || &doc.Tokens[0] != first {
		t.Errorf("got %d tokens in a new array, want %d in the old one", len(doc.Tokens), n)
	}
}

// adversarialTexts are 1 MB texts of one pattern repeated, each of which
// once made the tokenizer or segmenter quadratic.
func adversarialTexts() []string {
	const size = 1 << 20
	texts := []string{
		"http://x.id/" + strings.Repeat(")", size),
		strings.Repeat("a", size/2) + "b-" + strings.Repeat("a", size/2),
	}
	for _, pattern := range []string{"a.a.", "a_a+", "1.1,", "@a.", "A.B.", "- ", "x\n", "\n\n", "( ", "Rp ", "ke-", "s-"} {
		texts = append(texts, strings.Repeat(pattern, size/len(pattern)))
	}
	return texts
}

// TestTokenizeAndSegmentAdversarialTexts runs the texts that were once
// quadratic: a regression would hold the test past its timeout. How fast
// they go is BenchmarkTokenizeAdversarial's to show.
func TestTokenizeAndSegmentAdversarialTexts(t *testing.T) {
	for _, text := range adversarialTexts() {
		segment(t, text)
	}
}

// BenchmarkTokenizeAdversarial tokenizes and segments each adversarial
// text: MB/s must stay near that of news text.
func BenchmarkTokenizeAdversarial(b *testing.B) {
	for i, text := range adversarialTexts() {
		b.Run(fmt.Sprintf("%d-%q", i, text[:4]), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for range b.N {
				doc := NewDocument("", text)
				for _, stage := range []Stage{Normalize{}, Tokenize{}, Segment{}} {
					if err := stage.Process(context.Background(), doc); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestTokenizeGolden tokenizes each testdata/tokenize/*.txt article and
// compares with its .golden file ("start end kind flags text" per token, see
// formatToken); go test -run TestTokenizeGolden -update rewrites them.
func TestTokenizeGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/tokenize/*.txt")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			text, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(formatTokens(tokenize(t, string(text)).Tokens), "\n") + "\n"
			compareGolden(t, strings.TrimSuffix(in, ".txt")+".golden", got)
		})
	}
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if updateGolden() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, strings.Split(got, "\n"), strings.Split(string(want), "\n"))
}

// checkTokens reports every broken invariant of doc.Tokens: in order, not
// overlapping, inside Text, non-empty, no whitespace at either end, and Norm
// equal to the token's text when Norm is Text.
func checkTokens(t *testing.T, doc *Document) {
	t.Helper()
	prevEnd := 0
	for i := range doc.Tokens {
		tok := &doc.Tokens[i]
		if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(doc.Text) {
			t.Fatalf("token %d [%d,%d) out of order or range (previous end %d, text %d bytes)", i, tok.Start, tok.End, prevEnd, len(doc.Text))
		}
		prevEnd = tok.End
		text := doc.Text[tok.Start:tok.End]
		first, _ := utf8.DecodeRuneInString(text)
		last, _ := utf8.DecodeLastRuneInString(text)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			t.Fatalf("token %d %q has whitespace at an end", i, text)
		}
		if doc.Norm == doc.Text && tok.Norm != text {
			t.Fatalf("token %d: Norm %q, text %q", i, tok.Norm, text)
		}
		if tok.Norm == "" {
			t.Fatalf("token %d [%d,%d) has an empty Norm", i, tok.Start, tok.End)
		}
	}
}

// FuzzTokenize checks the token invariants on the text as given and after
// Normalize.
func FuzzTokenize(f *testing.F) {
	f.Add("JAKARTA, KOMPAS.com - “Kami,” katanya di Jl. Sudirman (13/7/2025) membayar Rp 14,6 T.")
	f.Fuzz(func(t *testing.T, text string) {
		doc := tokenize(t, text)
		checkTokens(t, doc)
		doc = NewDocument("fuzz", text)
		if err := (Pipeline{Normalize{}, Tokenize{}}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkTokens(t, doc)
	})
}

// fixtureArticles returns the articles written for the tokenizer and
// segmenter tests.
func fixtureArticles(t testing.TB) []string {
	t.Helper()
	var inputs []string
	for _, dir := range []string{"testdata/tokenize", "testdata/segment"} {
		found, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil || len(found) == 0 {
			t.Fatalf("no articles in %s: %v", dir, err)
		}
		inputs = append(inputs, found...)
	}
	return inputs
}

// benchTexts returns the texts to benchmark: the text fields of the JSONL
// file named by KUTIP_BENCH_JSONL, or the testdata articles repeated to about
// a megabyte.
func benchTexts(b *testing.B) (texts []string, size int64) {
	b.Helper()
	if path := os.Getenv("KUTIP_BENCH_JSONL"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		lines := bufio.NewScanner(f)
		lines.Buffer(nil, 64<<20)
		for lines.Scan() {
			var rec struct{ Text string }
			if err := json.Unmarshal(lines.Bytes(), &rec); err != nil {
				b.Fatal(err)
			}
			texts = append(texts, rec.Text)
			size += int64(len(rec.Text))
		}
		if err := lines.Err(); err != nil {
			b.Fatal(err)
		}
		return texts, size
	}
	inputs := fixtureArticles(b)
	for size < 1<<20 {
		for _, in := range inputs {
			text, err := os.ReadFile(in)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(text))
			size += int64(len(text))
		}
	}
	return texts, size
}

func TestTokLowerRunEnd(t *testing.T) {
	for _, tt := range []struct {
		s    string
		i    int
		want int
	}{
		{"", 0, 0},
		{"kata", 0, 4},
		{"katanya,", 0, 7},
		{"pertanggungjawaban itu", 0, 18},
		{"abcdefgh", 0, 8},
		{"abcdefghZ", 0, 8},
		{"abcdefg`", 0, 7},
		{"abcdefg{", 0, 7},
		{"abcé", 0, 3},
		{"abcdefghéij", 0, 8},
		{"Kata", 0, 0},
		{"Kata", 1, 4},
		{"a\x00bcdefghi", 0, 1},
		{"aaaa\xff\xffaaaaaaaa", 0, 4},
	} {
		if got := tokLowerRunEnd(tt.s, tt.i); got != tt.want {
			t.Errorf("tokLowerRunEnd(%q, %d) = %d, want %d", tt.s, tt.i, got, tt.want)
		}
	}
	// Every byte at every place of a run longer than eight.
	for c := range 256 {
		for at := range 12 {
			b := []byte("zzzzzzzzzzzz")
			b[at] = byte(c)
			want := at
			if tokIsLower(byte(c)) {
				want = len(b)
			}
			if got := tokLowerRunEnd(string(b), 0); got != want {
				t.Errorf("tokLowerRunEnd(%q, 0) = %d, want %d", b, got, want)
			}
		}
	}
}

func TestTokenizeLineFlags(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []TokenFlag // LineBreakBefore and BlankLineBefore of each token
	}{
		{"Ya.", []TokenFlag{LineBreakBefore | BlankLineBefore, 0}},
		{"  a b\nc\r\n\r\nd", []TokenFlag{LineBreakBefore | BlankLineBefore, 0, LineBreakBefore, LineBreakBefore | BlankLineBefore}},
		{"a \u2029b\u2028c  d", []TokenFlag{LineBreakBefore | BlankLineBefore, LineBreakBefore | BlankLineBefore, LineBreakBefore, 0}},
	} {
		doc := tokenize(t, tt.text)
		var got []TokenFlag
		for k := range doc.Tokens {
			got = append(got, doc.Tokens[k].Flags&(LineBreakBefore|BlankLineBefore))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: line flags %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestTokFoldedSet looks words up in a set of more words than a table of
// eight slots spreads, so that probes pass over other words.
func TestTokFoldedSet(t *testing.T) {
	set := newTokFoldedSet(map[string]bool{"adalah": true, "rumpun": true, "bertanya": true, "Mekah": true, "a": true})
	tests := []struct {
		word string
		want bool
	}{
		{"adalah", true},
		{"Adalah", true},
		{"ADALAH", true},
		{"rumpun", true},
		{"BerTanya", true},
		{"a", true},
		{"A", true},
		{"mekah", false}, // listed with a capital, which no folded word has
		{"Mekah", false},
		{"adala", false},
		{"adalahh", false},
		{"sekolah", false},
		{"", false},
		{"ad@lah", false},
	}
	for _, tt := range tests {
		if got := set.has(tt.word); got != tt.want {
			t.Errorf("has(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
