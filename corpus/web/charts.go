package web

import (
	"fmt"
	"math"
	"time"

	"github.com/kutip/kutip/corpus/store"
)

// Charts are SVG drawn by the templates from the geometry computed here, in
// a viewBox of chartWidth × chartHeight units that CSS scales to the page.
const (
	chartWidth  = 720
	chartHeight = 180
	chartLeft   = 40 // room for the axis labels
	chartBottom = 20
)

type barChart struct {
	Width, Height int
	Bars          []bar
	Ticks         []tick // labels along the bottom
	Max           int
	Empty         bool
}

type bar struct {
	X, Y, W, H float64
	Title      string // hover text
}

type tick struct {
	X, Y  float64
	Label string
}

// bars draws counts in their order (months or days, oldest first).
func bars(counts []store.Count) barChart {
	c := barChart{Width: chartWidth, Height: chartHeight, Empty: len(counts) == 0}
	for _, n := range counts {
		c.Max = max(c.Max, n.Quotes)
	}
	if c.Empty || c.Max == 0 {
		c.Empty = true
		return c
	}
	plotW, plotH := float64(chartWidth-chartLeft-10), float64(chartHeight-chartBottom-10)
	step := plotW / float64(len(counts))
	width := math.Min(math.Max(step*0.8, 0.5), 40) // one month is a bar, not a wall
	labelEvery := int(math.Ceil(float64(len(counts)) / 7))
	for i, n := range counts {
		h := plotH * float64(n.Quotes) / float64(c.Max)
		mid := chartLeft + (float64(i)+0.5)*step
		c.Bars = append(c.Bars, bar{X: mid - width/2, Y: 10 + plotH - h, W: width, H: h,
			Title: fmt.Sprintf("%s: %s", n.Name, quotesCount(n.Quotes))})
		if i%labelEvery == 0 {
			c.Ticks = append(c.Ticks, axisTick(mid, n.Name))
		}
	}
	return c
}

// axisTick is a label under the axis at x, kept inside the chart.
func axisTick(x float64, label string) tick {
	half := float64(len(label)) * 3.2 // about half the label's width at 11 units a letter
	return tick{X: math.Min(math.Max(x, chartLeft+half), chartWidth-half), Y: chartHeight - 4, Label: label}
}

// continuous fills the gaps of counts by month or day (YYYY-MM or
// YYYY-MM-DD, oldest first) with zeros, keeping the latest n periods: a
// time axis spaces periods evenly only if none is missing.
func continuous(counts []store.Count, n int) []store.Count {
	if len(counts) == 0 {
		return nil
	}
	layout, step := "2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	if len(counts[0].Name) == len(time.DateOnly) {
		layout, step = time.DateOnly, func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	}
	last, err := time.Parse(layout, counts[len(counts)-1].Name)
	if err != nil {
		return counts
	}
	first := last
	for i := 1; i < n; i++ { // n periods back from the last
		if layout == time.DateOnly {
			first = first.AddDate(0, 0, -1)
		} else {
			first = first.AddDate(0, -1, 0)
		}
	}
	if t, err := time.Parse(layout, counts[0].Name); err == nil && t.After(first) {
		first = t
	}
	byName := map[string]int{}
	for _, c := range counts {
		byName[c.Name] = c.Quotes
	}
	var out []store.Count
	for t := first; !t.After(last); t = step(t) {
		name := t.Format(layout)
		out = append(out, store.Count{Name: name, Quotes: byName[name]})
	}
	return out
}

// quotesCount is "1 quote", "12 quotes".
func quotesCount(n int) string {
	if n == 1 {
		return "1 quote"
	}
	return thousands(n) + " quotes"
}

type lineChart struct {
	Width, Height int
	Series        []series
	Ticks         []tick
	Max           int
	Empty         bool
}

type series struct {
	Name   string
	Link   string
	Class  string // colour
	Points string // x,y pairs for a polyline
	Total  int
}

// lines draws one line per named series over months (YYYY-MM, oldest
// first, none missing).
func lines(names []string, links []string, perSeries [][]store.Count, window []store.Count) lineChart {
	c := lineChart{Width: chartWidth, Height: chartHeight}
	var months []string
	for _, m := range window {
		months = append(months, m.Name)
	}
	index := map[string]int{}
	for i, m := range months {
		index[m] = i
	}
	for _, counts := range perSeries {
		for _, m := range counts {
			if _, ok := index[m.Name]; ok {
				c.Max = max(c.Max, m.Quotes)
			}
		}
	}
	if len(months) == 0 || c.Max == 0 {
		c.Empty = true
		return c
	}
	plotW, plotH := float64(chartWidth-chartLeft-10), float64(chartHeight-chartBottom-10)
	x := func(i int) float64 {
		if len(months) == 1 {
			return chartLeft + plotW/2
		}
		return chartLeft + plotW*float64(i)/float64(len(months)-1)
	}
	for s, counts := range perSeries {
		values := make([]int, len(months))
		total := 0
		for _, m := range counts {
			if i, ok := index[m.Name]; ok {
				values[i] = m.Quotes
				total += m.Quotes
			}
		}
		var pts []byte
		for i, v := range values {
			pts = fmt.Appendf(pts, "%.1f,%.1f ", x(i), 10+plotH-plotH*float64(v)/float64(c.Max))
		}
		c.Series = append(c.Series, series{Name: names[s], Link: links[s], Class: fmt.Sprintf("c%d", s%6), Points: string(pts), Total: total})
	}
	labelEvery := int(math.Ceil(float64(len(months)) / 7))
	for i, m := range months {
		if i%labelEvery == 0 {
			c.Ticks = append(c.Ticks, axisTick(x(i), m))
		}
	}
	return c
}

// heatMap is the outlet × relaying medium matrix: how many quotes each
// outlet took from each medium.
type heatMap struct {
	Columns []heatLabel // media
	Rows    []heatRow   // outlets
	Empty   bool
}

type heatLabel struct {
	Name, Link string
}

type heatRow struct {
	heatLabel
	Cells []heatCell
}

type heatCell struct {
	Count int
	Level int // 0 (none) to 5 (the most), a CSS class
	Link  string
	Title string
}
