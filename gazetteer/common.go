package gazetteer

// IsCommonWord reports whether word, in any letter case, is a frequent
// Indonesian word (data/common-words.txt). Such a word written with a capital
// at the start of a sentence is no evidence of a name.
func IsCommonWord(word string) bool {
	// The common case, an ASCII word, is folded into a stack buffer: the map
	// lookup of string(buf) does not allocate.
	var buf [32]byte
	if len(word) > len(buf) {
		return false // no common word is that long
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 0x80 {
			return isCommonWord(fold(word))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return commonWords()[string(buf[:len(word)])]
}

// CommonWords returns the words IsCommonWord knows, in lower case without
// diacritics, for callers that merge them into their own word tables.
func CommonWords() []string {
	words := make([]string, 0, len(commonWords()))
	for w := range commonWords() {
		words = append(words, w)
	}
	return words
}
