package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

func TestDecodeArticle(t *testing.T) {
	const annotations = `"entities":[{"text":"Rina","label":"PERSON","start":0,"end":4,"id":"","name":"Rina Hartati"}],` +
		`"quotes":[{"text":"Kami siap.","start":6,"end":16,"kind":"direct","speaker":{"name":"Rina Hartati","id":"","text":"Rina","start":0,"end":4},` +
		`"cue":{"text":"kata","start":18,"end":22},"sources":[],"confidence":0.93}]`
	tests := []struct {
		name, line       string
		wantID, wantDate string
		wantBadDate      string
		wantErr          string
	}{
		{"date as a day", `{"id":"a","text":"t","date":"2025-07-13",` + annotations + `}`, "a", "2025-07-13", "", ""},
		{"published with zone keeps the written day", `{"id":"a","text":"t","published":"2025-07-13T01:00:00+07:00",` + annotations + `}`, "a", "2025-07-13", "", ""},
		{"published_at without zone", `{"id":"a","text":"t","published_at":"2025-07-13 08:15:00",` + annotations + `}`, "a", "2025-07-13", "", ""},
		{"null date", `{"id":"a","text":"t","date":null,` + annotations + `}`, "a", "", "", ""},
		{"an Indonesian date", `{"id":"a","text":"t","date":"Selasa, 16 September 2019 06:02 WIB",` + annotations + `}`, "a", "2019-09-16", "", ""},
		{"epoch seconds, the day in WIB", `{"id":"a","text":"t","published":1752339600,` + annotations + `}`, "a", "2025-07-13", "", ""},
		{"epoch milliseconds", `{"id":"a","text":"t","published":"1752339600000",` + annotations + `}`, "a", "2025-07-13", "", ""},
		{"unreadable date", `{"id":"a","text":"t","date":"kemarin",` + annotations + `}`, "a", "", `date "kemarin"`, ""},
		{"unreadable date, the url's instead", `{"id":"a","text":"t","date":"kemarin","url":"https://x.test/read/2025/10/21/a",` + annotations + `}`, "a", "2025-10-21", `date "kemarin"`, ""},
		{"impossible date", `{"id":"a","text":"t","date":"2025-02-30",` + annotations + `}`, "a", "", `date "2025-02-30"`, ""},
		{"numeric id", `{"id":17,"text":"t",` + annotations + `}`, "17", "", "", ""},
		{"record extract failed on", `{"id":"a","text":"t","error":"boom","file":"x","line":3}`, "", "", "", ErrFailedRecord.Error()},
		{"no id", `{"text":"t",` + annotations + `}`, "", "", "", `missing field "id"`},
		{"empty id", `{"id":"","text":"t",` + annotations + `}`, "", "", "", `field "id" is empty`},
		{"not extract output", `{"id":"a","text":"t"}`, "", "", "", `"entities": not kutip extract output`},
		{"quotes of the wrong shape", `{"id":"a","text":"t","entities":[],"quotes":{}}`, "", "", "", `field "quotes"`},
		{"unknown quote kind", `{"id":"a","text":"t","entities":[],"quotes":[{"text":"x","kind":"said"}]}`, "", "", "", `kind "said"`},
		{"not JSON", `{"id":`, "", "", "", "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, badDate, err := DecodeArticle([]byte(tt.line), DefaultRecordFields)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != tt.wantID || a.Date != tt.wantDate || badDate != tt.wantBadDate {
				t.Errorf("id %q date %q badDate %q, want %q %q %q", a.ID, a.Date, badDate, tt.wantID, tt.wantDate, tt.wantBadDate)
			}
			if len(a.Quotes) != 1 || a.Quotes[0].Speaker.Name != "Rina Hartati" || a.Quotes[0].Cue != "kata" || len(a.Entities) != 1 {
				t.Errorf("annotations not decoded: %+v", a)
			}
		})
	}
}

// TestNewArticleEqualsDecodedOutput checks that indexing a document
// directly stores what indexing its output line would: the same
// characters-not-bytes offsets, names and sources.
func TestNewArticleEqualsDecodedOutput(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	const raw = `{"id":"é1","outlet":"Warta Contoh","url":"https://contoh.test/é1","title":"Menlu bicara","date":"2025-07-14",` +
		`"text":"Menteri Luar Negeri Rusia, Sergey Lavrov, berbicara di Moskow — café ramai. “Kami tidak akan memakai senjata nuklir lebih dulu,” kata Lavrov seperti dikutip dari Reuters.\n\nLavrov juga mengatakan bahwa kerja sama kedua negara akan terus diperkuat."}`
	obj, err := corpus.ParseObject([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	text, _ := obj.StringField("text")
	doc := pipeline.NewDocument("é1", text)
	if err := pipeline.Standard(g).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Quotes) < 2 || len(doc.Entities) < 2 {
		t.Fatalf("the pipeline found too little to compare: %d quotes, %d entities", len(doc.Quotes), len(doc.Entities))
	}
	var enc corpus.Encoder
	line := corpus.AppendRecord(nil, []byte(raw), obj, enc.Fields(doc))
	want, wantBad, err := DecodeArticle(line, DefaultRecordFields)
	if err != nil {
		t.Fatal(err)
	}
	got, gotBad, err := NewArticle(doc, obj, DefaultRecordFields)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || gotBad != wantBad {
		t.Errorf("from the document:\n%+v\nfrom its output line:\n%+v", got, want)
	}
}

func TestTextSHA256(t *testing.T) {
	for _, n := range []int{0, 1, 4095, 4096, 4097, 10000} {
		text := strings.Repeat("é", n/2) + strings.Repeat("a", n%2)
		sum := sha256.Sum256([]byte(text))
		if got, want := textSHA256(text), hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%d bytes: %s, want %s", len(text), got, want)
		}
	}
}

// BenchmarkNewArticle measures what extract --db adds to extract per
// record, besides the store: making the Article of an annotated document.
func BenchmarkNewArticle(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/contoh.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	a, err := corpus.NewAnnotator(corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.Line(context.Background(), bytes.TrimSpace(raw)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := NewArticle(a.Document(), a.Object(), DefaultRecordFields); err != nil {
			b.Fatal(err)
		}
	}
}

func TestConfidence(t *testing.T) {
	values := []float64{0, 1, 0.1, 0.5, 0.6, 0.63, 0.71, 0.8, 0.88, 0.9, 0.95, 0.99, 0.125, 0.285, 0.005, 0.015, 0.994999, 0.995, 1.005, 1e-9, 0.3333333333333333}
	for i := range 100000 {
		values = append(values, float64(i)/100000, float64(i)/100)
	}
	for _, c := range values {
		if got, want := confidence(c), corpus.Confidence(c); got != want {
			t.Errorf("confidence(%v) = %v, want %v", c, got, want)
		}
	}
}
