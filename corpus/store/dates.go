package store

import (
	"bufio"
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kutip/kutip/corpus"
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

//go:embed data/dates.txt
var datesFile string

// calendar holds the patterns built from data/dates.txt.
var calendar = newCalendar(datesFile)

type calendarPatterns struct {
	months   map[string]int // spelling → month number
	dateline *regexp.Regexp // a day name, then a date
	date     *regexp.Regexp // a date: 21/10/2025, 21-10-2025 or 21 Oktober 2025
}

// urlDate finds /YYYY/MM/DD/ (or at the end) in a url; ids such as
// d-8169821 have no slashes between their digits and never match.
var urlDate = regexp.MustCompile(`/((?:19|20)\d\d)/(\d\d)/(\d\d)(?:/|$|\?|#)`)

func newCalendar(data string) calendarPatterns {
	c := calendarPatterns{months: map[string]int{}}
	var monthNames, dayNames []string
	sc := bufio.NewScanner(strings.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if fields[0] == "day" {
			for _, d := range fields[1:] {
				dayNames = append(dayNames, regexp.QuoteMeta(d))
			}
			continue
		}
		month, err := strconv.Atoi(fields[0])
		if err != nil || month < 1 || month > 12 || len(fields) < 2 {
			panic(fmt.Sprintf("data/dates.txt:%d: want a month number and its names, or day and the day names", line))
		}
		for _, name := range fields[1:] {
			c.months[name] = month
			monthNames = append(monthNames, regexp.QuoteMeta(name))
		}
	}
	// Longest first, so that an alternation prefers "sept" to "sep".
	byLength := func(names []string) string {
		sorted := append([]string(nil), names...)
		for i := range sorted { // insertion sort: the lists are short
			for j := i; j > 0 && len(sorted[j]) > len(sorted[j-1]); j-- {
				sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
			}
		}
		return strings.Join(sorted, "|")
	}
	date := `(\d{1,2})(?:[/-](\d{1,2})[/-]|\s+(` + byLength(monthNames) + `)\.?\s+)((?:19|20)\d\d)\b`
	c.date = regexp.MustCompile(`(?i)\b` + date)
	c.dateline = regexp.MustCompile(`(?i)\b(?:` + byLength(dayNames) + `)\b[\s,(]*` + date)
	return c
}

// textDate returns the date of a dateline in text (a day name, then a
// date: "Senin (21/10/2025)", "Selasa, 16 September 2019 06:02 WIB"), or else
// the first date the text writes; "" when there is none.
func textDate(text string) string {
	for _, re := range []*regexp.Regexp{calendar.dateline, calendar.date} {
		for _, m := range re.FindAllStringSubmatch(text, 20) {
			month := 0
			if m[2] != "" {
				month, _ = strconv.Atoi(m[2])
			} else {
				month = calendar.months[strings.ToLower(m[3])]
			}
			day, _ := strconv.Atoi(m[1])
			year, _ := strconv.Atoi(m[4])
			if d, ok := validDate(year, month, day); ok {
				return d
			}
		}
	}
	return ""
}

// validDate formats a day that exists as YYYY-MM-DD.
func validDate(year, month, day int) (string, bool) {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Year() != year || int(t.Month()) != month || t.Day() != day {
		return "", false
	}
	return t.Format(time.DateOnly), true
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
