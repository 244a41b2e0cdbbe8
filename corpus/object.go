package corpus

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrMissingField is returned (wrapped, naming the field) when a record lacks
// a required field.
var ErrMissingField = errors.New("missing field")

// ErrNotString is returned (wrapped, naming the field and the JSON type found)
// when a field that must be a string holds another JSON type.
var ErrNotString = errors.New("not a string")

// ErrNotObject is returned (wrapped, naming the JSON type found) for a
// record that is valid JSON but not an object.
var ErrNotObject = errors.New("not an object")

// maxDepth matches encoding/json's nesting limit, so that ParseObject accepts
// exactly what json.Valid accepts.
const maxDepth = 10000

// SyntaxError describes invalid JSON in a record.
type SyntaxError struct {
	Offset int // 0-based byte offset of the problem in the input
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at column %d: %s", e.Offset+1, e.Msg)
}

// Field is one top-level member of a JSON object.
type Field struct {
	Key   string          // unquoted key
	Value json.RawMessage // the value exactly as it appears in the input

	// What parsing learnt of a string value, valid while Value is still
	// the slice it was learnt of (callers may replace Value).
	str     stringScan
	scanned json.RawMessage
}

// stringScan tells whether a string value was scanned when its object was
// parsed, and with or without escapes, so that StringField need not scan
// it again: the text of an article is most of a record.
type stringScan uint8

// scan returns what parsing learnt of f's value, or notScanned.
func (f *Field) scan() stringScan {
	if f.str == notScanned || len(f.Value) != len(f.scanned) || &f.Value[0] != &f.scanned[0] {
		return notScanned
	}
	return f.str
}

const (
	notScanned stringScan = iota
	scannedPlain
	scannedEscaped
)

// Object is a JSON object split into its top-level fields. Values alias the
// bytes the object was parsed from; they are not copied.
type Object struct {
	Fields []Field // in input order; duplicate keys are kept

	decoded []byte // StringField decodes escaped strings here, so that the string it returns is the only allocation
	// validUTF8 says that the bytes parsed are known to be valid UTF-8
	// (the Reader checked them), so that StringField need not check them
	// again as it decodes.
	validUTF8 bool
}

// ParseObject validates raw as a single JSON object (surrounding whitespace
// allowed) and splits it into its top-level fields.
func ParseObject(raw []byte) (*Object, error) {
	o := &Object{}
	if err := o.Parse(raw); err != nil {
		return nil, err
	}
	return o, nil
}

// Parse is ParseObject reusing o's storage, for the per-record hot path.
// On error o is left empty.
func (o *Object) Parse(raw []byte) error {
	o.Fields = o.Fields[:0]
	o.validUTF8 = false
	if err := o.parse(raw); err != nil {
		clear(o.Fields)
		o.Fields = o.Fields[:0]
		return err
	}
	return nil
}

func (o *Object) parse(b []byte) error {
	i := skipSpace(b, 0)
	if i == len(b) {
		return syntaxErr(i, "unexpected end of input")
	}
	if b[i] != '{' {
		// Only a value that is valid JSON is named by its type: "not json"
		// is a syntax error at its second byte, not a misspelt null.
		end, err := scanValue(b, i, 1)
		if err == nil {
			err = checkTrailing(b, end)
		}
		if err != nil {
			return err
		}
		return fmt.Errorf("JSON value is %s, %w", jsonType(b[i]), ErrNotObject)
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return checkTrailing(b, i+1)
	}
	for {
		if i == len(b) {
			return syntaxErr(i, "unexpected end of input")
		}
		if b[i] != '"' {
			return syntaxErr(i, "invalid character "+quoteChar(b[i])+" looking for beginning of object key string")
		}
		end, escaped, err := scanString(b, i)
		if err != nil {
			return err
		}
		key := o.key(b[i+1:end-1], escaped)
		i = skipSpace(b, end)
		if i == len(b) {
			return syntaxErr(i, "unexpected end of input")
		}
		if b[i] != ':' {
			return syntaxErr(i, "invalid character "+quoteChar(b[i])+" after object key")
		}
		i = skipSpace(b, i+1)
		valStart := i
		str := notScanned
		if i < len(b) && b[i] == '"' {
			var escaped bool
			if i, escaped, err = scanString(b, i); err != nil {
				return err
			}
			str = scannedPlain
			if escaped {
				str = scannedEscaped
			}
		} else if i, err = scanValue(b, i, 1); err != nil {
			return err
		}
		o.Fields = append(o.Fields, Field{Key: key, Value: b[valStart:i:i], str: str, scanned: b[valStart:i:i]})
		i = skipSpace(b, i)
		if i == len(b) {
			return syntaxErr(i, "unexpected end of input")
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return checkTrailing(b, i+1)
		default:
			return syntaxErr(i, "invalid character "+quoteChar(b[i])+" after object key:value pair")
		}
	}
}

// key decodes the key of the next field. The records of a corpus have the
// same fields in the same order, so the key the last object parsed had in
// this place is taken again rather than allocated for every record.
func (o *Object) key(s []byte, escaped bool) string {
	if n := len(o.Fields); !escaped && n < cap(o.Fields) {
		if last := o.Fields[:n+1][n].Key; last == string(s) {
			return last
		}
	}
	return decodeString(nil, s, escaped, false)
}

func checkTrailing(b []byte, i int) error {
	i = skipSpace(b, i)
	if i < len(b) {
		return syntaxErr(i, "invalid character "+quoteChar(b[i])+" after top-level object (trailing data)")
	}
	return nil
}

// Get returns the value of the last field named key, matching which
// duplicate encoding/json would keep.
func (o *Object) Get(key string) (json.RawMessage, bool) {
	if f := o.field(key); f != nil {
		return f.Value, true
	}
	return nil, false
}

func (o *Object) field(key string) *Field {
	for i := len(o.Fields) - 1; i >= 0; i-- {
		if o.Fields[i].Key == key {
			return &o.Fields[i]
		}
	}
	return nil
}

// StringField returns the unquoted string value of the field named key.
func (o *Object) StringField(key string) (string, error) {
	f := o.field(key)
	if f == nil {
		return "", fmt.Errorf("%w %q", ErrMissingField, key)
	}
	v := f.Value
	if scan := f.scan(); scan != notScanned {
		return decodeString(&o.decoded, v[1:len(v)-1], scan == scannedEscaped, o.validUTF8), nil
	}
	if len(v) == 0 || v[0] != '"' {
		t := "empty"
		if len(v) > 0 {
			t = jsonType(v[0])
		}
		return "", fmt.Errorf("field %q is %s, %w", key, t, ErrNotString)
	}
	return unquote(v)
}

// jsonType names the JSON type of a value by its first byte, "" if none.
func jsonType(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "a number"
	}
	return ""
}

// AppendRecord appends one output JSON object (no newline) to dst: every
// field of o (parsed from raw) unchanged and in input order, then the extra
// fields. An input field whose key is also in extra is dropped from its place
// so that the extra one wins; re-running on earlier output thus replaces old
// annotations instead of duplicating them. Extra values must be valid JSON;
// an empty value is written as null.
func AppendRecord(dst []byte, raw []byte, o *Object, extra []Field) []byte {
	if !collides(o, extra) {
		// Fast path: copy the input up to its closing brace, never
		// re-encoding the (large) text.
		dst = append(dst, recordHead(raw)...)
		return appendFields(dst, extra, len(o.Fields) > 0)
	}
	dst = append(dst, '{')
	n := 0
	for _, f := range o.Fields {
		if inFields(extra, f.Key) {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = AppendJSONString(dst, f.Key)
		dst = append(dst, ':')
		dst = append(dst, f.Value...)
		n++
	}
	return appendFields(dst, extra, n > 0)
}

// recordHead returns what AppendRecord copies of raw when no extra field
// replaces one of its own: the object up to its closing brace. Whitespace
// around the object and before its brace is dropped so that no stray
// newline can split a JSONL line.
func recordHead(raw []byte) []byte {
	end := trimSpaceRight(raw, len(raw))
	if end > 0 && raw[end-1] == '}' {
		end = trimSpaceRight(raw, end-1)
	}
	return raw[skipSpace(raw, 0):end]
}

func trimSpaceRight(b []byte, end int) int {
	for end > 0 {
		switch b[end-1] {
		case ' ', '\t', '\n', '\r':
			end--
		default:
			return end
		}
	}
	return end
}

// appendFields appends ,"key":value pairs and the closing brace.
func appendFields(dst []byte, fields []Field, comma bool) []byte {
	for _, f := range fields {
		if comma {
			dst = append(dst, ',')
		}
		comma = true
		dst = AppendJSONString(dst, f.Key)
		dst = append(dst, ':')
		if len(f.Value) == 0 {
			dst = append(dst, "null"...)
		} else {
			dst = append(dst, f.Value...)
		}
	}
	return append(dst, '}')
}

func collides(o *Object, extra []Field) bool {
	for _, f := range o.Fields {
		if inFields(extra, f.Key) {
			return true
		}
	}
	return false
}

func inFields(fields []Field, key string) bool {
	for _, f := range fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

func syntaxErr(off int, msg string) error {
	return &SyntaxError{Offset: off, Msg: msg}
}

// quoteChar shows an offending byte readably in an error message.
func quoteChar(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return "'" + string(rune(c)) + "'"
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// The scanner below validates exactly the grammar of RFC 8259 as
// encoding/json does (including its nesting limit, and accepting invalid
// UTF-8 inside strings, which the Reader repairs beforehand anyway).

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// strPlain marks the bytes that may appear unescaped in a string and need no
// further look: everything but '"', '\\' and control characters.
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString scans the string starting with the quote at b[i] and returns the
// offset just past its closing quote and whether it contains escapes.
func scanString(b []byte, i int) (end int, escaped bool, err error) {
	start := i
	i++
	quote := -1 // the first '"' from i on, once looked for; len(b) if none
	for {
		// Straight to the next byte that needs a look. A short run, as of
		// a key or between two escapes, ends in the next eight bytes; a
		// long one, as of the text of a news record, is skipped by
		// bytes.IndexByte many bytes at a time.
		var special uint64
		if i+8 <= len(b) {
			special = specialBytes(binary.LittleEndian.Uint64(b[i:]))
		}
		if special != 0 {
			i += bits.TrailingZeros64(special) / 8
		} else {
			if quote < i {
				quote = i + indexOrLen(b[i:], '"')
			}
			next := i + indexOrLen(b[i:quote], '\\')
			i += controlFreePrefix(b[i:next])
		}
		if i >= len(b) {
			return 0, false, syntaxErr(len(b), fmt.Sprintf("unexpected end of input in string starting at column %d", start+1))
		}
		switch c := b[i]; c {
		case '"':
			return i + 1, escaped, nil
		case '\\':
			escaped = true
			if i+1 >= len(b) {
				return 0, false, syntaxErr(len(b), fmt.Sprintf("unexpected end of input in string starting at column %d", start+1))
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(b) {
						return 0, false, syntaxErr(len(b), fmt.Sprintf("unexpected end of input in string starting at column %d", start+1))
					}
					if hexVal(b[k]) < 0 {
						return 0, false, syntaxErr(k, "invalid character "+quoteChar(b[k])+` in \u hexadecimal character escape`)
					}
				}
				i += 6
			default:
				return 0, false, syntaxErr(i+1, "invalid character "+quoteChar(b[i+1])+" in string escape code")
			}
		default:
			return 0, false, syntaxErr(i, "invalid character "+quoteChar(c)+" in string literal (control characters must be escaped)")
		}
	}
}

// indexOrLen returns the index of the first c in b, or len(b) if there is
// none.
func indexOrLen(b []byte, c byte) int {
	if k := bytes.IndexByte(b, c); k >= 0 {
		return k
	}
	return len(b)
}

// controlFreePrefix returns the length of the longest prefix of b without a
// control character, testing 32 bytes at a time where it can.
func controlFreePrefix(b []byte) int {
	i := 0
	for ; i+32 <= len(b); i += 32 {
		w := b[i : i+32 : i+32]
		if (belowSpace(binary.LittleEndian.Uint64(w))|belowSpace(binary.LittleEndian.Uint64(w[8:]))|
			belowSpace(binary.LittleEndian.Uint64(w[16:]))|belowSpace(binary.LittleEndian.Uint64(w[24:])))&highBits != 0 {
			break
		}
	}
	for ; i+8 <= len(b); i += 8 {
		if m := controlBytes(binary.LittleEndian.Uint64(b[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	if i == len(b) {
		return i
	}
	if len(b) >= 8 {
		// The last eight bytes, overlapping ones without: the lowest
		// found is exact. A loop over the few bytes left ended once a
		// run between two escapes, and less predictably.
		if m := controlBytes(binary.LittleEndian.Uint64(b[len(b)-8:])); m != 0 {
			return len(b) - 8 + bits.TrailingZeros64(m)/8
		}
		return len(b)
	}
	for i < len(b) && b[i] >= 0x20 {
		i++
	}
	return i
}

// controlBytes returns x with the high bit set in each of its eight bytes
// that is a control character, and possibly in bytes above one that is: the
// lowest bit set is exact.
func controlBytes(x uint64) uint64 { return belowSpace(x) & highBits }

// belowSpace is controlBytes before the high bits are picked out of it, for
// a scan to pick them once out of several words.
func belowSpace(x uint64) uint64 { return (x - 0x2020202020202020) &^ x }

const highBits = 0x8080808080808080

// specialBytes returns x with the high bit set in each of its eight bytes
// that is not plain (see strPlain), '"', '\\' or a control character, and
// possibly in bytes above one that is: the lowest bit set is exact, which is
// what a scan needs to skip to the first special byte. Eight bytes at once
// make the long text fields of news records quick to write.
func specialBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := x^(ones*'"'), x^(ones*'\\')
	// (v - ones) &^ v has the high bit of a byte set when v has a zero byte;
	// with v = x and ones*0x20, when x has a byte below 0x20. A borrow only
	// ever spreads upwards, to the bytes above the first one found.
	return ((quote-ones)&^quote | (backslash-ones)&^backslash | controlBytes(x)) & highs
}

func hexVal(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// scanValue scans the value starting at b[i] inside a container at the given
// depth and returns the offset just past it.
func scanValue(b []byte, i, depth int) (int, error) {
	if i >= len(b) {
		return i, syntaxErr(i, "unexpected end of input")
	}
	switch c := b[i]; c {
	case '"':
		end, _, err := scanString(b, i)
		return end, err
	case '{', '[':
		if depth+1 > maxDepth {
			return i, syntaxErr(i, fmt.Sprintf("nesting deeper than %d levels", maxDepth))
		}
		if c == '{' {
			return scanObject(b, i, depth+1)
		}
		return scanArray(b, i, depth+1)
	case 't':
		return scanLiteral(b, i, "true")
	case 'f':
		return scanLiteral(b, i, "false")
	case 'n':
		return scanLiteral(b, i, "null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return scanNumber(b, i)
	default:
		return i, syntaxErr(i, "invalid character "+quoteChar(c)+" looking for beginning of value")
	}
}

func scanObject(b []byte, i, depth int) (int, error) {
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(b) {
			return i, syntaxErr(i, "unexpected end of input")
		}
		if b[i] != '"' {
			return i, syntaxErr(i, "invalid character "+quoteChar(b[i])+" looking for beginning of object key string")
		}
		end, _, err := scanString(b, i)
		if err != nil {
			return i, err
		}
		i = skipSpace(b, end)
		if i >= len(b) {
			return i, syntaxErr(i, "unexpected end of input")
		}
		if b[i] != ':' {
			return i, syntaxErr(i, "invalid character "+quoteChar(b[i])+" after object key")
		}
		if i, err = scanValue(b, skipSpace(b, i+1), depth); err != nil {
			return i, err
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return i, syntaxErr(i, "unexpected end of input")
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return i + 1, nil
		default:
			return i, syntaxErr(i, "invalid character "+quoteChar(b[i])+" after object key:value pair")
		}
	}
}

func scanArray(b []byte, i, depth int) (int, error) {
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return i + 1, nil
	}
	for {
		var err error
		if i, err = scanValue(b, i, depth); err != nil {
			return i, err
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return i, syntaxErr(i, "unexpected end of input")
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case ']':
			return i + 1, nil
		default:
			return i, syntaxErr(i, "invalid character "+quoteChar(b[i])+" after array element")
		}
	}
}

func scanLiteral(b []byte, i int, lit string) (int, error) {
	for k := 0; k < len(lit); k++ {
		if i+k >= len(b) {
			return i + k, syntaxErr(i+k, "unexpected end of input")
		}
		if b[i+k] != lit[k] {
			return i + k, syntaxErr(i+k, "invalid character "+quoteChar(b[i+k])+" in literal "+lit)
		}
	}
	return i + len(lit), nil
}

func scanNumber(b []byte, i int) (int, error) {
	if b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return i, syntaxErr(i, "unexpected end of input in number")
	}
	switch {
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i = skipDigits(b, i+1)
	default:
		return i, syntaxErr(i, "invalid character "+quoteChar(b[i])+" in numeric literal")
	}
	if i < len(b) && b[i] == '.' {
		if i+1 >= len(b) || !isDigit(b[i+1]) {
			return i + 1, numberErr(b, i+1, "after decimal point in numeric literal")
		}
		i = skipDigits(b, i+1)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || !isDigit(b[i]) {
			return i, numberErr(b, i, "in exponent of numeric literal")
		}
		i = skipDigits(b, i)
	}
	return i, nil
}

func numberErr(b []byte, i int, where string) error {
	if i >= len(b) {
		return syntaxErr(i, "unexpected end of input in number")
	}
	return syntaxErr(i, "invalid character "+quoteChar(b[i])+" "+where)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func skipDigits(b []byte, i int) int {
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	return i
}

// unquote decodes a JSON string literal exactly as encoding/json does (lone
// surrogates and each invalid UTF-8 byte become U+FFFD) but without
// json.Unmarshal's extra validation pass, which would halve throughput on long
// texts.
func unquote(q []byte) (string, error) {
	end, escaped, err := scanString(q, 0)
	if err != nil {
		return "", err
	}
	if end != len(q) {
		return "", syntaxErr(end, "invalid character "+quoteChar(q[end])+" after string")
	}
	return decodeString(nil, q[1:len(q)-1], escaped, false), nil
}

// maxKeptDecoded is the largest buffer decodeString keeps for the next
// string: a long news article has tens of kilobytes.
const maxKeptDecoded = 1 << 20

// decodeString decodes the contents of a validated JSON string literal,
// checking its UTF-8 unless validUTF8 says it is known to be valid. An
// escaped one is decoded in *scratch, when given, which keeps the buffer for
// the next: the string is then the only allocation.
func decodeString(scratch *[]byte, s []byte, escaped, validUTF8 bool) string {
	if !escaped && (validUTF8 || utf8.Valid(s)) {
		return string(s)
	}
	appendRun := func(dst, run []byte) []byte {
		if validUTF8 {
			return append(dst, run...)
		}
		return appendValidUTF8(dst, run)
	}
	var buf []byte
	if scratch != nil {
		buf = (*scratch)[:0]
	}
	buf = slices.Grow(buf, len(s))
	for {
		j := bytes.IndexByte(s, '\\')
		if j < 0 {
			buf = appendRun(buf, s)
			if scratch != nil && cap(buf) <= maxKeptDecoded {
				*scratch = buf
			}
			return string(buf)
		}
		buf = appendRun(buf, s[:j])
		// scanString guarantees a complete escape here.
		if c := s[j+1]; c != 'u' {
			buf = append(buf, unescaped[c])
			s = s[j+2:]
			continue
		}
		r := hex4(s[j+2:])
		if utf16.IsSurrogate(r) {
			if len(s) >= j+12 && s[j+6] == '\\' && s[j+7] == 'u' {
				if pair := utf16.DecodeRune(r, hex4(s[j+8:])); pair != utf8.RuneError {
					buf = utf8.AppendRune(buf, pair)
					s = s[j+12:]
					continue
				}
			}
			r = utf8.RuneError
		}
		buf = utf8.AppendRune(buf, r)
		s = s[j+6:]
	}
}

// unescaped is the byte each escape but \u stands for, looked up rather than
// found by a switch whose cases ('n', '"') went either way in a news text.
var unescaped = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// hex4 decodes the four hex digits, already validated, at the start of s.
func hex4(s []byte) rune {
	return hexVal(s[0])<<12 | hexVal(s[1])<<8 | hexVal(s[2])<<4 | hexVal(s[3])
}
