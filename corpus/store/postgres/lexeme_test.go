package postgres

import (
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	for text, want := range map[string][]string{
		"Harga BERAS naik.":           {"harga", "beras", "naik"},
		"Menurut Lavróv, ‘nuklir’…":   {"menurut", "lavrov", "nuklir"},
		"kerja-sama 2025 covid19 a.b": {"kerja", "sama", "2025", "covid19", "a", "b"},
		"Çağlar Söyüncü":              {"caglar", "soyuncu"},
		"東京 Москва":                   {"東京", "москва"},
		"'; DROP TABLE x; --":         {"drop", "table", "x"},
		"":                            nil,
	} {
		if got := words(nil, text); !reflect.DeepEqual(got, want) {
			t.Errorf("words(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestVectorCutsClitics(t *testing.T) {
	var v vectorBuilder
	v.reset()
	v.addText("Harga berasnya naik, katanya.")
	got := v.vector().String()
	if want := "'beras':2 'harga':1 'kata':4 'naik':3"; got != want {
		t.Errorf("vector %s, want %s", got, want)
	}
	v.reset()
	v.addName("Sergey Lavrov")
	v.addName("Menlu Rusia")
	if got, want := v.vector().String(), "'lavrov':2 'menlu':4 'rusia':5 'sergey':1"; got != want {
		t.Errorf("names %s, want %s (a gap between names)", got, want)
	}
	v.reset()
	v.addText(strings.Repeat("kata ", 300))
	if n := len(v.vector().Lexemes[0].Positions); n != maxPositionsPer {
		t.Errorf("%d positions of a word said 300 times, want PostgreSQL's limit %d", n, maxPositionsPer)
	}
}

func TestMatchQuery(t *testing.T) {
	tests := []struct{ query, want, wantErr string }{
		{"nuklir", `('nuklir')`, ""},
		{"nuklirnya", `('nuklir')`, ""},
		{"harga beras", `('harga') & ('beras')`, ""},
		{`"harga berasnya naik"`, `('harga' <-> 'beras' <-> 'naik')`, ""},
		{"nukl*", `('nukl':*)`, ""},
		{`"harga ber"*`, `('harga' <-> 'ber':*)`, ""},
		{`harga -dunia -"beras impor"`, `('harga') & !('dunia') & !('beras' <-> 'impor')`, ""},
		{`it's a:b & !c`, `('it' <-> 's') & ('a' <-> 'b') & ('c')`, ""},
		{"-nuklir", "", "no words"},
	}
	for _, tt := range tests {
		got, err := matchQuery(tt.query)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: err = %v, want %q", tt.query, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: got %s (err %v), want %s", tt.query, got, err, tt.want)
		}
	}
	if got, err := nameQuery("serg al-Assad"); err != nil || got != `('serg':*) & ('al' <-> 'assad':*)` {
		t.Errorf("nameQuery = %s, %v", got, err)
	}
}
