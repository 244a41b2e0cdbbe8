package gazetteer

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestReadWikidata reads an invented dump in Wikidata's format, plain, gzip
// and bzip2: humans, organisations and places with an Indonesian or English
// label are kept, other items and properties are not, and bad lines are
// reported by number and skipped. The entries written as TSV read back.
func TestReadWikidata(t *testing.T) {
	const golden = "testdata/wikidata/entries.tsv"
	for _, path := range []string{"testdata/wikidata/dump.json", "testdata/wikidata/dump.json.gz", "testdata/wikidata/dump.json.bz2"} {
		f, err := OpenCompressed(path)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		w := NewTSVWriter(&out)
		var problems []string
		lines, err := ReadWikidata(f, "dump", []string{"id", "en"}, func(e Entry) error { return w.Write(&e) },
			func(err error) { problems = append(problems, err.Error()) })
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		wantProblems := []string{
			`dump:5: invalid entity: unexpected end of JSON input`,
			`dump:6: want a JSON object, got string`,
		}
		if lines != 11 || strings.Join(problems, "\n") != strings.Join(wantProblems, "\n") {
			t.Errorf("%s: %d lines, problems\n%s\nwant 11 lines,\n%s", path, lines, strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"))
		}
		if *update {
			if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if out.String() != string(want) {
			t.Errorf("%s: entries\n%s\nwant\n%s", path, out.String(), want)
		}
	}
	entries, err := ReadFile(golden)
	if err != nil || len(entries) != 4 || entries[1].Name != "Partai Harmoni Nusantara" || entries[1].Label != Organisation {
		t.Errorf("ReadFile(%s) = %+v, %v", golden, entries, err)
	}
}

// TestReadWikidataEnglishFirst: the order of the languages says which label
// is the name.
func TestReadWikidataEnglishFirst(t *testing.T) {
	dump := `[
{"type":"item","id":"Q1","labels":{"id":{"value":"Partai Harmoni"},"en":{"value":"Harmony Party"}},"claims":{"P31":[{"mainsnak":{"datavalue":{"value":{"id":"Q7278"}}}}]}}
]`
	var got []Entry
	_, err := ReadWikidata(strings.NewReader(dump), "d", []string{"en", "id"}, func(e Entry) error { got = append(got, e); return nil },
		func(err error) { t.Error(err) })
	if err != nil || len(got) != 1 || got[0].Name != "Harmony Party" || len(got[0].Aliases) != 1 || got[0].Aliases[0] != "Partai Harmoni" || got[0].Kind != "party" {
		t.Errorf("got %+v, %v", got, err)
	}
}
