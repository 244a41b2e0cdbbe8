package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// storeFixture is four articles written for these tests, and one record
// extract cannot process.
const storeFixture = `{"id":"a1","outlet":"Warta Contoh","url":"https://contoh.test/a1","title":"Menlu bicara nuklir","date":"2025-07-14","text":"Menteri Luar Negeri Rusia, Sergey Lavrov, berbicara di Moskow. \"Kami tidak akan memakai senjata nuklir lebih dulu,\" kata Lavrov seperti dikutip dari Reuters.\n\nLavrov juga mengatakan bahwa kerja sama kedua negara akan terus diperkuat."}
{"id":"a2","outlet":"detikNews","published_at":"2025-08-02T09:30:00+07:00","text":"Harga beras di pasar naik lagi pekan ini. \"Harga berasnya sudah terlalu tinggi bagi warga,\" ujar Rina Hartati, pedagang di Bandung.\n\n\"Kami minta pemerintah turun tangan,\" kata Budi Santoso, warga Bandung, kepada Anadolu Agency."}
{"id":"a3","outlet":"Warta Contoh","published":"2025-06-20","text":"Sergey Lavrov berbicara kepada wartawan di Moskow. \"Uji coba nuklirnya tidak mengancam siapa pun,\" kata Lavrov seperti dilansir dari Anadolu Agency."}
{"id":"a4","outlet":"Kabar Contoh","text":"Tidak ada kutipan dalam berita ini."}
{"id":"rusak","text":42}
`

// extractFixture runs kutip extract on storeFixture and returns the path of
// its output.
func extractFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.jsonl"), filepath.Join(dir, "out.jsonl")
	if err := os.WriteFile(in, []byte(storeFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "extract", "--quiet", "-o", out, in); code != exitFailed {
		t.Fatalf("extract exit %d, want 1 for the broken record; stderr: %s", code, stderr)
	}
	return out
}

// fixtureStore returns a store indexed from the fixture's extract output.
func fixtureStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "quotes.db")
	if code, _, stderr := run(t, "", "index", "--db", db, extractFixture(t)); code != exitOK {
		t.Fatalf("index exit %d: %s", code, stderr)
	}
	return db
}

// quoteRows runs kutip quotes with --format jsonl and returns
// "article speaker" for every quote.
func quoteRows(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, stderr := run(t, "", append([]string{"quotes", "--format", "jsonl"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := []string{}
	if out == "" {
		return rows
	}
	for _, rec := range decodeLines(t, out) {
		speaker := "-"
		if s, ok := rec["speaker"].(map[string]any); ok {
			speaker = s["name"].(string)
		}
		rows = append(rows, rec["article"].(string)+" "+speaker)
	}
	return rows
}

func TestIndexReportsWhatItDid(t *testing.T) {
	out := extractFixture(t)
	db := filepath.Join(t.TempDir(), "quotes.db")
	code, stdout, stderr := run(t, "", "index", "--db", db, out)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	want := "kutip: 4 articles, 5 quotes indexed into " + db + "; 1 record that extract could not process skipped\n"
	if stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}

func TestIndexTwiceKeepsOneCopy(t *testing.T) {
	db := fixtureStore(t)
	count := func() string {
		_, out, _ := run(t, "", "sql", "--db", db, "--format", "csv",
			"SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), (SELECT count(*) FROM mentions), (SELECT count(*) FROM quote_sources)")
		return out
	}
	before := count()
	// Standard input this time.
	data, err := os.ReadFile(extractFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, string(data), "index", "--quiet", "--db", db); code != exitOK || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if after := count(); after != before {
		t.Errorf("counts after indexing again:\n%s\nbefore:\n%s", after, before)
	}
	if got := quoteRows(t, "--db", db, "--match", "nuklir"); len(got) != 2 {
		t.Errorf("nuklir found %v, want 2 quotes", got)
	}
}

func TestQuotesFilters(t *testing.T) {
	db := fixtureStore(t)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"all, newest first, undated articles last", nil,
			[]string{"a2 Rina Hartati", "a2 Budi Santoso", "a1 Sergey Lavrov", "a1 Sergey Lavrov", "a3 Sergey Lavrov"}},
		{"speaker by surname", []string{"--speaker", "Lavrov"}, []string{"a1 Sergey Lavrov", "a1 Sergey Lavrov", "a3 Sergey Lavrov"}},
		{"speaker by a part of the name, any case", []string{"--speaker", "hartati"}, []string{"a2 Rina Hartati"}},
		{"source", []string{"--source", "Anadolu Agency"}, []string{"a2 Budi Santoso", "a3 Sergey Lavrov"}},
		{"source and speaker", []string{"--source", "anadolu", "--speaker", "lavrov"}, []string{"a3 Sergey Lavrov"}},
		{"outlet", []string{"--outlet", "detik"}, []string{"a2 Rina Hartati", "a2 Budi Santoso"}},
		{"full text finds clitic forms", []string{"--match", "nuklir"}, []string{"a1 Sergey Lavrov", "a3 Sergey Lavrov"}},
		{"full text, two words", []string{"--match", "harga beras"}, []string{"a2 Rina Hartati"}},
		{"a month", []string{"--since", "2025-07", "--until", "2025-07"}, []string{"a1 Sergey Lavrov", "a1 Sergey Lavrov"}},
		{"a year, from a day", []string{"--since", "2025-07-15", "--until", "2025"}, []string{"a2 Rina Hartati", "a2 Budi Santoso"}},
		{"kind", []string{"--kind", "indirect"}, []string{"a1 Sergey Lavrov"}},
		{"limit", []string{"--limit", "1"}, []string{"a2 Rina Hartati"}},
		{"nothing matches", []string{"--speaker", "Putin"}, []string{}},
		{"repeated speakers: either", []string{"--speaker", "hartati", "--speaker", "budi"}, []string{"a2 Rina Hartati", "a2 Budi Santoso"}},
		{"repeated outlets: either, a comma kept", []string{"--outlet", "detik", "--outlet", "Warta, Contoh"}, []string{"a2 Rina Hartati", "a2 Budi Santoso"}},
		{"an article", []string{"--article", "a3"}, []string{"a3 Sergey Lavrov"}},
		{"a confidence none reaches", []string{"--min-confidence", "1"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quoteRows(t, append([]string{"--db", db}, tt.args...)...)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestQuotesFormats(t *testing.T) {
	db := fixtureStore(t)
	t.Run("jsonl has every field", func(t *testing.T) {
		_, out, _ := run(t, "", "quotes", "--db", db, "--format", "jsonl", "--match", "senjata")
		recs := decodeLines(t, out)
		if len(recs) != 1 {
			t.Fatalf("%d records", len(recs))
		}
		r := recs[0]
		if r["article"] != "a1" || r["outlet"] != "Warta Contoh" || r["date"] != "2025-07-14" || r["url"] != "https://contoh.test/a1" ||
			r["kind"] != "direct" || r["cue"] != "kata" || !strings.Contains(r["text"].(string), "senjata nuklir") {
			t.Errorf("record %v", r)
		}
		sources := r["sources"].([]any)
		if len(sources) != 1 || sources[0].(map[string]any)["name"] != "Reuters" {
			t.Errorf("sources %v", sources)
		}
	})
	t.Run("csv has a header and a row per quote", func(t *testing.T) {
		_, out, _ := run(t, "", "quotes", "--db", db, "--format", "csv", "--source", "anadolu")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0][0] != "date" || rows[0][3] != "speaker" || rows[1][6] != "Anadolu Agency" {
			t.Errorf("rows %q", rows)
		}
	})
	t.Run("table fits 100 columns when not on a terminal", func(t *testing.T) {
		t.Setenv("COLUMNS", "")
		_, out, _ := run(t, "", "quotes", "--db", db)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 6 || lines[0] != "date        speaker        sources         text" {
			t.Fatalf("table:\n%s", out)
		}
		for _, l := range lines {
			if n := utf8.RuneCountInString(l); n > 100 {
				t.Errorf("line of %d characters: %s", n, l)
			}
		}
		if !strings.Contains(out, "“Harga berasnya") {
			t.Errorf("direct quotes not marked:\n%s", out)
		}
	})
}

func TestTopCommands(t *testing.T) {
	db := fixtureStore(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"speakers", []string{"speakers", "--format", "csv"},
			"name,id,quotes\nSergey Lavrov,sergey-lavrov,3\nBudi Santoso,budi-santoso,1\nRina Hartati,,1\n"},
		{"speakers on a topic", []string{"speakers", "--format", "csv", "--match", "nuklir"},
			"name,id,quotes\nSergey Lavrov,sergey-lavrov,2\n"},
		{"sources an outlet relays", []string{"sources", "--format", "csv", "--outlet", "Warta"},
			"name,id,quotes\nAnadolu Agency,anadolu-agency,1\nReuters,reuters,1\n"},
		{"outlets", []string{"outlets", "--format", "csv"},
			"name,quotes\nWarta Contoh,3\ndetikNews,2\n"},
		{"outlets as jsonl", []string{"outlets", "--format", "jsonl", "--limit", "1"},
			`{"name":"Warta Contoh","quotes":3}` + "\n"},
		{"speakers as a table", []string{"speakers", "--limit", "1"},
			"name           id             quotes\nSergey Lavrov  sergey-lavrov  3\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, "", append(tt.args, "--db", db)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if out != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
		})
	}
}

func TestSQLIsReadOnly(t *testing.T) {
	db := fixtureStore(t)
	tests := []struct {
		name, format, query, want string
	}{
		{"csv", "csv", "SELECT speaker, count(*) AS n FROM quote_view GROUP BY speaker ORDER BY n DESC, speaker LIMIT 2",
			"speaker,n\nSergey Lavrov,3\nBudi Santoso,1\n"},
		{"jsonl keeps column order and types", "jsonl", "SELECT 'x' AS b, 1 AS a, 0.5 AS c, NULL AS d",
			`{"b":"x","a":1,"c":0.5,"d":null}` + "\n"},
		{"table", "table", "SELECT record_id, outlet FROM articles ORDER BY record_id LIMIT 1",
			"record_id  outlet\na1         Warta Contoh\n"},
		{"csv without rows keeps its header", "csv", "SELECT record_id, outlet FROM articles WHERE 0",
			"record_id,outlet\n"},
		{"table without rows keeps its header", "table", "SELECT record_id, outlet FROM articles WHERE 0",
			"record_id  outlet\n"},
		{"jsonl without rows is empty", "jsonl", "SELECT record_id FROM articles WHERE 0", ""},
		{"statements without columns show nothing", "csv", "PRAGMA query_only = 1; SELECT 1 AS n",
			"n\n1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, "", "sql", "--db", db, "--format", tt.format, tt.query)
			if code != exitOK || out != tt.want {
				t.Errorf("exit %d, got\n%s\nwant\n%s\nstderr: %s", code, out, tt.want, stderr)
			}
		})
	}
	code, out, stderr := run(t, "", "sql", "--db", db, "INSERT INTO articles(record_id, text_sha256) VALUES ('x', 'y')")
	if code != exitUsage || out != "" || !strings.Contains(stderr, "readonly") {
		t.Errorf("INSERT: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if got := quoteRows(t, "--db", db, "--limit", "0"); len(got) != 5 {
		t.Errorf("the store changed: %v", got)
	}
}

func TestStoreCommandErrors(t *testing.T) {
	db := fixtureStore(t)
	missing := filepath.Join(t.TempDir(), "missing.db")
	malformed := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(malformed, []byte(`{"id":"a","text":"t","entities":[],"quotes":[]}`+"\n"+`{"id":`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no --db", []string{"quotes"}, exitUsage, "--db FILE is required"},
		{"a store that does not exist", []string{"speakers", "--db", missing}, exitUsage, "no such store"},
		{"sql on a store that does not exist", []string{"sql", "--db", missing, "SELECT 1"}, exitUsage, "no such store"},
		{"malformed SQL", []string{"sql", "--db", db, "SELEC 1"}, exitUsage, "syntax error"},
		{"sql without a statement", []string{"sql", "--db", db}, exitUsage, "give the SQL statements"},
		{"unknown kind", []string{"quotes", "--db", db, "--kind", "paraphrase"}, exitUsage, "--kind must be direct or indirect"},
		{"unknown format", []string{"sources", "--db", db, "--format", "xml"}, exitUsage, "--format must be table, jsonl or csv"},
		{"not a date", []string{"quotes", "--db", db, "--since", "Juli"}, exitUsage, `--since: "Juli" is not a date`},
		{"since after until", []string{"outlets", "--db", db, "--since", "2025-08", "--until", "2025-07"}, exitUsage, "is after --until"},
		{"a query with no words", []string{"quotes", "--db", db, "--match", "-nuklir"}, exitUsage, "no words"},
		{"stray argument", []string{"quotes", "--db", db, "Lavrov"}, exitUsage, "takes no arguments"},
		{"an outlet longer than a name can be", []string{"quotes", "--db", db, "--outlet", strings.Repeat("x", 50000)}, exitUsage, "outlet is 50000 bytes long"},
		{"a full-text query of too many words", []string{"speakers", "--db", db, "--match", strings.Repeat("harga ", 40)}, exitUsage, "more than 32 words"},
		{"negative limit", []string{"quotes", "--db", db, "--limit", "-1"}, exitUsage, "--limit must not be negative"},
		{"index without --db", []string{"index", malformed}, exitUsage, "--db FILE is required"},
		{"index of a missing file", []string{"index", "--db", db, missing + ".jsonl"}, exitUsage, "no such file"},
		{"index of a malformed line", []string{"index", "--db", db, malformed}, exitFailed, malformed + ":2: invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, "", tt.args...)
			if code != tt.wantCode || out != "" || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("exit %d (want %d), stdout %q, stderr %q (want %q)", code, tt.wantCode, out, stderr, tt.wantStderr)
			}
		})
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a query command created %s", missing)
	}
}

func TestExtractWithDBIndexesAsItWrites(t *testing.T) {
	dir := t.TempDir()
	in, db := filepath.Join(dir, "in.jsonl"), filepath.Join(dir, "quotes.db")
	if err := os.WriteFile(in, []byte(storeFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	_, plain, _ := run(t, "", "extract", "--quiet", in)
	code, out, stderr := run(t, "", "extract", "--db", db, in)
	if code != exitFailed {
		t.Errorf("exit %d, want 1 for the broken record", code)
	}
	if out != plain {
		t.Errorf("--db changed the output")
	}
	if !strings.Contains(stderr, "kutip: 4 articles, 5 quotes indexed into "+db) {
		t.Errorf("stderr %q", stderr)
	}
	if got := quoteRows(t, "--db", db, "--speaker", "Lavrov", "--source", "Reuters"); !reflect.DeepEqual(got, []string{"a1 Sergey Lavrov"}) {
		t.Errorf("quotes %v", got)
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"2025-07-14", "2025-07-14", "2025-07-14"},
		{"2025-02", "2025-02-01", "2025-02-28"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2025", "2025-01-01", "2025-12-31"},
	}
	for _, tt := range tests {
		first, last, err := period(tt.in)
		if err != nil || first != tt.first || last != tt.last {
			t.Errorf("period(%q) = %q, %q, %v; want %q, %q", tt.in, first, last, err, tt.first, tt.last)
		}
	}
	for _, bad := range []string{"", "14/07/2025", "2025-13", "Juli 2025", "2025-07-14T10:00"} {
		if _, _, err := period(bad); err == nil {
			t.Errorf("period(%q) accepted", bad)
		}
	}
}

func TestTableCutsToWidth(t *testing.T) {
	var b strings.Builder
	tab := newTable(&b, tableLayout{width: 30}, "NAME", "TEXT")
	tab.row("Kementerian Luar Negeri Rusia", "Kami menghormati tindakan mereka dan memahami alasannya.")
	tab.row("Rina", "Singkat.\nDua baris.")
	if err := tab.close(); err != nil {
		t.Fatal(err)
	}
	want := "NAME     TEXT\n" +
		"Kement…  Kami menghormati tin…\n" + // 30 characters
		"Rina     Singkat. Dua baris.\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestIndexDatesAndTexts(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "out.jsonl")
	const records = `{"id":"u","url":"https://contoh.test/read/2025/10/21/berita","text":"t","entities":[],"quotes":[]}
{"id":"x","text":"Jakarta - Rapat digelar Senin (20/10/2025).","entities":[],"quotes":[]}
{"id":"f","tanggal":"1 Oktober 2025","date":"2024-01-01","text":"t","entities":[],"quotes":[]}
`
	if err := os.WriteFile(in, []byte(records), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "q.db")
	if code, _, stderr := run(t, "", "index", "-q", "--no-text", "--date-field", "tanggal", "--db", db, in); code != exitOK {
		t.Fatalf("index exit %d: %s", code, stderr)
	}
	code, out, stderr := run(t, "", "sql", "--db", db, "--format", "csv", "SELECT record_id, date, date_source, text IS NULL FROM articles ORDER BY record_id")
	if code != exitOK {
		t.Fatalf("sql exit %d: %s", code, stderr)
	}
	want := "record_id,date,date_source,text IS NULL\nf,2025-10-01,field,1\nu,2025-10-21,url,1\nx,2025-10-20,text,1\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// kutip sql --schema prints every table, index and view definition of the
// store, as sqlite3's .schema does, but not FTS5's internal tables.
func TestSQLSchema(t *testing.T) {
	db := fixtureStore(t)
	code, out, stderr := run(t, "", "sql", "--db", db, "--schema")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"CREATE TABLE articles (", "CREATE TABLE quotes (", "CREATE VIRTUAL TABLE quote_search USING fts5(", "CREATE VIEW quote_view"} {
		if !strings.Contains(out, want) {
			t.Errorf("schema lacks %q", want)
		}
	}
	if strings.Contains(out, "quote_search_data") {
		t.Errorf("schema shows FTS5's shadow tables:\n%s", out)
	}
}

func TestTableLeavesOutSpareColumnsBeforeCuttingNames(t *testing.T) {
	row := []string{"2025-07-14", "Warta Contoh Harian", "artikel-0001", "Rina Hartati Wibowo", "Kantor Berita Contoh", "Kami akan menyalurkan beras ke pasar yang harganya naik."}
	for _, tt := range []struct {
		width int
		want  string // the header
	}{
		{200, "date        outlet               article       speaker              sources               text"},
		{90, "date        speaker         sources          text"},
		{70, "speaker          sources           text"},
		{50, "speaker     sources      text"}, // nothing more to leave out: names are cut
	} {
		var b strings.Builder
		tab := newTable(&b, tableLayout{width: tt.width}, "date", "outlet", "article", "speaker", "sources", "text")
		tab.keepWhole("date")
		tab.leaveOut("article", "outlet", "date")
		tab.row(row...)
		if err := tab.close(); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\n")
		if lines[0] != tt.want {
			t.Errorf("width %d: header %q, want %q", tt.width, lines[0], tt.want)
		}
		for _, l := range lines {
			if w := cells.StringWidth(l); w > tt.width {
				t.Errorf("width %d: line of %d cells: %q", tt.width, w, l)
			}
		}
	}
}
