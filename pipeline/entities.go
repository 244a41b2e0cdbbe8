package pipeline

import (
	"context"
	"sort"

	"github.com/kutip/kutip/gazetteer"
)

// Entities tags people, places and organisations: gazetteer names and
// aliases first (longest match wins), then names the gazetteer does not know,
// found by their capitals and the words around them (titles, organisation
// and place heads, speech cues), then fuzzy spellings of known names.
type Entities struct {
	Gazetteer *gazetteer.Gazetteer
}

var _ Stage = (*Entities)(nil)

// Name implements Stage.
func (*Entities) Name() string { return "entities" }

var (
	titleWords     = readWordSet("titles.txt")
	roleWords      = readWordSet("role-words.txt")
	orgHeads       = readWordSet("org-heads.txt")
	placeCues      = readWordSet("place-cues.txt")
	nameConnectors = readWordSet("name-connectors.txt")
)

// Words before a name that make it a place ("di Wonsan", "ke Moskow").
var placePrepositions = wordSet(`di ke dari menuju`)

// Process implements Stage.
func (s *Entities) Process(_ context.Context, doc *Document) error {
	toks := doc.Tokens
	words := make([]string, len(toks))
	for i := range toks {
		words[i] = toks[i].Norm
	}
	taken := make([]bool, len(toks))
	doc.Entities = doc.Entities[:0]
	for _, m := range s.Gazetteer.MatchTokens(words, nil) {
		if isSentenceInitialWord(doc, m.Start, m.End) {
			continue
		}
		method := "gazetteer"
		if m.Method == "alias" {
			method = "alias"
		}
		doc.Entities = append(doc.Entities, entryEntity(toks, m.Start, m.End, m.Entry, method))
		for i := m.Start; i < m.End; i++ {
			taken[i] = true
		}
	}
	doc.Entities = s.nameRules(doc, taken, doc.Entities)
	sort.Slice(doc.Entities, func(i, j int) bool { return doc.Entities[i].Start < doc.Entities[j].Start })
	return nil
}

func entryEntity(toks []Token, start, end int, e *gazetteer.Entry, method string) Entity {
	return Entity{
		Span:   Span{toks[start].Start, toks[end-1].End},
		Label:  Label(e.Label),
		ID:     e.ID,
		Name:   e.Name,
		Kind:   e.Kind,
		Method: method,
	}
}

// isSentenceInitialWord reports a one-word match on the first word of a
// sentence that is an ordinary word there ("Bahkan", "Selain"): capitals at a
// sentence start prove nothing.
func isSentenceInitialWord(doc *Document, start, end int) bool {
	if end-start != 1 || !atSentenceStart(doc, start) {
		return false
	}
	return gazetteer.IsCommonWord(doc.Tokens[start].Norm)
}

// atSentenceStart reports whether token i opens its sentence (after any
// opening quotation marks or brackets).
func atSentenceStart(doc *Document, i int) bool {
	for i > 0 && (doc.Tokens[i-1].Kind == QuoteMark || doc.Tokens[i-1].Norm == "(") {
		i--
	}
	if i == 0 {
		return true
	}
	off := doc.Tokens[i].Start
	ss := doc.Sentences
	k := sort.Search(len(ss), func(k int) bool { return ss[k].Start > off }) - 1
	if k < 0 {
		return true
	}
	return doc.Tokens[i-1].End <= ss[k].Start
}

// nameRules finds names the gazetteer does not know: runs of capitalised
// words, labelled by the words around them.
func (s *Entities) nameRules(doc *Document, taken []bool, out []Entity) []Entity {
	toks := doc.Tokens
	paraKind := paragraphKinds(doc)
	for i := 0; i < len(toks); i++ {
		if taken[i] || !isNameWord(toks[i]) || toks[i].Has(Dateline) || paraKind(i) == Heading {
			continue
		}
		start := i
		end := i + 1
		for end < len(toks) && !taken[end] && (isNameWord(toks[end]) && toks[end].Has(SpaceBefore) ||
			nameConnectors[toks[end].Norm] && end+1 < len(toks) && isNameWord(toks[end+1])) {
			end++
		}
		i = end - 1
		// A capitalised ordinary word opening a sentence is not a name, unless
		// it is a title or the head of an organisation or place name.
		for start < end && atSentenceStart(doc, start) && gazetteer.IsCommonWord(toks[start].Norm) {
			if w := lower(toks[start].Norm); titleWords[w] || orgHeads[w] || placeCues[w] {
				break
			}
			start++
		}
		if start == end {
			continue
		}
		if e, ok := s.labelRun(doc, start, end); ok {
			out = append(out, e)
		}
	}
	return out
}

// labelRun decides what the capitalised words [start, end) are.
func (s *Entities) labelRun(doc *Document, start, end int) (Entity, bool) {
	toks := doc.Tokens
	head := lower(toks[start].Norm)
	switch {
	case orgHeads[head] && end-start > 1:
		return Entity{Span: Span{toks[start].Start, toks[end-1].End}, Label: Organisation, Method: "rule"}, true
	case placeCues[head] && end-start > 1:
		return Entity{Span: Span{toks[start].Start, toks[end-1].End}, Label: Place, Method: "rule"}, true
	}
	// Titles and roles stay outside the name: "Kepala Bidang Humas [Yusri Yunus]".
	titled := false
	for start < end && (titleWords[lower(trimPeriod(toks[start].Norm))] || titled && roleWords[lower(toks[start].Norm)]) {
		titled = true
		start++
	}
	if start == end {
		return Entity{}, false
	}
	span := Span{toks[start].Start, toks[end-1].End}
	prev := ""
	if start > 0 {
		prev = lower(toks[start-1].Stem())
	}
	switch {
	case titled, quoteWords.speech[prev] == "after", end < len(toks) && quoteWords.speech[lower(toks[end].Norm)] == "before":
		return Entity{Span: span, Label: Person, Method: "rule"}, true
	case placePrepositions[prev] && end-start <= 2:
		return Entity{Span: span, Label: Place, Method: "rule"}, true
	}
	if end-start == 1 {
		if e, surface, _, ok := s.Gazetteer.Fuzzy(toks[start].Norm); ok && len(surface) >= 6 {
			ent := entryEntity(toks, start, end, e, "fuzzy")
			return ent, true
		}
		return Entity{}, false
	}
	// Two to four capitalised words with nothing else to go by: most often a
	// person in news text.
	if end-start <= 4 {
		return Entity{Span: span, Label: Person, Method: "rule"}, true
	}
	return Entity{}, false
}

// isNameWord reports a capitalised word or an initial ("H.", "M.") that can
// be part of a name.
func isNameWord(t Token) bool {
	switch t.Kind {
	case Word:
		return isCapitalised(t.Norm)
	case Abbrev:
		return len(t.Norm) <= 3 && isCapitalised(t.Norm)
	}
	return false
}

func trimPeriod(s string) string {
	if len(s) > 1 && s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

// paragraphKinds returns a lookup from token index to its paragraph's kind.
func paragraphKinds(doc *Document) func(int) ParagraphKind {
	return func(i int) ParagraphKind {
		off := doc.Tokens[i].Start
		ps := doc.Paragraphs
		k := sort.Search(len(ps), func(k int) bool { return ps[k].End > off })
		if k < len(ps) && ps[k].Start <= off {
			return ps[k].Kind
		}
		return Prose
	}
}
