package pipeline

import (
	"context"
	"math/bits"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize builds Document.Norm: the text in NFC, with NBSP and other
// Unicode spaces as plain spaces and without soft hyphens, zero-width
// characters and byte-order marks. Document.Text is never rewritten; when Norm
// differs, a byte map leads every Norm offset back to Text so that later
// stages report offsets into the text the user gave.
type Normalize struct{}

var _ Stage = Normalize{}

// Name implements Stage.
func (Normalize) Name() string { return "normalize" }

// Process implements Stage.
func (Normalize) Process(_ context.Context, doc *Document) error {
	doc.Norm, doc.normToText = normalizeText(doc.Text)
	return nil
}

// normalizeText returns the normalised text and its byte map to text, or text
// itself and a nil map when nothing needs changing (the common case, checked
// without allocating).
func normalizeText(text string) (string, []int32) {
	if !needsNormalizing(text) {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text))
	toText := make([]int32, 0, len(text)+1)
	var it norm.Iter
	it.InitString(norm.NFC, text)
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		end := it.Pos()
		// A segment NFC left unchanged maps byte for byte; a recomposed one maps
		// every output byte to the segment's start.
		unchanged := string(seg) == text[start:end]
		for i := 0; i < len(seg); {
			r, size := utf8.DecodeRune(seg[i:])
			origin := start
			if unchanged {
				origin = start + i
			}
			switch {
			case isRemovedRune(r):
			case isSpaceVariant(r):
				b.WriteByte(' ')
				toText = append(toText, int32(origin))
			default:
				b.Write(seg[i : i+size])
				for k := 0; k < size; k++ {
					if unchanged {
						toText = append(toText, int32(origin+k))
					} else {
						toText = append(toText, int32(origin))
					}
				}
			}
			i += size
		}
	}
	toText = append(toText, int32(len(text)))
	return b.String(), toText
}

// needsNormalizing reports whether text contains anything Normalize changes.
func needsNormalizing(text string) bool {
	// NFC normalises the text on either side of an ASCII character apart,
	// so the text is normal when each run of other characters is, with the
	// ASCII character before it, which a combining mark may join: the NFC
	// check then passes over no ASCII text, most of it, one byte at a time.
	for i := asciiPrefixLen(text); i < len(text); {
		end := i + 1
		for end < len(text) && text[end] >= utf8.RuneSelf {
			end++
		}
		if hasRemovedOrSpaceVariant(text[i:end]) || !norm.NFC.IsNormalString(text[max(i-1, 0):end]) {
			return true
		}
		i = end + asciiPrefixLen(text[end:])
	}
	return false
}

// asciiPrefixLen returns the length of the ASCII text that starts s, 32
// bytes at a time and then eight.
func asciiPrefixLen(s string) int {
	const highs = 0x8080808080808080
	i := 0
	for ; i+32 <= len(s); i += 32 {
		b := s[i : i+32] // of a known length, which the loads need not check
		if (load64(b)|load64(b[8:])|load64(b[16:])|load64(b[24:]))&highs != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if other := load64(s[i:i+8]) & highs; other != 0 {
			return i + bits.TrailingZeros64(other)/8
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// hasRemovedOrSpaceVariant reports whether s, a run of bytes that are not
// ASCII, contains a rune that isRemovedRune or isSpaceVariant reports. Their
// UTF-8 forms start with one of four bytes, which no other byte of a
// character can equal: only runes starting with those are decoded.
func hasRemovedOrSpaceVariant(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xC2, 0xE2, 0xE3, 0xEF: // U+00A0 and U+00AD; U+2000–U+2060; U+3000; U+FEFF
			if r, _ := utf8.DecodeRuneInString(s[i:]); isRemovedRune(r) || isSpaceVariant(r) {
				return true
			}
		}
	}
	return false
}

// isRemovedRune reports characters that are invisible inside words: they
// would otherwise split or disguise tokens (scraped text is full of them).
func isRemovedRune(r rune) bool {
	switch r {
	case '\u00AD', // soft hyphen
		'\u200B', '\u200C', '\u200D', '\u2060', // zero-width space, non-joiner, joiner, word joiner
		'\uFEFF': // byte-order mark / zero-width no-break space
		return true
	}
	return false
}

// isSpaceVariant reports spaces that are written as one plain space in Norm.
func isSpaceVariant(r rune) bool {
	switch {
	case r == '\u00A0', r == '\u202F', r == '\u205F', r == '\u3000':
		return true
	case r >= '\u2000' && r <= '\u200A':
		return true
	}
	return false
}
