package eval

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestForEachLineSplitsLikePython(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a\r\nb\rc\n\nd", []string{"a", "b", "c", "", "d"}},
		{"a\n", []string{"a"}},
		{"a\r", []string{"a"}},
		{"\r\r\n", []string{"", ""}},
		{"", nil},
	}
	for _, tt := range tests {
		// One byte at a time puts every "\r" at the end of the scanner's buffer.
		var got []string
		err := forEachLine(iotest.OneByteReader(strings.NewReader(tt.in)), "x", func(_ int, line []byte) error {
			got = append(got, string(line))
			return nil
		})
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("lines of %q = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestTruthy(t *testing.T) {
	tests := []struct {
		json string
		want bool
	}{
		{`null`, false}, {`false`, false}, {`0`, false}, {`0.0`, false}, {`""`, false}, {`[]`, false}, {`{}`, false},
		{`true`, true}, {`-1`, true}, {`" "`, true}, {`[0]`, true}, {`{"a": null}`, true},
	}
	for _, tt := range tests {
		v, err := decodeJSONLine([]byte(tt.json))
		if err != nil {
			t.Fatal(err)
		}
		if got := truthy(v); got != tt.want {
			t.Errorf("truthy(%s) = %v, want %v", tt.json, got, tt.want)
		}
	}
}

func TestOffsetValue(t *testing.T) {
	tests := []struct {
		json    string
		want    int
		wantErr bool
	}{
		{`12`, 12, false},
		{`-3`, -3, false},
		{`12.0`, 12, false},
		{`12.5`, 0, true},
		{`"12"`, 0, true},
		{`null`, 0, true},
	}
	for _, tt := range tests {
		var v any
		dec := json.NewDecoder(strings.NewReader(tt.json))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		got, err := offsetValue(v, "start")
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("offsetValue(%s) = %d, %v; want %d, error %v", tt.json, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestDecodeJSONLineRejects(t *testing.T) {
	for _, line := range []string{`{} {}`, `{"a": 1`, "{\"a\": \"\xff\"}", ``, `   `} {
		if _, err := decodeJSONLine([]byte(line)); err == nil {
			t.Errorf("decodeJSONLine(%q) succeeded, want an error as json.loads raises", line)
		}
	}
}
