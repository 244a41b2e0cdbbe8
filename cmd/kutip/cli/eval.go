package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/pipeline/eval"
)

func evalCommand() *cli.Command {
	common := []cli.Flag{
		&cli.StringFlag{Name: "gold", Usage: "gold `FILE`"},
		&cli.StringFlag{Name: "pred", Usage: "score this `FILE` of extract output instead of running the pipeline"},
		&cli.BoolFlag{Name: "json", Usage: "print the scores as one JSON object"},
	}
	return &cli.Command{
		Name:   "eval",
		Usage:  "score entities or quotes against gold data (same figures as the reference scorers)",
		Action: commandGroup,
		Subcommands: []*cli.Command{
			{
				Name:  "ner",
				Usage: "entity-level P/R/F1 per label, exact spans",
				Description: "--gold is CoNLL (TOKEN [POS] TAG, space or tab separated, IOB1/IOB2, CRLF ok) or the JSONL\n" +
					"that conll_to_jsonl.py writes. The pipeline runs on the gold texts unless --pred is given.",
				Flags: append(append([]cli.Flag{
					&cli.IntFlag{Name: "per-doc", Value: 1, Usage: "CoNLL sentences per document"},
					errorsFlag("false positives and false negatives"),
				}, common...), gazetteerFlags()...),
				Action: evalNER,
			},
			{
				Name:  "quotes",
				Usage: "quote P/R/F1, speaker accuracy (strict, lenient), source accuracy",
				Description: "--gold is news-dev-gold style ({id, quotes}; the articles come from --text) or PFSA-ID style\n" +
					"(records carrying their text). The pipeline runs on the articles unless --pred is given.",
				Flags: append(append([]cli.Flag{
					&cli.StringFlag{Name: "text", Usage: "articles `FILE` (JSONL with id and text) for gold without texts"},
					errorsFlag("misses"),
					&cli.BoolFlag{Name: "calibration", Usage: "also show speaker accuracy by confidence band"},
				}, common...), gazetteerFlags()...),
				Action: evalQuotes,
			},
		},
	}
}

// errorsFlag is --errors N of both eval commands: list the first N of what
// the scores count as wrong.
func errorsFlag(what string) cli.Flag {
	return &cli.IntFlag{Name: "errors", Usage: "list the first `N` " + what}
}

func evalNER(c *cli.Context) error {
	goldPath := c.String("gold")
	if goldPath == "" {
		return commandUsageErrorf(c, "--gold FILE is required")
	}
	f, err := os.Open(goldPath)
	if err != nil {
		return commandUsageErrorf(c, "%v", err)
	}
	defer f.Close()
	var gold []eval.GoldDoc
	if strings.HasSuffix(goldPath, ".jsonl") {
		gold, err = eval.ReadNERGold(f, goldPath)
	} else {
		gold, err = eval.ReadCoNLL(f, goldPath, c.Int("per-doc"))
	}
	if err != nil {
		return err
	}
	pred, name, err := predictions(c, func(w io.Writer) error {
		for _, d := range gold {
			if err := writeArticle(w, d.ID, d.Text); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	entities, err := eval.ReadEntityPredictions(bytes.NewReader(pred), name)
	if err != nil {
		return err
	}
	res := eval.ScoreNER(gold, entities)
	if c.Bool("json") {
		return res.WriteJSON(c.App.Writer)
	}
	if err := res.WriteText(c.App.Writer); err != nil {
		return err
	}
	if n := c.Int("errors"); n > 0 {
		for _, e := range res.Errors[:min(n, len(res.Errors))] {
			fmt.Fprintf(c.App.Writer, "%s\t%s\t%s\t%d\t%d\t%s\n", e.DocID, e.Kind, e.Label, e.Start, e.End, e.Text)
		}
	}
	return nil
}

func evalQuotes(c *cli.Context) error {
	goldPath := c.String("gold")
	if goldPath == "" {
		return commandUsageErrorf(c, "--gold FILE is required")
	}
	f, err := os.Open(goldPath)
	if err != nil {
		return commandUsageErrorf(c, "%v", err)
	}
	defer f.Close()
	gold, err := eval.ReadQuoteGold(f, goldPath)
	if err != nil {
		return err
	}
	pred, name, err := predictions(c, func(w io.Writer) error { return articlesFor(c.String("text"), gold, w) })
	if err != nil {
		return err
	}
	quotes, err := eval.ReadQuotePredictions(bytes.NewReader(pred), name)
	if err != nil {
		return err
	}
	res := eval.ScoreQuotes(gold, quotes)
	if c.Bool("json") {
		return res.WriteJSON(c.App.Writer)
	}
	if err := res.WriteText(c.App.Writer, c.Int("errors")); err != nil {
		return err
	}
	if c.Bool("calibration") {
		fmt.Fprintln(c.App.Writer, "confidence  quotes  speaker strict  lenient")
		for _, b := range res.Calibration(0.1) {
			if b.Quotes > 0 {
				fmt.Fprintf(c.App.Writer, "%.1f–%.1f  %6d  %14.3f  %7.3f\n", b.Low, b.High, b.Quotes, b.Strict, b.Lenient)
			}
		}
	}
	return nil
}

// predictions returns extract output to score: the --pred file, or the
// pipeline's output on the articles that writeArticles writes as JSONL.
func predictions(c *cli.Context, writeArticles func(io.Writer) error) ([]byte, string, error) {
	if p := c.String("pred"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, "", usageErrorf("%v", err)
		}
		return data, p, nil
	}
	var articles bytes.Buffer
	if err := writeArticles(&articles); err != nil {
		return nil, "", err
	}
	g, err := loadGazetteer(c)
	if err != nil {
		return nil, "", err
	}
	r, err := corpus.NewReader(&articles)
	if err != nil {
		return nil, "", err
	}
	var out bytes.Buffer
	opts := extractOptions{quiet: true}
	opts.Gazetteer = g
	if err := extract(c.Context, opts, r, nil, &out, io.Discard); err != nil {
		if _, failed := err.(*failedError); !failed {
			return nil, "", err
		}
	}
	return out.Bytes(), "extract output", nil
}

// articlesFor writes the articles the quote gold needs: the records of the
// --text file whose ids the gold has (kept whole, so fields such as outlet
// reach the pipeline), or the texts the gold records carry.
func articlesFor(textPath string, gold []eval.GoldQuotes, w io.Writer) error {
	want := make(map[string]bool, len(gold))
	for _, g := range gold {
		want[g.ID] = true
	}
	if textPath == "" {
		for _, g := range gold {
			if g.Text == "" {
				return usageErrorf("kutip eval quotes: gold %q has no text: give the articles with --text FILE", g.ID)
			}
			if err := writeArticle(w, g.ID, g.Text); err != nil {
				return err
			}
		}
		return nil
	}
	r, err := corpus.NewReader(nil, textPath)
	if err != nil {
		return usageErrorf("kutip eval quotes: --text: %v", err)
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if rec.Raw == nil {
			continue
		}
		obj, err := corpus.ParseObject(rec.Raw)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", filepath.Base(rec.Source), rec.Line, err)
		}
		if id, _ := obj.StringField("id"); want[id] {
			w.Write(rec.Raw)
			w.Write([]byte{'\n'})
		}
	}
}

func writeArticle(w io.Writer, id, text string) error {
	line, err := json.Marshal(map[string]string{"id": id, "text": text})
	if err != nil {
		return err
	}
	_, err = w.Write(append(line, '\n'))
	return err
}
