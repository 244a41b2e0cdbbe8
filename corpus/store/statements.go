package store

import "strings"

// SplitStatements splits query into its SQL statements: the runs between
// semicolons outside strings, quoted names and comments that hold more than
// blanks and comments. Each keeps its text, without the semicolon. Select
// takes one statement; kutip sql runs each of several in turn.
func SplitStatements(query string) []string {
	var statements []string
	start, blank := 0, true
	end := func(i int) {
		if !blank {
			statements = append(statements, strings.TrimSpace(query[start:i]))
		}
		start, blank = i+1, true
	}
	for i := 0; i < len(query); i++ {
		switch c := query[i]; {
		case c == ';':
			end(i)
		case c == '\'' || c == '"' || c == '`':
			close := strings.IndexByte(query[i+1:], c) // a doubled quote is two quoted runs
			if close < 0 {
				close = len(query) - i - 1
			}
			i += close + 1
			blank = false
		case c == '[':
			close := strings.IndexByte(query[i+1:], ']')
			if close < 0 {
				close = len(query) - i - 1
			}
			i += close + 1
			blank = false
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			close := strings.IndexByte(query[i:], '\n')
			if close < 0 {
				close = len(query) - i
			}
			i += close
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			close := strings.Index(query[i+2:], "*/")
			if close < 0 {
				close = len(query) - i - 2
			}
			i += close + 3
		case c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f':
			blank = false
		}
	}
	end(len(query))
	return statements
}
