package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/eval"
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
	var entities map[string][]eval.PredEntity
	if p := c.String("pred"); p != "" {
		err = readPredictions(p, func(r io.Reader) (err error) { entities, err = eval.ReadEntityPredictions(r, p); return err })
	} else {
		var opts corpus.Options
		if opts, err = evalOptions(c); err == nil {
			entities, err = eval.PredictEntities(c.Context, opts, gold)
		}
	}
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
	var quotes map[string][]eval.PredQuote
	if p := c.String("pred"); p != "" {
		err = readPredictions(p, func(r io.Reader) (err error) { quotes, err = eval.ReadQuotePredictions(r, p); return err })
	} else {
		var opts corpus.Options
		var records [][]byte
		if opts, err = evalOptions(c); err == nil {
			if records, err = articlesFor(c.String("text"), gold); err == nil {
				quotes, err = eval.PredictQuotes(c.Context, opts, records)
			}
		}
	}
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

// readPredictions reads the --pred file at path with read.
func readPredictions(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return usageErrorf("%v", err)
	}
	defer f.Close()
	return read(f)
}

// evalOptions are the annotator's options for the articles eval scores:
// extract's defaults with the gazetteer flags.
func evalOptions(c *cli.Context) (corpus.Options, error) {
	g, err := loadGazetteer(c)
	return corpus.Options{Gazetteer: g}, err
}

// articlesFor returns the articles the quote gold is scored on: those of the
// --text file, or the texts the gold carries.
func articlesFor(textPath string, gold []eval.GoldQuotes) ([][]byte, error) {
	var articles *corpus.Reader
	if textPath != "" {
		r, err := corpus.NewReader(nil, textPath)
		if err != nil {
			return nil, usageErrorf("kutip eval quotes: --text: %v", err)
		}
		articles = r
	}
	records, err := eval.QuoteArticles(gold, articles)
	if errors.Is(err, eval.ErrNoText) {
		return nil, usageErrorf("kutip eval quotes: %v: give the articles with --text FILE", err)
	}
	return records, err
}
