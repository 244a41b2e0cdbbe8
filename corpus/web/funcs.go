package web

import (
	"html/template"
	"strconv"
)

var templateFuncs = template.FuncMap{"num": thousands, "quotes": quotesCount, "maxExport": func() int { return MaxExport }}

// thousands writes n with thin spaces between groups of three digits
// (12 345), which reads in Indonesian and English alike.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3*3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, "\u202f"...)
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
