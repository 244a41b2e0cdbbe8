package pipeline

import (
	"fmt"
	"testing"
)

func TestCoreference(t *testing.T) {
	g := testGazetteer(t)
	tests := []struct {
		name, text string
		want       []wantEntity
	}{
		{"an acronym defined in the document overrides the gazetteer's",
			"Kementerian Luar Negeri (Kemenlu) Rusia menolak tuduhan itu. Menurut Kemenlu, tuduhan itu keliru.",
			[]wantEntity{
				{Organisation, 0, 39, "Kementerian Luar Negeri (Kemenlu) Rusia", "Kementerian Luar Negeri Rusia", "gazetteer"},
				{Organisation, 69, 76, "Kemenlu", "Kementerian Luar Negeri Rusia", "coref"},
			}},
		{"a nickname in parentheses after a name",
			"Basuki Tjahaja Purnama (Ahok) hadir. Ahok tersenyum.",
			[]wantEntity{
				{Person, 0, 22, "Basuki Tjahaja Purnama", "Basuki Tjahaja Purnama", "rule"},
				{Person, 24, 28, "Ahok", "Basuki Tjahaja Purnama", "coref"},
				{Person, 37, 41, "Ahok", "Basuki Tjahaja Purnama", "coref"},
			}},
		{"part of one person's name",
			"Rina Hartati tiba di Bandung. Hartati lalu berbicara.",
			[]wantEntity{
				{Person, 0, 12, "Rina Hartati", "Rina Hartati", "rule"},
				{Place, 21, 28, "Bandung", "Bandung", "gazetteer"},
				{Person, 30, 37, "Hartati", "Rina Hartati", "coref"},
			}},
		{"part of two people's names stays as written",
			"Ahmad Heryawan dan Ahmad Basarah hadir. Ahmad tersenyum.",
			[]wantEntity{
				{Person, 0, 14, "Ahmad Heryawan", "Ahmad Heryawan", "rule"},
				{Person, 19, 32, "Ahmad Basarah", "Ahmad Basarah", "rule"},
				{Person, 40, 45, "Ahmad", "Ahmad", "rule"},
			}},
		{"a word of a full name that the rules leave alone",
			"Menurut Indah Lestari, harga naik. Ia bertemu Indah di pasar.",
			[]wantEntity{
				{Person, 8, 21, "Indah Lestari", "Indah Lestari", "rule"},
				{Person, 46, 51, "Indah", "Indah Lestari", "coref"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { expectEntities(t, g, tt.text, tt.want) })
	}
}

// TestStringIDs numbers strings in the order they are added, through
// enough of them to grow the table, and forgets them on reset.
func TestStringIDs(t *testing.T) {
	var ids stringIDs
	for round := range 2 {
		for i := range 300 {
			w := fmt.Sprintf("Nama%d", i)
			if id, added := ids.add(w); id != int32(i) || !added {
				t.Errorf("round %d: add(%q) = %d, %v, want %d, true", round, w, id, added, i)
			}
		}
		for i := range 300 {
			w := fmt.Sprintf("Nama%d", i)
			if id, added := ids.add(w); id != int32(i) || added {
				t.Errorf("round %d: add(%q) again = %d, %v, want %d, false", round, w, id, added, i)
			}
		}
		for i, w := range []string{"Nama300", "nama1", ""} {
			if id, added := ids.add(w); id != int32(300+i) || !added {
				t.Errorf("round %d: add(%q) = %d, %v, want %d, true", round, w, id, added, 300+i)
			}
		}
		ids.reset()
	}
}
