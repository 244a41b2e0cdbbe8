package eval

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The reference scorers are Python; these helpers reproduce the few pieces of
// Python behaviour the figures depend on, where Go's standard library differs.

// pyIsSpace is Python's str.isspace (and re's \s): Unicode White_Space plus
// the information separators U+001C..U+001F, which Go does not count.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyIsWordChar is re's \w on str patterns: letters, numbers and '_'.
// Combining marks are not word characters in Python.
func pyIsWordChar(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// pyStrip is Python's str.strip() without arguments.
func pyStrip(s string) string {
	return strings.TrimFunc(s, pyIsSpace)
}

// pyLower is Python's str.lower(): full case mapping, which differs from Go's
// strings.ToLower for U+0130 (two code points) and a word-final capital sigma.
func pyLower(s string) string {
	runes := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range runes {
		switch {
		case r == 'İ':
			b.WriteString("i\u0307")
		case r == 'Σ' && isFinalSigma(runes, i):
			b.WriteRune('ς')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isFinalSigma applies the Unicode Final_Sigma condition as CPython does:
// a cased letter before (skipping case-ignorables) and none after.
func isFinalSigma(runes []rune, i int) bool {
	j := i - 1
	for j >= 0 && isCaseIgnorable(runes[j]) {
		j--
	}
	if j < 0 || !isCased(runes[j]) {
		return false
	}
	j = i + 1
	for j < len(runes) && isCaseIgnorable(runes[j]) {
		j++
	}
	return j == len(runes) || !isCased(runes[j])
}

func isCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// wordBreakMid holds the Word_Break MidLetter, MidNumLet and Single_Quote
// characters, which Case_Ignorable includes and Go has no table for.
const wordBreakMid = "'.:\u00b7\u0387\u055f\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a"

func isCaseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) ||
		strings.ContainsRune(wordBreakMid, r)
}

// pyRound4 is Python's round(x, 4): correctly rounded on the exact binary
// value, ties to even (0.03125 → 0.0312), which math.Round(x*1e4)/1e4 is not.
func pyRound4(x float64) float64 {
	rounded, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	if err != nil {
		panic(err) // FormatFloat output always parses
	}
	return rounded
}

// pyFloatRepr is Python's repr of a float as json.dumps writes it, for the
// values scores take (0 ≤ x ≤ 1 with at most 4 decimals): "1.0", "0.0312".
func pyFloatRepr(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// decodeUTF8LikePython decodes b as Python's errors='replace' does: one
// U+FFFD per maximal invalid subsequence (Go's range loop gives one per byte).
func decodeUTF8LikePython(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var s strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			size = maximalInvalidSubpart(b)
		}
		s.WriteRune(r)
		b = b[size:]
	}
	return s.String()
}

// maximalInvalidSubpart is the length of the ill-formed sequence at the start
// of b: a lead byte and the continuation bytes that could still have
// completed it.
func maximalInvalidSubpart(b []byte) int {
	lead := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xbf) // range of the first continuation byte
	switch {
	case lead >= 0xc2 && lead <= 0xdf:
		need = 1
	case lead == 0xe0:
		need, lo = 2, 0xa0
	case lead == 0xed:
		need, hi = 2, 0x9f
	case lead >= 0xe1 && lead <= 0xef:
		need = 2
	case lead == 0xf0:
		need, lo = 3, 0x90
	case lead == 0xf4:
		need, hi = 3, 0x8f
	case lead >= 0xf1 && lead <= 0xf3:
		need = 3
	default:
		return 1
	}
	n := 1
	for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
		n++
		lo, hi = 0x80, 0xbf
	}
	return n
}
