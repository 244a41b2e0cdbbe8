package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestParseObjectAccepts(t *testing.T) {
	deep := strings.Repeat("[", maxDepth-1) + strings.Repeat("]", maxDepth-1)
	tests := []struct {
		name string
		in   string
		want []Field
	}{
		{"empty object", `{}`, nil},
		{"empty object with spaces", " \t{ \r\n} \n", nil},
		{"flat", `{"a":1,"b":"x"}`, []Field{{Key: "a", Value: raw(`1`)}, {Key: "b", Value: raw(`"x"`)}}},
		{"duplicate keys kept in order", `{"a":1,"b":2,"a":3}`, []Field{{Key: "a", Value: raw(`1`)}, {Key: "b", Value: raw(`2`)}, {Key: "a", Value: raw(`3`)}}},
		{"nested values kept verbatim", `{"a":{"b":[1,{"c":null}]} , "d" : true}`,
			[]Field{{Key: "a", Value: raw(`{"b":[1,{"c":null}]}`)}, {Key: "d", Value: raw(`true`)}}},
		{"escaped key", `{"\u0074ext":"x"}`, []Field{{Key: "text", Value: raw(`"x"`)}}},
		{"surrogate pair key", `{"\ud83d\ude00":1}`, []Field{{Key: "😀", Value: raw(`1`)}}},
		{"non-ASCII key", `{"kalimat_é":1}`, []Field{{Key: "kalimat_é", Value: raw(`1`)}}},
		{"escaped NUL and control characters are text", `{"t":"a\u0000b\u001f\n"}`, []Field{{Key: "t", Value: raw(`"a\u0000b\u001f\n"`)}}},
		{"numbers", `{"a":-0.5e+10,"b":0,"c":1E5,"d":-12}`,
			[]Field{{Key: "a", Value: raw(`-0.5e+10`)}, {Key: "b", Value: raw(`0`)}, {Key: "c", Value: raw(`1E5`)}, {Key: "d", Value: raw(`-12`)}}},
		{"literals and empty containers", `{"t":true,"f":false,"n":null,"o":{},"l":[]}`,
			[]Field{{Key: "t", Value: raw(`true`)}, {Key: "f", Value: raw(`false`)}, {Key: "n", Value: raw(`null`)}, {Key: "o", Value: raw(`{}`)}, {Key: "l", Value: raw(`[]`)}}},
		// encoding/json accepts this too; the Reader repairs such bytes first.
		{"invalid UTF-8 inside a string", "{\"t\":\"a\xffb\"}", []Field{{Key: "t", Value: raw("\"a\xffb\"")}}},
		{"deepest nesting encoding/json allows", `{"a":` + deep + `}`, []Field{{Key: "a", Value: raw(deep)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !json.Valid([]byte(tt.in)) {
				t.Fatalf("test input is not valid JSON: %.60q", tt.in)
			}
			o, err := ParseObject([]byte(tt.in))
			if err != nil {
				t.Fatalf("ParseObject(%.60q): %v", tt.in, err)
			}
			if len(o.Fields) != len(tt.want) {
				t.Fatalf("got %d fields %q, want %d", len(o.Fields), o.Fields, len(tt.want))
			}
			for i, f := range o.Fields {
				if f.Key != tt.want[i].Key || !bytes.Equal(f.Value, tt.want[i].Value) {
					t.Errorf("field %d = %q: %.60s, want %q: %.60s", i, f.Key, f.Value, tt.want[i].Key, tt.want[i].Value)
				}
			}
		})
	}
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }

func TestParseObjectRejects(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantCol int
		wantMsg string
	}{
		{"empty input", ``, 1, "unexpected end of input"},
		{"only spaces", `   `, 4, "unexpected end of input"},
		{"not json", `not json`, 2, "invalid character 'o' in literal null"},
		{"bare word", `foo`, 2, "invalid character 'o' in literal false"},
		{"array then garbage", `[1] x`, 5, "trailing data"},
		{"byte order mark", "\ufeff{}", 1, "invalid character byte 0xef"},
		{"trailing garbage", `{"a":1} x`, 9, "trailing data"},
		{"second object", `{"a":1}{"b":2}`, 8, "trailing data"},
		{"trailing comma", `{"a":1,}`, 8, "looking for beginning of object key string"},
		{"missing colon", `{"a" 1}`, 6, "after object key"},
		{"unquoted key", `{a:1}`, 2, "invalid character 'a' looking for beginning of object key string"},
		{"single quotes", `{'a':1}`, 2, `invalid character '''`},
		{"leading zero", `{"a":01}`, 7, "invalid character '1' after object key:value pair"},
		{"bare decimal point", `{"a":1.}`, 8, "after decimal point"},
		{"empty exponent", `{"a":1e+}`, 9, "in exponent"},
		{"minus alone", `{"a":-}`, 7, "in numeric literal"},
		{"plus sign", `{"a":+1}`, 6, "looking for beginning of value"},
		{"NaN", `{"a":NaN}`, 6, "looking for beginning of value"},
		{"misspelt literal", `{"a":tru}`, 9, "in literal true"},
		{"unknown escape", `{"a":"\x"}`, 8, "in string escape code"},
		{"bad unicode escape", `{"a":"\u12G4"}`, 11, `in \u hexadecimal`},
		{"raw tab in string", "{\"a\":\"x\ty\"}", 8, "control characters must be escaped"},
		{"raw newline in key", "{\"a\nb\":1}", 4, "control characters must be escaped"},
		{"unterminated string", `{"a":"abc`, 10, "unexpected end of input in string starting at column 6"},
		{"unterminated escape", `{"a":"abc\`, 11, "unexpected end of input in string"},
		{"truncated unicode escape", `{"a":"\u12`, 11, "unexpected end of input in string"},
		{"unclosed object", `{"a":1`, 7, "unexpected end of input"},
		{"unclosed array", `{"a":[1,2}`, 10, "after array element"},
		{"missing value", `{"a":}`, 6, "looking for beginning of value"},
		{"nested bad value", `{"a":{"b":[1,x]}}`, 14, "looking for beginning of value"},
		{"too deep", `{"a":` + strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth) + `}`, 5 + maxDepth, "nesting deeper than 10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if json.Valid([]byte(tt.in)) && strings.HasPrefix(strings.TrimSpace(tt.in), "{") {
				t.Fatalf("test input is a valid JSON object: %.60q", tt.in)
			}
			o, err := ParseObject([]byte(tt.in))
			if err == nil {
				t.Fatalf("ParseObject(%.60q) accepted it as %q", tt.in, o.Fields)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if se.Offset+1 != tt.wantCol {
				t.Errorf("error %q: column %d, want %d", err, se.Offset+1, tt.wantCol)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("column %d: ", tt.wantCol)) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q, want column %d and %q", err, tt.wantCol, tt.wantMsg)
			}
		})
	}
}

func TestParseObjectNamesTheTypeOfANonObject(t *testing.T) {
	for in, want := range map[string]string{
		` [1,2]`: "JSON value is an array, not an object",
		`"s"`:    "JSON value is a string, not an object",
		`12 `:    "JSON value is a number, not an object",
		`null`:   "JSON value is null, not an object",
		`false`:  "JSON value is a boolean, not an object",
	} {
		_, err := ParseObject([]byte(in))
		if !errors.Is(err, ErrNotObject) || err.Error() != want {
			t.Errorf("ParseObject(%q) = %v, want %q", in, err, want)
		}
	}
}

// TestParseObjectAgreesWithJSONValidOnSingleByteEdits replaces, inserts and
// deletes every byte value at every position of small objects covering the
// grammar, and checks that ParseObject accepts exactly what json.Valid
// accepts. Random fuzzing rarely hits e.g. a single wrong escape letter.
func TestParseObjectAgreesWithJSONValidOnSingleByteEdits(t *testing.T) {
	templates := []string{
		`{"a":[1.5e+3,-0,"x\n\u00e9",true,false,null,{}],"b":{"c":[]}}`,
		`{"k\"":"\\\/\b\f\r\t\ud83d\ude00"}`,
		` {"n":-12.0E-1} `,
	}
	check := func(in []byte) {
		_, err := ParseObject(in)
		wantOK := json.Valid(in) && bytes.HasPrefix(bytes.TrimLeft(in, " \t\r\n"), []byte("{"))
		if (err == nil) != wantOK {
			t.Errorf("ParseObject(%q) error = %v, but json.Valid says valid object = %v", in, err, wantOK)
		}
	}
	for _, tmpl := range templates {
		for i := 0; i <= len(tmpl); i++ {
			if i < len(tmpl) {
				check([]byte(tmpl[:i] + tmpl[i+1:]))
			}
			for c := 0; c < 256; c++ {
				if i < len(tmpl) {
					check([]byte(tmpl[:i] + string(byte(c)) + tmpl[i+1:]))
				}
				check([]byte(tmpl[:i] + string(byte(c)) + tmpl[i:]))
			}
		}
	}
}

func TestParseReusesObjectAndEmptiesItOnError(t *testing.T) {
	var o Object
	if err := o.Parse([]byte(`{"a":1,"b":2}`)); err != nil {
		t.Fatal(err)
	}
	if err := o.Parse([]byte(`{"c":3}`)); err != nil || len(o.Fields) != 1 || o.Fields[0].Key != "c" {
		t.Fatalf("second Parse: fields %q, err %v; want only c", o.Fields, err)
	}
	if err := o.Parse([]byte(`{"d":4,`)); err == nil || len(o.Fields) != 0 {
		t.Fatalf("failed Parse: fields %q, err %v; want no fields and an error", o.Fields, err)
	}
}

func TestGetReturnsLastDuplicate(t *testing.T) {
	o := mustParse(t, `{"a":1,"b":2,"a":3}`)
	tests := []struct {
		key    string
		want   string
		wantOK bool
	}{
		{"a", "3", true}, // the one encoding/json keeps
		{"b", "2", true},
		{"c", "", false},
	}
	for _, tt := range tests {
		v, ok := o.Get(tt.key)
		if string(v) != tt.want || ok != tt.wantOK {
			t.Errorf("Get(%q) = %s, %v; want %s, %v", tt.key, v, ok, tt.want, tt.wantOK)
		}
	}
}

func mustParse(t testing.TB, s string) *Object {
	t.Helper()
	o, err := ParseObject([]byte(s))
	if err != nil {
		t.Fatalf("ParseObject(%q): %v", s, err)
	}
	return o
}

func TestStringFieldDecodesLikeEncodingJSON(t *testing.T) {
	tests := []struct {
		name  string
		value string // JSON string literal
		want  string
	}{
		{"plain", `"Jakarta"`, "Jakarta"},
		{"empty", `""`, ""},
		{"non-ASCII", `"café – “ya”"`, "café – “ya”"},
		{"simple escapes", `"a\nb\"c\\d\/e\b\f\r\t"`, "a\nb\"c\\d/e\b\f\r\t"},
		{"unicode escape", `"caf\u00e9 \u00E9"`, "café é"},
		{"escaped NUL", `"a\u0000b"`, "a\x00b"},
		{"surrogate pair", `"\ud83d\ude00!"`, "😀!"},
		{"lone high surrogate", `"\ud83dx"`, "\uFFFDx"},
		{"lone low surrogate", `"\ude00x"`, "\uFFFDx"},
		{"high surrogate then non-surrogate escape", `"\ud83d\u0041"`, "\uFFFDA"},
		{"two high surrogates", `"\ud83d\ud83d\ude00"`, "\uFFFD😀"},
		{"surrogate then escaped backslash", `"\ud83d\\u0041"`, "\uFFFD\\u0041"},
		{"invalid UTF-8, one U+FFFD per byte", "\"a\xe2\x82b\xff\"", "a\uFFFD\uFFFDb\uFFFD"},
		{"invalid UTF-8 next to an escape", "\"\xff\\n\xfe\"", "\uFFFD\n\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mustParse(t, `{"text":`+tt.value+`}`)
			got, err := o.StringField("text")
			if err != nil {
				t.Fatalf("StringField: %v", err)
			}
			if got != tt.want {
				t.Errorf("StringField = %q, want %q", got, tt.want)
			}
			var viaJSON string
			if err := json.Unmarshal([]byte(tt.value), &viaJSON); err != nil {
				t.Fatal(err)
			}
			if got != viaJSON {
				t.Errorf("StringField = %q, encoding/json gives %q", got, viaJSON)
			}
		})
	}
}

func TestStringFieldErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr error
		wantMsg string
	}{
		{"missing", `{"title":"x"}`, ErrMissingField, `missing field "text"`},
		{"number", `{"text":12}`, ErrNotString, `field "text" is a number, not a string`},
		{"null", `{"text":null}`, ErrNotString, `field "text" is null, not a string`},
		{"array", `{"text":["a"]}`, ErrNotString, `field "text" is an array, not a string`},
		{"object", `{"text":{}}`, ErrNotString, `field "text" is an object, not a string`},
		{"boolean", `{"text":false}`, ErrNotString, `field "text" is a boolean, not a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mustParse(t, tt.in).StringField("text")
			if !errors.Is(err, tt.wantErr) || err == nil || err.Error() != tt.wantMsg {
				t.Errorf("StringField error = %v, want %q wrapping %v", err, tt.wantMsg, tt.wantErr)
			}
		})
	}
}

func TestStringFieldRejectsHandBuiltInvalidValue(t *testing.T) {
	// Values normally come from Parse; one built by hand must still neither
	// panic nor be decoded silently.
	for _, v := range []string{`"abc`, `"a"b"`, "\"a\x01\"", `"\u12"`, `"`} {
		o := &Object{Fields: []Field{{Key: "text", Value: raw(v)}}}
		if s, err := o.StringField("text"); err == nil {
			t.Errorf("StringField of value %q = %q, want an error", v, s)
		}
	}
}

func TestStringFieldDecodesHandBuiltValue(t *testing.T) {
	// A field built by hand was not scanned by Parse: StringField scans it.
	o := &Object{Fields: []Field{{Key: "text", Value: raw(`"kata\n\"dia\""`)}}}
	if s, err := o.StringField("text"); err != nil || s != "kata\n\"dia\"" {
		t.Errorf("StringField = %q, %v; want %q", s, err, "kata\n\"dia\"")
	}
}

func TestStringFieldAfterValueReplaced(t *testing.T) {
	// What parsing learnt of a value does not outlive the value.
	o := mustParse(t, `{"text":"plain"}`)
	o.Fields[0].Value = raw(`"a\nb"`)
	if s, err := o.StringField("text"); err != nil || s != "a\nb" {
		t.Errorf("StringField = %q, %v; want %q", s, err, "a\nb")
	}
	o.Fields[0].Value = raw(`"`)
	if s, err := o.StringField("text"); err == nil {
		t.Errorf("StringField of a broken replacement = %q, want an error", s)
	}
}

func TestAppendRecord(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		extra []Field
		want  string
	}{
		{"no extra copies input", `{"id":"1","text":"x"}`, nil, `{"id":"1","text":"x"}`},
		{"extra appended in order", `{"id":"1","text":"x"}`, []Field{{Key: "tokens", Value: raw(`[]`)}, {Key: "quotes", Value: raw(`[1]`)}},
			`{"id":"1","text":"x","tokens":[],"quotes":[1]}`},
		{"input order and spacing kept", `{ "b" : 1 , "a":{"z":1, "y":2} }`, []Field{{Key: "c", Value: raw(`3`)}},
			`{ "b" : 1 , "a":{"z":1, "y":2},"c":3}`},
		{"whitespace around the object and before its brace", " \t{\"a\":1 \t\r\n}\r\n", []Field{{Key: "b", Value: raw(`2`)}}, `{"a":1,"b":2}`},
		{"empty object", `{}`, []Field{{Key: "a", Value: raw(`1`)}}, `{"a":1}`},
		{"empty object with spaces", `{ }`, []Field{{Key: "a", Value: raw(`1`)}}, `{"a":1}`},
		{"empty object no extra", `{}`, nil, `{}`},
		{"collision replaced", `{"id":"1","quotes":[9],"text":"x"}`, []Field{{Key: "quotes", Value: raw(`[]`)}},
			`{"id":"1","text":"x","quotes":[]}`},
		{"collision drops every duplicate", `{"q":1,"id":"1","q":2}`, []Field{{Key: "q", Value: raw(`3`)}}, `{"id":"1","q":3}`},
		{"collision on escaped key", `{"\u0071":1,"id":"1"}`, []Field{{Key: "q", Value: raw(`3`)}}, `{"id":"1","q":3}`},
		{"only field collides", `{"q":1}`, []Field{{Key: "q", Value: raw(`3`)}}, `{"q":3}`},
		{"key needing escapes", `{"a":1}`, []Field{{Key: "x\"y\\z\n\x01<", Value: raw(`2`)}}, `{"a":1,"x\"y\\z\n\u0001<":2}`},
		{"empty extra value written as null", `{"a":1}`, []Field{{Key: "b"}}, `{"a":1,"b":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mustParse(t, tt.in)
			prefix := "previous record\n"
			out := AppendRecord([]byte(prefix), []byte(tt.in), o, tt.extra)
			if !strings.HasPrefix(string(out), prefix) {
				t.Fatalf("AppendRecord overwrote dst: %q", out)
			}
			got := out[len(prefix):]
			if string(got) != tt.want {
				t.Errorf("AppendRecord = %s, want %s", got, tt.want)
			}
			if !json.Valid(got) {
				t.Fatalf("output is not valid JSON: %s", got)
			}
			want := decode(t, []byte(tt.in))
			for _, f := range tt.extra {
				v := f.Value
				if len(v) == 0 {
					v = raw("null")
				}
				want[f.Key] = decodeValue(t, v)
			}
			if gotV := decode(t, got); !reflect.DeepEqual(gotV, want) {
				t.Errorf("output decodes to %v, want %v", gotV, want)
			}
		})
	}
}

func decode(t testing.TB, b []byte) map[string]any {
	t.Helper()
	m, ok := decodeValue(t, b).(map[string]any)
	if !ok {
		t.Fatalf("%s is not an object", b)
	}
	return m
}

// decodeValue decodes exactly (numbers as json.Number).
func decodeValue(t testing.TB, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decoding %q: %v", b, err)
	}
	return v
}

// FuzzParseObject checks ParseObject against encoding/json: it accepts
// exactly the valid JSON objects, and what it returns unquotes, copies and
// annotates to the same values.
func FuzzParseObject(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1,"a":[true,null,{"b":-1.5e3}]}`, `{"\u0074":"\ud83d\ude00\n"}`,
		`[1]`, `{"a":01}`, "{\"t\":\"\xff\"}", string(synthLine(3, 300))} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		o, err := ParseObject(in)
		isObject := json.Valid(in) && bytes.HasPrefix(bytes.TrimLeft(in, " \t\r\n"), []byte("{"))
		if err != nil {
			if isObject {
				t.Fatalf("rejected a valid JSON object: %v", err)
			}
			return
		}
		if !isObject {
			t.Fatalf("accepted %q, which is not a valid JSON object", in)
		}
		want := decode(t, in)
		if got := decode(t, AppendRecord(nil, in, o, nil)); !reflect.DeepEqual(got, want) {
			t.Fatalf("AppendRecord without extra decodes to %v, want %v", got, want)
		}
		if len(o.Fields) > 0 {
			// Replacing a key exercises the re-encoding path.
			k := o.Fields[0].Key
			out := AppendRecord(nil, in, o, []Field{{Key: k, Value: raw(`"new"`)}})
			want[k] = "new"
			if got := decode(t, out); !reflect.DeepEqual(got, want) {
				t.Fatalf("AppendRecord replacing %q gives %s, decoding to %v, want %v", k, out, got, want)
			}
		}
		for _, fl := range o.Fields {
			if fl.Value[0] != '"' {
				continue
			}
			got, err := (&Object{Fields: []Field{fl}}).StringField(fl.Key)
			var viaJSON string
			jsonErr := json.Unmarshal(fl.Value, &viaJSON)
			if err != nil || jsonErr != nil || got != viaJSON {
				t.Fatalf("StringField of %q = %q, %v; encoding/json gives %q, %v", fl.Value, got, err, viaJSON, jsonErr)
			}
		}
	})
}

// synthLine returns a JSONL record shaped like a news article: a few short
// fields and a text of at least textLen bytes (as encoded) with non-ASCII
// letters and escapes. The words are made up for the test.
func synthLine(id, textLen int) []byte {
	words := []string{"kota", "warga", "pasar", "menteri", "berkata", "kemarin",
		"Sukamaju", "rapat", "jalan", "café", "naïve", "–", "“kutipan”", `\"kata\"`, `\n`, "Rp5.000", `\u00e9`}
	var text strings.Builder
	for i := 0; text.Len() < textLen; i++ {
		text.WriteString(words[(i*7+id)%len(words)])
		text.WriteByte(' ')
	}
	return fmt.Appendf(nil, `{"id":"art-%06d","url":"https://example.com/berita/%d","title":"Judul berita nomor %d","date":"2024-05-%02dT08:00:00+07:00","tags":["a","b"],"text":"%s"}`,
		id, id, id, id%28+1, text.String())
}

func TestSynthLineIsValidJSON(t *testing.T) {
	for _, id := range []int{0, 1, 16} {
		if line := synthLine(id, 3000); !json.Valid(line) {
			t.Errorf("synthLine(%d) is not valid JSON: %.200s", id, line)
		}
	}
}

func BenchmarkParseObject(b *testing.B) {
	line := synthLine(1, 3000)
	b.SetBytes(int64(len(line)))
	var o Object
	for b.Loop() {
		if err := o.Parse(line); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStringField measures unquoting the article text, the other
// per-record cost; compare BenchmarkStringFieldViaJSON.
func BenchmarkStringField(b *testing.B) {
	o, v := benchTextField(b)
	b.SetBytes(int64(len(v)))
	for b.Loop() {
		if _, err := o.StringField("text"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStringFieldViaJSON(b *testing.B) {
	_, v := benchTextField(b)
	b.SetBytes(int64(len(v)))
	for b.Loop() {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			b.Fatal(err)
		}
	}
}

func benchTextField(b *testing.B) (*Object, json.RawMessage) {
	o := mustParse(b, string(synthLine(1, 3000)))
	v, _ := o.Get("text")
	return o, v
}

func BenchmarkAppendRecord(b *testing.B) {
	line := synthLine(1, 3000)
	o := mustParse(b, string(line))
	extra := []Field{{Key: "tokens", Value: raw(`[[0,4],[5,10]]`)}, {Key: "quotes", Value: raw(`[]`)}}
	b.SetBytes(int64(len(line)))
	var out []byte
	for b.Loop() {
		out = AppendRecord(out[:0], line, o, extra)
	}
}

// specialBytes must find the first byte that strPlain says is special: a
// scan skips straight to it.
// controlFreePrefix stops exactly at the first control character, at each
// place of its 32- and 8-byte blocks, of the last eight bytes and of a run
// shorter than eight.
func TestControlFreePrefix(t *testing.T) {
	for _, control := range []byte{0, '\n', 0x1f} {
		for n := range 72 {
			for pos := range n + 1 {
				b := bytes.Repeat([]byte{'k'}, n)
				if pos < n {
					b[pos] = control
				}
				if got := controlFreePrefix(b); got != pos {
					t.Errorf("controlFreePrefix(%q) = %d, want %d", b, got, pos)
				}
			}
		}
	}
}

func TestSpecialBytesFindsTheFirstThatStrPlainRejects(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(x uint64) {
		want := 8
		for k := 7; k >= 0; k-- {
			if !strPlain[byte(x>>(8*k))] {
				want = k
			}
		}
		if got := bits.TrailingZeros64(specialBytes(x)) / 8; got != want {
			t.Fatalf("specialBytes(%#016x) finds byte %d first, want %d", x, got, want)
		}
	}
	for range 2000 {
		base := rng.Uint64()
		for k := range 8 {
			for c := range 256 {
				check(base&^(0xff<<(8*k)) | uint64(c)<<(8*k))
			}
		}
		plain := base | 0x2020202020202020 // no control bytes, few specials
		check(plain)
	}
}

// A reused Object takes the keys of the last record again where they are
// the same: each record's own keys must come out whatever came before.
func TestParseReusesKeysOnlyWhereTheyAreTheSame(t *testing.T) {
	var o Object
	for _, c := range []struct{ raw, keys string }{
		{`{"id":1,"text":2,"url":3}`, "id text url"},
		{`{"id":1,"text":2,"url":3}`, "id text url"},
		{`{"id":1,"teks":2,"url":3,"x":4}`, "id teks url x"},
		{`{"i\u0064":1,"text":2}`, "id text"},
		{`{"id":1,"t":2,"url":3}`, "id t url"},
	} {
		if err := o.Parse([]byte(c.raw)); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, f := range o.Fields {
			keys = append(keys, f.Key)
		}
		if got := strings.Join(keys, " "); got != c.keys {
			t.Errorf("%s: keys %s, want %s", c.raw, got, c.keys)
		}
	}
}
