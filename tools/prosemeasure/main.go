// Command prosemeasure measures github.com/jdkato/prose/v2 against kutip's own
// stages on the project's development data, for the README's "Dependencies
// and why". It is a module of its own so that kutip does not depend on prose.
//
//	go run . tokens "Ustaz Ma'mun dan Mu'min hadir"
//	go run . segment /work/shared/data/quotes/pfsa-id-dev.jsonl
//	go run . ner /work/shared/data/ner/idner-news-2k/dev.txt > prose-ner.jsonl
//	kutip eval ner --gold /work/shared/data/ner/idner-news-2k/dev.txt --pred prose-ner.jsonl
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"github.com/kutip/kutip/corpus/eval"
	"github.com/kutip/kutip/pipeline"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: prosemeasure tokens TEXT | segment PFSA-ID.jsonl | ner CONLL")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "tokens":
		err = tokens(os.Args[2])
	case "segment":
		err = segment(os.Args[2])
	case "ner":
		err = ner(os.Args[2])
	default:
		err = fmt.Errorf("unknown measure %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "prosemeasure:", err)
		os.Exit(1)
	}
}

// tokens prints the tokens of text by prose and by kutip, one a line.
func tokens(text string) error {
	doc, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false), prose.WithSegmentation(false))
	if err != nil {
		return err
	}
	var words []string
	for _, t := range doc.Tokens() {
		words = append(words, t.Text)
	}
	fmt.Printf("prose: %q\n", words)
	d := &pipeline.Document{}
	d.Reset("", text)
	if err := (pipeline.Pipeline{pipeline.Normalize{}, pipeline.Tokenize{}}).Process(context.Background(), d); err != nil {
		return err
	}
	words = words[:0]
	for _, t := range d.Tokens {
		words = append(words, text[t.Start:t.End])
	}
	fmt.Printf("kutip: %q\n", words)
	return nil
}

// segment scores sentence boundaries on PFSA-ID's articles, whose corpus
// sentences are separated by "\n": both segmenters read the text with
// spaces for those, and a boundary is where a sentence after the first
// starts.
func segment(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	type score struct {
		tp, fp, fn int
		took       time.Duration
	}
	var proseScore, kutipScore score
	bytes := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	kutipSegmenter := pipeline.Pipeline{pipeline.Normalize{}, pipeline.Tokenize{}, pipeline.Segment{}}
	doc := &pipeline.Document{}
	for sc.Scan() {
		var rec struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return err
		}
		gold := map[int]bool{}
		for i, c := range rec.Text {
			if c == '\n' {
				gold[i+1] = true
			}
		}
		text := strings.ReplaceAll(rec.Text, "\n", " ")
		bytes += len(text)

		start := time.Now()
		pd, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false), prose.WithTokenization(false))
		if err != nil {
			return err
		}
		var starts []int
		at := 0
		for i, s := range pd.Sentences() {
			k := strings.Index(text[at:], strings.TrimSpace(s.Text))
			if k < 0 {
				return fmt.Errorf("%s: prose sentence %d not found in the text", rec.ID, i)
			}
			if i > 0 {
				starts = append(starts, at+k)
			}
			at += k + len(strings.TrimSpace(s.Text))
		}
		proseScore.took += time.Since(start)
		tally(&proseScore.tp, &proseScore.fp, &proseScore.fn, starts, gold)

		start = time.Now()
		doc.Reset(rec.ID, text)
		if err := kutipSegmenter.Process(context.Background(), doc); err != nil {
			return err
		}
		starts = starts[:0]
		for _, s := range doc.Sentences[min(1, len(doc.Sentences)):] {
			starts = append(starts, s.Start)
		}
		kutipScore.took += time.Since(start)
		tally(&kutipScore.tp, &kutipScore.fp, &kutipScore.fn, starts, gold)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for _, s := range []struct {
		name string
		score
	}{{"prose (Punkt)", proseScore}, {"kutip", kutipScore}} {
		p := float64(s.tp) / float64(s.tp+s.fp)
		r := float64(s.tp) / float64(s.tp+s.fn)
		fmt.Printf("%-14s boundaries P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)  %.1f MB/s\n",
			s.name, p, r, 2*p*r/(p+r), s.tp, s.fp, s.fn, float64(bytes)/1e6/s.took.Seconds())
	}
	return nil
}

func tally(tp, fp, fn *int, starts []int, gold map[int]bool) {
	found := map[int]bool{}
	for _, s := range starts {
		if gold[s] {
			*tp++
			found[s] = true
		} else {
			*fp++
		}
	}
	*fn += len(gold) - len(found)
}

// proseLabels maps prose's entity labels to kutip's; others are dropped.
var proseLabels = map[string]string{"PERSON": "PERSON", "GPE": "PLACE", "LOCATION": "PLACE", "ORGANIZATION": "ORGANISATION"}

// ner writes prose's entities in the documents kutip eval ner makes of a
// CoNLL file, as extract output (character offsets) for kutip eval ner
// --pred. prose gives entity texts without offsets: each is placed at its
// next occurrence in the text.
func ner(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gold, err := eval.ReadCoNLL(f, path, 1)
	if err != nil {
		return err
	}
	first, err := prose.NewDocument("Model.")
	if err != nil {
		return err
	}
	model := first.Model // loaded once, not for every document
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	type entity struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Label string `json:"label"`
		Text  string `json:"text"`
	}
	for _, g := range gold {
		doc, err := prose.NewDocument(g.Text, prose.UsingModel(model), prose.WithSegmentation(false))
		if err != nil {
			return err
		}
		entities := []entity{}
		at := 0
		for _, e := range doc.Entities() {
			label, ok := proseLabels[e.Label]
			k := strings.Index(g.Text[at:], e.Text)
			if !ok || k < 0 {
				continue
			}
			start := utf8.RuneCountInString(g.Text[:at+k])
			entities = append(entities, entity{start, start + utf8.RuneCountInString(e.Text), label, e.Text})
			at += k + len(e.Text)
		}
		if err := enc.Encode(struct {
			ID       string   `json:"id"`
			Entities []entity `json:"entities"`
		}{g.ID, entities}); err != nil {
			return err
		}
	}
	return nil
}
