package web

import (
	"fmt"
	"math"
	"sort"

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
	plotW, plotH := float64(chartWidth-chartLeft), float64(chartHeight-chartBottom-10)
	step := plotW / float64(len(counts))
	labelEvery := int(math.Ceil(float64(len(counts)) / 8))
	for i, n := range counts {
		h := plotH * float64(n.Quotes) / float64(c.Max)
		x := chartLeft + float64(i)*step
		c.Bars = append(c.Bars, bar{X: x + step*0.1, Y: 10 + plotH - h, W: math.Max(step*0.8, 0.5), H: h,
			Title: fmt.Sprintf("%s: %d quotes", n.Name, n.Quotes)})
		if i%labelEvery == 0 {
			c.Ticks = append(c.Ticks, tick{X: x, Y: chartHeight - 4, Label: n.Name})
		}
	}
	return c
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

// lines draws one line per named series over the union of their months.
func lines(names []string, links []string, perSeries [][]store.Count) lineChart {
	c := lineChart{Width: chartWidth, Height: chartHeight}
	var months []string
	seen := map[string]bool{}
	for _, counts := range perSeries {
		for _, n := range counts {
			if !seen[n.Name] {
				seen[n.Name] = true
				months = append(months, n.Name)
			}
			c.Max = max(c.Max, n.Quotes)
		}
	}
	sort.Strings(months)
	if len(months) == 0 || c.Max == 0 {
		c.Empty = true
		return c
	}
	index := map[string]int{}
	for i, m := range months {
		index[m] = i
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
		for _, n := range counts {
			values[index[n.Name]] = n.Quotes
			total += n.Quotes
		}
		var pts []byte
		for i, v := range values {
			pts = fmt.Appendf(pts, "%.1f,%.1f ", x(i), 10+plotH-plotH*float64(v)/float64(c.Max))
		}
		c.Series = append(c.Series, series{Name: names[s], Link: links[s], Class: fmt.Sprintf("c%d", s%6), Points: string(pts), Total: total})
	}
	labelEvery := int(math.Ceil(float64(len(months)) / 8))
	for i, m := range months {
		if i%labelEvery == 0 {
			c.Ticks = append(c.Ticks, tick{X: x(i), Y: chartHeight - 4, Label: m})
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
