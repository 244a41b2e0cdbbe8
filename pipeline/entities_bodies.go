package pipeline

import (
	"strings"
)

// stateBody turns the country e, whose first token is start, into the
// government body that lower-case words before it name: "pemerintah Irak",
// "kementerian luar negeri Mesir".
func (f *entityFinder) stateBody(e *Entity, start int) {
	toks := f.doc.Tokens
	i := start - 1
	for i >= 0 && start-i <= 3 && f.connector(i)&classRole != 0 {
		i--
	}
	// The head may be capitalised alone: "Kementerian luar negeri Mesir".
	if i < 0 || toks[i].Kind != Word || f.classOf(i)&classStateBody == 0 {
		return
	}
	// Look the body up by its name as written with capitals.
	var b strings.Builder
	for _, t := range toks[i:start] {
		b.WriteString(strings.ToUpper(t.Norm[:1]))
		b.WriteString(t.Norm[1:])
		b.WriteByte(' ')
	}
	b.WriteString(e.Name)
	name := b.String()
	*e = Entity{Span: Span{toks[i].Start, e.End}, Label: Organisation, Name: name, Method: "rule"}
	for _, c := range f.g.Candidates(name) {
		if Label(c.Label) == Organisation {
			e.ID, e.Name, e.Kind, e.Method = c.ID, c.Name, c.Kind, "gazetteer"
			break
		}
	}
}

// lowercaseBody tags a ministry named in lower case without its country
// ("kementerian luar negeri menolak …", the ministry the article is about)
// at token i, and returns where scanning goes on. "pemerintah daerah" is
// any local government.
func (f *entityFinder) lowercaseBody(i int) int {
	if w := f.doc.Tokens[i].Norm; len(w) < shortestMinistryWord || !ministryWords.get(w) {
		return i + 1
	}
	k := i + 1
	for k < len(f.doc.Tokens) && k-i <= 3 && f.connector(k)&classRole != 0 {
		k++
	}
	if k == i+1 || k < len(f.doc.Tokens) && f.isNameToken(k) {
		return i + 1 // "pemerintah" alone is no body; "kementerian luar negeri Mesir" is found from Mesir
	}
	f.out = append(f.out, f.ruleEntity(i, k, Organisation))
	return k
}

// building turns the organisation e, whose first token is start, into the
// place that a lower-case word before it names ("gedung DPR"), or takes in
// the lower-case word that opens its name ("partai NasDem",
// name-opening-words.txt).
func (f *entityFinder) building(e *Entity, start int) {
	f.placeOfBody(e, start)
	f.venue(e, start)
	if e.Label != Organisation || start == 0 {
		return
	}
	if t := &f.doc.Tokens[start-1]; t.Kind == Word && startsLower(t.Norm) && nameOpeningWords.lookup(t.Norm) {
		e.Start = t.Start
	}
}

// venue turns the organisation e, whose first token is start, into the
// place where it sits when "di" comes before it and it is a court
// (venue-bodies.txt): "sidang di Pengadilan Negeri Jakarta Selatan".
func (f *entityFinder) venue(e *Entity, start int) {
	toks := f.doc.Tokens
	if e.Label == Organisation && start > 0 && toks[start-1].Norm == "di" && venueBodies.lookup(toks[start].Norm) {
		e.Label = Place
	}
}

// placeOfBody turns the organisation e, whose first token is start, into the
// place that a lower-case word before it names: "gedung DPR", "kompleks MPR".
func (f *entityFinder) placeOfBody(e *Entity, start int) {
	if start > 0 && f.connector(start-1)&classPlaceCue != 0 {
		t := f.doc.Tokens[start-1]
		*e = Entity{Span: Span{t.Start, e.End}, Label: Place, Name: f.doc.Text[t.Start:e.End], Method: "rule"}
	}
}

// takeSuffix extends the organisation e ending at token k over the company
// suffixes and English words of bodies right after it ("Qualcomm Inc",
// "Garuda Indonesia Tbk"), which the gazetteer leaves out of its names. It
// returns the token after e.
func (f *entityFinder) takeSuffix(e *Entity, k int) int {
	toks := f.doc.Tokens
	end := k
	for end < len(toks) && toks[end].Has(SpaceBefore) && f.known[end] == 0 && f.isEnglishOrgWord(end) && isNameWord(&toks[end]) {
		end++
	}
	if end > k {
		e.End = toks[end-1].End
	}
	return end
}

// takeCountry extends the organisation e ending at token k over a country
// right after it, which makes it another organisation: "PKB Indonesia" is
// not PKB, "FT Ethiopia" the Ethiopian edition. It returns the token after e.
func (f *entityFinder) takeCountry(e *Entity, k int) int {
	toks := f.doc.Tokens
	if k >= len(toks) || !toks[k].Has(SpaceBefore) || !f.isKnownAt(k) {
		return k
	}
	m := f.matches[f.known[k]-1]
	if m.Entry.Kind != "country" || m.End < len(toks) && toks[m.End].Has(SpaceBefore) && f.isNameToken(m.End) {
		return k // "Garuda Indonesia Tiongkok": the country starts a name of its own
	}
	*e = Entity{Span: Span{e.Start, toks[m.End-1].End}, Label: Organisation, Method: "rule"}
	e.Name = f.doc.Text[e.Start:e.End]
	return m.End
}

// facility extends the place e, whose first token is start, over the
// lower-case word before it that names a building or site: "kompleks
// Istana Negara", "hotel Oranje".
func (f *entityFinder) facility(e *Entity, start int) {
	if start > 0 && f.connector(start-1)&classFacility != 0 {
		e.Start = f.doc.Tokens[start-1].Start
	}
}

// compound tags the known names glued into token j, by a hyphen
// ("Israel-AS", "Jokowi-JK") or by a lost line break ("KorutRusia"), and
// reports whether every part was known.
func (f *entityFinder) compound(j int) bool {
	t := &f.doc.Tokens[j]
	w := t.Norm
	if t.Kind != Word || t.Has(Reduplicated) || len(w) != t.End-t.Start || !f.lexeme(j).glued {
		return false
	}
	var cuts [4]int
	parts := cuts[:0]
	for i := 1; i < len(w)-1 && len(parts) < len(cuts); i++ {
		if isGlue(w, i) {
			parts = append(parts, i)
		}
	}
	if len(parts) == 0 {
		return false
	}
	parts = append(parts, len(w))
	n := len(f.out)
	from := 0
	for _, to := range parts {
		cands := f.g.Candidates(w[from:to])
		if len(cands) == 0 {
			f.out = f.out[:n]
			return false
		}
		e := cands[0]
		f.out = append(f.out, Entity{Span: Span{t.Start + from, t.Start + to}, Label: Label(e.Label), ID: e.ID,
			Name: e.Name, Kind: e.Kind, Method: "gazetteer"})
		from = to
		if from < len(w) && w[from] == '-' {
			from++
		}
	}
	return true
}

// isGlue reports whether w joins two words at i, inside it: by a hyphen,
// or by a capital after a lower-case letter.
func isGlue(w string, i int) bool {
	return w[i] == '-' || 'a' <= w[i-1] && w[i-1] <= 'z' && 'A' <= w[i] && w[i] <= 'Z'
}

// isGlued reports whether w joins words (isGlue), which compound may find
// known names in.
func isGlued(w string) bool {
	for i := 1; i < len(w)-1; i++ {
		if isGlue(w, i) {
			return true
		}
	}
	return false
}

// compassPairStarts are the first words of the directions of two words
// ("barat laut"): a place before any other word has none after it.
var compassPairStarts = listOf(func() map[string]bool {
	starts := make(map[string]bool)
	for w := range compassWords {
		if first, _, two := strings.Cut(w, " "); two {
			starts[first] = true
		}
	}
	return starts
}())

// takeDirection extends a place ending at token k over a direction after it
// ("Israel utara", "Libya Barat") and returns the token after e.
func (f *entityFinder) takeDirection(e *Entity, k int) int {
	toks := f.doc.Tokens
	n := 0
	var buf [64]byte
	switch {
	case k+1 < len(toks) && compassPairStarts.lookup(toks[k].Norm) && compassWords[string(f.lowerPair(buf[:0], k))]:
		n = 2
	case k < len(toks) && toks[k].Kind == Word && lookupLower(compassWords, toks[k].Norm):
		n = 1
	default:
		return k
	}
	// A capitalised direction starts a name of its own unless it ends the run.
	if isCapitalised(toks[k].Norm) && k+n < len(toks) && toks[k+n].Has(SpaceBefore) && f.isNameToken(k+n) {
		return k
	}
	e.End = toks[k+n-1].End
	return k + n
}

// skipParenthesis returns the token after "(X)" at k, or k: the acronym of
// words that name nothing names nothing either ("Loan to Deposit Ratio
// (LDR)").
func skipParenthesis(toks []Token, k int) int {
	if k+2 < len(toks) && toks[k].Norm == "(" && toks[k+2].Norm == ")" {
		return k + 3
	}
	return k
}

// takeParenthesis extends an organisation or place name ending at token k
// over the acronym in parentheses after it ("Mahkamah Konstitusi (MK)"),
// and over a country right after that ("Kementerian Luar Negeri (Kemenlu)
// Rusia", the ministry of Russia). It returns the token after e.
func (f *entityFinder) takeParenthesis(e *Entity, k int) int {
	toks := f.doc.Tokens
	if k+2 >= len(toks) || toks[k].Norm != "(" || toks[k+2].Norm != ")" || !isNameWord(&toks[k+1]) {
		return k
	}
	name := f.doc.Text[e.Start:e.End]
	e.End = toks[k+2].End
	k += 3
	if e.Label == Organisation && k < len(toks) && f.known[k] != 0 {
		if m := f.matches[f.known[k]-1]; m.Start == k && m.Entry.Kind == "country" {
			name += " " + f.doc.Text[toks[k].Start:toks[m.End-1].End]
			e.End = toks[m.End-1].End
			k = m.End
			e.ID, e.Kind, e.Method = "", "", "rule"
			for _, c := range f.g.Candidates(name) {
				if Label(c.Label) == Organisation {
					e.ID, e.Kind, e.Method = c.ID, c.Kind, "gazetteer"
					name = c.Name
					break
				}
			}
			e.Name = name
		}
	}
	if e.Name == "" {
		e.Name = name
	}
	return k
}
