package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// GoldQuote is one gold direct quote; offsets count code points.
type GoldQuote struct {
	Start, End int
	Speaker    string   // as annotated; empty when unknown
	Sources    []string // relaying media as annotated, unfolded
}

// GoldQuotes is the quote gold of one article.
type GoldQuotes struct {
	ID string
	// NoSources marks gold without source labels (PFSA-ID): sources are not
	// scored and ranks and titles are ignored in the lenient speaker match.
	NoSources bool
	DontCare  [][2]int // spans where an unmatched system quote is not a false positive
	Quotes    []GoldQuote
	Text      string // the article text when the gold record carries it
}

// PredQuote is one system quote.
type PredQuote struct {
	Start, End int
	Kind       string   // "direct" when the record has no kind; only "direct" is scored
	Speaker    string   // the speaker's name, or its text when the name is empty
	Sources    []string // each source's name, or its text when the name is empty
	Confidence float64  // the system's confidence, when it gives one
}

// titles are the ranks and titles that PFSA-ID full names include.
var titles = func() map[string]bool {
	set := map[string]bool{}
	for _, t := range strings.Fields("ajun komisaris besar brigadir jenderal inspektur kepala polisi ajun " +
		"ajunkomisaris letnan kolonel mayor jenderal laksamana marsekal presiden menteri gubernur bupati " +
		"wali kota wakil ketua") {
		set[t] = true
	}
	return set
}()

// ReadQuoteGold reads quote gold in either of the forms score_quotes.py
// reads, converting as it does: news-dev-gold lines {"id", "quotes": [{start,
// end, speaker, sources}], "no_sources"?, "dontcare"?} and PFSA-ID lines {"id",
// "text", "gold": {"quotes": [{start, end, speaker, speaker_full}],
// "unannotated_quotes": [{start, end}]}}, where the speaker is speaker_full
// or else speaker, unannotated quotes are don't-care and sources are not
// labelled. A later record with an id seen before replaces it in its first
// position.
func ReadQuoteGold(r io.Reader, name string) ([]GoldQuotes, error) {
	return readByID(r, name, parseQuoteGold, func(d GoldQuotes) string { return d.ID })
}

func parseQuoteGold(line []byte) (GoldQuotes, error) {
	var doc GoldQuotes
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
	doc.Text, _ = rec["text"].(string)
	if g, ok := rec["gold"]; ok {
		return parsePFSAGold(doc, g)
	}
	doc.NoSources = truthy(rec["no_sources"])
	if dontCare, ok := rec["dontcare"]; ok {
		pairs, ok := dontCare.([]any)
		if !ok {
			return doc, fmt.Errorf("dontcare is %s, want a list", describe(dontCare))
		}
		for i, item := range pairs {
			pair, ok := item.([]any)
			if !ok || len(pair) != 2 {
				return doc, fmt.Errorf("dontcare[%d] is not a [start, end] pair", i)
			}
			var span [2]int
			for k := range span {
				if span[k], err = offsetValue(pair[k], fmt.Sprintf("dontcare[%d][%d]", i, k)); err != nil {
					return doc, err
				}
			}
			doc.DontCare = append(doc.DontCare, span)
		}
	}
	doc.Quotes, err = parseGoldQuotes(rec["quotes"], "quotes", func(q object, gq *GoldQuote, what string) (err error) {
		if gq.Speaker, err = optionalString(q["speaker"], what+".speaker"); err != nil {
			return err
		}
		if !doc.NoSources {
			// Python reads the key only when scoring sources, and fails without it.
			sources, ok := q["sources"].([]any)
			if !ok {
				return fmt.Errorf("%s.sources is %s, want a list", what, describe(q["sources"]))
			}
			gq.Sources = []string{}
			for k, s := range sources {
				// Unlike a predicted source, a false gold source is not skipped: it folds to "".
				name, err := optionalString(s, fmt.Sprintf("%s.sources[%d]", what, k))
				if err != nil {
					return err
				}
				gq.Sources = append(gq.Sources, name)
			}
		}
		return nil
	})
	return doc, err
}

func parsePFSAGold(doc GoldQuotes, gold any) (GoldQuotes, error) {
	g, err := objectValue(gold, "gold")
	if err != nil {
		return doc, err
	}
	doc.NoSources = true
	if unannotated, ok := g["unannotated_quotes"]; ok {
		spans, err := parseGoldQuotes(unannotated, "gold.unannotated_quotes", nil)
		if err != nil {
			return doc, err
		}
		for _, span := range spans {
			doc.DontCare = append(doc.DontCare, [2]int{span.Start, span.End})
		}
	}
	doc.Quotes, err = parseGoldQuotes(g["quotes"], "gold.quotes", func(q object, gq *GoldQuote, what string) (err error) {
		gq.Speaker, err = optionalString(pyOr(q["speaker_full"], q["speaker"]), what+".speaker")
		return err
	})
	return doc, err
}

// parseGoldQuotes reads the list of gold quotes named what: each an object
// with start and end, whose other fields rest reads (if not nil).
func parseGoldQuotes(v any, what string, rest func(q object, gq *GoldQuote, what string) error) ([]GoldQuote, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s is %s, want a list", what, describe(v))
	}
	var quotes []GoldQuote
	for i, item := range list {
		what := fmt.Sprintf("%s[%d]", what, i)
		q, err := objectValue(item, what)
		if err != nil {
			return nil, err
		}
		var gq GoldQuote
		if gq.Start, err = offsetValue(q["start"], what+".start"); err != nil {
			return nil, err
		}
		if gq.End, err = offsetValue(q["end"], what+".end"); err != nil {
			return nil, err
		}
		if rest != nil {
			if err := rest(q, &gq, what); err != nil {
				return nil, err
			}
		}
		quotes = append(quotes, gq)
	}
	return quotes, nil
}

// ReadQuotePredictions reads the quotes of `kutip extract` output. Like
// score_quotes.py it skips lines that are not JSON or have no id, a later
// record with the same id replaces an earlier one, a quote without a kind is
// direct, and the sources come from "sources" when the key is present (even
// null) and otherwise from "source".
func ReadQuotePredictions(r io.Reader, name string) (map[string][]PredQuote, error) {
	return readPredictions(r, name, parseQuotes)
}

func parseQuotes(rec object) ([]PredQuote, error) {
	items, err := listValue(rec["quotes"], "quotes")
	if err != nil {
		return nil, err
	}
	quotes := make([]PredQuote, 0, len(items))
	for i, item := range items {
		what := fmt.Sprintf("quotes[%d]", i)
		q, err := objectValue(item, what)
		if err != nil {
			return nil, err
		}
		pq := PredQuote{Kind: "direct"}
		if kind, ok := q["kind"]; ok {
			pq.Kind, _ = kind.(string) // null or a non-string is not "direct"
		}
		if pq.Start, err = offsetValue(q["start"], what+".start"); err != nil {
			return nil, err
		}
		if pq.End, err = offsetValue(q["end"], what+".end"); err != nil {
			return nil, err
		}
		speaker := q["speaker"]
		if sp, ok := speaker.(object); ok {
			speaker = pyOr(sp["name"], sp["text"])
		}
		if pq.Speaker, err = optionalString(speaker, what+".speaker"); err != nil {
			return nil, err
		}
		if pq.Sources, err = parsePredSources(q, what); err != nil {
			return nil, err
		}
		if c, ok := q["confidence"].(json.Number); ok { // absent in other systems' output: 0
			pq.Confidence, _ = c.Float64()
		}
		quotes = append(quotes, pq)
	}
	return quotes, nil
}

// parsePredSources follows score_quotes.py's source_names: a single string
// or object counts as a list of one, false entries are skipped, and an
// object's name (or else text) is taken even when both are missing.
func parsePredSources(q object, what string) ([]string, error) {
	src, ok := q["sources"]
	if !ok {
		src = q["source"]
	}
	var items []any
	switch s := src.(type) {
	case nil:
	case string, object:
		items = []any{s}
	case []any:
		items = s
	default:
		return nil, fmt.Errorf("%s.sources is %s, want a list", what, describe(src))
	}
	var names []string
	for i, item := range items {
		if !truthy(item) {
			continue
		}
		if o, ok := item.(object); ok {
			item = pyOr(o["name"], o["text"])
		}
		name, err := optionalString(item, fmt.Sprintf("%s.sources[%d]", what, i))
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// QuoteResult holds the scores of score_quotes.py (rounded to 4 decimals)
// and the misses it lists.
type QuoteResult struct {
	P, R, F1   float64
	TP, FP, FN int
	// Of matched quotes with a known gold speaker (KnownSpeaker of them).
	SpeakerStrict, SpeakerLenient float64
	KnownSpeaker                  int
	// Of matched quotes in gold with sources, and of those with a gold source (Cited).
	SourceAcc, SourceAccWhereCited float64
	Cited                          int
	Misses                         []QuoteMiss
	// Judged is every matched quote with a known gold speaker, for
	// calibration: the predicted confidence and whether the speaker was right.
	Judged []SpeakerJudgement
}

// SpeakerJudgement is one matched quote's confidence and speaker verdicts.
type SpeakerJudgement struct {
	Confidence      float64
	Strict, Lenient bool
}

// QuoteMiss is a gold quote that was missed or got a wrong speaker or sources.
type QuoteMiss struct {
	DocID string
	What  string // "missed quote", `speaker "…"` or `sources ["…", "…"]` (the predicted value)
	Gold  GoldQuote
	Text  string // the gold quote's text, when the gold carries the article text
}

// ScoreQuotes scores direct quotes as score_quotes.py does. Each gold quote,
// in order, takes the unused predicted quote of largest overlap (the first on
// ties) if that overlap covers at least half of it. Unmatched predictions
// overlapping a don't-care span are not false positives.
func ScoreQuotes(gold []GoldQuotes, pred map[string][]PredQuote) QuoteResult {
	var res QuoteResult
	var strict, lenient, sourcesScored, sourcesOK, citedOK int
	for _, g := range gold {
		var ps []PredQuote
		for _, q := range pred[g.ID] {
			if q.Kind == "direct" {
				ps = append(ps, q)
			}
		}
		used := make([]bool, len(ps))
		miss := func(what string, gq GoldQuote) {
			res.Misses = append(res.Misses, QuoteMiss{DocID: g.ID, What: what, Gold: gq, Text: quoteText(g.Text, gq)})
		}
		for _, gq := range g.Quotes {
			best, bestOverlap := -1, 0
			for j, pq := range ps {
				if used[j] {
					continue
				}
				if o := min(gq.End, pq.End) - max(gq.Start, pq.Start); o > bestOverlap {
					best, bestOverlap = j, o
				}
			}
			if best < 0 || bestOverlap*2 < gq.End-gq.Start {
				res.FN++
				miss("missed quote", gq)
				continue
			}
			used[best] = true
			res.TP++
			pq := ps[best]
			if gq.Speaker != "" {
				res.KnownSpeaker++
				a, b := fold(gq.Speaker), fold(pq.Speaker)
				judged := SpeakerJudgement{Confidence: pq.Confidence, Strict: b != "" && a == b}
				if judged.Strict {
					strict++
				}
				wa, wb := words(a), words(b)
				if g.NoSources {
					for w := range wa {
						if titles[w] {
							delete(wa, w)
						}
					}
				}
				judged.Lenient = len(wb) > 0 && (isSubset(wa, wb) || isSubset(wb, wa))
				if judged.Lenient {
					lenient++
				} else {
					miss("speaker "+quotedOrNone(pq.Speaker), gq)
				}
				res.Judged = append(res.Judged, judged)
			}
			if g.NoSources {
				continue
			}
			goldSet, predSet := foldedSet(gq.Sources), foldedSet(pq.Sources)
			same := isSubset(goldSet, predSet) && isSubset(predSet, goldSet)
			sourcesScored++
			if same {
				sourcesOK++
			}
			if len(goldSet) > 0 {
				res.Cited++
				if same {
					citedOK++
				}
			}
			if !same {
				miss("sources "+quotedList(sortedKeys(predSet)), gq)
			}
		}
		for j, pq := range ps {
			if !used[j] && !overlapsAny(pq, g.DontCare) {
				res.FP++
			}
		}
	}
	s := newScore(res.TP, res.FP, res.FN)
	res.P, res.R, res.F1 = s.P, s.R, s.F1
	res.SpeakerStrict = ratio(strict, res.KnownSpeaker)
	res.SpeakerLenient = ratio(lenient, res.KnownSpeaker)
	res.SourceAcc = ratio(sourcesOK, sourcesScored)
	res.SourceAccWhereCited = ratio(citedOK, res.Cited)
	return res
}

func overlapsAny(pq PredQuote, spans [][2]int) bool {
	for _, s := range spans {
		if min(s[1], pq.End)-max(s[0], pq.Start) > 0 {
			return true
		}
	}
	return false
}

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return pyRound4(float64(n) / float64(of))
}

func quoteText(text string, gq GoldQuote) string {
	if text == "" {
		return ""
	}
	return sliceRunes([]rune(text), gq.Start, gq.End)
}

// fold is score_quotes.py's fold: strip, lower-case, collapse whitespace.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(pyLower(pyStrip(s)), pyIsSpace), " ")
}

// words is score_quotes.py's words: the set of \w+ runs of the folded name.
func words(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(fold(s), func(r rune) bool { return !pyIsWordChar(r) }) {
		set[w] = true
	}
	return set
}

func foldedSet(names []string) map[string]bool {
	set := map[string]bool{}
	for _, n := range names {
		set[sourceFold(n)] = true
	}
	return set
}

// sourcePrefixes are the words score_quotes.py drops from the start of a
// source name ("laman resmi PSSI" is "PSSI"), as it tries them.
var sourcePrefixes = []string{"laman", "situs", "akun", "kanal", "resmi", "media sosial", "website", "web"}

// sourceFold is score_quotes.py's source_fold: the name folded, then every
// leading prefix word that a space follows dropped.
func sourceFold(s string) string {
	f := fold(s)
	for {
		dropped := false
		for _, p := range sourcePrefixes {
			if len(f) > len(p) && strings.HasPrefix(f, p) && f[len(p)] == ' ' {
				f, dropped = f[len(p)+1:], true
				break
			}
		}
		if !dropped {
			return f
		}
	}
}

func isSubset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// sortedKeys orders like Python's sorted() on str: by code point, which is
// byte order in UTF-8.
func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// WriteText writes score_quotes.py's three summary lines, then the first
// show misses (all but the last -show when negative, like a Python slice).
func (r QuoteResult) WriteText(w io.Writer, show int) error {
	if _, err := fmt.Fprintf(w, "quotes   P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n"+
		"speaker  strict %.3f lenient %.3f (of %d matched with known speaker)\n"+
		"source   all %.3f  where cited %.3f (%d cited)\n",
		r.P, r.R, r.F1, r.TP, r.FP, r.FN, r.SpeakerStrict, r.SpeakerLenient, r.KnownSpeaker,
		r.SourceAcc, r.SourceAccWhereCited, r.Cited); err != nil {
		return err
	}
	if show < 0 {
		show = max(0, len(r.Misses)+show)
	}
	for _, m := range r.Misses[:min(show, len(r.Misses))] {
		line := fmt.Sprintf("%s\t%s\tgold %d-%d speaker %s sources %s", m.DocID, m.What,
			m.Gold.Start, m.Gold.End, quotedOrNone(m.Gold.Speaker), quotedList(m.Gold.Sources))
		if m.Text != "" {
			line += fmt.Sprintf(" text %q", m.Text)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

func quotedOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return strconv.Quote(s)
}

func quotedList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// WriteJSON writes the line score_quotes.py --json prints, byte for byte.
func (r QuoteResult) WriteJSON(w io.Writer) error {
	f1 := pyFloatRepr(r.F1)
	if r.TP == 0 {
		f1 = "0" // Python's round(0, 4) of the integer fallback stays an int
	}
	_, err := fmt.Fprintf(w, `{"quote_p": %s, "quote_r": %s, "quote_f1": %s, "tp": %d, "fp": %d, "fn": %d, `+
		`"speaker_strict": %s, "speaker_lenient": %s, "source_acc": %s, "source_acc_where_cited": %s, "cited": %d}`+"\n",
		pyFloatRepr(r.P), pyFloatRepr(r.R), f1, r.TP, r.FP, r.FN,
		pyFloatRepr(r.SpeakerStrict), pyFloatRepr(r.SpeakerLenient), pyFloatRepr(r.SourceAcc),
		pyFloatRepr(r.SourceAccWhereCited), r.Cited)
	return err
}

// CalibrationBand is the speaker accuracy of the quotes whose confidence lies
// in [Low, High).
type CalibrationBand struct {
	Low, High       float64
	Quotes          int
	Strict, Lenient float64
}

// Calibration groups the judged quotes into confidence bands of the given
// width, so that one can read how accuracy follows confidence.
func (r QuoteResult) Calibration(width float64) []CalibrationBand {
	n := int(math.Ceil(1 / width))
	bands := make([]CalibrationBand, n)
	strict, lenient := make([]int, n), make([]int, n)
	for i := range bands {
		bands[i].Low, bands[i].High = float64(i)*width, math.Min(float64(i+1)*width, 1)
	}
	for _, j := range r.Judged {
		i := min(int(j.Confidence/width+1e-9), n-1) // 0.7/0.1 is 6.999…
		bands[i].Quotes++
		if j.Strict {
			strict[i]++
		}
		if j.Lenient {
			lenient[i]++
		}
	}
	for i := range bands {
		bands[i].Strict, bands[i].Lenient = ratio(strict[i], bands[i].Quotes), ratio(lenient[i], bands[i].Quotes)
	}
	return bands
}
