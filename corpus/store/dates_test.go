package store

import (
	"strings"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus"
)

func TestArticleDate(t *testing.T) {
	tests := []struct {
		name, record, dateField string
		wantDate, wantSource    string
	}{
		{"date field first", `{"date":"2025-07-13","url":"https://x.test/2024/01/02/a","text":"Senin (21/10/2025)"}`, "", "2025-07-13", DateFromField},
		{"published when there is no date", `{"published":"2025-07-13T23:30:00+07:00"}`, "", "2025-07-13", DateFromField},
		{"a field named by --date-field", `{"tanggal":"21 Oktober 2025","date":"2024-01-01"}`, "tanggal", "2025-10-21", DateFromField},
		{"only the named field counts", `{"date":"2024-01-01"}`, "tanggal", "", ""},
		{"url with the day in its path", `{"url":"https://news.contoh.test/read/2025/10/21/093000/judul"}`, "", "2025-10-21", DateFromURL},
		{"url ending in the day", `{"url":"https://contoh.test/berita/2025/10/21"}`, "", "2025-10-21", DateFromURL},
		{"a detik id is no date", `{"url":"https://news.detik.test/internasional/d-8169821/judul","text":"Tidak bertanggal."}`, "", "", ""},
		{"an impossible day in the url", `{"url":"https://contoh.test/2025/02/30/a"}`, "", "", ""},
		{"dateline with a numeric date", `{"text":"Jakarta - Presiden berpidato pada Senin (21/10/2025) di Istana."}`, "", "2025-10-21", DateFromText},
		{"dateline with the month named", `{"text":"Selasa, 16 September 2019 06:02 WIB\n\nJakarta - Rapat digelar."}`, "", "2019-09-16", DateFromText},
		{"a dateline before an earlier date in the text", `{"text":"Peristiwa 17 Agustus 1945 dikenang pada Kamis (14/8/2025)."}`, "", "2025-08-14", DateFromText},
		{"the first date when there is no dateline", `{"text":"Rapat pada 21 Oktober 2025 dan 3 November 2025."}`, "", "2025-10-21", DateFromText},
		{"abbreviated month with a stop", `{"text":"Diperbarui 5 Okt. 2025."}`, "", "2025-10-05", DateFromText},
		{"no date", `{"text":"Pukul 10/20 peserta hadir."}`, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obj, err := corpus.ParseObject([]byte(tt.record))
			if err != nil {
				t.Fatal(err)
			}
			url, _ := optionalString(obj, "url")
			text, _ := optionalString(obj, "text")
			date, source, bad := articleDate(obj, tt.dateField, url, text)
			if date != tt.wantDate || source != tt.wantSource || bad != "" {
				t.Errorf("date %q from %q (bad %q), want %q from %q", date, source, bad, tt.wantDate, tt.wantSource)
			}
		})
	}
}

// BenchmarkTextDate reads an undated article of 4 KB to its end, the worst
// case: no dateline, no date.
func BenchmarkTextDate(b *testing.B) {
	text := strings.Repeat("Harga beras di pasar naik lagi pada pekan ini, 12 ton per hari menurut 3/4 pedagang. ", 48)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if d := textDate(text); d != "" {
			b.Fatal(d)
		}
	}
}

func TestValidDate(t *testing.T) {
	for year := 1000; year <= 9999; year += 97 {
		for month := 0; month <= 13; month++ {
			for day := 0; day <= 32; day++ {
				tm := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
				want, wantOK := tm.Format(time.DateOnly), tm.Year() == year && int(tm.Month()) == month && tm.Day() == day
				if got, ok := validDate(year, month, day); ok != wantOK || ok && got != want {
					t.Errorf("validDate(%d, %d, %d) = %q, %v; want %q, %v", year, month, day, got, ok, want, wantOK)
				}
			}
		}
	}
	for _, leap := range []int{2000, 2024} {
		if _, ok := validDate(leap, 2, 29); !ok {
			t.Errorf("%d-02-29 refused", leap)
		}
	}
	if _, ok := validDate(1900, 2, 29); ok {
		t.Error("1900-02-29 taken")
	}
}
