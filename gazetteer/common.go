package gazetteer

// IsCommonWord reports whether word, in any letter case, is a frequent
// Indonesian word (data/common-words.txt). Such a word written with a capital
// at the start of a sentence is no evidence of a name.
func IsCommonWord(word string) bool {
	return isCommonWord(fold(word))
}
