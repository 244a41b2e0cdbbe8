package corpus

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/kutip/kutip/pipeline"
)

// Encoder writes a document's annotations as the fields the output contract
// adds to a record (entities and quotes; with Tokens also tokens, sentences
// and paragraphs), with the document's byte offsets turned into character
// offsets. This is the one place where the contract's JSON is written. An
// Encoder reuses its buffer: the fields are valid until its next use.
type Encoder struct {
	Tokens bool // also write tokens, sentences and paragraphs

	buf    []byte
	fields []Field
	cx     CharIndex // reused: its blocks for the next document
}

// maxKeptOutput is the largest buffer an Encoder keeps for the next
// document.
const maxKeptOutput = 1 << 20

// Fields encodes d's annotations (see ../spec/output.md).
func (e *Encoder) Fields(d *pipeline.Document) []Field {
	cx := &e.cx
	cx.index(d.Text)
	// All fields are written into one buffer sized from the annotations, so
	// that a long article costs at most one allocation rather than many
	// regrowths, and a reused Encoder none.
	if cap(e.buf) > maxKeptOutput {
		e.buf = nil
	}
	buf := slices.Grow(e.buf[:0], outputSize(d, e.Tokens))
	defer func() { e.buf = buf }()
	fields := e.fields[:0]
	add := func(key string, start int) {
		fields = append(fields, Field{Key: key, Value: buf[start:len(buf):len(buf)]})
	}
	start := len(buf)
	buf = appendEntities(buf, d, cx)
	add("entities", start)
	start = len(buf)
	buf = appendQuotes(buf, d, cx)
	add("quotes", start)
	if e.Tokens {
		start = len(buf)
		buf = appendTokens(buf, d, cx)
		add("tokens", start)
		start = len(buf)
		buf = appendSpans(buf, cx, d.Sentences)
		add("sentences", start)
		start = len(buf)
		buf = appendParagraphs(buf, d, cx)
		add("paragraphs", start)
	}
	e.fields = fields
	return fields
}

// outputSize estimates the bytes Output writes: surface texts, names and a
// fixed allowance for keys and offsets per annotation.
func outputSize(d *pipeline.Document, withTokens bool) int {
	n := 64
	// By index: a copy of each annotation in the loop cost more than the sum.
	for i := range d.Entities {
		e := &d.Entities[i]
		n += 2*(e.End-e.Start) + len(e.ID) + len(e.Name) + len(e.Kind) + 96
	}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		n += q.End - q.Start + 256
		if q.Speaker != nil {
			n += len(q.Speaker.Name) + len(q.Speaker.Canonical) + len(q.Speaker.ID) + q.Speaker.Mention.End - q.Speaker.Mention.Start
		}
		for _, src := range q.Sources {
			n += 2*len(src.Name) + len(src.ID) + 64
		}
	}
	if withTokens {
		n += len(d.Text) + 48*len(d.Tokens) + 32*(len(d.Sentences)+len(d.Paragraphs))
	}
	return n
}

func appendEntities(b []byte, d *pipeline.Document, cx *CharIndex) []byte {
	b = append(b, '[')
	for i := range d.Entities {
		e := &d.Entities[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		textStart := len(b)
		b = appendSpanJSON(b, d.Text, e.Span)
		textEnd := len(b)
		b = append(b, `,"label":`...)
		b = appendKnownJSONString(b, string(e.Label))
		b = appendOffsets(b, cx, e.Span)
		b = append(b, `,"id":`...)
		b = AppendJSONString(b, e.ID)
		b = append(b, `,"name":`...)
		if e.Name == d.Text[e.Start:e.End] {
			b = append(b, b[textStart:textEnd]...) // the text, already encoded
		} else {
			b = AppendJSONString(b, e.Name)
		}
		if e.Kind != "" {
			b = append(b, `,"kind":`...)
			b = AppendJSONString(b, e.Kind)
		}
		b = append(b, `,"method":`...)
		b = appendKnownJSONString(b, e.Method)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendQuotes(b []byte, d *pipeline.Document, cx *CharIndex) []byte {
	b = append(b, '[')
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		b = AppendJSONString(b, d.Text[q.Start:q.End])
		b = appendOffsets(b, cx, q.Span)
		b = append(b, `,"kind":`...)
		b = AppendJSONString(b, string(q.Kind))
		b = append(b, `,"speaker":`...)
		if q.Speaker == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, `{"name":`...)
			b = AppendJSONString(b, q.Speaker.Name)
			b = append(b, `,"canonical":`...)
			b = AppendJSONString(b, q.Speaker.Canonical)
			b = append(b, `,"id":`...)
			b = AppendJSONString(b, q.Speaker.ID)
			b = appendSpanText(append(b, ','), d, cx, q.Speaker.Mention)
			b = append(b, '}')
		}
		b = append(b, `,"cue":`...)
		if q.Cue == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '{')
			b = appendSpanText(b, d, cx, *q.Cue)
			b = append(b, '}')
		}
		b = append(b, `,"sources":[`...)
		for j, s := range q.Sources {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"name":`...)
			b = AppendJSONString(b, s.Name)
			b = append(b, `,"id":`...)
			b = AppendJSONString(b, s.ID)
			b = appendSpanText(append(b, ','), d, cx, s.Span)
			b = append(b, '}')
		}
		b = append(b, `],"confidence":`...)
		// What Confidence gives, written with the same two decimals,
		// without the round trip through a string that it takes.
		b = appendTwoDecimals(b, q.Confidence)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendTwoDecimals appends c as strconv.AppendFloat(b, c, 'f', 2, 64)
// does. Where c·100 is clearly off a half, rounding it to an integer gives
// the same digits, for a twentieth of the cost; near a half, only strconv's
// exact decimal rounding is sure to.
func appendTwoDecimals(b []byte, c float64) []byte {
	hundredths := c * 100
	if math.Signbit(c) || !(hundredths < 1e15) || math.Abs(hundredths-math.Floor(hundredths)-0.5) < 1e-6 {
		return strconv.AppendFloat(b, c, 'f', 2, 64)
	}
	n := int(math.Round(hundredths))
	b = append(appendOffset(b, n/100), '.')
	return append(b, digitPairs[n%100*2], digitPairs[n%100*2+1])
}

// Confidence is a quote's confidence as the output contract gives it,
// rounded to two decimals, for whatever reads annotations without their JSON
// (the store, eval) to see what a reader of the output sees.
func Confidence(c float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(c, 'f', 2, 64), 64)
	return v
}

func appendTokens(b []byte, d *pipeline.Document, cx *CharIndex) []byte {
	b = append(b, '[')
	for i, t := range d.Tokens {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		span := pipeline.Span{Start: t.Start, End: t.End}
		b = appendSpanJSON(b, d.Text, span)
		b = appendOffsets(b, cx, span)
		b = append(b, `,"kind":`...)
		b = AppendJSONString(b, t.Kind.String())
		if t.Clitic != pipeline.NoClitic {
			b = append(b, `,"clitic":`...)
			b = AppendJSONString(b, t.Clitic.Suffix())
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendParagraphs(b []byte, d *pipeline.Document, cx *CharIndex) []byte {
	b = append(b, '[')
	for i, p := range d.Paragraphs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = appendStartEnd(b, cx, p.Span)
		b = append(b, `,"kind":`...)
		b = AppendJSONString(b, p.Kind.String())
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendSpans(b []byte, cx *CharIndex, spans []pipeline.Span) []byte {
	b = append(b, '[')
	for i, s := range spans {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = appendStartEnd(b, cx, s)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendSpanText appends `"text":…,"start":…,"end":…` for s.
func appendSpanText(b []byte, d *pipeline.Document, cx *CharIndex, s pipeline.Span) []byte {
	b = append(b, `"text":`...)
	b = appendSpanJSON(b, d.Text, s)
	return appendOffsets(b, cx, s)
}

// appendOffsets appends `,"start":…,"end":…` in characters.
func appendOffsets(b []byte, cx *CharIndex, s pipeline.Span) []byte {
	return appendStartEnd(append(b, ','), cx, s)
}

// appendStartEnd appends `"start":…,"end":…` in characters. Where there is
// room for them and the offsets are below 10⁸, as they are but in a huge
// text, the keys and the digits are each stored as one word into that room,
// with no check of their own.
func appendStartEnd(b []byte, cx *CharIndex, s pipeline.Span) []byte {
	start, end := cx.At(s.Start), cx.At(s.End)
	n := len(b)
	if cap(b)-n < 4*8 || max(start, end) >= 1e8 { // room for two keys and two digit words
		b = append(b, startKey...)
		b = appendOffset(b, start)
		b = append(b, endKey...)
		return appendOffset(b, end)
	}
	room := (*[4 * 8]byte)(b[n : n+4*8]) // stores into it need no bounds checks of their own
	binary.LittleEndian.PutUint64(room[:], startKeyWord)
	digits, startWidth := offsetDigits(uint64(start))
	binary.LittleEndian.PutUint64(room[len(startKey):], digits|asciiZeros)
	endAt := len(startKey) + startWidth
	binary.LittleEndian.PutUint64(room[endAt:], endKeyWord)
	digits, endWidth := offsetDigits(uint64(end))
	binary.LittleEndian.PutUint64(room[endAt+len(endKey):], digits|asciiZeros)
	return b[:n+endAt+len(endKey)+endWidth]
}

const startKey, endKey = `"start":`, `,"end":`

// startKeyWord and endKeyWord are the keys as words to store.
var startKeyWord, endKeyWord = keyWord(startKey), keyWord(endKey)

// keyWord is the word of key's up to 8 bytes, first byte in the low byte.
func keyWord(key string) uint64 {
	var w [8]byte
	copy(w[:], key)
	return binary.LittleEndian.Uint64(w[:])
}

// appendOffset appends n >= 0 in decimal, as strconv.AppendInt does, but
// eight digits at a time straight into b: offsets are most of the numbers an
// output record holds, and a loop over their digits, whose end went either
// way with their width, cost more than the digits.
func appendOffset(b []byte, n int) []byte {
	u := uint64(n)
	if u >= 1e8 {
		return appendDigits(appendOffset(b, int(u/1e8)), eightDigits(u%1e8), 8)
	}
	digits, width := offsetDigits(u)
	return appendDigits(b, digits, width)
}

// offsetDigits returns the decimal digits of u < 1e8 as the bytes of a word,
// first digit in the low byte, and how many they are.
func offsetDigits(u uint64) (digits uint64, width int) {
	x := eightDigits(u)
	// The leading zeros are the low zero bytes, all but the last digit.
	zeroBytes := bits.TrailingZeros64(x|1<<56) >> 3
	return x >> (zeroBytes << 3), 8 - zeroBytes
}

// asciiZeros turns the eight digit values of a word into their ASCII.
const asciiZeros = 0x3030303030303030

// eightDigits returns the eight decimal digits of u < 1e8 as the bytes of a
// word, first digit in the low byte. They are split out in lanes: 10⁴s and
// units in two 32-bit lanes, each split into 100s and units in 16-bit
// lanes, each into tens and units in bytes, the quotients by
// multiplications exact in those ranges. The quotients q and remainders
// x-q·d, q | (x-q·d)<<k, are x<<k - q·(d<<k - 1), in one multiplication.
func eightDigits(u uint64) uint64 {
	x := u/10000 | u%10000<<32
	q := x * 5243 >> 19 & 0x0000007f0000007f // v/100 for v < 43699
	x = x<<16 - q*(100<<16-1)
	q = x * 103 >> 10 & 0x000f000f000f000f // v/10 for v < 179
	return x<<8 - q*(10<<8-1)
}

// appendDigits appends the low width digits of a word, as ASCII, storing
// the word whole.
func appendDigits(b []byte, digits uint64, width int) []byte {
	b = slices.Grow(b, 8)
	binary.LittleEndian.PutUint64(b[len(b):len(b)+8], digits|asciiZeros)
	return b[:len(b)+width]
}

// digitPairs are 00 to 99, one after the other.
const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it except that <, > and & stay as they are (output is not embedded
// in HTML). Invalid UTF-8 is written as U+FFFD.
func AppendJSONString(b []byte, s string) []byte {
	if s == "" { // as the id of most entities is
		return append(b, '"', '"')
	}
	if len(s) <= 16 && cap(b)-len(b) >= 18 {
		if short, ok := appendShortPlain(b, s); ok {
			return short
		}
	}
	b = append(b, '"')
	for {
		n := plainASCIIPrefix(s)
		b = append(b, s[:n]...)
		s = s[n:]
		if len(s) == 0 {
			return append(b, '"')
		}
		if c := s[0]; c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			b = append(b, s[:size]...)
		}
		s = s[size:]
	}
}

// appendSpanJSON appends the text of span s of text as AppendJSONString
// does. A span of up to 16 bytes, as most names, cues and tokens are, is
// checked and copied as two words loaded from the text, which goes on past
// its end, with no loop, call or branch on its length.
func appendSpanJSON(b []byte, text string, s pipeline.Span) []byte {
	n, l := s.End-s.Start, len(b)
	if n < 1 || n > 16 || s.Start+16 > len(text) || cap(b)-l < 18 {
		return AppendJSONString(b, text[s.Start:s.End])
	}
	w := text[s.Start : s.Start+16]
	x, y := binary.LittleEndian.Uint64([]byte(w[:8])), binary.LittleEndian.Uint64([]byte(w[8:]))
	// The span's bytes in each word; a shift by 64 or more leaves none.
	inX, inY := ^uint64(0)>>(8*(8-min(n, 8))), ^uint64(0)>>(8*(16-n))
	if (specialBytes(x)|x&highBits)&inX|(specialBytes(y)|y&highBits)&inY != 0 {
		return AppendJSONString(b, text[s.Start:s.End])
	}
	room := (*[18]byte)(b[l : l+18]) // stores into it need no bounds checks of their own
	room[0] = '"'
	binary.LittleEndian.PutUint64(room[1:], x)
	binary.LittleEndian.PutUint64(room[9:], y)
	room[n+1] = '"'
	return b[:l+2+n]
}

// appendShortPlain appends s, of 1 to 16 bytes, as a JSON string into the
// room for 18 bytes that b has, when it is plain ASCII that needs no escape,
// as most ids, kinds and names are: it is checked and stored as two loads
// that overlap, without the loop, the call to memmove and their branches on
// its length. It reports whether it did.
func appendShortPlain(b []byte, s string) ([]byte, bool) {
	n, l := len(s), len(b)
	if n < 1 || n > 16 { // said again, for the stores' bounds to be known
		return b, false
	}
	room := (*[18]byte)(b[l : l+18])
	switch {
	case n >= 8:
		x, y := stringWord(s, 0), stringWord(s, n-8)
		if specialBytes(x)|specialBytes(y)|(x|y)&highBits != 0 {
			return b, false
		}
		binary.LittleEndian.PutUint64(room[1:], x)
		binary.LittleEndian.PutUint64(room[n-7:], y)
	case n >= 4:
		x, y := binary.LittleEndian.Uint32([]byte(s[:4])), binary.LittleEndian.Uint32([]byte(s[n-4:]))
		if w := uint64(x) | uint64(y)<<32; specialBytes(w)|w&highBits != 0 {
			return b, false
		}
		binary.LittleEndian.PutUint32(room[1:], x)
		binary.LittleEndian.PutUint32(room[n-3:], y)
	default: // the bytes of the word after s's are spaces, which are plain
		w := uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)) | uint64(s[n-1])<<(8*(n-1)) | 0x2020202020202020<<(8*n)
		if specialBytes(w)|w&highBits != 0 {
			return b, false
		}
		binary.LittleEndian.PutUint32(room[1:], uint32(w))
	}
	room[0] = '"'
	room[n+1] = '"'
	return b[:l+2+n], true
}

// stringWord is the word of s's eight bytes from i, loaded as one.
func stringWord(s string, i int) uint64 { return binary.LittleEndian.Uint64([]byte(s[i : i+8])) }

// plainASCIIPrefix returns the length of the longest prefix of s that
// AppendJSONString writes as it is: ASCII that needs no escape. Most names
// and texts are that prefix whole, found sixteen bytes at a time, and a
// short name in one word put together from its bytes, without a loop whose
// end went either way.
func plainASCIIPrefix(s string) int {
	i := 0
	for ; i+16 <= len(s); i += 16 {
		x, y := binary.LittleEndian.Uint64([]byte(s[i:i+8])), binary.LittleEndian.Uint64([]byte(s[i+8:i+16]))
		if specialBytes(x)|specialBytes(y)|(x|y)&highBits != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if m := specialBytes(x) | x&highBits; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	if i == len(s) {
		return i
	}
	if len(s) >= 8 {
		// The last eight bytes, overlapping plain ones: the lowest byte
		// found is exact, as it is when none below it is special.
		x := binary.LittleEndian.Uint64([]byte(s[len(s)-8:]))
		if m := specialBytes(x) | x&highBits; m != 0 {
			return len(s) - 8 + bits.TrailingZeros64(m)/8
		}
		return len(s)
	}
	// One to seven bytes, put together in the low bytes of a word from
	// overlapping loads; the zero bytes above them, control characters
	// to specialBytes, are masked off.
	n := len(s)
	var x uint64
	if n >= 4 {
		x = uint64(binary.LittleEndian.Uint32([]byte(s[:4]))) | uint64(binary.LittleEndian.Uint32([]byte(s[n-4:])))<<(8*(n-4))
	} else {
		x = uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)) | uint64(s[n-1])<<(8*(n-1))
	}
	m := (specialBytes(x) | x&highBits) & (1<<(8*n) - 1)
	return min(bits.TrailingZeros64(m)/8, n)
}

// appendKnownJSONString is AppendJSONString for the values of a closed set
// (labels, methods), written as they are when they are known to need no
// escaping. A value is found in a table by a hash of two of its bytes and
// checked by three overlapping loads, not by a switch whose search by
// length and content went either way from one entity to the next.
func appendKnownJSONString(b []byte, s string) []byte {
	if len(s) >= 4 {
		k := &knownStrings[knownHash(s)]
		if w := knownWords(s); len(s) == int(k.n) && w[0]^k.words[0]|w[1]^k.words[1]|w[2]^k.words[2] == 0 {
			n := len(b)
			if cap(b)-n < len(k.quoted) {
				return append(b, k.quoted[:k.n+2]...)
			}
			*(*[len(k.quoted)]byte)(b[n : n+len(k.quoted)]) = k.quoted // one fixed-size move
			return b[:n+int(k.n)+2]
		}
	}
	return AppendJSONString(b, s)
}

// knownValues are the values appendKnownJSONString writes without escaping:
// 4 to 12 bytes, and distinct under knownHash.
var knownValues = []string{string(pipeline.Person), string(pipeline.Place), string(pipeline.Organisation),
	"gazetteer", "alias", "fuzzy", "rule", "coref"}

// knownString is a value of knownValues: its length (0 in an empty slot),
// its knownWords, and itself quoted, padded to a fixed copy.
type knownString struct {
	n      uint8
	words  [3]uint32
	quoted [16]byte
}

var knownStrings = func() (t [16]knownString) {
	for _, v := range knownValues {
		k := &t[knownHash(v)]
		if k.n != 0 || len(v) < 4 || len(v)+2 > len(k.quoted) {
			panic("corpus: known value " + v + " does not fit the table")
		}
		k.n, k.words = uint8(len(v)), knownWords(v)
		copy(k.quoted[:], `"`+v+`"`)
	}
	return t
}()

// knownHash picks the slot of a string of at least 4 bytes.
func knownHash(s string) int {
	return int(s[3]+s[len(s)-1]) & 15
}

// knownWords are the first, middle and last 4 bytes of s, 4 to 12 bytes
// long: together they are all of it, so equal words of equal lengths are
// equal strings.
func knownWords(s string) [3]uint32 {
	mid := len(s)/2 - 2
	return [3]uint32{binary.LittleEndian.Uint32([]byte(s[:4])), binary.LittleEndian.Uint32([]byte(s[mid : mid+4])),
		binary.LittleEndian.Uint32([]byte(s[len(s)-4:]))}
}

// CharIndex converts byte offsets of a text to code-point offsets, the
// offsets of the output contract. It keeps, per block of bytes, the code
// points before it and which of its bytes continue one, so memory stays a
// fraction of the text and a lookup counts bits of one word, the same
// whether the text is ASCII or not.
type CharIndex struct {
	blocks []charBlockIndex
}

const charBlock = 64

type charBlockIndex struct {
	before        int    // code points that start before the block
	continuations uint64 // bit i: byte i of the block continues a code point
}

// NewCharIndex indexes text, which must be valid UTF-8.
func NewCharIndex(text string) *CharIndex {
	cx := &CharIndex{}
	cx.index(text)
	return cx
}

// index makes cx the index of text, reusing its blocks.
func (cx *CharIndex) index(text string) {
	if cap(cx.blocks) > maxKeptOutput/16 {
		cx.blocks = nil // a huge article's index is not kept for the next
	}
	cx.blocks = slices.Grow(cx.blocks[:0], len(text)/charBlock+1)[:len(text)/charBlock+1]
	before := 0
	for blk := range cx.blocks {
		block := text[blk*charBlock : min(len(text), (blk+1)*charBlock)]
		var continuations uint64
		if len(block) < charBlock || !asciiBlock(block) { // most of a news text is ASCII: none
			continuations = continuationBytes(block)
		}
		cx.blocks[blk] = charBlockIndex{before, continuations}
		before += len(block) - bits.OnesCount64(continuations)
	}
}

// asciiBlock reports whether the charBlock bytes of block are all ASCII,
// four words at a time: a loop over single words ended once a block, and
// less predictably.
func asciiBlock(block string) bool {
	var or uint64
	for i := 0; i < charBlock; i += 32 {
		w := []byte(block[i : i+32])
		or |= binary.LittleEndian.Uint64(w) | binary.LittleEndian.Uint64(w[8:]) |
			binary.LittleEndian.Uint64(w[16:]) | binary.LittleEndian.Uint64(w[24:])
	}
	return or&highBits == 0
}

// continuationBytes returns the bytes of block, at most charBlock of them,
// that continue a code point (10xxxxxx), as bits: bit i for byte i.
func continuationBytes(block string) uint64 {
	var padded [charBlock]byte // zero bytes continue nothing
	copy(padded[:], block)
	var bytes uint64
	for i := 0; i < charBlock; i += 8 {
		// Bit 7 set, bit 6 (shifted into bit 7) clear; the high bits
		// gathered into the top byte of the product, first byte lowest.
		x := binary.LittleEndian.Uint64(padded[i:])
		bytes |= ((x &^ (x << 1) & highBits) >> 7 * 0x0102040810204080 >> 56) << i
	}
	return bytes
}

// At returns the number of code points before byte offset off, which must lie
// on a rune boundary (document texts are valid UTF-8).
func (cx *CharIndex) At(off int) int {
	blk, within := off/charBlock, uint(off)%charBlock
	b := cx.blocks[blk]
	return b.before + int(within) - bits.OnesCount64(b.continuations&(1<<within-1))
}
