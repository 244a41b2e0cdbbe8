package eval

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Span is a gold entity; offsets count code points, end exclusive.
type Span struct {
	Start, End int
	Label      string
	Text       string
}

// GoldDoc is one gold NER document.
type GoldDoc struct {
	ID, Text string
	Entities []Span
}

// conllLabels maps corpus labels to the project's; others are dropped.
var conllLabels = map[string]string{
	"PER": "PERSON", "PERSON": "PERSON",
	"LOC": "PLACE", "LOCATION": "PLACE", "PLACE": "PLACE", "GPE": "PLACE",
	"ORG": "ORGANISATION", "ORGANIZATION": "ORGANISATION", "ORGANISATION": "ORGANISATION",
}

type conllToken struct{ text, tag string }

// ReadCoNLL converts a CoNLL/BIO file (`TOKEN [POS] TAG`, space or tab
// separated) to gold documents exactly as conll_to_jsonl.py does: tokens
// joined by single spaces, perDoc sentences per document joined by "\n", ids
// "s00000", "s00001", …. IOB1 and IOB2 are both read: an I- tag after O or
// after another label starts an entity. Like the Python, a line with one
// column is its own tag, and invalid UTF-8 becomes U+FFFD.
func ReadCoNLL(r io.Reader, name string, perDoc int) ([]GoldDoc, error) {
	if perDoc < 1 {
		return nil, fmt.Errorf("%s: sentences per document is %d, want at least 1", name, perDoc)
	}
	var sentences [][]conllToken
	var sentence []conllToken
	err := forEachLine(r, name, func(_ int, raw []byte) error {
		line := decodeUTF8LikePython(raw)
		if pyStrip(line) == "" {
			if len(sentence) > 0 {
				sentences = append(sentences, sentence)
			}
			sentence = nil
			return nil
		}
		sep := " "
		if strings.Contains(line, "\t") {
			sep = "\t"
		}
		parts := strings.Split(line, sep)
		sentence = append(sentence, conllToken{text: parts[0], tag: parts[len(parts)-1]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(sentence) > 0 {
		sentences = append(sentences, sentence)
	}

	var docs []GoldDoc
	for i := 0; i < len(sentences); i += perDoc {
		group := sentences[i:min(i+perDoc, len(sentences))]
		var text strings.Builder
		textLen := 0 // in code points
		var entities []Span
		for _, s := range group {
			if textLen > 0 {
				text.WriteByte('\n')
				textLen++
			}
			entities = append(entities, sentenceEntities(s, textLen)...)
			for j, tok := range s {
				if j > 0 {
					text.WriteByte(' ')
					textLen++
				}
				text.WriteString(tok.text)
				textLen += utf8.RuneCountInString(tok.text)
			}
		}
		doc := GoldDoc{ID: fmt.Sprintf("s%05d", i/perDoc), Text: text.String(), Entities: entities}
		runes := []rune(doc.Text)
		for k := range doc.Entities {
			doc.Entities[k].Text = string(runes[doc.Entities[k].Start:doc.Entities[k].End])
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// sentenceEntities returns the entities of a sentence whose tokens are laid
// out with single spaces from code-point offset base.
func sentenceEntities(sentence []conllToken, base int) []Span {
	var out []Span
	var cur *Span
	pos := base
	for _, tok := range sentence {
		start, end := pos, pos+utf8.RuneCountInString(tok.text)
		prefix, label, _ := strings.Cut(tok.tag, "-")
		label = conllLabels[label]
		switch {
		case (prefix == "B" || prefix == "I") && label != "":
			if prefix == "B" || cur == nil || cur.Label != label {
				if cur != nil {
					out = append(out, *cur)
				}
				cur = &Span{Start: start, End: end, Label: label}
			} else {
				cur.End = end
			}
		case cur != nil:
			out = append(out, *cur)
			cur = nil
		}
		pos = end + 1
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}
