package store

import (
	_ "embed"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/pipeline"
)

// Where an article's date was read from (Article.DateSource).
const (
	DateFromField = "field" // the record's date field
	DateFromURL   = "url"   // /2025/10/21/ in the url
	DateFromText  = "text"  // the dateline, else the first date, of the text
)

// dateFields hold an article's publication date when no --date-field is
// given; the first one present counts.
var dateFields = []string{"date", "published", "published_at"}

// dateLayouts are the forms of ISO 8601 accepted for a date field. The day
// stored is the one written: 2025-07-13T01:00+07:00 is 13 July, as the
// outlet's readers saw it, not 12 July in UTC.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02 15:04:05.999999999-0700",
}

// wib is Western Indonesian Time, the zone of Jakarta and of most outlets:
// the day an epoch timestamp is read as.
var wib = time.FixedZone("WIB", 7*3600)

// urlDate finds /YYYY/MM/DD/ (or at the end) in a url; ids such as
// d-8169821 have no slashes between their digits and never match.
var urlDate = regexp.MustCompile(`/((?:19|20)\d\d)/(\d\d)/(\d\d)(?:/|$|\?|#)`)

// textDate returns the date of a dateline in text (a day name, then a
// date: "Senin (21/10/2025)", "Selasa, 16 September 2019 06:02 WIB"), or else
// the first date the text writes; "" when there is none. A date is 21/10/2025,
// 21-10-2025 or 21 Oktober 2025. It reads the text once, byte by byte: a
// regular expression of every month name cost as much as the rest of
// indexing an article.
func textDate(text string) string {
	first := ""
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || i > 0 && isWordByte(text[i-1]) {
			continue
		}
		date, ok := dateAt(text, i)
		if !ok {
			continue
		}
		if datelineBefore(text[:i]) {
			return date
		}
		if first == "" {
			first = date
		}
	}
	return first
}

// dateAt reads a date starting at text[i], a digit.
func dateAt(text string, i int) (string, bool) {
	day, j := number(text, i, 2)
	if j == i || j < len(text) && isDigit(text[j]) {
		return "", false
	}
	var month int
	switch {
	case j < len(text) && (text[j] == '/' || text[j] == '-'):
		sep := text[j]
		k := j + 1
		month, j = number(text, k, 2)
		if j == k || j >= len(text) || text[j] != sep {
			return "", false
		}
		j++
	case j < len(text) && text[j] == ' ':
		k := skipSpaces(text, j)
		end := k
		for end < len(text) && isLetter(text[end]) {
			end++
		}
		if month = pipeline.MonthOf(text[k:end]); month == 0 || end-k < 3 {
			return "", false
		}
		if end < len(text) && text[end] == '.' {
			end++
		}
		if j = skipSpaces(text, end); j == end {
			return "", false
		}
	default:
		return "", false
	}
	year, end := number(text, j, 4)
	if end-j != 4 || year < 1900 || year >= 2100 || end < len(text) && isWordByte(text[end]) {
		return "", false
	}
	return validDate(year, month, day)
}

// datelineBefore reports whether before ends in a day name and the
// spaces, commas or parenthesis of a dateline.
func datelineBefore(before string) bool {
	end := len(before)
	for end > 0 && strings.IndexByte(" \t\n,(", before[end-1]) >= 0 {
		end--
	}
	start := end
	for start > 0 && (isLetter(before[start-1]) || before[start-1] == '\'') {
		start--
	}
	return start < end && pipeline.IsDayName(before[start:end])
}

// number reads up to n digits at text[i].
func number(text string, i, n int) (int, int) {
	v, j := 0, i
	for j < len(text) && j-i < n && isDigit(text[j]) {
		v = v*10 + int(text[j]-'0')
		j++
	}
	return v, j
}

func skipSpaces(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isLetter(c byte) bool   { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isWordByte(c byte) bool { return isDigit(c) || isLetter(c) }

// validDate formats a day that exists as YYYY-MM-DD (years 1000–9999),
// without time.Format, which cost a tenth of making an article.
func validDate(year, month, day int) (string, bool) {
	if year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 ||
		day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return "", false
	}
	b := [10]byte{byte('0' + year/1000), byte('0' + year/100%10), byte('0' + year/10%10), byte('0' + year%10), '-',
		byte('0' + month/10), byte('0' + month%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:]), true
}

func dateOfURL(u string) string {
	m := urlDate.FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	d, _ := validDate(year, month, day)
	return d
}

// articleDate dates an article from its date field (fields.Date, or the
// first of dateFields present), else its url, else its text. badDate names
// a date field whose value could not be read, and what it said.
func articleDate(obj *corpus.Object, dateField, url, text string) (date, source, badDate string) {
	candidates := dateFields
	if dateField != "" {
		candidates = []string{dateField}
	}
	for _, f := range candidates {
		if _, ok := obj.Get(f); !ok {
			continue
		}
		if date, bad := readDate(obj, f); date != "" {
			return date, DateFromField, ""
		} else if bad != "" {
			badDate = f + " " + bad
		}
		break
	}
	if date = dateOfURL(url); date != "" {
		return date, DateFromURL, badDate
	}
	if date = textDate(text); date != "" {
		return date, DateFromText, badDate
	}
	return "", "", badDate
}

// readDate returns field key as YYYY-MM-DD: an ISO 8601 date or time, epoch
// seconds (or milliseconds) read in WIB, or an Indonesian date ("Selasa, 16
// September 2019 06:02 WIB"); else the raw value as bad. Null and "" mean
// no date.
func readDate(obj *corpus.Object, key string) (date, bad string) {
	v, _ := obj.Get(key)
	raw := string(v)
	if raw == "null" || raw == `""` {
		return "", ""
	}
	s, err := obj.StringField(key)
	if err != nil { // not a string: a number?
		s = raw
	}
	if epoch, err := strconv.ParseFloat(s, 64); err == nil && epoch > 0 {
		if epoch > 1e11 { // milliseconds: 1e11 seconds is the year 5138
			epoch /= 1000
		}
		return time.Unix(int64(epoch), 0).In(wib).Format(time.DateOnly), ""
	}
	for _, layout := range dateLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return strings.Clone(s[:len("2006-01-02")]), ""
		}
	}
	if d := textDate(s); d != "" {
		return d, ""
	}
	return "", raw
}
