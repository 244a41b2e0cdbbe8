package corpus

import (
	_ "embed"
	"net/url"
	"strings"
)

//go:embed data/public-suffixes.txt
var publicSuffixList string

// publicSuffixes are the labels of data/public-suffixes.txt.
var publicSuffixes = func() map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(publicSuffixList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[line] = true
		}
	}
	return set
}()

// OutletOfURL names the publishing outlet after the site of the record's
// "url" field ("https://news.detik.com/…" → "detik"), for inputs without an
// outlet field: the outlet's self-references are then not taken for
// sources. It returns "" when the record has no URL.
func OutletOfURL(obj *Object) string {
	raw, err := obj.StringField("url")
	if err != nil {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	labels := strings.Split(strings.TrimPrefix(u.Hostname(), "www."), ".")
	// The site's name is the label before the public suffix: the registrable
	// name in news.detik.com or nasional.kompas.id.
	for len(labels) > 1 && publicSuffixes[labels[len(labels)-1]] {
		labels = labels[:len(labels)-1]
	}
	return labels[len(labels)-1]
}
