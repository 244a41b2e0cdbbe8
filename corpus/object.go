package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrMissingField is returned (wrapped, naming the field) when a record lacks
// a required field.
var ErrMissingField = errors.New("missing field")

// ErrNotString is returned (wrapped, naming the field and the JSON type found)
// when a field that must be a string holds another JSON type.
var ErrNotString = errors.New("not a string")

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
}

// Object is a JSON object split into its top-level fields. Values alias the
// bytes the object was parsed from; they are not copied.
type Object struct {
	Fields []Field // in input order; duplicate keys are kept
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
		if t := jsonType(b[i]); t != "" {
			return syntaxErr(i, "JSON value is "+t+", not an object")
		}
		return syntaxErr(i, "invalid character "+quoteChar(b[i])+" looking for beginning of object")
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
		keyStart := i
		end, escaped, err := scanString(b, i)
		if err != nil {
			return err
		}
		key, err := unquoteKey(b[keyStart:end], escaped)
		if err != nil {
			return syntaxErr(keyStart, err.Error())
		}
		i = skipSpace(b, end)
		if i == len(b) {
			return syntaxErr(i, "unexpected end of input")
		}
		if b[i] != ':' {
			return syntaxErr(i, "invalid character "+quoteChar(b[i])+" after object key")
		}
		i = skipSpace(b, i+1)
		valStart := i
		if i, err = scanValue(b, i, 1); err != nil {
			return err
		}
		o.Fields = append(o.Fields, Field{Key: key, Value: b[valStart:i:i]})
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

func checkTrailing(b []byte, i int) error {
	i = skipSpace(b, i)
	if i < len(b) {
		return syntaxErr(i, "invalid character "+quoteChar(b[i])+" after top-level object (trailing data)")
	}
	return nil
}

// unquoteKey takes the common case (no escapes, valid UTF-8) without
// encoding/json; otherwise it defers to encoding/json so that keys decode
// exactly as they would there.
func unquoteKey(q []byte, escaped bool) (string, error) {
	s := q[1 : len(q)-1]
	if !escaped && utf8.Valid(s) {
		return string(s), nil
	}
	var k string
	err := json.Unmarshal(q, &k)
	return k, err
}

// Get returns the value of the last field named key, matching which
// duplicate encoding/json would keep.
func (o *Object) Get(key string) (json.RawMessage, bool) {
	for i := len(o.Fields) - 1; i >= 0; i-- {
		if o.Fields[i].Key == key {
			return o.Fields[i].Value, true
		}
	}
	return nil, false
}

// StringField returns the unquoted string value of the field named key.
func (o *Object) StringField(key string) (string, error) {
	v, ok := o.Get(key)
	if !ok {
		return "", fmt.Errorf("field %q: %w", key, ErrMissingField)
	}
	if len(v) == 0 || v[0] != '"' {
		t := "empty"
		if len(v) > 0 {
			t = jsonType(v[0])
		}
		return "", fmt.Errorf("field %q is %s: %w", key, t, ErrNotString)
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
		end := len(raw) - 1
		for end >= 0 && raw[end] != '}' {
			end--
		}
		dst = append(dst, raw[:end]...)
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
		dst = appendString(dst, f.Key)
		dst = append(dst, ':')
		dst = append(dst, f.Value...)
		n++
	}
	return appendFields(dst, extra, n > 0)
}

// appendFields appends ,"key":value pairs and the closing brace.
func appendFields(dst []byte, fields []Field, comma bool) []byte {
	for _, f := range fields {
		if comma {
			dst = append(dst, ',')
		}
		comma = true
		dst = appendString(dst, f.Key)
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

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, as
// in encoding/json; unlike it, <, > and & are left alone (no HTML escaping).
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

func syntaxErr(off int, msg string) error {
	return &SyntaxError{Offset: off, Msg: msg}
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := fmt.Sprintf("%q", string(rune(c)))
	if c >= utf8.RuneSelf {
		s = fmt.Sprintf("%q", []byte{c}) // the byte, not U+0080..U+00FF
	}
	return "'" + s[1:len(s)-1] + "'"
}
