package pipeline

import (
	"context"
	"strings"

	"github.com/kutip/kutip/gazetteer"
)

// Coreference links the mentions of one entity within a document, so that
// each carries the entity's fullest name: "Lavrov" → "Sergey Lavrov" (the
// full name appearing elsewhere in the article), an acronym defined in
// parentheses → its expansion ("Pusat Studi Konstitusi (PUSaKO)", then
// "PUSaKO"), a nickname in parentheses → the name before it ("Joko Widodo
// (Jokowi)", then "Jokowi").
type Coreference struct {
	Gazetteer *gazetteer.Gazetteer
}

var _ Stage = (*Coreference)(nil)

// Name implements Stage.
func (*Coreference) Name() string { return "coreference" }

// Process implements Stage.
func (c *Coreference) Process(_ context.Context, doc *Document) error {
	linkDefinitions(doc)
	linkShortNames(doc)
	addBareMentions(doc)
	for i := range doc.Entities {
		if doc.Entities[i].Name == "" {
			doc.Entities[i].Name = doc.Text[doc.Entities[i].Start:doc.Entities[i].End]
		}
	}
	return nil
}

// linkDefinitions gives every mention of a short form that the document
// defines in parentheses the entity it defines: an acronym inside an
// organisation's mention ("Kementerian Luar Negeri (Kemenlu) Rusia", then
// "Kemenlu" is the Russian ministry, whatever the gazetteer's "Kemenlu"
// is), or a person's nickname right after their name ("Joko Widodo
// (Jokowi)").
func linkDefinitions(doc *Document) {
	var defined map[string]Entity
	define := func(short string, e Entity) {
		if defined == nil {
			defined = make(map[string]Entity)
		}
		if _, seen := defined[short]; !seen {
			defined[short] = e
		}
	}
	for i, e := range doc.Entities {
		text := doc.Text[e.Start:e.End]
		if e.Label != Person {
			if open := strings.IndexByte(text, '('); open > 0 {
				if close := strings.IndexByte(text[open:], ')'); close > 1 {
					define(text[open+1:open+close], e)
				}
			}
			continue
		}
		if i+1 < len(doc.Entities) {
			next := doc.Entities[i+1]
			if next.Label == Person && next.Start >= e.End && strings.TrimSpace(doc.Text[e.End:next.Start]) == "(" &&
				strings.HasPrefix(doc.Text[next.End:], ")") {
				define(doc.Text[next.Start:next.End], e)
			}
		}
	}
	if defined == nil {
		return
	}
	for i := range doc.Entities {
		e := &doc.Entities[i]
		full, ok := defined[doc.Text[e.Start:e.End]]
		if !ok || full.Span == e.Span || e.ID != "" && e.ID == full.ID {
			continue
		}
		e.Label, e.ID, e.Name, e.Kind, e.Method = full.Label, full.ID, nameOf(doc, full), full.Kind, "coref"
	}
}

// linkShortNames gives a person mentioned by part of their name the fullest
// name the document uses for them: the longest person mention whose words
// include all of the short mention's words, when no other person's name
// includes them too ("Ahmad" stays as it is beside "Ahmad Heryawan" and
// "Ahmad Basarah").
func linkShortNames(doc *Document) {
	// One candidate per distinct name and one decision per distinct name keep
	// this linear in the mentions: a long document names the same few people
	// over and over.
	var people []person
	seen := map[string]bool{}
	for _, e := range doc.Entities {
		if n := nameOf(doc, e); e.Label == Person && !seen[n] {
			seen[n] = true
			people = append(people, person{strings.Fields(n), e})
		}
	}
	fullest := map[string]int{} // name → index into people, or -1
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if e.Label != Person {
			continue
		}
		name := nameOf(doc, *e)
		k, decided := fullest[name]
		if !decided {
			k = fullestPerson(people, strings.Fields(name))
			fullest[name] = k
		}
		if k < 0 {
			continue
		}
		full := people[k]
		e.Name = nameOf(doc, full.ent)
		if full.ent.ID != "" {
			e.ID = full.ent.ID
		}
		if e.Method == "rule" {
			e.Method = "coref"
		}
	}
}

type person struct {
	words []string
	ent   Entity
}

// fullestPerson returns the index of the longest name in people that has all
// the given words, or -1 when there is none or when two such names disagree
// ("Budi" with both "Budi Santoso" and "Budi Gunawan" in the article).
func fullestPerson(people []person, words []string) int {
	best := -1
	for k, p := range people {
		if len(p.words) > len(words) && containsAllWords(p.words, words) &&
			(best < 0 || len(p.words) > len(people[best].words)) {
			best = k
		}
	}
	if best < 0 {
		return -1
	}
	for _, p := range people {
		if len(p.words) > len(words) && containsAllWords(p.words, words) && !containsAllWords(people[best].words, p.words) {
			return -1
		}
	}
	return best
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
		if t.Kind != Word || startsLower(t.Norm) {
			continue
		}
		full, ok := parts[t.Stem()]
		if !ok || atSentenceStart(doc, i) && isOrdinaryWord(t) {
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
