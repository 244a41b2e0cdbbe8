package gazetteer

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func readFixturePatterns(t *testing.T) []pattern {
	t.Helper()
	f, err := os.Open("testdata/patterns.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	patterns, err := readPatterns(f, "testdata/patterns.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return patterns
}

func TestExpandPatterns(t *testing.T) {
	entries, err := ReadFile("testdata/small.tsv")
	if err != nil {
		t.Fatal(err)
	}
	expanded, err := expandPatterns(readFixturePatterns(t), entries)
	if err != nil {
		t.Fatal(err)
	}
	// Two patterns over the five countries of small.tsv but Indonesia.
	if len(expanded) != 8 || slices.ContainsFunc(expanded, func(e Entry) bool { return e.Parent == homeCountry }) {
		t.Errorf("expanded to %d entries, want 8, none for %s", len(expanded), homeCountry)
	}
	want := Entry{
		ID: "kemenlu-rusia", Name: "Kementerian Luar Negeri Rusia", Label: Organisation, Kind: "ministry",
		Aliases: []string{
			"Kemenlu Rusia", "Kemlu Rusia",
			"Kementerian Luar Negeri Russia", "Kemenlu Russia", "Kemlu Russia",
			"Kementerian Luar Negeri Federasi Rusia", "Kemenlu Federasi Rusia", "Kemlu Federasi Rusia",
		},
		Parent: "rusia", Description: "Kementerian luar negeri Rusia",
		Source: "testdata/patterns.tsv", Line: 3,
	}
	i := slices.IndexFunc(expanded, func(e Entry) bool { return e.ID == "kemenlu-rusia" })
	if i < 0 || !reflect.DeepEqual(expanded[i], want) {
		t.Errorf("kemenlu-rusia:\n got %+v\nwant %+v", expanded, want)
	}

	g := New(entries, expanded)
	tests := []struct{ tokens, want string }{
		{"Kemenlu Rusia", "kemenlu-rusia@0-2:alias"},
		{"Kemenlu AS", "kemenlu-amerika-serikat@0-2:alias"},
		{"Kedubes Korut", "kedubes-korea-utara@0-2:alias"},
		{"Kementerian Luar Negeri Rusia", "kemenlu-rusia@0-4:name"},
		{"Kementerian Luar Negeri Federasi Rusia", "kemenlu-rusia@0-5:alias"},
	}
	for _, tt := range tests {
		if got := describe(g.MatchTokens(strings.Fields(tt.tokens), nil)); !slices.Equal(got, []string{tt.want}) {
			t.Errorf("MatchTokens(%q) = %q, want %q", tt.tokens, got, tt.want)
		}
	}
}

func TestExpandPatternsLeavesExplicitEntries(t *testing.T) {
	entries := []Entry{
		{ID: "rusia", Name: "Rusia", Label: Place, Kind: "country"},
		{ID: "jepang", Name: "Jepang", Label: Place, Kind: "country"},
		{ID: "kemenlu-rusia", Name: "Kementerian Luar Negeri Federasi Rusia", Label: Organisation},
	}
	expanded, err := expandPatterns(readFixturePatterns(t), entries)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range expanded {
		ids = append(ids, e.ID)
	}
	if want := []string{"kemenlu-jepang", "kedubes-rusia", "kedubes-jepang"}; !slices.Equal(ids, want) {
		t.Errorf("expanded ids = %q, want %q", ids, want)
	}
}

func TestReadPatternsErrors(t *testing.T) {
	const head = "id_template\tlabel\tkind\tname_template\taliases_template\n"
	tests := []struct{ name, input, want string }{
		{"entry header", "id\tlabel\tname\n", `p.tsv:1: header: unknown column "id" (want id_template, label, kind, name_template, aliases_template, parent, description, flags)`},
		{"id without placeholder", head + "kemenlu\tORG\tministry\tKemenlu {country}\n", "p.tsv:2: id_template: has no {id}"},
		{"name without placeholder", head + "kemenlu-{id}\tORG\tministry\tKemenlu\n", "p.tsv:2: name_template: has no {country}"},
		{"alias without placeholder", head + "kemenlu-{id}\tORG\tministry\tKemenlu {country}\tKemlu {country}|Kemlu\n", `p.tsv:2: aliases_template: "Kemlu" has no {country}`},
	}
	for _, tt := range tests {
		_, err := readPatterns(strings.NewReader(tt.input), "p.tsv")
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error = %v\n want %s", tt.name, err, tt.want)
		}
	}
}

func TestExpandPatternsErrors(t *testing.T) {
	patterns, err := readPatterns(strings.NewReader("id_template\tlabel\tkind\tname_template\n"+
		"kemenlu-{id}\tANIMAL\tministry\tKemenlu {country}\n"), "p.tsv")
	if err != nil {
		t.Fatal(err)
	}
	countries := []Entry{{ID: "rusia", Name: "Rusia", Label: Place, Kind: "country"}}
	_, err = expandPatterns(patterns, countries)
	want := `p.tsv:2: label: unknown label "ANIMAL" (want PERSON, PLACE or ORGANISATION) (expanding for country "rusia")`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\n want %s", err, want)
	}
}

// TestDefault checks the embedded data: it loads; it has the entries the
// rest of kutip and its tests rely on; and it is valid: no id defined twice,
// not even in two files (which for user files is an override), no unknown
// labels, no parents that do not exist.
func TestDefault(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() == 0 {
		t.Fatal("default gazetteer is empty")
	}
	if again, _ := Default(); again != g {
		t.Error("Default built the gazetteer twice")
	}
	for _, id := range []string{
		"indonesia", "rusia", "korea-utara", "amerika-serikat", "jawa-barat", "kpk", "tni",
		"reuters", "anadolu-agency", "trt-world", "sergey-lavrov", "joko-widodo",
	} {
		if _, ok := g.Entry(id); !ok {
			t.Errorf("default data has no %q", id)
		}
	}

	entries, err := DefaultEntries()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != g.Len() || !entries[0].builtin {
		t.Errorf("DefaultEntries: %d entries (gazetteer has %d), builtin %v", len(entries), g.Len(), entries[0].builtin)
	}
	for _, err := range Validate(entries) {
		t.Error(err)
	}
	first := make(map[string]*Entry)
	for i := range entries {
		e := &entries[i]
		if prev, ok := first[e.ID]; ok && prev.Source != e.Source {
			t.Errorf("%s: id %q already defined at %s", e.Where(), e.ID, prev.Where())
		}
		first[e.ID] = e
	}
	entries[0].Name = "changed"
	if e := g.Entries()[0]; e.Name == "changed" {
		t.Error("DefaultEntries shares entries with Default")
	}
}
