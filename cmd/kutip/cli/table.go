package cli

import (
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

// tableFlags shape the table format of the query commands and kutip sql.
func tableFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "width", Usage: "fit tables to `N` columns", DefaultText: "the terminal's width, else $COLUMNS, else 100"},
		&cli.BoolFlag{Name: "no-trunc", Usage: "never cut a table's cells to fit the width"},
	}
}

// tableLayout is how tables are laid out: within width display cells,
// unless noTrunc.
type tableLayout struct {
	width   int
	noTrunc bool
}

// readTableLayout reads the table flags of c for output to w: --width, else
// the terminal's width when w is one, else $COLUMNS, else 100 columns.
func readTableLayout(c *cli.Context, w io.Writer) (tableLayout, error) {
	l := tableLayout{width: c.Int("width"), noTrunc: c.Bool("no-trunc")}
	if c.IsSet("width") {
		if l.width < 20 {
			return l, commandUsageErrorf(c, "--width must be at least 20, not %d", l.width)
		}
		return l, nil
	}
	l.width = 100
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 0 {
			l.width = width
			return l, nil
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		l.width = n
	}
	return l, nil
}

// cells measures text as a terminal shows it: Hangul, CJK and most emoji
// take two cells. Ambiguous characters (…) take one whatever the locale,
// so that a table is the same everywhere.
var cells = &runewidth.Condition{EastAsianWidth: false}

// tableSample is how many rows set the column widths; later rows are cut
// to them, so a huge result streams instead of being held in memory.
const tableSample = 1000

// table writes aligned columns that fit the layout's width. The last
// column (the quote, say) is the one worth reading: it keeps at least
// half the width, and the others give way widest first; cells too long are
// cut with "…".
type table struct {
	w      io.Writer
	layout tableLayout
	header []string
	whole  []bool     // columns cut only when no other can give way (dates)
	spare  []int      // columns left out, in this order, before any is cut unreadably short
	rows   [][]string // until the widths are set
	shown  []int      // the columns written, once the widths are set
	widths []int      // of the columns shown
}

func newTable(w io.Writer, layout tableLayout, header ...string) *table {
	return &table{w: w, layout: layout, header: header, whole: make([]bool, len(header))}
}

// keepWhole makes the column named give way only after all others.
func (t *table) keepWhole(column string) {
	for i, h := range t.header {
		if h == column {
			t.whole[i] = true
		}
	}
}

// leaveOut names the columns that the table leaves out, in this order, when
// a line is too narrow for the others to stay readable (an article id, an
// outlet: csv and jsonl keep them).
func (t *table) leaveOut(columns ...string) {
	for _, column := range columns {
		for i, h := range t.header {
			if h == column {
				t.spare = append(t.spare, i)
			}
		}
	}
}

func (t *table) row(cells ...string) error {
	clean := make([]string, len(cells))
	for i, c := range cells {
		clean[i] = strings.Join(strings.Fields(c), " ") // one line per row
	}
	if t.widths != nil {
		return t.write(clean)
	}
	t.rows = append(t.rows, clean)
	if len(t.rows) == tableSample {
		return t.flush()
	}
	return nil
}

func (t *table) close() error {
	if t.widths == nil {
		return t.flush()
	}
	return nil
}

// tableGap is the space between columns; narrowest is as far as a column
// gives way, readable as far as it does before a spare column is left out.
const tableGap, narrowest, readable = 2, 5, 12

// flush sets the widths from the rows so far and writes them.
func (t *table) flush() error {
	natural := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			natural[i] = max(natural[i], cells.StringWidth(c))
		}
	}
	t.shown = make([]int, len(t.header))
	for i := range t.shown {
		t.shown[i] = i
	}
	for spare := t.spare; ; spare = spare[1:] {
		t.widths = t.widths[:0]
		whole := make([]bool, 0, len(t.shown))
		for _, c := range t.shown {
			t.widths = append(t.widths, natural[c])
			whole = append(whole, t.whole[c])
		}
		if !t.layout.noTrunc {
			fitWidths(t.widths, whole, t.layout.width)
		}
		if t.layout.noTrunc || len(spare) == 0 || t.readable(natural) {
			break
		}
		t.shown = slices.DeleteFunc(t.shown, func(c int) bool { return c == spare[0] })
	}
	if err := t.write(t.header); err != nil {
		return err
	}
	for _, r := range t.rows {
		if err := t.write(r); err != nil {
			return err
		}
	}
	t.rows = nil
	return nil
}

// fitWidths narrows columns of the given widths to fit in width cells: the
// others take a quarter of the width at most, the last keeps what it needs
// up to half the width, the others share the rest, the widest giving way first (those to keep whole last), none below
// narrowest; the last then takes whatever is left.
func fitWidths(widths []int, whole []bool, width int) {
	total := func() int {
		n := tableGap * (len(widths) - 1)
		for _, w := range widths {
			n += w
		}
		return n
	}
	if total() <= width {
		return
	}
	last := len(widths) - 1
	for i := range widths[:last] {
		if !whole[i] {
			widths[i] = min(widths[i], max(width/4, narrowest))
		}
	}
	widths[last] = min(widths[last], max(width/2, narrowest))
	for total() > width {
		widest := -1
		for _, keep := range []bool{false, true} {
			for i, w := range widths[:last] {
				if whole[i] == keep && w > narrowest && (widest < 0 || w > widths[widest]) {
					widest = i
				}
			}
			if widest >= 0 {
				break
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
	}
	widths[last] = max(narrowest, widths[last]+width-total())
}

// readable reports whether every column shown but the last is as wide as
// its widest cell or readable cells.
func (t *table) readable(natural []int) bool {
	for i, c := range t.shown[:len(t.shown)-1] {
		if t.widths[i] < min(natural[c], readable) {
			return false
		}
	}
	return true
}

func (t *table) write(row []string) error {
	var b strings.Builder
	for i, column := range t.shown {
		c := row[column]
		if !t.layout.noTrunc {
			c = cells.Truncate(c, t.widths[i], "…")
		}
		b.WriteString(c)
		if i < len(t.shown)-1 {
			b.WriteString(strings.Repeat(" ", max(0, t.widths[i]-cells.StringWidth(c))+tableGap))
		}
	}
	b.WriteByte('\n')
	_, err := io.WriteString(t.w, b.String())
	return err
}
