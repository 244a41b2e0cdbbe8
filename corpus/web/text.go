package web

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kutip/kutip/corpus/store"
)

// A mark is a span of text, in characters, shown with a class: the quote,
// its attribution (speaker, cue, sources), an entity.
type mark struct {
	start, end int
	class      string
	title      string // shown on hover
	anchor     string // an id for the segment where the mark starts, "" for none
}

// A segment is a run of text with the classes of the marks over it; the
// template writes it as a span, escaping the text.
type segment struct {
	Text, Class, Title string
	ID                 string // an anchor: where a quote starts
}

// segments cuts text[start:end] (characters) into runs of the same marks.
func segments(text []rune, start, end int, marks []mark) []segment {
	cuts := []int{start, end}
	for _, m := range marks {
		for _, c := range []int{m.start, m.end} {
			if c > start && c < end {
				cuts = append(cuts, c)
			}
		}
	}
	sort.Ints(cuts)
	var out []segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		var classes, titles []string
		id := ""
		for _, m := range marks {
			if m.start == a && m.anchor != "" {
				id = m.anchor
			}
			if m.start <= a && b <= m.end && m.start < m.end {
				if !slices.Contains(classes, m.class) {
					classes = append(classes, m.class)
				}
				if m.title != "" && !slices.Contains(titles, m.title) {
					titles = append(titles, m.title)
				}
			}
		}
		seg := segment{Text: string(text[a:b]), Class: strings.Join(classes, " "), Title: strings.Join(titles, "; "), ID: id}
		if n := len(out); n > 0 && out[n-1].Class == seg.Class && out[n-1].Title == seg.Title && seg.ID == "" {
			out[n-1].Text += seg.Text
			continue
		}
		out = append(out, seg)
	}
	return out
}

// paragraphs returns the [start, end) of every non-blank line of text.
func paragraphs(text []rune) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if strings.TrimSpace(string(text[start:i])) != "" {
				out = append(out, [2]int{start, i})
			}
			start = i + 1
		}
	}
	return out
}

// attributionMarks are the marks of a quote and of the words attributing it.
func attributionMarks(q store.Quote) []mark {
	marks := []mark{{start: q.Start, end: q.End, class: "q"}}
	if sp := q.Speaker; sp != nil && sp.End > sp.Start {
		marks = append(marks, mark{start: sp.Start, end: sp.End, class: "sp", title: "speaker: " + sp.Name})
	}
	if q.CueEnd > q.CueStart {
		marks = append(marks, mark{start: q.CueStart, end: q.CueEnd, class: "cue", title: "speech cue"})
	}
	for _, s := range q.Sources {
		if s.End > s.Start {
			marks = append(marks, mark{start: s.Start, end: s.End, class: "src", title: "relayed through " + s.Name})
		}
	}
	return marks
}

// maxContext is how many characters of the paragraph a hit shows on either
// side of its quote and attribution.
const maxContext = 300

// inContext is a quote in its paragraph, attribution marked: the lines of
// text that hold the quote and its attribution, cut to maxContext
// characters around them. Without the text (kutip index --no-text), the
// quote alone.
func inContext(text []rune, q store.Quote, words *searchWords) []segment {
	if len(text) == 0 || q.End > len(text) || q.Start >= q.End {
		text = []rune(q.Text)
		return segments(text, 0, len(text), append(words.marks(text, 0, len(text)), mark{start: 0, end: len(text), class: "q"}))
	}
	marks := attributionMarks(q)
	lo, hi := q.Start, q.End
	for _, m := range marks {
		lo, hi = min(lo, m.start), max(hi, m.end)
	}
	start, end := lo, hi
	for _, p := range paragraphs(text) {
		if p[0] <= lo && lo <= p[1] {
			start = p[0]
		}
		if p[0] <= hi && hi <= p[1] {
			end = p[1]
		}
	}
	prefix, suffix := "", ""
	if lo-start > maxContext {
		start, prefix = lo-maxContext, "…"
	}
	if end-hi > maxContext {
		end, suffix = hi+maxContext, "…"
	}
	segs := segments(text, start, end, append(marks, words.marks(text, start, end)...))
	if prefix != "" {
		segs = append([]segment{{Text: prefix}}, segs...)
	}
	if suffix != "" {
		segs = append(segs, segment{Text: suffix})
	}
	return segs
}

// searchWords are the words of a full-text query, to mark where a hit
// holds them: folded as the index folds them (clitics, case).
type searchWords struct {
	terms []store.Term // single words; a phrase counts word by word
	fold  store.Folder
}

// newSearchWords returns the words of a Filter.Match; nil for none.
func newSearchWords(match string) *searchWords {
	if match == "" {
		return nil
	}
	m, err := store.ParseMatch(match)
	if err != nil {
		return nil
	}
	w := &searchWords{}
	for _, t := range m.Include {
		for _, word := range strings.Fields(t.Text) {
			w.terms = append(w.terms, store.Term{Text: strings.ToLower(word), Prefix: t.Prefix})
		}
	}
	return w
}

// marks marks the words of text[start:end] that a term matches.
func (w *searchWords) marks(text []rune, start, end int) []mark {
	if w == nil {
		return nil
	}
	var out []mark
	for i := start; i < end; {
		if !unicode.IsLetter(text[i]) && !unicode.IsDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < end && (unicode.IsLetter(text[j]) || unicode.IsDigit(text[j])) {
			j++
		}
		word := strings.ToLower(string(w.fold.Fold(nil, string(text[i:j]))))
		for _, t := range w.terms {
			if word == t.Text || t.Prefix && strings.HasPrefix(word, t.Text) {
				out = append(out, mark{start: i, end: j, class: "hl"})
				break
			}
		}
		i = j
	}
	return out
}
