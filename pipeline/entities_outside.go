package pipeline

// outside returns the end of the capitalised words at j that stay outside
// every name, as the NER standards kutip is measured on annotate them, or j
// when there are none:
//
//   - a party's board before the party, and the board's region after it:
//     "DPP [Partai Golkar]", "DPD [Hanura] Sulsel"; a board alone other than
//     the DPD (DPP, DPC, DPW) names nothing;
//   - the region of a regional head's title: "Gubernur Jawa Barat [Ahmad
//     Heryawan]";
//   - a numbered unit of the body it belongs to: "Komisi III [DPR]".
//
// A party after its board is added here.
func (f *entityFinder) outside(j int, ev *evidence) int {
	toks := f.doc.Tokens
	switch {
	case f.isBoard(j):
		if j+1 < len(toks) && f.isParty(j+1) {
			end := f.emitKnown(j+1, ev)
			if e := &f.out[len(f.out)-1]; e.Label == Organisation {
				f.building(e, j) // "kantor DPP Partai Golkar" is the building
			}
			// A region defined with its short form, "Sulawesi Selatan
			// (Sulsel)", is mentioned for itself.
			if end < len(toks) && f.knownPlaceAt(end) {
				if region := f.matches[f.known[end]-1].End; region == len(toks) || toks[region].Norm != "(" {
					end = region
				}
			}
			return end
		}
		if !f.isKnownAt(j) || lower(toks[j].Norm) != "dpd" {
			return j + 1
		}
	case j > 0 && toks[j-1].Kind == Word && f.classOf(j-1)&classRegionHead != 0:
		k := j
		if f.known[j] == 0 && f.is(j, infoPlaceHead) && j+1 < len(toks) {
			k = j + 1 // "Wali Kota Bandung"
		}
		if f.knownPlaceAt(k) {
			return skipParenthesis(toks, f.matches[f.known[k]-1].End)
		}
	case f.known[j] == 0 && f.is(j, infoHead) && j+1 < len(toks) && toks[j+1].Has(SpaceBefore) &&
		toks[j+1].Kind == Word && isRomanNumeral(toks[j+1].Norm):
		return j + 2
	}
	return j
}

// isBoard reports a party board's acronym at i (party-boards.txt).
func (f *entityFinder) isBoard(i int) bool {
	return f.is(i, infoAcronym) && f.classOf(i)&classPartyBoard != 0
}

// isParty reports a party the gazetteer knows starting at token i.
func (f *entityFinder) isParty(i int) bool {
	return f.isKnownAt(i) && f.matches[f.known[i]-1].Entry.Kind == "party"
}

// isKnownAt reports a gazetteer match starting at token i.
func (f *entityFinder) isKnownAt(i int) bool {
	return f.known[i] != 0 && f.matches[f.known[i]-1].Start == i
}

// knownPlaceAt reports a gazetteer place starting at token i.
func (f *entityFinder) knownPlaceAt(i int) bool {
	return f.isKnownAt(i) && Label(f.matches[f.known[i]-1].Entry.Label) == Place
}
