package eval

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// testdata/ner.pred.jsonl against mixed.perdoc2.jsonl, worked out by hand:
//
//	s00000 PERSON  Joko Widodo tp; "Sergey" fp and Sergey Lavrov fn; 30-33 snaps over
//	       "Jakarta\nMenurut" fp; 31-32 covers only "\n" and is dropped
//	       PLACE   24-28 snaps to Jakarta tp; GPE Rusia Moskwa tp
//	       ORG     41-44 snaps to Polri tp; "Kemenlu Rusia" fp and Kemenlu fn
//	s00001 (the later record wins) 5-6 snaps to Ñoño in code points tp;
//	       B-ORG tp; Kompas TV tp; BBC News fn
//	s00002 missing: Al� Ghazali fn, Jaya fn
//
// ner.score.txt and ner.score.json are what score_ner.py printed.
func TestScoreNERMatchesPython(t *testing.T) {
	gold, err := ReadCoNLL(openTestdata(t, "mixed.conll"), "mixed.conll", 2)
	if err != nil {
		t.Fatal(err)
	}
	pred, err := ReadEntityPredictions(openTestdata(t, "ner.pred.jsonl"), "ner.pred.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	res := ScoreNER(gold, pred)

	var text, js bytes.Buffer
	if err := res.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := res.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if want := readTestdata(t, "ner.score.txt"); text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", &text, want)
	}
	if want := readTestdata(t, "ner.score.json"); js.String() != want {
		t.Errorf("json:\n%s\nwant:\n%s", &js, want)
	}

	wantErrors := []NERError{
		{"s00000", "fp", "PERSON", "Jakarta\nMenurut", 24, 39},
		{"s00000", "fn", "ORGANISATION", "Kemenlu", 50, 57},
		{"s00000", "fp", "ORGANISATION", "Kemenlu Rusia", 50, 63},
		{"s00000", "fp", "PERSON", "Sergey", 71, 77},
		{"s00000", "fn", "PERSON", "Sergey Lavrov", 71, 84},
		{"s00001", "fn", "PLACE", "BBC News", 25, 33},
		{"s00002", "fn", "PERSON", "Al\ufffd Ghazali", 0, 11},
		{"s00002", "fn", "ORGANISATION", "Jaya", 22, 26},
	}
	if !reflect.DeepEqual(res.Errors, wantErrors) {
		t.Errorf("errors:\n got %+v\nwant %+v", res.Errors, wantErrors)
	}
}

func TestScoreNER(t *testing.T) {
	doc := GoldDoc{ID: "e", Text: "Konser Java Jazz di Kemayoran", Entities: []Span{
		{Start: 7, End: 16, Label: "EVENT"}, {Start: 20, End: 29, Label: "PLACE"}}}
	tests := []struct {
		name        string
		pred        map[string][]PredEntity
		place, all  Score
		missingDocs int
	}{
		// score_ner.py: PLACE P 1.000 R 1.000 F1 1.000 (tp 1 fp 0 fn 0), ALL P 1.000 R 0.500 F1 0.667 (tp 1 fp 0 fn 1)
		{"a gold label outside the three counts in ALL only",
			map[string][]PredEntity{"e": {{20, 29, "LOCATION"}, {7, 11, "EVENT"}}},
			Score{1, 1, 1, 1, 0, 0}, Score{1, 0.5, 0.6667, 1, 0, 1}, 0},
		{"an empty document is not a missing one",
			map[string][]PredEntity{"e": nil},
			Score{0, 0, 0, 0, 0, 1}, Score{0, 0, 0, 0, 0, 2}, 0},
		{"missing document",
			map[string][]PredEntity{"other": {{20, 29, "PLACE"}}},
			Score{0, 0, 0, 0, 0, 1}, Score{0, 0, 0, 0, 0, 2}, 1},
		{"duplicates after snapping count once",
			map[string][]PredEntity{"e": {{20, 29, "PLACE"}, {21, 25, "LOC"}, {19, 29, "GPE"}}},
			Score{1, 1, 1, 1, 0, 0}, Score{1, 0.5, 0.6667, 1, 0, 1}, 0},
		{"a span across a space takes both tokens",
			map[string][]PredEntity{"e": {{18, 21, "PLACE"}}},
			Score{0, 0, 0, 0, 1, 1}, Score{0, 0, 0, 0, 1, 2}, 0},
		{"a span over spaces only or outside the text is dropped",
			map[string][]PredEntity{"e": {{16, 17, "PLACE"}, {29, 40, "PLACE"}, {25, 20, "PLACE"}}},
			Score{0, 0, 0, 0, 0, 1}, Score{0, 0, 0, 0, 0, 2}, 0},
	}
	for _, tt := range tests {
		res := ScoreNER([]GoldDoc{doc}, tt.pred)
		if res.ByLabel["PLACE"] != tt.place || res.ByLabel["ALL"] != tt.all || res.MissingDocs != tt.missingDocs {
			t.Errorf("%s: PLACE %+v ALL %+v missing %d; want %+v %+v %d", tt.name,
				res.ByLabel["PLACE"], res.ByLabel["ALL"], res.MissingDocs, tt.place, tt.all, tt.missingDocs)
		}
	}
}

func TestNewScore(t *testing.T) {
	// Python: round(p, 4), round(r, 4), round(2*p*r/(p+r), 4)
	tests := []struct {
		tp, fp, fn int
		want       Score
	}{
		{1, 31, 0, Score{0.0312, 1, 0.0606, 1, 31, 0}},
		{1, 2000, 0, Score{0.0005, 1, 0.001, 1, 2000, 0}},
		{2, 1, 1, Score{0.6667, 0.6667, 0.6667, 2, 1, 1}},
		{1, 0, 2, Score{1, 0.3333, 0.5, 1, 0, 2}},
		{0, 0, 0, Score{}},
	}
	for _, tt := range tests {
		if got := newScore(tt.tp, tt.fp, tt.fn); got != tt.want {
			t.Errorf("newScore(%d, %d, %d) = %+v, want %+v", tt.tp, tt.fp, tt.fn, got, tt.want)
		}
	}
}

func TestSnapToTokens(t *testing.T) {
	toks := whitespaceTokens([]rune("ab  cd\u00a0ef"))
	tests := []struct {
		start, end         int
		wantStart, wantEnd int
		ok                 bool
	}{
		{0, 1, 0, 2, true},
		{1, 5, 0, 6, true},
		{2, 4, 0, 0, false},
		{6, 7, 0, 0, false}, // NBSP is a space in Python
		{5, 8, 4, 9, true},
		{-5, 100, 0, 9, true},
	}
	for _, tt := range tests {
		s, e, ok := snapToTokens(tt.start, tt.end, toks)
		if s != tt.wantStart || e != tt.wantEnd || ok != tt.ok {
			t.Errorf("snap(%d, %d) = %d, %d, %v; want %d, %d, %v", tt.start, tt.end, s, e, ok, tt.wantStart, tt.wantEnd, tt.ok)
		}
	}
}

func TestReadNERGold(t *testing.T) {
	tests := []struct {
		name, in string
		wantIDs  []string
		wantErr  string
	}{
		{"a later duplicate replaces in place",
			`{"id": "a", "text": "x", "gold": {"entities": []}}` + "\n" +
				`{"id": "b", "text": "y", "gold": {"entities": []}}` + "\n" +
				`{"id": "a", "text": "z", "gold": {"entities": []}}` + "\n",
			[]string{"a", "b"}, ""},
		{"blank line", `{"id": "a", "text": "x", "gold": {"entities": []}}` + "\n\n", nil, "gold.jsonl:2: "},
		{"no id", `{"text": "x", "gold": {"entities": []}}`, nil, "gold.jsonl:1: id is null"},
		{"entity without end", `{"id": "a", "text": "x", "gold": {"entities": [{"start": 0, "label": "PLACE"}]}}`,
			nil, "gold.jsonl:1: gold.entities[0].end is null"},
	}
	for _, tt := range tests {
		docs, err := ReadNERGold(strings.NewReader(tt.in), "gold.jsonl")
		if tt.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want prefix %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		if err != nil || !reflect.DeepEqual(ids, tt.wantIDs) {
			t.Errorf("%s: ids %v, %v; want %v", tt.name, ids, err, tt.wantIDs)
		}
		if tt.name == "a later duplicate replaces in place" && docs[0].Text != "z" {
			t.Errorf("%s: first document text %q, want the later record's %q", tt.name, docs[0].Text, "z")
		}
	}
}

func TestReadEntityPredictions(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string][]PredEntity
		wantErr  string
	}{
		{"junk skipped, last record wins, entities null or missing are none",
			"not json\n" + `[1, 2]` + "\n" + `"text"` + "\n" +
				`{"id": "a", "entities": [{"start": 0, "end": 1, "label": "PER"}]}` + "\n" +
				`{"id": "a", "entities": [{"start": 2.0, "end": 3, "label": 5}]}` + "\n" +
				`{"id": "b", "entities": null}` + "\n" + `{"id": "c"}` + "\n" + `{"id": 7, "entities": [1]}`,
			map[string][]PredEntity{"a": {{2, 3, ""}}, "b": {}, "c": {}}, ""},
		{"entity without start", `{"id": "a", "entities": [{"end": 1, "label": "PER"}]}`,
			nil, "pred.jsonl:1: entities[0].start is null"},
		{"entities not a list", "\n" + `{"id": "a", "entities": {"x": 1}}`,
			nil, "pred.jsonl:2: entities is an object"},
		{"a line Python cannot test for an id", `5`, nil, "pred.jsonl:1: the line is the number 5"},
		{"a string holding id", `"valid"`, nil, "pred.jsonl:1: the line is a string"},
		{"invalid UTF-8", "{\"id\": \"\xff\"}", nil, "pred.jsonl:1: invalid UTF-8"},
	}
	for _, tt := range tests {
		got, err := ReadEntityPredictions(strings.NewReader(tt.in), "pred.jsonl")
		if tt.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want prefix %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}
