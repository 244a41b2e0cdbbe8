package pipeline

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment fills Document.Paragraphs and Document.Sentences from the tokens,
// so it runs after Tokenize.
//
// Paragraphs are separated by blank lines. Inside a block of lines, a photo
// caption or credit line, a bullet line and a short heading line are each a
// paragraph of their own (Kind Caption, Bullet, Heading); the other lines form
// Prose paragraphs.
//
// A sentence ends after . ! ? … (with any closing quotation marks and
// brackets glued to it) when the next token starts a sentence: a capital, a
// digit or an opening quotation mark. Abbreviations never end a sentence,
// except those marked "final" in data/abbreviations.txt (dll., Tbk., degrees)
// when a sentence starts after them. A single line break is a sentence break
// (Kompas text puts one sentence on each line) unless the next line starts
// with a lower-case word, which continues a wrapped sentence.
//
// Measured against neurosnap/sentences (Punkt, English training data with
// these abbreviations added) on the Kompas PFSA-ID dev articles flattened to
// one line, whose line breaks came from a sentence splitter: the rules found
// 99.6% of the breaks with 7 extra splits, Punkt 98.9% with 21. On the news
// dev articles the two agree on 1,992 breaks; Punkt alone splits 97 more,
// mostly after list numbers ("8. Mikael …") and before a lower-case speech
// cue (`…." ujar Saleh`), the rules alone 15 more, each after a full stop and before a capital. The rules also
// run faster and give the paragraphs and byte offsets of the pipeline.
type Segment struct{}

var _ Stage = Segment{}

// Name implements Stage.
func (Segment) Name() string { return "segment" }

var errSegmentNoTokens = errors.New("document has no tokens: run the tokenize stage first")

// Process implements Stage.
func (Segment) Process(_ context.Context, doc *Document) error {
	if doc.Tokens == nil && doc.Norm != "" {
		return errSegmentNoTokens
	}
	sg := segmenter{toks: doc.Tokens, paras: doc.Paragraphs[:0], sents: doc.Sentences[:0]}
	sg.run()
	doc.Paragraphs, doc.Sentences = sg.paras, sg.sents
	return nil
}

// segmenter holds the state of one Segment call.
type segmenter struct {
	toks      []Token
	paras     []Paragraph
	sents     []Span
	sentStart int // the first token of the open sentence
}

// breaksBefore returns the number of line breaks (0, 1, or 2 for a blank
// line) between token k and the one before it, as Tokenize flagged them.
func (sg *segmenter) breaksBefore(k int) int {
	t := &sg.toks[k]
	return int(tokBit(t.Has(LineBreakBefore)) + tokBit(t.Has(BlankLineBefore)))
}

// run splits the tokens into lines, lines into paragraphs and paragraphs
// into sentences. It looks for line breaks once, in lineEnd: a line breaks
// no sentence inside it but after a full stop, and a prose paragraph's
// sentences are split line by line as its lines come.
func (sg *segmenter) run() {
	prose := -1 // first token of the open prose paragraph
	for a := 0; a < len(sg.toks); {
		b := sg.lineEnd(a)
		if prose >= 0 && sg.breaksBefore(a) >= 2 {
			sg.closeParagraph(prose, a, Prose)
			prose = -1
		}
		switch kind := sg.lineKind(a, b); {
		case kind != Prose:
			if prose >= 0 {
				sg.closeParagraph(prose, a, Prose)
				prose = -1
			}
			sg.sentStart = a
			from := a
			if kind == Bullet { // the period of "1. " ends no sentence
				from += sg.bulletMark(a, b)
			}
			sg.splitLine(from, b)
			sg.closeParagraph(a, b, kind)
		case prose < 0:
			prose = a
			sg.sentStart = a
			sg.splitLine(a, b)
		default:
			// A single line break ends a sentence unless the next line
			// starts with a lower-case word, which continues it.
			if !segStartsLower(&sg.toks[a]) {
				sg.addSentence(a - 1)
				sg.sentStart = a
			}
			sg.splitLine(a, b)
		}
		a = b
	}
	if prose >= 0 {
		sg.closeParagraph(prose, len(sg.toks), Prose)
	}
}

// splitLine adds the sentences that end inside the line of tokens [from, b)
// of the open paragraph, or at its end when it ends the paragraph: after a
// token that may end one, with the closing marks glued to it, before a
// token that starts one after a space.
func (sg *segmenter) splitLine(from, b int) {
	toks := sg.toks
	for k := from; k < b; {
		// Most tokens are neither punctuation nor abbreviations: a loop
		// without calls passes them over.
		for k < b && toks[k].Kind != Punct && toks[k].Kind != Abbrev {
			k++
		}
		if k == b {
			return
		}
		if !segEndsSentence(&toks[k]) {
			k++
			continue
		}
		e := k
		for e+1 < b && segIsCloser(&toks[e+1]) {
			e++
		}
		if e+1 >= b {
			return
		}
		// A period glued to the next token is inside a code (HK.01.07, 11/POJK.03/2020).
		if next := &toks[e+1]; next.Has(SpaceBefore) && segStartsSentence(next) && !(toks[k].Kind == Abbrev && next.Kind == Abbrev) {
			sg.addSentence(e)
			sg.sentStart = e + 1
		}
		k = e + 1
	}
}

// addSentence adds the open sentence, which ends at token e.
func (sg *segmenter) addSentence(e int) {
	sg.sents = append(sg.sents, Span{sg.toks[sg.sentStart].Start, sg.toks[e].End})
}

// closeParagraph adds the paragraph of tokens [a, b) and its last sentence.
func (sg *segmenter) closeParagraph(a, b int, kind ParagraphKind) {
	sg.paras = append(sg.paras, Paragraph{Span: Span{sg.toks[a].Start, sg.toks[b-1].End}, Kind: kind})
	sg.addSentence(b - 1)
}

// segEndsSentence reports whether t may end a sentence: . ! ? … or an
// abbreviation marked final.
func segEndsSentence(t *Token) bool {
	if t.Kind == Abbrev {
		return tokAbbreviations[t.Norm] == "final"
	}
	return segIsTerminal(t.Norm)
}

// segIsTerminal reports whether s is made of . ! ? and ….
func segIsTerminal(s string) bool {
	for i := 0; i < len(s); {
		switch {
		case s[i] == '.' || s[i] == '!' || s[i] == '?':
			i++
		case strings.HasPrefix(s[i:], "…"):
			i += len("…")
		default:
			return false
		}
	}
	return s != ""
}

// segIsCloser reports what stays with the end of a sentence when glued to it:
// closing quotation marks, closing brackets and more terminal punctuation.
func segIsCloser(t *Token) bool {
	if t.Has(SpaceBefore) {
		return false
	}
	switch t.Kind {
	case QuoteMark:
		return t.Quote != QuoteOpen
	case Punct:
		return t.Norm == ")" || t.Norm == "]" || segIsTerminal(t.Norm)
	}
	return false
}

// segStartsSentence reports whether t can open a sentence: a capital, a digit or
// an opening quotation mark (a straight or Kompas-style ” one after a space).
func segStartsSentence(t *Token) bool {
	switch t.Kind {
	case QuoteMark:
		return t.Quote == QuoteOpen || t.Has(SpaceBefore)
	case Money:
		return true
	case Word, Abbrev, URL, Number: // Number: not ke-15
		r, _ := utf8.DecodeRuneInString(t.Norm)
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

func segStartsLower(t *Token) bool {
	if t.Kind != Word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Norm)
	return unicode.IsLower(r)
}

// lineKind classifies the line of tokens [a, b).
func (sg *segmenter) lineKind(a, b int) ParagraphKind {
	switch {
	case sg.bulletMark(a, b) > 0:
		return Bullet
	case sg.isCaption(a, b):
		return Caption
	case sg.isHeading(a, b):
		return Heading
	}
	return Prose
}

// bulletMark returns how many tokens make the bullet that starts the line of
// tokens [a, b): a bullet glyph, a dash or star before a space, or a list
// number or letter ("1. ", "2) ", "a. ", "(3) "); 0 when the line is no bullet.
func (sg *segmenter) bulletMark(a, b int) int {
	toks := sg.toks[a:b]
	if len(toks) < 2 {
		return 0
	}
	switch toks[0].Norm {
	case "•", "·", "●", "▪", "◦", "■", "►", "▸", "➢", "➤", "✓", "✔", "○", "□":
		return 1
	case "-", "–", "—", "*":
		if toks[1].Has(SpaceBefore) {
			return 1
		}
	case "(":
		if len(toks) >= 4 && segIsListMark(&toks[1]) && toks[2].Norm == ")" && toks[3].Has(SpaceBefore) {
			return 3
		}
	}
	if len(toks) >= 3 && segIsListMark(&toks[0]) && (toks[1].Norm == "." || toks[1].Norm == ")") &&
		!toks[1].Has(SpaceBefore) && toks[2].Has(SpaceBefore) {
		return 2
	}
	return 0
}

// segIsListMark reports a list number (up to three digits) or lower-case letter.
func segIsListMark(t *Token) bool {
	switch t.Kind {
	case Number:
		return len(t.Norm) <= 3 && tokDigitsEnd(t.Norm, 0) == len(t.Norm)
	case Word:
		return len(t.Norm) == 1 && tokIsLower(t.Norm[0])
	}
	return false
}

// Words that open a caption or credit line before a colon ("Foto: …",
// "Baca juga: …", "Reporter: …"), and words that open a credit in brackets
// ("(Istimewa)", "(Dok. Humas)"), in lower case.
var (
	segCaptionLeads = segWordSet(`foto photo ilustrasi sumber reporter editor penulis pewarta kontributor
		dok dokumentasi grafis video kredit credit caption keterangan baca simak lihat tonton`)
	segCreditWords = segWordSet(`foto dok dok. dokumentasi istimewa ist ist. ilustrasi shutterstock getty
		istock istockphoto freepik unsplash pexels pixabay instagram twitter youtube tiktok facebook
		ig net internet screenshot tangkapan kolase courtesy handout`)
)

func segWordSet(words string) map[string]struct{} {
	m := make(map[string]struct{})
	for _, w := range strings.Fields(words) {
		m[w] = struct{}{}
	}
	return m
}

func segInFoldedSet(m map[string]struct{}, s string) bool {
	var buf [32]byte
	if len(s) > len(buf) {
		return false
	}
	_, ok := m[string(tokAppendFolded(buf[:0], s))]
	return ok
}

// maxCaptionTokens bounds a caption line: captions are a sentence or two.
const maxCaptionTokens = 80

// isCaption reports a photo caption or credit line: a lead word and a colon
// (Foto: …), a final bracketed credit ("(twitter.com/@X)", "(ANTARA/Foto
// Name)", "(Istimewa)") or a trailing "KOMPAS.com/Name" or "ANTARA FOTO/Name"
// credit.
func (sg *segmenter) isCaption(a, b int) bool {
	toks := sg.toks[a:b]
	if len(toks) > maxCaptionTokens {
		return false // a long paragraph ending in editors' initials "(FAI/CAS)" is prose
	}
	for k := 1; k < len(toks) && k <= 3; k++ {
		if toks[k].Norm == ":" {
			if segInFoldedSet(segCaptionLeads, toks[0].Norm) {
				return true
			}
			break
		}
		if toks[k].Kind != Word {
			break
		}
	}
	last := len(toks) - 1
	if toks[last].Norm == ")" {
		for k := last - 1; k >= 0 && k >= last-20; k-- {
			if toks[k].Norm == "(" {
				if k+1 < last && segIsBracketCredit(toks[k+1:last]) {
					return true
				}
				break
			}
		}
	}
	for k := max(0, len(toks)-8); k < len(toks); k++ {
		// Most tokens are neither a URL nor a slash: told without the call.
		if (toks[k].Kind == URL || toks[k].Norm == "/") && segIsCreditSlash(toks, k) {
			return true
		}
	}
	return false
}

// segIsBracketCredit reports bracket contents that credit a photo: a URL, a
// "Agency/Name" pair or a credit word first.
func segIsBracketCredit(toks []Token) bool {
	if segInFoldedSet(segCreditWords, toks[0].Norm) {
		return true
	}
	for k := range toks {
		if toks[k].Kind == URL {
			return true
		}
		if toks[k].Norm == "/" && k > 0 && k+1 < len(toks) && !toks[k].Has(SpaceBefore) && !toks[k+1].Has(SpaceBefore) &&
			segHasLetter(toks[k-1].Norm) && segHasLetter(toks[k+1].Norm) {
			return true
		}
	}
	return false
}

// segIsCreditSlash reports a credit at token k: an outlet's URL with the
// photographer as its path (KOMPAS.com/Name), or a slash glued to an outlet or
// "FOTO" (ANTARA FOTO/Name, Name/Kompas.com).
func segIsCreditSlash(toks []Token, k int) bool {
	t := &toks[k]
	if t.Kind == URL {
		host, path, ok := strings.Cut(t.Norm, "/")
		return ok && path != "" && tokIsOutlet(host)
	}
	if t.Norm != "/" || k == 0 || k+1 >= len(toks) || t.Has(SpaceBefore) || toks[k+1].Has(SpaceBefore) {
		return false
	}
	before, after := toks[k-1].Norm, toks[k+1].Norm
	return tokIsOutlet(before) || tokIsOutlet(after) || strings.EqualFold(before, "foto") || strings.EqualFold(before, "dok")
}

func segHasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// isHeading reports a short line (twelve words at most) that starts with a
// capital or digit, has no final punctuation and is followed by a line that
// starts a sentence or a bullet.
func (sg *segmenter) isHeading(a, b int) bool {
	toks := sg.toks
	if b >= len(toks) || b-a > 16 {
		return false
	}
	words := 0
	for k := a; k < b; k++ {
		if toks[k].Kind == Word || toks[k].Kind == Number {
			words++
		}
	}
	switch toks[b-1].Kind {
	case Word, Number, URL:
	default:
		return false
	}
	return words <= 12 && segStartsSentence(&toks[a]) && toks[a].Kind != QuoteMark &&
		(segStartsSentence(&toks[b]) || sg.bulletMark(b, sg.lineEnd(b)) > 0)
}

// lineEnd returns the end of the line of tokens that starts at token a.
func (sg *segmenter) lineEnd(a int) int {
	toks := sg.toks
	b := a + 1
	for b < len(toks) && !toks[b].Has(LineBreakBefore) {
		b++
	}
	return b
}
