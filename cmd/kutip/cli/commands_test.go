package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The expected figures were computed by the reference scorers
// (conll_to_jsonl.py + score_ner.py, score_quotes.py) on the same fixtures.
func TestEvalNER(t *testing.T) {
	code, out, stderr := run(t, "", "eval", "ner", "--gold", "testdata/eval.conll")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"PERSON        P 1.000 R 1.000 F1 1.000 (tp 1 fp 0 fn 0)",
		"ALL           P 1.000 R 1.000 F1 1.000 (tp 3 fp 0 fn 0)",
		"missing docs: 0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalQuotes(t *testing.T) {
	code, out, stderr := run(t, "", "eval", "quotes", "--gold", "testdata/eval-gold.jsonl", "--text", "testdata/eval-articles.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "quotes   P 1.000 R 1.000 F1 1.000 (tp 1 fp 0 fn 0)\n" +
		"speaker  strict 1.000 lenient 1.000 (of 1 matched with known speaker)\n" +
		"source   all 1.000  where cited 1.000 (1 cited)\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

func TestEvalQuotesScoresAPredictionFile(t *testing.T) {
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	// A prediction with the right span but another speaker and no source.
	if err := os.WriteFile(pred, []byte(`{"id":"a1","quotes":[{"start":1,"end":44,"speaker":{"name":"Budi"},"sources":[]}]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "", "eval", "quotes", "--gold", "testdata/eval-gold.jsonl", "--pred", pred)
	if code != 0 || !strings.Contains(out, "speaker  strict 0.000 lenient 0.000") || !strings.Contains(out, "source   all 0.000") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestEvalUsage(t *testing.T) {
	for _, args := range [][]string{{"eval", "ner"}, {"eval", "quotes", "--gold", "testdata/nope.jsonl"}} {
		if code, out, _ := run(t, "", args...); code != 2 || out != "" {
			t.Errorf("%v: exit %d, stdout %q", args, code, out)
		}
	}
}

func TestGazetteerLookup(t *testing.T) {
	code, out, stderr := run(t, "", "gazetteer", "lookup", "Lavrof", "Kemenlu")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Lavrof", "Lavrov", "fuzzy", "sergey-lavrov", "Kemenlu", "alias"} {
		if !strings.Contains(out, want) {
			t.Errorf("lookup output lacks %q:\n%s", want, out)
		}
	}
}

func TestGazetteerUserFileOverridesAndExtends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.tsv")
	data := "id\tlabel\tkind\tname\taliases\tparent\tdescription\n" +
		"rina-hartati\tPERSON\tofficial\tRina Hartati\tRina\tindonesia\tpejabat contoh\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "gazetteer", "lookup", "--gazetteer", path, "Rina Hartati")
	if code != 0 || !strings.Contains(out, "rina-hartati") {
		t.Errorf("exit %d, stderr %q:\n%s", code, stderr, out)
	}
	code, out, _ = run(t, "", "gazetteer", "validate", path)
	if code != 0 || !strings.Contains(out, "1 entries, 0 problems") {
		t.Errorf("validate: exit %d:\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.tsv")
	if err := os.WriteFile(bad, []byte(strings.Replace(data, "indonesia", "atlantis", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, "", "gazetteer", "validate", bad)
	if code != 1 || !strings.Contains(out, bad+":2: parent") {
		t.Errorf("validate of a bad parent: exit %d:\n%s", code, out)
	}
}
