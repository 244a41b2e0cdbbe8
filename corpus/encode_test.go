package corpus

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kutip/kutip/pipeline"
)

func TestOutputCharacterOffsets(t *testing.T) {
	text := "“Kami siap,” kata Erdoğan di Ankara."
	doc := pipeline.NewDocument("t", text)
	at := func(s string) pipeline.Span {
		i := strings.Index(text, s)
		return pipeline.Span{Start: i, End: i + len(s)}
	}
	doc.Entities = []pipeline.Entity{
		{Span: at("Erdoğan"), Label: pipeline.Person, ID: "recep-tayyip-erdogan", Name: "Recep Tayyip Erdoğan", Method: "alias"},
		{Span: at("Ankara"), Label: pipeline.Place, ID: "ankara", Name: "Ankara", Method: "name"},
	}
	cue := at("kata")
	doc.Quotes = []pipeline.Quote{{Span: at("Kami siap,"), Kind: pipeline.Direct, Cue: &cue,
		Speaker: &pipeline.Speaker{Name: "Erdoğan", Canonical: "Recep Tayyip Erdoğan", ID: "recep-tayyip-erdogan", Mention: at("Erdoğan")}, Confidence: 0.9}}

	var out struct {
		Entities []struct {
			Text       string
			Start, End int
		}
		Quotes []struct {
			Text       string
			Start, End int
			Speaker    struct {
				Name, Canonical, ID, Text string
				Start, End                int
			}
			Cue struct {
				Text       string
				Start, End int
			}
			Sources []any
		}
	}
	var rec []byte
	rec = append(rec, '{')
	var enc Encoder
	for i, f := range enc.Fields(doc) {
		if i > 0 {
			rec = append(rec, ',')
		}
		rec = AppendJSONString(rec, f.Key)
		rec = append(rec, ':')
		rec = append(rec, f.Value...)
	}
	rec = append(rec, '}')
	if err := json.Unmarshal(rec, &out); err != nil {
		t.Fatalf("invalid JSON %s: %v", rec, err)
	}
	runes := []rune(text)
	slice := func(s, e int) string { return string(runes[s:e]) }
	// Character offsets: “ is one character though three bytes.
	if q := out.Quotes[0]; q.Start != 1 || q.End != 11 || slice(q.Start, q.End) != q.Text {
		t.Errorf("quote span %d-%d %q", q.Start, q.End, q.Text)
	}
	if sp := out.Quotes[0].Speaker; sp.Start != 18 || sp.End != 25 || slice(sp.Start, sp.End) != "Erdoğan" {
		t.Errorf("speaker span %d-%d", sp.Start, sp.End)
	}
	if sp := out.Quotes[0].Speaker; sp.Name != "Erdoğan" || sp.Canonical != "Recep Tayyip Erdoğan" || sp.ID != "recep-tayyip-erdogan" {
		t.Errorf("speaker name %q canonical %q id %q", sp.Name, sp.Canonical, sp.ID)
	}
	if c := out.Quotes[0].Cue; slice(c.Start, c.End) != "kata" {
		t.Errorf("cue span %d-%d", c.Start, c.End)
	}
	if out.Quotes[0].Sources == nil {
		t.Errorf("sources must be [] not null")
	}
	for _, e := range out.Entities {
		if slice(e.Start, e.End) != e.Text {
			t.Errorf("entity %q at %d-%d reads %q", e.Text, e.Start, e.End, slice(e.Start, e.End))
		}
	}
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{"", "plain", "quote \" back \\ slash", "nl\ncr\rtab\t", "ctl \x00\x01\x1f", "“Indonesia” ü 🇮🇩", "sep \u2028 \u2029", "bad \xff byte", "<a&b>"}
	// Each special byte at each position of the eight-byte blocks, and of
	// the shorter tail after them.
	for _, special := range []string{"\"", "\\", "\n", "\x00", "\x1f", "\x7f", "é", "\u2028", "\xff"} {
		for pos := range 17 {
			for tail := range 9 {
				cases = append(cases, strings.Repeat("k", pos)+special+strings.Repeat("m", tail))
			}
		}
	}
	for _, s := range cases {
		var got string
		if err := json.Unmarshal(AppendJSONString(nil, s), &got); err != nil {
			t.Fatalf("AppendJSONString(%q) is not JSON: %v", s, err)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if got != want {
			t.Errorf("round trip of %q = %q", s, got)
		}
		// With room after what b holds, as where a short string is
		// stored in words, the same bytes follow them.
		for _, room := range []int{17, 18, 40} {
			b := append(make([]byte, 0, 3+room), "abc"...)
			if got := AppendJSONString(b, s); string(got) != "abc"+string(AppendJSONString(nil, s)) {
				t.Errorf("AppendJSONString(%q) with room %d = %q", s, room, got)
			}
		}
	}
}

// plainASCIIPrefix stops exactly at the first byte AppendJSONString must
// look at, at each place of its sixteen- and eight-byte blocks, of the
// last eight bytes and of a string shorter than eight.
func TestPlainASCIIPrefix(t *testing.T) {
	for _, special := range []byte{'"', '\\', '\n', 0, 0x1f, 0x80, 0xff} {
		for n := range 40 {
			for pos := range n + 1 {
				b := []byte(strings.Repeat("k", n))
				if pos < n {
					b[pos] = special
				}
				if got := plainASCIIPrefix(string(b)); got != pos {
					t.Errorf("plainASCIIPrefix(%q) = %d, want %d", b, got, pos)
				}
			}
		}
	}
}

// appendSpanJSON writes every span of a text as AppendJSONString writes its
// text: spans of up to sixteen bytes, special bytes at each place in them
// or just outside, near the text's end, with and without room in the buffer.
func TestAppendSpanJSONMatchesAppendJSONString(t *testing.T) {
	for _, special := range []byte{'"', '\\', '\n', 0, 0x1f, 0x80} {
		for pos := range 24 {
			text := []byte(strings.Repeat("k", 24))
			text[pos] = special
			if special == 0x80 {
				text[pos] = 0xc3 // é, if it fits
				if pos+1 < len(text) {
					text[pos+1] = 0xa9
				}
			}
			for start := range len(text) {
				for end := start; end <= len(text); end++ {
					if !utf8.Valid(text[start:end]) {
						continue
					}
					span := pipeline.Span{Start: start, End: end}
					for _, room := range []int{0, 17, 18, 64} {
						b := make([]byte, 3, 3+room)
						want := AppendJSONString(bytes.Clone(b), string(text[start:end]))
						if got := appendSpanJSON(b, string(text), span); !bytes.Equal(got, want) {
							t.Fatalf("span %v of %q with room %d: %q, want %q", span, text, room, got, want)
						}
					}
				}
			}
		}
	}
}

func TestCharIndex(t *testing.T) {
	unit := "aé“b”🇮🇩 " // mixed widths
	// Lengths on both sides of block boundaries, including texts whose end
	// is one: their last offset once read 0.
	for n := 0; n <= 3*charBlock+9; n++ {
		text := strings.Repeat("x", n) + strings.Repeat(unit, 1+n%5)
		padded := text + strings.Repeat("y", (charBlock-len(text)%charBlock)%charBlock)
		for _, text := range []string{text, padded} {
			cx := NewCharIndex(text)
			for off := 0; off <= len(text); off++ {
				if off < len(text) && !utf8.RuneStart(text[off]) {
					continue
				}
				if got, want := cx.At(off), utf8.RuneCountInString(text[:off]); got != want {
					t.Fatalf("text of %d bytes: At(%d) = %d, want %d", len(text), off, got, want)
				}
			}
		}
	}
}

func TestAppendStartEndMatchesStrconv(t *testing.T) {
	text := strings.Repeat("Presiden “kami” di Jakarta. ", 600) // offsets of 1 to 5 digits
	cx := NewCharIndex(text)
	spans := []pipeline.Span{{Start: 0, End: 0}, {Start: 0, End: 8}, {Start: 9, End: 15}, {Start: 100, End: 1000},
		{Start: 9999, End: 10005}, {Start: len(text) - 9, End: len(text)}}
	for _, s := range spans {
		want := "x" + `"start":` + strconv.Itoa(utf8.RuneCountInString(text[:s.Start])) +
			`,"end":` + strconv.Itoa(utf8.RuneCountInString(text[:s.End]))
		// Into no room (appends) and into room for the words stored whole.
		for _, b := range [][]byte{[]byte("x"), append(make([]byte, 0, 64), 'x')} {
			if got := string(appendStartEnd(b, cx, s)); got != want {
				t.Errorf("appendStartEnd(cap %d, %v) = %s, want %s", cap(b), s, got, want)
			}
		}
	}
}

func TestAppendKnownJSONString(t *testing.T) {
	cases := append([]string{"", "a", "rul", "rulf", "PERSOM", "PLACES", "gazetteeR", "ORGANISATIO\"", "ORGANISATIONS",
		"we\"ird", "baru\n", "fu\"zy"}, knownValues...)
	for _, s := range cases {
		// Into no room (an append) and into room enough for the table's fixed copy.
		for _, b := range [][]byte{nil, make([]byte, 3, 64)} {
			got := string(appendKnownJSONString(b, s)) // before want writes over b's room
			if want := string(AppendJSONString(b, s)); got != want {
				t.Errorf("appendKnownJSONString(%q, cap %d) = %s, want %s", b, cap(b), got, want)
			}
		}
	}
}

func BenchmarkAppendJSONString(b *testing.B) {
	s := strings.Repeat("Presiden mengatakan, “kami siap bekerja keras” di Jakarta.\n", 200)
	b.SetBytes(int64(len(s)))
	var buf []byte
	for b.Loop() {
		buf = AppendJSONString(buf[:0], s)
	}
}

// The encoder writes a quote's confidence with two decimals without rounding
// it through Confidence first: both must read the same.
func TestConfidenceWritesAsItsTwoDecimals(t *testing.T) {
	cs := []float64{0, 1, 0.005, 0.015, 0.125, 0.135, 0.995, 0.7 * 0.9, 1.0 / 3}
	for i := range 10000 {
		cs = append(cs, float64(i)/10000, float64(i)/1000+0.0005)
	}
	for _, c := range cs {
		if got, want := strconv.FormatFloat(c, 'f', 2, 64), strconv.FormatFloat(Confidence(c), 'f', 2, 64); got != want {
			t.Errorf("confidence %v is written %s, Confidence gives %s", c, got, want)
		}
	}
}

func TestAppendOffsetMatchesStrconv(t *testing.T) {
	ns := []int{0, 1, 9, 10, 99, 100, 101, 999, 1000, 65535, 99999999, 1e8, 1e8 + 1, 1e16 - 1, 1e16, 1<<31 - 1, 1<<63 - 1}
	for n := 1; n < 1<<62; n *= 7 {
		ns = append(ns, n-1, n, n+1)
	}
	for n := 0; n < 100000; n += 37 {
		ns = append(ns, n)
	}
	for _, n := range ns {
		if got, want := string(appendOffset([]byte("x"), n)), "x"+strconv.Itoa(n); got != want {
			t.Errorf("appendOffset(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestAppendTwoDecimalsMatchesStrconv(t *testing.T) {
	cs := []float64{0, 1, 0.005, 0.015, 0.125, 0.135, 0.995, 0.7 * 0.9, 1.0 / 3, -0.5, 12345.675, 1e20, math.Inf(1), math.NaN(), math.Nextafter(0.125, 1), math.Nextafter(0.125, 0), math.Copysign(0, -1)}
	for i := range 100000 {
		cs = append(cs, float64(i)/100000, float64(i)/1000+0.0005, float64(i)/200)
	}
	for _, c := range cs {
		if got, want := string(appendTwoDecimals(nil, c)), strconv.FormatFloat(c, 'f', 2, 64); got != want {
			t.Errorf("appendTwoDecimals(%v) = %s, want %s", c, got, want)
		}
	}
}
