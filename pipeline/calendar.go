package pipeline

import (
	"fmt"
	"strconv"
	"strings"
)

// calendar holds the day and month names of data/calendar.txt.
var calendar = readCalendar("calendar.txt")

type calendarNames struct {
	months map[string]int  // name or abbreviation, lower case → month number
	days   map[string]bool // days of the week, lower case
	names  map[string]bool // day and month names, without the abbreviations
}

func readCalendar(name string) calendarNames {
	data, err := lexiconFiles.ReadFile("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("pipeline: word list %s: %v", name, err))
	}
	c := calendarNames{months: map[string]int{}, days: map[string]bool{}, names: map[string]bool{}}
	for n, line := range strings.Split(string(data), "\n") {
		names, abbreviations, _ := strings.Cut(line, "|")
		fields := strings.Fields(names)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if fields[0] == "day" {
			for _, d := range fields[1:] {
				c.days[d] = true
				c.names[d] = true
			}
			continue
		}
		month, err := strconv.Atoi(fields[0])
		if err != nil || month < 1 || month > 12 || len(fields) < 2 {
			panic(fmt.Sprintf("pipeline: word list %s:%d: want a month number and its names, or day and the day names", name, n+1))
		}
		for _, w := range fields[1:] {
			c.months[w] = month
			c.names[w] = true
		}
		for _, w := range strings.Fields(abbreviations) {
			c.months[w] = month
		}
	}
	return c
}

// MonthOf returns the number of the month that word names or abbreviates,
// in any case ("Oktober", "okt", "Nopember"), or 0.
func MonthOf(word string) int { return calendar.months[lower(word)] }

// IsDayName reports whether word names a day of the week, in any case.
func IsDayName(word string) bool { return calendar.days[lower(word)] }
