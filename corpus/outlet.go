package corpus

import (
	"net/url"
	"strings"

	"github.com/kutip/kutip/pipeline"
)

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
	labels := strings.Split(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), ".")
	// The site's name is the label before the domain's suffix: the
	// registrable name in news.detik.com or nasional.kompas.id.
	for len(labels) > 1 && pipeline.IsTopLevelDomain(labels[len(labels)-1]) {
		labels = labels[:len(labels)-1]
	}
	return labels[len(labels)-1]
}
