package pipeline

// TokenKind classifies a token.
type TokenKind uint8

const (
	Word      TokenKind = iota // letters, with reduplication, apostrophes and clitics kept inside
	Number                     // 13/7/2025, 1.000,50, 30%, 10.30
	Money                      // Rp1.500,50, Rp 14,6 T, US$5
	Abbrev                     // Dr., S.H., dll., Jl.
	Punct                      // . , ; : ! ? ( ) - – — …
	QuoteMark                  // " “ ” „ ‘ ’ « » ' (see Token.Quote)
	URL                        // https://…, kompas.com, setkab.go.id
	Email                      // a@b.id
	Handle                     // @RusEmbJakarta
	Hashtag                    // #tags
	Symbol                     // anything else
)

var tokenKindNames = [...]string{"word", "number", "money", "abbrev", "punct", "quote", "url", "email", "handle", "hashtag", "symbol"}

func (k TokenKind) String() string {
	if int(k) < len(tokenKindNames) {
		return tokenKindNames[k]
	}
	return "unknown"
}

// QuoteDir says which way a quotation mark faces.
type QuoteDir uint8

const (
	QuoteNone  QuoteDir = iota
	QuoteOpen           // “ „ « ‘ (and ‹)
	QuoteClose          // ” » ’ (and ›); Kompas also opens with ”
	QuoteBoth           // " and ' : direction decided by context
)

// QuoteFamily groups marks that pair with each other.
type QuoteFamily uint8

const (
	FamilyNone      QuoteFamily = iota
	FamilyDouble                // " “ ” „
	FamilySingle                // ' ‘ ’ ‚
	FamilyGuillemet             // « » ‹ ›
)

// Clitic is a bound suffix kept inside its word token.
type Clitic uint8

const (
	NoClitic Clitic = iota
	CliticNya
	CliticLah
	CliticKah
	CliticPun
	CliticKu
	CliticMu
)

var cliticSuffix = [...]string{"", "nya", "lah", "kah", "pun", "ku", "mu"}

// Suffix returns the clitic's spelling ("nya", "lah", …).
func (c Clitic) Suffix() string { return cliticSuffix[c] }

// TokenFlag marks properties of a token.
type TokenFlag uint8

const (
	Reduplicated    TokenFlag = 1 << iota // negara-negara
	Dateline                              // part of a dateline (JAKARTA, KOMPAS.com -)
	SpaceBefore                           // whitespace precedes the token
	LineBreakBefore                       // the whitespace before the token breaks the line (the first token's too)
	BlankLineBefore                       // the whitespace before the token holds a blank line (the first token's too)
)

// Token is a token with byte offsets into Document.Text.
type Token struct {
	Start, End int    // byte offsets into Document.Text
	Norm       string // the token's text in Document.Norm
	Kind       TokenKind
	Clitic     Clitic      // for words: the clitic ending the word, if any
	Quote      QuoteDir    // for quote marks
	Family     QuoteFamily // for quote marks
	Flags      TokenFlag
}

// Has reports whether the token carries flag f.
func (t *Token) Has(f TokenFlag) bool { return t.Flags&f != 0 }

// Stem returns the word without its clitic (katanya → kata).
func (t *Token) Stem() string {
	if t.Clitic == NoClitic {
		return t.Norm
	}
	return t.Norm[:len(t.Norm)-len(t.Clitic.Suffix())]
}

// ParagraphKind tells prose from the other blocks of a scraped article.
type ParagraphKind uint8

const (
	Prose   ParagraphKind = iota
	Caption               // photo caption or credit line: nothing in it is a quote
	Bullet                // a bullet or list item
	Heading               // a short heading line
)

var paragraphKindNames = [...]string{"prose", "caption", "bullet", "heading"}

func (k ParagraphKind) String() string { return paragraphKindNames[k] }

// Paragraph is a block of text separated by blank lines, or a caption/bullet line.
type Paragraph struct {
	Span
	Kind ParagraphKind
}

// Label is an entity type of the output contract.
type Label string

const (
	Person       Label = "PERSON"
	Place        Label = "PLACE"
	Organisation Label = "ORGANISATION"
)

// Entity is a mention of a person, place or organisation.
type Entity struct {
	Span          // byte offsets into Document.Text
	Label  Label  // PERSON, PLACE, ORGANISATION
	ID     string // gazetteer id; empty for names not in the gazetteer
	Name   string // canonical name after aliases, fuzzy matching and coreference
	Kind   string // finer kind from the gazetteer (media, country, ministry …)
	Method string // gazetteer, alias, fuzzy, rule, coref
}

// QuoteKind is direct (in quotation marks) or indirect (reported speech).
type QuoteKind string

const (
	Direct   QuoteKind = "direct"
	Indirect QuoteKind = "indirect"
)

// Speaker is who a quote is attributed to.
type Speaker struct {
	Name      string // the fullest name the document writes, without titles and ranks
	Canonical string // the gazetteer's name for ID; empty when not linked
	ID        string // gazetteer id, if any
	Mention   Span   // the name, pronoun or -nya cue at the attribution site
}

// Source is a medium a quote was relayed through.
type Source struct {
	Name string
	ID   string
	Span
}

// Quote is a direct or indirect quote with its attribution.
type Quote struct {
	Span                 // the quote's content, without marks
	Kind       QuoteKind //
	Speaker    *Speaker  // nil when unknown
	Cue        *Span     // the speech cue, if any
	Sources    []Source
	Confidence float64
}
