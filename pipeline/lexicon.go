package pipeline

import (
	"embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexiconFiles holds the word lists that carry the pipeline's Indonesian
// knowledge, kept as plain files a linguist can review.
//
//go:embed data/*.txt data/*.tsv
var lexiconFiles embed.FS

// readWordSet returns the words of a list: one item per line, blank lines and
// #-comments skipped.
func readWordSet(name string) map[string]bool {
	set := make(map[string]bool)
	for w := range readWordMap(name) {
		set[w] = true
	}
	return set
}

// readWordMap returns the entries of a word list whose lines are WORD <TAB>
// VALUE. Lists are part of the binary, so a broken one is a programming error
// and panics at start-up, in every test run.
func readWordMap(name string) map[string]string {
	data, err := lexiconFiles.ReadFile("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("pipeline: word list %s: %v", name, err))
	}
	out := make(map[string]string)
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, value, _ := strings.Cut(line, "\t")
		word = strings.TrimSpace(word)
		if _, dup := out[word]; dup {
			panic(fmt.Sprintf("pipeline: word list %s:%d: %q listed twice", name, n+1, word))
		}
		out[word] = strings.TrimSpace(value)
	}
	return out
}

// lower returns s in lower case, without allocating when s has no upper-case
// ASCII letters (most Indonesian words in running text).
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// isCapitalised reports whether s starts with an upper-case letter.
func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
