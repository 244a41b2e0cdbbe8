package eval

import (
	"fmt"
	"testing"
)

// Expected values in this file were printed by Python 3.11.

func TestPyLower(t *testing.T) {
	tests := []struct{ in, want string }{
		{"İbrahim", "i\u0307brahim"}, // two code points, unlike strings.ToLower
		{"ΟΔΟΣ", "οδος"},             // final sigma
		{"ΣΑ", "σα"},
		{"Σ", "σ"},       // no cased letter before it
		{"AΣ.", "aς."},   // '.' is case-ignorable
		{"AΣ.b", "aσ.b"}, // a cased letter follows
		{"ÀB Jakarta", "àb jakarta"},
	}
	for _, tt := range tests {
		if got := pyLower(tt.in); got != tt.want {
			t.Errorf("pyLower(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPyCharacterClasses(t *testing.T) {
	tests := []struct {
		r           rune
		space, word bool
	}{
		{' ', true, false},
		{'\u00a0', true, false},
		{'\x1c', true, false}, // a separator Go's unicode.IsSpace leaves out
		{'\u200b', false, false},
		{'_', false, true},
		{'é', false, true},
		{'\u0301', false, false}, // combining marks are not \w in Python
		{'٣', false, true},
		{'²', false, true},
		{'-', false, false},
		{'’', false, false},
	}
	for _, tt := range tests {
		if got := pyIsSpace(tt.r); got != tt.space {
			t.Errorf("pyIsSpace(%U) = %v, want %v", tt.r, got, tt.space)
		}
		if got := pyIsWordChar(tt.r); got != tt.word {
			t.Errorf("pyIsWordChar(%U) = %v, want %v", tt.r, got, tt.word)
		}
	}
}

func TestPyRound4(t *testing.T) {
	tests := []struct {
		x         float64
		want      float64
		printed3f string // '%.3f' % round(x, 4)
	}{
		{0.03125, 0.0312, "0.031"},    // an exact tie goes to even
		{1.0 / 2001, 0.0005, "0.001"}, // '%.3f' % x alone would print 0.000
		{0.99995, 1.0, "1.000"},       // the binary value lies above the tie
		{2.0 / 3, 0.6667, "0.667"},
		{0, 0, "0.000"},
	}
	for _, tt := range tests {
		got := pyRound4(tt.x)
		if got != tt.want || fmt.Sprintf("%.3f", got) != tt.printed3f {
			t.Errorf("pyRound4(%v) = %v printed %.3f, want %v printed %s", tt.x, got, got, tt.want, tt.printed3f)
		}
	}
}

func TestPyFloatRepr(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{1, "1.0"},
		{0, "0.0"},
		{0.0312, "0.0312"},
		{0.5, "0.5"},
		{0.6667, "0.6667"},
	}
	for _, tt := range tests {
		if got := pyFloatRepr(tt.x); got != tt.want {
			t.Errorf("pyFloatRepr(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestDecodeUTF8LikePython(t *testing.T) {
	// Python: bytes.decode('utf-8', 'replace')
	tests := []struct{ in, want string }{
		{"Ñoño", "Ñoño"},
		{"Al\xe0\xa0x", "Al\ufffdx"},           // a truncated sequence is one U+FFFD
		{"\xed\xa0\x80", "\ufffd\ufffd\ufffd"}, // an encoded surrogate is three
		{"\xf0\x9f\x98", "\ufffd"},
		{"\xff\xfe", "\ufffd\ufffd"},
		{"\xc0\x80", "\ufffd\ufffd"},
		{"a\xc3", "a\ufffd"},
		{"\xf4\x90\x80\x80", "\ufffd\ufffd\ufffd\ufffd"},
		{"\xef\xbf\xbd", "\ufffd"},
	}
	for _, tt := range tests {
		if got := decodeUTF8LikePython([]byte(tt.in)); got != tt.want {
			t.Errorf("decodeUTF8LikePython(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
