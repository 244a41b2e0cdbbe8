package corpus

import "testing"

func TestOutletOfURL(t *testing.T) {
	for raw, want := range map[string]string{
		`{"url":"https://news.detik.com/berita/d-1/x"}`:    "detik",
		`{"url":"https://www.kompas.com/read/2019/x"}`:     "kompas",
		`{"url":"https://nasional.tempo.co/read/1/x"}`:     "tempo",
		`{"url":"https://setkab.go.id/x"}`:                 "setkab",
		`{"url":""}`:                                       "",
		`{"title":"tanpa url"}`:                            "",
		`{"url":"https://jabar.tribunnews.com/2019/09/x"}`: "tribunnews",
		`{"url":"https://www.kompas.tv/x"}`:                "kompas",
		`{"url":"https://KOMPAS.COM/x"}`:                   "kompas",
	} {
		obj, err := ParseObject([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		if got := OutletOfURL(obj); got != want {
			t.Errorf("OutletOfURL(%s) = %q, want %q", raw, got, want)
		}
	}
}
