package eval

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/kutip/kutip/corpus"
)

// Scoring documents straight from the Annotator reads what scoring its
// output would: the same character offsets, names, sources and rounded
// confidence.
func TestPredictionsEqualTheOutputs(t *testing.T) {
	gold := []GoldDoc{
		{ID: "a1", Text: "Menteri Luar Negeri Rusia, Sergey Lavrov, berbicara di Moskow — café ramai. “Kami tidak akan mundur,” kata Lavrov seperti dikutip dari Reuters.\n\nIa mengatakan bahwa kerja sama akan terus diperkuat."},
		{ID: "a2", Text: "\"Kami siap,\" kata Rina Hartati di Jakarta, Senin."},
		{ID: "a4", Text: "“Kami tidak akan mundur,” kata Sergey Lavrov seperti dikutip dari Reuters."},
		{ID: "a1", Text: "Rekaman yang kedua menggantikan yang pertama, kata Joko Widodo."},
	}
	var out bytes.Buffer
	a, err := corpus.NewAnnotator(corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	records := make([][]byte, len(gold))
	for i, d := range gold {
		records[i] = ArticleRecord(d.ID, d.Text)
		line, err := a.Annotate(context.Background(), nil, &corpus.Record{Source: "t", Line: i + 1, Raw: records[i]})
		if err != nil {
			t.Fatal(err)
		}
		out.Write(line)
	}
	wantEntities, err := ReadEntityPredictions(bytes.NewReader(out.Bytes()), "out")
	if err != nil {
		t.Fatal(err)
	}
	gotEntities, err := PredictEntities(context.Background(), corpus.Options{}, gold)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotEntities, wantEntities) {
		t.Errorf("entities\n got %+v\nwant %+v", gotEntities, wantEntities)
	}
	wantQuotes, err := ReadQuotePredictions(bytes.NewReader(out.Bytes()), "out")
	if err != nil {
		t.Fatal(err)
	}
	gotQuotes, err := PredictQuotes(context.Background(), corpus.Options{}, records)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotQuotes, wantQuotes) || len(gotQuotes["a2"]) == 0 || len(gotQuotes["a4"]) == 0 || len(gotQuotes["a4"][0].Sources) == 0 {
		t.Errorf("quotes\n got %+v\nwant %+v", gotQuotes, wantQuotes)
	}
}
