package eval

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func openTestdata(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// testdata/mixed.conll has CRLF and a lone CR as line ends, tab- and
// space-separated columns, IOB1 and IOB2, a one-column line, invalid UTF-8
// and no final newline. mixed.perdocN.jsonl is what
// `conll_to_jsonl.py mixed.conll --per-doc N` printed.
func TestReadCoNLLMatchesPythonConverter(t *testing.T) {
	for _, tt := range []struct {
		perDoc int
		python string
	}{{1, "mixed.perdoc1.jsonl"}, {2, "mixed.perdoc2.jsonl"}} {
		got, err := ReadCoNLL(openTestdata(t, "mixed.conll"), "mixed.conll", tt.perDoc)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ReadNERGold(openTestdata(t, tt.python), tt.python)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("per doc %d:\n got %+v\nwant %+v", tt.perDoc, got, want)
		}
	}
}

func TestReadCoNLLFirstDocument(t *testing.T) {
	docs, err := ReadCoNLL(openTestdata(t, "mixed.conll"), "mixed.conll", 2)
	if err != nil {
		t.Fatal(err)
	}
	want := GoldDoc{
		ID:   "s00000",
		Text: "Presiden Joko Widodo ke Jakarta\nMenurut Polri dan Kemenlu Rusia Moskwa Sergey Lavrov hari",
		Entities: []Span{
			{9, 20, "PERSON", "Joko Widodo"},
			{24, 31, "PLACE", "Jakarta"},
			{40, 45, "ORGANISATION", "Polri"},   // IOB1: I- after O starts an entity
			{50, 57, "ORGANISATION", "Kemenlu"}, // O in between ends the previous one
			{58, 70, "PLACE", "Rusia Moskwa"},   // I- of another label starts one
			{71, 84, "PERSON", "Sergey Lavrov"}, // E-PER after it is not an entity tag
		},
	}
	if len(docs) != 3 || !reflect.DeepEqual(docs[0], want) {
		t.Errorf("got %d documents, first %+v\nwant 3, first %+v", len(docs), docs[0], want)
	}
}

func TestReadCoNLLSentences(t *testing.T) {
	tests := []struct {
		name, in, text string
		want           []Span
	}{
		{"IOB2", "Joko B-PER\nWidodo I-PER\ndatang O", "Joko Widodo datang",
			[]Span{{0, 11, "PERSON", "Joko Widodo"}}},
		{"B- splits one label", "Ani B-PER\nBudi B-PER", "Ani Budi",
			[]Span{{0, 3, "PERSON", "Ani"}, {4, 8, "PERSON", "Budi"}}},
		{"dropped label", "Java B-MISC\nJazz I-MISC\nAni I-PER", "Java Jazz Ani",
			[]Span{{10, 13, "PERSON", "Ani"}}},
		{"other prefixes end an entity", "Ani B-PER\nBudi S-PER\nCici I-PER", "Ani Budi Cici",
			[]Span{{0, 3, "PERSON", "Ani"}, {9, 13, "PERSON", "Cici"}}},
		{"tag without label", "Ani B\nBudi I-PER", "Ani Budi",
			[]Span{{4, 8, "PERSON", "Budi"}}},
		{"one column is its own tag", "B-LOC\nx O", "B-LOC x",
			[]Span{{0, 5, "PLACE", "B-LOC"}}},
		{"single-space split keeps empty columns", "Ani  B-PER\nBudi B-PER ", "Ani Budi",
			[]Span{{0, 3, "PERSON", "Ani"}}},
		{"tab separates, so a token may hold spaces", "New York\tB-GPE\nCity\tI-LOC", "New York City",
			[]Span{{0, 13, "PLACE", "New York City"}}},
		{"code-point offsets", "Ñoño B-ORGANIZATION\nÉ I-ORG", "Ñoño É",
			[]Span{{0, 6, "ORGANISATION", "Ñoño É"}}},
		{"labels are case-sensitive", "Ani b-PER\nBudi B-per", "Ani Budi", nil},
	}
	for _, tt := range tests {
		docs, err := ReadCoNLL(strings.NewReader(tt.in), "x", 1)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		want := []GoldDoc{{ID: "s00000", Text: tt.text, Entities: tt.want}}
		if !reflect.DeepEqual(docs, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, docs, want)
		}
	}
}

func TestReadCoNLLRejectsNoSentencesPerDocument(t *testing.T) {
	_, err := ReadCoNLL(strings.NewReader("Ani B-PER\n"), "train.txt", 0)
	if err == nil || !strings.HasPrefix(err.Error(), "train.txt:") {
		t.Errorf("err = %v, want one naming train.txt", err)
	}
}
