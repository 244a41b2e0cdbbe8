package pipeline

import (
	"context"
	"strings"

	"github.com/kutip/kutip/gazetteer"
)

// Coreference links the mentions of one entity within a document, so that
// each carries the entity's fullest name: "Lavrov" → "Sergey Lavrov" (the
// full name appearing elsewhere in the article), an acronym defined in
// parentheses → its expansion ("Pusat Studi Konstitusi (PUSaKO)"), and
// "Kementerian Luar Negeri (Kemenlu) Rusia" → one mention of the ministry.
type Coreference struct {
	Gazetteer *gazetteer.Gazetteer
}

var _ Stage = (*Coreference)(nil)

// Name implements Stage.
func (*Coreference) Name() string { return "coreference" }

// Process implements Stage.
func (c *Coreference) Process(_ context.Context, doc *Document) error {
	c.mergeParenthesised(doc)
	linkAcronyms(doc)
	linkShortNames(doc)
	addBareMentions(doc)
	return nil
}

// mergeParenthesised joins "Kementerian Luar Negeri (Kemenlu) Rusia" into one
// mention when the name without the parenthesis is a gazetteer entry.
func (c *Coreference) mergeParenthesised(doc *Document) {
	ents := doc.Entities
	out := ents[:0]
	for i := 0; i < len(ents); i++ {
		e := ents[i]
		if i+1 < len(ents) {
			if after, ok := parenthesisAfter(doc.Text, e.End); ok {
				next := ents[i+1]
				if next.Start == after {
					joined := doc.Text[e.Start:e.End] + " " + doc.Text[next.Start:next.End]
					if cands := c.Gazetteer.Candidates(joined); len(cands) > 0 {
						m := cands[0]
						out = append(out, Entity{Span: Span{e.Start, next.End}, Label: Label(m.Label), ID: m.ID,
							Name: m.Name, Kind: m.Kind, Method: "coref"})
						// The acronym inside the parenthesis names the whole too.
						i++
						continue
					}
				}
			}
		}
		out = append(out, e)
	}
	doc.Entities = out
}

// parenthesisAfter reports "␣(WORD)␣" right after offset end, returning the
// offset after it.
func parenthesisAfter(text string, end int) (int, bool) {
	rest := text[end:]
	trimmed := strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(trimmed, "(") {
		return 0, false
	}
	close := strings.IndexByte(trimmed, ')')
	if close < 0 || close > 40 || strings.ContainsAny(trimmed[:close], " \n") {
		return 0, false
	}
	after := strings.TrimLeft(trimmed[close+1:], " ")
	return len(text) - len(after), true
}

// linkAcronyms gives a mention spelled like an acronym defined in the
// document ("Komisi Pemberantasan Korupsi (KPK)") the defined entity's name.
func linkAcronyms(doc *Document) {
	defined := map[string]Entity{}
	for i, e := range doc.Entities {
		if e.Label != Organisation || i+1 >= len(doc.Entities) {
			continue
		}
		next := doc.Entities[i+1]
		if strings.HasPrefix(strings.TrimLeft(doc.Text[e.End:next.Start], " "), "(") && next.End < len(doc.Text) && doc.Text[next.End] == ')' {
			defined[doc.Text[next.Start:next.End]] = e
		}
	}
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if full, ok := defined[doc.Text[e.Start:e.End]]; ok && e.ID == "" {
			e.Label, e.ID, e.Name, e.Kind, e.Method = full.Label, full.ID, full.Name, full.Kind, "coref"
		}
	}
}

// linkShortNames gives a person mentioned by part of their name the fullest
// name the document uses for them: the longest person mention whose words
// include all of the short mention's words.
func linkShortNames(doc *Document) {
	type person struct {
		words []string
		ent   Entity
	}
	var people []person
	for _, e := range doc.Entities {
		if e.Label == Person {
			people = append(people, person{strings.Fields(nameOf(doc, e)), e})
		}
	}
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if e.Label != Person {
			continue
		}
		words := strings.Fields(nameOf(doc, *e))
		best := -1
		for k, p := range people {
			if len(p.words) > len(words) && containsAllWords(p.words, words) &&
				(best < 0 || len(p.words) > len(people[best].words)) {
				best = k
			}
		}
		if best >= 0 {
			full := people[best].ent
			e.Name = nameOf(doc, full)
			if full.ID != "" {
				e.ID = full.ID
			}
			if e.Method == "rule" {
				e.Method = "coref"
			}
		} else if e.Name == "" {
			e.Name = doc.Text[e.Start:e.End]
		}
	}
	for i := range doc.Entities {
		if doc.Entities[i].Name == "" {
			doc.Entities[i].Name = doc.Text[doc.Entities[i].Start:doc.Entities[i].End]
		}
	}
}

// addBareMentions tags a capitalised word that repeats a word of a person's
// full name ("Rina" after "Rina Hartati") where the rules left it untagged.
func addBareMentions(doc *Document) {
	parts := map[string]Entity{}
	for _, e := range doc.Entities {
		if e.Label != Person {
			continue
		}
		ws := strings.Fields(doc.Text[e.Start:e.End])
		if len(ws) < 2 {
			continue
		}
		for _, w := range ws {
			if len(w) >= 3 && !gazetteer.IsCommonWord(w) {
				if _, seen := parts[w]; !seen {
					parts[w] = e
				}
			}
		}
	}
	if len(parts) == 0 {
		return
	}
	var added []Entity
	k := 0
	for i, t := range doc.Tokens {
		for k < len(doc.Entities) && doc.Entities[k].End <= t.Start {
			k++
		}
		if k < len(doc.Entities) && doc.Entities[k].Start <= t.Start {
			continue
		}
		full, ok := parts[t.Stem()]
		if !ok || t.Kind != Word || (atSentenceStart(doc, i) && gazetteer.IsCommonWord(t.Norm)) {
			continue
		}
		added = append(added, Entity{Span: Span{t.Start, t.Start + len(t.Stem())}, Label: Person, ID: full.ID,
			Name: nameOf(doc, full), Method: "coref"})
	}
	if len(added) > 0 {
		doc.Entities = mergeSorted(doc.Entities, added)
	}
}

func nameOf(doc *Document, e Entity) string {
	if e.Name != "" {
		return e.Name
	}
	return doc.Text[e.Start:e.End]
}

func containsAllWords(long, short []string) bool {
	for _, w := range short {
		found := false
		for _, l := range long {
			if strings.EqualFold(l, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// mergeSorted merges two entity lists sorted by start.
func mergeSorted(a, b []Entity) []Entity {
	out := make([]Entity, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || i < len(a) && a[i].Start <= b[j].Start {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}
