package pipeline

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, text, norm string
		// spans of Norm and the Text spans they must map to
		normSpans, textSpans []Span
	}{
		{name: "ascii unchanged", text: `"Kami siap," katanya.`, norm: `"Kami siap," katanya.`},
		{name: "curly quotes unchanged", text: "“Kami siap,” katanya.", norm: "“Kami siap,” katanya."},
		{
			name: "nbsp becomes space", text: "Rp\u00A01.000 kata\u00A0dia", norm: "Rp 1.000 kata dia",
			normSpans: []Span{{3, 8}, {9, 13}}, textSpans: []Span{{4, 9}, {10, 14}},
		},
		{
			name: "soft hyphen removed inside word", text: "kata\u00ADnya itu", norm: "katanya itu",
			normSpans: []Span{{0, 7}, {8, 11}}, textSpans: []Span{{0, 9}, {10, 13}},
		},
		{
			name: "zero width removed", text: "Lav\u200Brov hadir", norm: "Lavrov hadir",
			normSpans: []Span{{0, 6}, {7, 12}}, textSpans: []Span{{0, 9}, {10, 15}},
		},
		{
			name: "decomposed accent composed", text: "Erdog\u0306an dan Bra\u0308ndli", norm: "Erdoğan dan Brändli",
			// "Erdoğan" is 8 bytes in Norm and 9 in Text; "Brändli" 8 and 9.
			normSpans: []Span{{0, 8}, {9, 12}, {13, 21}}, textSpans: []Span{{0, 9}, {10, 13}, {14, 23}},
		},
		{name: "bom removed", text: "\uFEFFJakarta", norm: "Jakarta", normSpans: []Span{{0, 7}}, textSpans: []Span{{3, 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := NewDocument("t", tt.text)
			if err := (Normalize{}).Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if doc.Norm != tt.norm {
				t.Fatalf("Norm = %q, want %q", doc.Norm, tt.norm)
			}
			if doc.Text != tt.text {
				t.Fatalf("Text was modified: %q", doc.Text)
			}
			for i, ns := range tt.normSpans {
				if got := doc.TextSpan(ns.Start, ns.End); got != tt.textSpans[i] {
					t.Errorf("TextSpan(%v) = %v (%q), want %v", ns, got, tt.text[got.Start:got.End], tt.textSpans[i])
				}
			}
			if doc.TextOffset(len(doc.Norm)) != len(doc.Text) {
				t.Errorf("end of Norm maps to %d, want %d", doc.TextOffset(len(doc.Norm)), len(doc.Text))
			}
		})
	}
}

func TestNormalizeMapIsMonotonic(t *testing.T) {
	text := "A\u00A0b\u00AD\u200Bc\u0301 “d” e\u0308\u0301\u3000f\xff"
	doc := NewDocument("t", text)
	_ = (Normalize{}).Process(context.Background(), doc)
	prev := 0
	for i := 0; i <= len(doc.Norm); i++ {
		o := doc.TextOffset(i)
		if o < prev || o > len(text) {
			t.Fatalf("offset %d maps to %d after %d (len %d)", i, o, prev, len(text))
		}
		prev = o
	}
}

// TestNeedsNormalizing checks the quick scan against decoding every rune,
// with the character at every offset from the eight-byte blocks, at the end
// of the ASCII prefix or after a character that ends it, and two characters
// in one run of characters that are not ASCII or in two, at the end of the
// text or before more.
func TestNeedsNormalizing(t *testing.T) {
	chars := []string{"a", "é", "e\u0301", "\u0301", "\u00A0", "\u00AD", "\u2009", "\u200B", "\u2060", "\u202F", "\u205F",
		"\u3000", "\uFEFF", "\u2014", "“", "\u00C2", "\xC2", "\xE2\x80", "\xEF\xBB", "\u0F73", "\u1100\u1161"}
	check := func(text string) {
		t.Helper()
		want := !norm.NFC.IsNormalString(text) || strings.IndexFunc(text, func(r rune) bool {
			return isRemovedRune(r) || isSpaceVariant(r)
		}) >= 0
		if got := needsNormalizing(text); got != want {
			t.Errorf("needsNormalizing(%q) = %v, want %v", text, got, want)
		}
	}
	for _, c := range chars {
		for pad := range 17 {
			for _, before := range []string{"", "é "} {
				check(before + strings.Repeat("x", pad) + c + " kata")
			}
		}
		for _, d := range chars {
			for _, between := range []string{"", "x", " x "} {
				check(c + between + d)
				check("kata " + c + between + d + " kata")
			}
		}
	}
}

func TestASCIIPrefixLen(t *testing.T) {
	for n := range 80 {
		for at := 0; at <= n; at++ {
			b := []byte(strings.Repeat("a", n))
			want := n
			if at < n {
				b[at] = 0x80 | byte(at)
				want = at
			}
			if got := asciiPrefixLen(string(b)); got != want {
				t.Errorf("asciiPrefixLen(%q) = %d, want %d", b, got, want)
			}
		}
	}
}
