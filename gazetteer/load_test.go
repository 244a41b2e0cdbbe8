package gazetteer

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseLabel(t *testing.T) {
	tests := []struct {
		in   string
		want Label
		ok   bool
	}{
		{"PERSON", Person, true},
		{"per", Person, true},
		{"PLACE", Place, true},
		{"LOC", Place, true},
		{"Location", Place, true},
		{"GPE", Place, true},
		{"ORGANISATION", Organisation, true},
		{"ORGANIZATION", Organisation, true},
		{" org ", Organisation, true},
		{"MISC", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseLabel(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseLabel(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sergey Lavrov", "sergey-lavrov"},
		{"Korea Utara", "korea-utara"},
		{"Recep Tayyip Erdoğan", "recep-tayyip-erdogan"},
		{"  Ma’ruf  Amin ", "maruf-amin"},
		{"Bank Rakyat Indonesia (Persero) Tbk.", "bank-rakyat-indonesia-persero-tbk"},
		{"KOMPAS.com", "kompas-com"},
		{"Łódź", "lodz"},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The same three entries in each input format.
var sameEntries = map[string]string{
	"tsv": "# people\n" +
		"id\tlabel\tkind\tname\taliases\tparent\tdescription\tflags\n" +
		"\n" +
		"sergey-lavrov\tPER\tperson\tSergey Lavrov\tLavrov| Sergei Lavrov |Lavrov\trusia\tMenlu Rusia\n" +
		"\tGPE\tcountry\tKorea Utara\tKorut\r\n" +
		"detikcom\tORG\tmedia\tdetikcom\tSergey Lavrov|detikcom\t\t\tcaseless\n",
	"csv": "id,label,kind,name,aliases,parent,description,flags\n" +
		"# people\n" +
		"sergey-lavrov,PER,person,Sergey Lavrov,Lavrov| Sergei Lavrov |Lavrov,rusia,Menlu Rusia,\n" +
		",GPE,country,\"Korea Utara\",Korut\n" +
		"detikcom,ORG,media,detikcom,Sergey Lavrov|detikcom,,,caseless\n",
	"jsonl": `{"id":"sergey-lavrov","label":"PER","kind":"person","name":"Sergey Lavrov","aliases":["Lavrov"," Sergei Lavrov ","Lavrov"],"parent":"rusia","description":"Menlu Rusia"}` + "\n" +
		`{"label":"GPE","kind":"country","name":"Korea Utara","aliases":"Korut","parent":null}` + "\n" +
		"\n" +
		`{"id":"detikcom","label":"ORG","kind":"media","name":"detikcom","aliases":"Sergey Lavrov|detikcom","flags":["caseless"]}` + "\n",
}

func TestReadFormats(t *testing.T) {
	want := []Entry{
		{ID: "sergey-lavrov", Name: "Sergey Lavrov", Label: Person, Kind: "person", Aliases: []string{"Lavrov", "Sergei Lavrov"}, Parent: "rusia", Description: "Menlu Rusia"},
		{ID: "korea-utara", Name: "Korea Utara", Label: Place, Kind: "country", Aliases: []string{"Korut"}},
		{ID: "detikcom", Name: "detikcom", Label: Organisation, Kind: "media", Aliases: []string{"Sergey Lavrov"}, Caseless: true},
	}
	lines := map[string][]int{"tsv": {4, 5, 6}, "csv": {3, 4, 5}, "jsonl": {1, 2, 4}}
	for format, input := range sameEntries {
		t.Run(format, func(t *testing.T) {
			got, err := Read(strings.NewReader(input), format, "in."+format)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d entries, want %d: %+v", len(got), len(want), got)
			}
			for i := range want {
				w := want[i]
				w.Source, w.Line = "in."+format, lines[format][i]
				if !reflect.DeepEqual(got[i], w) {
					t.Errorf("entry %d:\n got %+v\nwant %+v", i, got[i], w)
				}
			}
		})
	}
}

func TestReadJSONRoundTrip(t *testing.T) {
	want, err := Read(strings.NewReader(sameEntries["tsv"]), "tsv", "in.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range want {
		line, err := json.Marshal(&want[i])
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
		want[i].Line = i + 1
	}
	got, err := Read(strings.NewReader(b.String()), "jsonl", "in.jsonl")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("entries written as JSON read back as %+v, %v;\nwant %+v", got, err, want)
	}
}

func TestReadErrors(t *testing.T) {
	const head = "id\tlabel\tname\tflags\n"
	tests := []struct {
		name, format, input, want string
	}{
		{"empty file", "tsv", "# only a comment\n", "bad.tsv: header: missing (the file has no lines)"},
		{"unknown column", "tsv", "id\tlabel\tname\tnote\n", `bad.tsv:1: header: unknown column "note" (want id, label, kind, name, aliases, parent, description, flags)`},
		{"column twice", "tsv", "name\tlabel\tName\n", `bad.tsv:1: header: column "name" appears twice`},
		{"no name column", "tsv", "id\tlabel\n", `bad.tsv:1: header: no "name" column`},
		{"too many fields", "tsv", head + "x\tPERSON\tX\t\textra\n", "bad.tsv:2: 5 fields, but the header has 4"},
		{"unknown label", "tsv", head + "# comment\n\nx\tANIMAL\tX\n", `bad.tsv:4: label: unknown label "ANIMAL" (want PERSON, PLACE or ORGANISATION)`},
		{"missing label", "tsv", head + "x\t\tX\n", "bad.tsv:2: label: missing"},
		{"missing name", "tsv", head + "x\tPERSON\n", "bad.tsv:2: name: missing"},
		{"underivable id", "tsv", head + "\tPERSON\t---\n", `bad.tsv:2: id: missing, and name "---" gives no letters or digits to derive one from`},
		{"space in id", "tsv", head + "sergey lavrov\tPERSON\tSergey Lavrov\n", `bad.tsv:2: id: "sergey lavrov" contains white space`},
		{"unknown flag", "tsv", head + "x\tPERSON\tX\tcaseless, shouting\n", `bad.tsv:2: flags: unknown flag "shouting" (known: caseless)`},
		{"invalid UTF-8", "tsv", head + "x\tPERSON\tX\xff\n", "bad.tsv:2: invalid UTF-8"},
		{"csv quote", "csv", "id,label,name\nx,PERSON,\"X\n", `bad.csv:2: extraneous or missing " in quoted-field`},
		{"csv line after multi-line field", "csv", "id,label,name,description\nx,PERSON,X,\"two\nlines\"\ny,THING,Y\n", `bad.csv:4: label: unknown label "THING" (want PERSON, PLACE or ORGANISATION)`},
		{"jsonl syntax", "jsonl", `{"name": }`, "bad.jsonl:1: invalid JSON: invalid character '}' looking for beginning of value"},
		{"jsonl unknown field", "jsonl", `{"name":"X","label":"PER","alias":"Y"}`, "bad.jsonl:1: alias: unknown field (want id, label, kind, name, aliases, parent, description, flags or caseless)"},
		{"jsonl aliases type", "jsonl", "\n" + `{"name":"X","label":"PER","aliases":3}`, `bad.jsonl:2: aliases: want a list of strings or a "|"-separated string, got 3`},
		{"jsonl name type", "jsonl", `{"name":5,"label":"PER"}`, "bad.jsonl:1: name: want a string, got 5"},
		{"jsonl caseless type", "jsonl", `{"name":"X","label":"PER","caseless":"yes"}`, `bad.jsonl:1: caseless: want true or false, got "yes"`},
		{"jsonl not an object", "jsonl", `["X"]`, "bad.jsonl:1: want a JSON object, got array"},
		{"jsonl two objects", "jsonl", `{"name":"X","label":"PER"} {}`, "bad.jsonl:1: more than one JSON value on the line"},
		{"jsonl missing label", "jsonl", `{"name":"X"}`, "bad.jsonl:1: label: missing"},
		{"unknown format", "xml", "", `bad.xml: unknown gazetteer format "xml" (want tsv, csv or jsonl)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.input), tt.format, "bad."+tt.format)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\n         want %s", err, tt.want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string, compress bool) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if !compress {
			if _, err := f.WriteString(content); err != nil {
				t.Fatal(err)
			}
			return path
		}
		gz := gzip.NewWriter(f)
		if _, err := gz.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
		if err := gz.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, path := range []string{
		write("a.tsv", sameEntries["tsv"], false),
		write("b.CSV", sameEntries["csv"], false),
		write("c.jsonl.gz", sameEntries["jsonl"], true),
		write("d.tsv.gz", sameEntries["tsv"], true),
	} {
		entries, err := ReadFile(path)
		if err != nil {
			t.Errorf("ReadFile(%s): %v", filepath.Base(path), err)
			continue
		}
		if len(entries) != 3 || entries[0].Source != path || entries[1].ID != "korea-utara" {
			t.Errorf("ReadFile(%s) = %+v", filepath.Base(path), entries)
		}
	}

	bad := write("e.tsv", "id\tlabel\tname\nx\tPERSON\n", false)
	if _, err := ReadFile(bad); err == nil || err.Error() != bad+":2: name: missing" {
		t.Errorf("ReadFile(e.tsv) error = %v", err)
	}
	unknown := write("f.xlsx", "", false)
	if _, err := ReadFile(unknown); err == nil || err.Error() != unknown+": unknown gazetteer format (want .tsv, .csv or .jsonl, optionally .gz)" {
		t.Errorf("ReadFile(f.xlsx) error = %v", err)
	}
	notGzip := write("g.tsv.gz", sameEntries["tsv"], false)
	if _, err := ReadFile(notGzip); err == nil || !strings.HasPrefix(err.Error(), notGzip+": gzip: ") {
		t.Errorf("ReadFile(g.tsv.gz) error = %v", err)
	}
}

func TestReadLongLine(t *testing.T) {
	input := "id\tlabel\tname\tdescription\n" + "x\tPERSON\tX\t" + strings.Repeat("a", 100_000) + "\n"
	entries, err := Read(strings.NewReader(input), "tsv", "long.tsv")
	if err != nil || len(entries) != 1 || len(entries[0].Description) != 100_000 {
		t.Errorf("Read(long line) = %d entries, %v", len(entries), err)
	}
}

func TestValidate(t *testing.T) {
	entries := []Entry{
		{ID: "rusia", Name: "Rusia", Label: Place, Source: "a.tsv", Line: 2},
		{ID: "sergey-lavrov", Name: "Sergey Lavrov", Label: Person, Parent: "rusia", Source: "a.tsv", Line: 3},
		{ID: "rusia", Name: "Russia", Label: Place, Source: "a.tsv", Line: 4},
		{ID: "rusia", Name: "Rusia", Label: Place, Source: "b.tsv", Line: 2}, // another file: an override
		{ID: "lavrov-jr", Name: "Lavrov Jr", Label: Person, Parent: "lavrov-sr", Source: "b.tsv", Line: 3},
		{ID: "antara", Name: "Antara", Label: Organisation, Aliases: []string{"ANTARA"}, Caseless: true, Source: "b.tsv", Line: 4},
		{ID: "thing", Name: "Thing", Label: "THING"},
		{ID: "", Name: "", Label: Person},
	}
	want := []string{
		`a.tsv:4: id: "rusia" already defined at line 2`,
		`b.tsv:3: parent: "lavrov-sr": no entry has this id`,
		`b.tsv:4: flags: caseless, but "Antara" is a common word and would match ordinary text`,
		`b.tsv:4: flags: caseless, but "ANTARA" is a common word and would match ordinary text`,
		`entry "thing": label: unknown label "THING" (want PERSON, PLACE or ORGANISATION)`,
		`entry "": id: empty`,
		`entry "": name: empty`,
	}
	var got []string
	for _, err := range Validate(entries) {
		got = append(got, err.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("Validate:\n got %q\nwant %q", got, want)
	}
}

func TestCollisions(t *testing.T) {
	entries := []Entry{
		{ID: "pbb", Name: "Perserikatan Bangsa-Bangsa", Aliases: []string{"PBB", "UN"}},
		{ID: "partai-bulan-bintang", Name: "Partai Bulan Bintang", Aliases: []string{"PBB"}},
		{ID: "un", Name: "UN"},
		{ID: "pan", Name: "Partai Amanat Nasional", Aliases: []string{"PAN"}},
		{ID: "pan-mohamad-faiz", Name: "Pan Mohamad Faiz", Aliases: []string{"Pan"}}, // differs in case: no collision
		{ID: "un", Name: "United Nations"},                                           // replaces the earlier "un"
	}
	got := Collisions(entries)
	if len(got) != 1 || got[0].Surface != "PBB" || len(got[0].Entries) != 2 ||
		got[0].Entries[0].ID != "pbb" || got[0].Entries[1].ID != "partai-bulan-bintang" {
		t.Errorf("Collisions = %+v, want only PBB: pbb, partai-bulan-bintang", got)
	}
}

// TestCheckFile: every bad row of a file is reported and skipped; the good
// rows are read.
func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		want          []string // problems, each after the path and ":"
		entries       int
	}{
		{"a.tsv", "id\tlabel\tname\n" +
			"x\tANIMAL\tX\n" +
			"ok\tPERSON\tOk\n" +
			"y\tPERSON\n" +
			"z\tPLACE\tZ\xff\n" +
			"w\tPLACE\tW\textra\n" +
			"v\tORG\tV\n",
			[]string{`2: label: unknown label "ANIMAL" (want PERSON, PLACE or ORGANISATION)`, "4: name: missing",
				"5: invalid UTF-8", "6: 4 fields, but the header has 3"}, 2},
		{"b.csv", "id,label,name\nx,PER,\"X\ny,LOC,Y\n\"q\"x\",PER,Q\nz,THING,Z\nok,ORG,Ok\n",
			[]string{`4: extraneous or missing " in quoted-field`, `5: label: unknown label "THING" (want PERSON, PLACE or ORGANISATION)`}, 1},
		{"c.jsonl", `{"name":"X"}` + "\n" + `{"name":"Ok","label":"PER"}` + "\n" + `{"name": }` + "\n" + `["X"]` + "\n",
			[]string{"1: label: missing", "3: invalid JSON: invalid character '}' looking for beginning of value",
				"4: want a JSON object, got array"}, 1},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		entries, problems, err := CheckFile(path)
		if err != nil {
			t.Errorf("CheckFile(%s): %v", tt.name, err)
			continue
		}
		var got []string
		for _, p := range problems {
			got = append(got, strings.TrimPrefix(p.Error(), path+":"))
		}
		if !slices.Equal(got, tt.want) || len(entries) != tt.entries {
			t.Errorf("CheckFile(%s) = %d entries, problems\n%s\nwant %d entries,\n%s", tt.name, len(entries),
				strings.Join(got, "\n"), tt.entries, strings.Join(tt.want, "\n"))
		}
	}
	if _, _, err := CheckFile(filepath.Join(dir, "none.tsv")); err == nil {
		t.Error("CheckFile(missing file): no error")
	}
}

func TestContentSize(t *testing.T) {
	dir := t.TempDir()
	content := strings.Repeat("id\tlabel\tname\n", 1000)
	plain := filepath.Join(dir, "g.tsv")
	if err := os.WriteFile(plain, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(content))
	zw.Close()
	packed := filepath.Join(dir, "g.tsv.gz")
	if err := os.WriteFile(packed, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want int64
	}{{plain, int64(len(content))}, {packed, int64(len(content))}, {filepath.Join(dir, "none.tsv"), 0}} {
		if got := ContentSize(c.path); got != c.want {
			t.Errorf("ContentSize(%s) = %d, want %d", filepath.Base(c.path), got, c.want)
		}
	}
}

func TestHasSpace(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "kemenlu-rusia": false, "a b": true, "a\tb": true, " ": true, "ab\n": true,
		"jalan\u00a0raya": true, "jalan\u3000raya": true, // spaces past ASCII
		"müller": false, "erdoğan-2": false,
		"kementerian-luar-negeri": false, "kementerian luar-negeri": true, "kementerian-luar negeri": true,
		"kementerian-luar-negeri\x01": false, "kementerian-luar-negeri ": true, "kementerian-luar-negeri\u2003": true,
	} {
		if got := hasSpace(s); got != want {
			t.Errorf("hasSpace(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNewKeepsEachEntrysFields(t *testing.T) {
	// The compiler interns each field's string after the last entry's: the
	// fields of entries in turn must still be their own.
	entries := []Entry{
		{ID: "a", Name: "A", Label: Place, Kind: "city", Parent: "p", Source: "x.tsv"},
		{ID: "b", Name: "B", Label: Place, Kind: "city", Parent: "", Source: "x.tsv"},
		{ID: "c", Name: "C", Label: Person, Kind: "", Parent: "p", Source: "y.tsv"},
		{ID: "d", Name: "D", Label: Place, Kind: "city", Parent: "p", Source: "x.tsv"},
	}
	g := New(entries)
	for _, want := range entries {
		got, ok := g.Entry(want.ID)
		if !ok {
			t.Fatalf("no entry %q", want.ID)
		}
		if got.Label != want.Label || got.Kind != want.Kind || got.Parent != want.Parent || got.Source != want.Source {
			t.Errorf("entry %q has %q/%q/%q/%q, want %q/%q/%q/%q", want.ID,
				got.Label, got.Kind, got.Parent, got.Source, want.Label, want.Kind, want.Parent, want.Source)
		}
	}
}

func TestTrimSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "\ta\r\n", "Joko Widodo", "\u00a0Erdoğan\u2003", "Erdoğan", "é", "ü ", "\u0301"} {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
