package eval

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sort"
)

// PredEntity is a system entity; offsets count code points, end exclusive.
type PredEntity struct {
	Start, End int
	Label      string
}

// Score is one line of the NER report; P, R and F1 are rounded to 4 decimals.
type Score struct {
	P, R, F1   float64
	TP, FP, FN int
}

// NERResult holds the scores of score_ner.py and the entities behind them.
type NERResult struct {
	ByLabel     map[string]Score // PERSON, PLACE, ORGANISATION and ALL
	MissingDocs int              // gold documents with no prediction record
	Errors      []NERError       // false positives and negatives, in gold order
}

// NERError is one false positive ("fp") or false negative ("fn"); a false
// positive's span is the prediction snapped to tokens.
type NERError struct {
	DocID, Kind, Label, Text string
	Start, End               int
}

var nerLabels = []string{"PERSON", "PLACE", "ORGANISATION"}

// predLabels maps the label variants a system may emit, as score_ner.py does.
var predLabels = map[string]string{
	"LOC": "PLACE", "LOCATION": "PLACE", "GPE": "PLACE", "PER": "PERSON",
	"ORG": "ORGANISATION", "ORGANIZATION": "ORGANISATION",
}

type entityKey struct {
	start, end int
	label      string
}

// ScoreNER scores predictions against gold as score_ner.py does: a predicted
// span becomes the whitespace tokens it overlaps, and a true positive is an
// exact (start, end, label) match. Gold labels are taken as they are, so a
// label outside the three counts only towards ALL. A key present in pred with
// no entities is a document predicted empty, not a missing one.
func ScoreNER(gold []GoldDoc, pred map[string][]PredEntity) NERResult {
	tp, fp, fn := map[string]int{}, map[string]int{}, map[string]int{}
	var res NERResult
	for _, g := range gold {
		runes := []rune(g.Text)
		toks := whitespaceTokens(runes)
		goldSet := map[entityKey]bool{}
		for _, e := range g.Entities {
			goldSet[entityKey{e.Start, e.End, e.Label}] = true
		}
		predicted, ok := pred[g.ID]
		if !ok {
			res.MissingDocs++
		}
		predSet := map[entityKey]bool{}
		for _, e := range predicted {
			label := e.Label
			if mapped, ok := predLabels[label]; ok {
				label = mapped
			}
			start, end, ok := snapToTokens(e.Start, e.End, toks)
			if ok && slices.Contains(nerLabels, label) {
				predSet[entityKey{start, end, label}] = true
			}
		}
		var docErrors []NERError
		for k := range predSet {
			if goldSet[k] {
				tp[k.label]++
			} else {
				fp[k.label]++
				docErrors = append(docErrors, nerError(g.ID, "fp", k, runes))
			}
		}
		for k := range goldSet {
			if !predSet[k] {
				fn[k.label]++
				docErrors = append(docErrors, nerError(g.ID, "fn", k, runes))
			}
		}
		slices.SortFunc(docErrors, func(a, b NERError) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
				cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Label, b.Label))
		})
		res.Errors = append(res.Errors, docErrors...)
	}
	res.ByLabel = map[string]Score{}
	for _, label := range nerLabels {
		res.ByLabel[label] = newScore(tp[label], fp[label], fn[label])
	}
	res.ByLabel["ALL"] = newScore(sum(tp), sum(fp), sum(fn))
	return res
}

func sum(counts map[string]int) int {
	total := 0
	for _, n := range counts {
		total += n
	}
	return total
}

func nerError(docID, kind string, k entityKey, runes []rune) NERError {
	return NERError{DocID: docID, Kind: kind, Label: k.label, Start: k.start, End: k.end,
		Text: sliceRunes(runes, k.start, k.end)}
}

// newScore computes P, R and F1 in score_ner.py's order of operations; the
// F1 uses the unrounded P and R.
func newScore(tp, fp, fn int) Score {
	var p, r, f1 float64
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r != 0 {
		f1 = 2 * p * r / (p + r)
	}
	return Score{P: pyRound4(p), R: pyRound4(r), F1: pyRound4(f1), TP: tp, FP: fp, FN: fn}
}

type tokenSpan struct{ start, end int }

// whitespaceTokens returns the code-point spans of the runs of non-space
// characters (Python's \S+).
func whitespaceTokens(runes []rune) []tokenSpan {
	var toks []tokenSpan
	start := -1
	for i, r := range runes {
		switch {
		case pyIsSpace(r) && start >= 0:
			toks = append(toks, tokenSpan{start, i})
			start = -1
		case !pyIsSpace(r) && start < 0:
			start = i
		}
	}
	if start >= 0 {
		toks = append(toks, tokenSpan{start, len(runes)})
	}
	return toks
}

// snapToTokens widens [start, end) to the tokens it overlaps (a < end and
// start < b). Tokens are sorted, so those tokens are a contiguous run.
func snapToTokens(start, end int, toks []tokenSpan) (int, int, bool) {
	first := sort.Search(len(toks), func(i int) bool { return toks[i].end > start })
	last := sort.Search(len(toks), func(i int) bool { return toks[i].start >= end }) - 1
	if first > last {
		return 0, 0, false
	}
	return toks[first].start, toks[last].end, true
}

// sliceRunes is Python's text[start:end] for non-negative offsets: clamped.
func sliceRunes(runes []rune, start, end int) string {
	start, end = max(0, min(start, len(runes))), max(0, min(end, len(runes)))
	if start >= end {
		return ""
	}
	return string(runes[start:end])
}

// WriteText writes the report lines of score_ner.py.
func (r NERResult) WriteText(w io.Writer) error {
	for _, label := range append(slices.Clone(nerLabels), "ALL") {
		s := r.ByLabel[label]
		if _, err := fmt.Fprintf(w, "%-13s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n",
			label, s.P, s.R, s.F1, s.TP, s.FP, s.FN); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "missing docs: %d\n", r.MissingDocs)
	return err
}

// WriteJSON writes the line score_ner.py --json prints, byte for byte.
func (r NERResult) WriteJSON(w io.Writer) error {
	out := "{"
	for _, label := range append(slices.Clone(nerLabels), "ALL") {
		s := r.ByLabel[label]
		out += fmt.Sprintf(`"%s": {"p": %s, "r": %s, "f1": %s, "tp": %d, "fp": %d, "fn": %d}, `,
			label, pyFloatRepr(s.P), pyFloatRepr(s.R), pyFloatRepr(s.F1), s.TP, s.FP, s.FN)
	}
	_, err := fmt.Fprintf(w, "%s\"missing_docs\": %d}\n", out, r.MissingDocs)
	return err
}

// ReadNERGold reads gold documents in the JSONL form conll_to_jsonl.py
// writes: {"id", "text", "gold": {"entities": [{start, end, label}]}}. A later
// record with an id seen before replaces it in its first position.
func ReadNERGold(r io.Reader, name string) ([]GoldDoc, error) {
	return readByID(r, name, parseNERGold, func(d GoldDoc) string { return d.ID })
}

func parseNERGold(line []byte) (GoldDoc, error) {
	var doc GoldDoc
	v, err := decodeJSONLine(line)
	if err != nil {
		return doc, err
	}
	rec, err := objectValue(v, "the record")
	if err != nil {
		return doc, err
	}
	if doc.ID, err = stringValue(rec["id"], "id"); err != nil {
		return doc, err
	}
	if doc.Text, err = stringValue(rec["text"], "text"); err != nil {
		return doc, err
	}
	g, err := objectValue(rec["gold"], "gold")
	if err != nil {
		return doc, err
	}
	entities, ok := g["entities"].([]any)
	if !ok {
		return doc, fmt.Errorf("gold.entities is %s, want a list", describe(g["entities"]))
	}
	runes := []rune(doc.Text)
	for i, item := range entities {
		what := fmt.Sprintf("gold.entities[%d]", i)
		e, err := objectValue(item, what)
		if err != nil {
			return doc, err
		}
		var s Span
		if s.Start, err = offsetValue(e["start"], what+".start"); err != nil {
			return doc, err
		}
		if s.End, err = offsetValue(e["end"], what+".end"); err != nil {
			return doc, err
		}
		if s.Label, err = stringValue(e["label"], what+".label"); err != nil {
			return doc, err
		}
		s.Text = sliceRunes(runes, s.Start, s.End)
		doc.Entities = append(doc.Entities, s)
	}
	return doc, nil
}

// ReadEntityPredictions reads the entities of `kutip extract` output. Like
// score_ner.py it skips lines that are not JSON or have no id, and a later
// record with the same id replaces an earlier one. Every record with an id
// is a key of the result, with or without entities.
func ReadEntityPredictions(r io.Reader, name string) (map[string][]PredEntity, error) {
	return readPredictions(r, name, parseEntities)
}

// readPredictions reads the prediction records of extract output and parses
// each with parse, keyed by id.
func readPredictions[T any](r io.Reader, name string, parse func(object) ([]T, error)) (map[string][]T, error) {
	records, err := readPredictionRecords(r, name)
	if err != nil {
		return nil, err
	}
	pred := make(map[string][]T, len(records))
	for id, rec := range records {
		items, err := parse(rec.fields)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, rec.line, err)
		}
		pred[id] = items
	}
	return pred, nil
}

func parseEntities(rec object) ([]PredEntity, error) {
	items, err := listValue(rec["entities"], "entities")
	if err != nil {
		return nil, err
	}
	entities := make([]PredEntity, 0, len(items))
	for i, item := range items {
		what := fmt.Sprintf("entities[%d]", i)
		e, err := objectValue(item, what)
		if err != nil {
			return nil, err
		}
		var p PredEntity
		if p.Start, err = offsetValue(e["start"], what+".start"); err != nil {
			return nil, err
		}
		if p.End, err = offsetValue(e["end"], what+".end"); err != nil {
			return nil, err
		}
		p.Label, _ = e["label"].(string) // any other label is dropped
		entities = append(entities, p)
	}
	return entities, nil
}
