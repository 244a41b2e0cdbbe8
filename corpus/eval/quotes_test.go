package eval

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The fixtures, worked out by hand (*.score.txt and *.score.json are what
// score_quotes.py printed for them):
//
// quotes.gold.jsonl / quotes.pred.jsonl (news-dev-gold form):
//
//	dup  the later record replaces the first but keeps its place; no prediction: fn
//	a    10-50 "Pramono" for Pramono Anung: tp, lenient only; sources [] = []
//	     60-100 overlap 35 ≥ 20, speaker from text "sergey  LAVROV ": strict; sources fold equal, cited
//	     120-140: indirect and kind null are not scored; 125-200 overlaps 15 ≥ 10: tp,
//	     sources from "source": "Reuters" = ["Reuters"], cited
//	     200-260 "Presiden Bill Gates": lenient; "sources": null wins over "source": miss, cited
//	     300-320: fp
//	b    no_sources: Yusri for Komisaris Besar Yusri Yunus and Joko Widodo for Presiden are
//	     lenient (titles dropped); 5-15 is in don't-care; 20-25 touches it only: fp
//	c    no gold quotes: fp
//	d    0-20 and 20-40 tie on overlap 20 = half of 0-40: the first wins, speaker Budi for
//	     Ali misses; 20-40: fp
//	e    "PSSI" for "laman resmi PSSI" and "akun Instagram @pssi" for "Instagram @pssi":
//	     a leading laman/resmi/akun is dropped on both sides, so both are right; strict
//	⇒ tp 9 fp 4 fn 1; speaker strict 3/8 lenient 7/8; sources 6/7, where cited 4/5
//
// pfsa.gold.jsonl / pfsa.pred.jsonl (PFSA-ID form):
//
//	pfsa/1  Yusri Yunus and KOMISARIS BESAR YUSRI YUNUS for speaker_full Komisaris Besar
//	        Yusri Yunus and speaker Yusri: lenient; the unannotated quote is don't-care
//	pfsa/2  Presiden Joko Widodo for Joko Widodo: lenient; ibrahim for İbrahim: Python
//	        lower-cases İ to "i̇", so no match; the third quote is missed; 0-1: fp
//	⇒ tp 4 fp 1 fn 1; speaker strict 0/4 lenient 3/4; no sources scored
func TestScoreQuotesMatchesPython(t *testing.T) {
	tests := []struct {
		fixture    string
		wantMisses []QuoteMiss
	}{
		{"quotes", []QuoteMiss{
			{"dup", "missed quote", GoldQuote{5, 25, "Y", []string{"Kompas"}}, ""},
			{"a", "sources []", GoldQuote{200, 260, "Bill Gates", []string{"CNBC"}}, ""},
			{"d", `speaker "Budi"`, GoldQuote{0, 40, "Ali", []string{}}, ""},
		}},
		{"pfsa", []QuoteMiss{
			{"pfsa/2", `speaker "ibrahim"`, GoldQuote{51, 67, "İbrahim", nil}, "Kami tidak takut"},
			{"pfsa/2", "missed quote", GoldQuote{85, 137, "İbrahim", nil}, "Ini sudah terlalu lama dan harus segera diselesaikan"},
		}},
	}
	for _, tt := range tests {
		gold, err := ReadQuoteGold(openTestdata(t, tt.fixture+".gold.jsonl"), tt.fixture+".gold.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		pred, err := ReadQuotePredictions(openTestdata(t, tt.fixture+".pred.jsonl"), tt.fixture+".pred.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		res := ScoreQuotes(gold, pred)
		var text, js bytes.Buffer
		if err := res.WriteText(&text, 0); err != nil {
			t.Fatal(err)
		}
		if err := res.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		if want := readTestdata(t, tt.fixture+".score.txt"); text.String() != want {
			t.Errorf("%s text:\n%s\nwant:\n%s", tt.fixture, &text, want)
		}
		if want := readTestdata(t, tt.fixture+".score.json"); js.String() != want {
			t.Errorf("%s json:\n%s\nwant:\n%s", tt.fixture, &js, want)
		}
		if !reflect.DeepEqual(res.Misses, tt.wantMisses) {
			t.Errorf("%s misses:\n got %#v\nwant %#v", tt.fixture, res.Misses, tt.wantMisses)
		}
	}
}

func TestScoreQuotesWithoutPredictions(t *testing.T) {
	gold, err := ReadQuoteGold(openTestdata(t, "quotes.gold.jsonl"), "quotes.gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := ScoreQuotes(gold, nil).WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	// score_quotes.py prints quote_f1 as the integer 0 here.
	want := `{"quote_p": 0.0, "quote_r": 0.0, "quote_f1": 0, "tp": 0, "fp": 0, "fn": 10, "speaker_strict": 0.0, ` +
		`"speaker_lenient": 0.0, "source_acc": 0.0, "source_acc_where_cited": 0.0, "cited": 0}` + "\n"
	if js.String() != want {
		t.Errorf("got  %swant %s", &js, want)
	}
}

func TestQuoteResultWriteTextShow(t *testing.T) {
	res := QuoteResult{Misses: []QuoteMiss{
		{"a", "missed quote", GoldQuote{1, 9, "Ani", []string{"CNN", "BBC"}}, "halo semua"},
		{"b", `speaker "Budi"`, GoldQuote{2, 5, "", nil}, ""},
		{"c", "sources []", GoldQuote{3, 4, "Cici", []string{"Reuters"}}, ""},
	}}
	tests := []struct {
		show      int
		wantLines []string
	}{
		{0, nil},
		{2, []string{
			"a\tmissed quote\tgold 1-9 speaker \"Ani\" sources [\"CNN\", \"BBC\"] text \"halo semua\"",
			"b\tspeaker \"Budi\"\tgold 2-5 speaker (none) sources []"}},
		{-2, []string{"a\tmissed quote\tgold 1-9 speaker \"Ani\" sources [\"CNN\", \"BBC\"] text \"halo semua\""}},
		{-5, nil},
		{10, []string{
			"a\tmissed quote\tgold 1-9 speaker \"Ani\" sources [\"CNN\", \"BBC\"] text \"halo semua\"",
			"b\tspeaker \"Budi\"\tgold 2-5 speaker (none) sources []",
			"c\tsources []\tgold 3-4 speaker \"Cici\" sources [\"Reuters\"]"}},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := res.WriteText(&b, tt.show); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if got := lines[3:]; !slices.Equal(got, tt.wantLines) {
			t.Errorf("show %d: got %q, want %q", tt.show, got, tt.wantLines)
		}
	}
}

func TestFoldAndWords(t *testing.T) {
	// Python: fold(s), sorted(words(s))
	tests := []struct {
		in, folded string
		words      []string
	}{
		{"  Sergey \t LAVROV\u00a0 ", "sergey lavrov", []string{"lavrov", "sergey"}},
		{"İbrahim", "i\u0307brahim", []string{"brahim", "i"}},
		{"M. Nuh_2", "m. nuh_2", []string{"m", "nuh_2"}},
		{"Ma’ruf Amin", "ma’ruf amin", []string{"amin", "ma", "ruf"}},
		{"Jose\u0301 Ramos-Horta", "jose\u0301 ramos-horta", []string{"horta", "jose", "ramos"}},
		{"", "", nil},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.folded {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.folded)
		}
		if got := sortedKeys(words(tt.in)); !slices.Equal(got, tt.words) {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.words)
		}
	}
}

func TestSourceFold(t *testing.T) {
	// Python: source_fold(s)
	tests := []struct{ in, want string }{
		{"laman resmi PSSI", "pssi"},
		{"Laman  Resmi\tPSSI", "pssi"},
		{"akun Instagram @polresbogor", "instagram @polresbogor"},
		{"kanal YouTube Pemprov Jawa Tengah", "youtube pemprov jawa tengah"},
		{"Media Sosial  X", "x"},
		{"website kemlu.go.id", "kemlu.go.id"},
		{"web site", "site"},
		{"lamanan X", "lamanan x"},
		{"laman", "laman"},
		{"Website", "website"},
		{"resmi laman akun situs kanal Kompas", "kompas"},
		{"situs\u00a0SIPP PN Jakpus", "sipp pn jakpus"},
	}
	for _, tt := range tests {
		if got := sourceFold(tt.in); got != tt.want {
			t.Errorf("sourceFold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadQuotePredictions(t *testing.T) {
	tests := []struct {
		name, quote string
		want        PredQuote
	}{
		{"no kind is direct", `{"start": 1, "end": 2}`, PredQuote{Start: 1, End: 2, Kind: "direct", Speaker: ""}},
		{"null kind is not direct", `{"start": 1, "end": 2, "kind": null}`, PredQuote{Start: 1, End: 2, Kind: "", Speaker: ""}},
		{"speaker text when the name is empty", `{"start": 1, "end": 2, "speaker": {"name": "", "text": "katanya"}}`,
			PredQuote{Start: 1, End: 2, Kind: "direct", Speaker: "katanya"}},
		{"speaker as a string", `{"start": 1, "end": 2, "speaker": "Ani"}`, PredQuote{Start: 1, End: 2, Kind: "direct", Speaker: "Ani"}},
		{"sources key present but null hides source", `{"start": 1, "end": 2, "sources": null, "source": "CNN"}`,
			PredQuote{Start: 1, End: 2, Kind: "direct", Speaker: ""}},
		{"source as a string", `{"start": 1, "end": 2, "source": "CNN"}`, PredQuote{Start: 1, End: 2, Kind: "direct", Speaker: "", Sources: []string{"CNN"}}},
		{"sources as one object", `{"start": 1, "end": 2, "sources": {"text": "BBC"}}`, PredQuote{Start: 1, End: 2, Kind: "direct", Speaker: "", Sources: []string{"BBC"}}},
		{"false entries skipped, an object without names kept", `{"start": 1, "end": 2, "sources": ["", {}, null, {"id": "x"}, " ", "CNN"]}`,
			PredQuote{Start: 1, End: 2, Kind: "direct", Speaker: "", Sources: []string{"", " ", "CNN"}}},
	}
	for _, tt := range tests {
		in := `{"id": "a", "quotes": [` + tt.quote + `]}`
		pred, err := ReadQuotePredictions(strings.NewReader(in), "pred.jsonl")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := pred["a"]; len(got) != 1 || !reflect.DeepEqual(got[0], tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, got, tt.want)
		}
	}
}

func TestReadQuotePredictionsErrors(t *testing.T) {
	tests := []struct{ name, in, wantErr string }{
		{"speaker neither text nor object", "\n" + `{"id": "a", "quotes": [{"start": 1, "end": 2, "speaker": 5}]}`,
			"pred.jsonl:2: quotes[0].speaker is the number 5"},
		{"source item a list", `{"id": "a", "quotes": [{"start": 1, "end": 2, "sources": [["CNN"]]}]}`,
			"pred.jsonl:1: quotes[0].sources[0] is a list"},
		{"sources a number", `{"id": "a", "quotes": [{"start": 1, "end": 2, "sources": 0}]}`,
			"pred.jsonl:1: quotes[0].sources is the number 0"},
		{"quote not an object", `{"id": "a", "quotes": ["x"]}`, "pred.jsonl:1: quotes[0] is a string"},
		{"id a list", `{"id": ["a"], "quotes": []}`, "pred.jsonl:1: id is a list"},
	}
	for _, tt := range tests {
		_, err := ReadQuotePredictions(strings.NewReader(tt.in), "pred.jsonl")
		if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want prefix %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestReadQuoteGold(t *testing.T) {
	in := `{"id": "p", "text": "”Kami siap,” kata Yusri. ”Ya,” kata Ani.", "gold": {"quotes": [` +
		`{"start": 1, "end": 10, "speaker": "Yusri", "speaker_full": null}, ` +
		`{"start": 1, "end": 10, "speaker": "Yusri", "speaker_full": "Yusri Yunus"}], ` +
		`"unannotated_quotes": [{"start": 26, "end": 28}]}}` + "\n" +
		`{"id": "n", "quotes": [{"start": 0, "end": 5, "speaker": "", "sources": ["CNN", null]}]}` + "\n" +
		`{"id": "m", "no_sources": 1, "dontcare": [[3, 4]], "quotes": [{"start": 0, "end": 5}]}` + "\n"
	got, err := ReadQuoteGold(strings.NewReader(in), "gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := []GoldQuotes{
		{ID: "p", NoSources: true, DontCare: [][2]int{{26, 28}}, Text: "”Kami siap,” kata Yusri. ”Ya,” kata Ani.",
			Quotes: []GoldQuote{{1, 10, "Yusri", nil}, {1, 10, "Yusri Yunus", nil}}},
		{ID: "n", Quotes: []GoldQuote{{0, 5, "", []string{"CNN", ""}}}},
		{ID: "m", NoSources: true, DontCare: [][2]int{{3, 4}}, Quotes: []GoldQuote{{0, 5, "", nil}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

func TestReadQuoteGoldErrors(t *testing.T) {
	tests := []struct{ name, in, wantErr string }{
		{"not JSON", `{"id": "a", "quotes": []}` + "\n" + `{"id"`, "gold.jsonl:2: "},
		{"no sources where they are scored", `{"id": "a", "quotes": [{"start": 0, "end": 5}]}`,
			"gold.jsonl:1: quotes[0].sources is null"},
		{"PFSA quote without start", `{"id": "a", "gold": {"quotes": [{"end": 5}]}}`,
			"gold.jsonl:1: gold.quotes[0].start is null"},
		{"PFSA gold null", `{"id": "a", "gold": null}`, "gold.jsonl:1: gold is null"},
		{"speaker a number", `{"id": "a", "quotes": [{"start": 0, "end": 5, "speaker": 3, "sources": []}]}`,
			"gold.jsonl:1: quotes[0].speaker is the number 3"},
		{"bad don't-care pair", `{"id": "a", "dontcare": [[1]], "quotes": []}`, "gold.jsonl:1: dontcare[0]"},
	}
	for _, tt := range tests {
		_, err := ReadQuoteGold(strings.NewReader(tt.in), "gold.jsonl")
		if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want prefix %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestCalibration(t *testing.T) {
	res := QuoteResult{Judged: []SpeakerJudgement{
		{Confidence: 0.95, Strict: true, Lenient: true},
		{Confidence: 0.9, Strict: false, Lenient: true},
		{Confidence: 1.0, Strict: true, Lenient: true}, // 1 falls in the top band
		{Confidence: 0.3, Strict: false, Lenient: false},
	}}
	bands := res.Calibration(0.5)
	if len(bands) != 2 {
		t.Fatalf("%d bands", len(bands))
	}
	if b := bands[1]; b.Low != 0.5 || b.High != 1 || b.Quotes != 3 || b.Strict != 0.6667 || b.Lenient != 1 {
		t.Errorf("top band = %+v", b)
	}
	if b := bands[0]; b.Quotes != 1 || b.Strict != 0 || b.Lenient != 0 {
		t.Errorf("bottom band = %+v", b)
	}
}
