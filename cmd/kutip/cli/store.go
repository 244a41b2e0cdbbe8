package cli

import (
	"context"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/postgres"
	"github.com/kutip/kutip/corpus/store/sqlite"
)

// The store commands: kutip index writes a store of extract output; quotes,
// speakers, sources, outlets and sql read it without ever writing.

func dbFlag() cli.Flag {
	return &cli.StringFlag{Name: "db", EnvVars: []string{"KUTIP_DB"}, Usage: "the quote store: a SQLite `FILE` or a postgres:// URL"}
}

func formatFlag() cli.Flag {
	return &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: table, jsonl or csv"}
}

func limitFlag(n int) cli.Flag {
	return &cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Value: n, Usage: "at most `N` rows (0: all)"}
}

// filterFlags select quotes; every query command takes them, and they
// combine: a quote must pass all that are given. A list flag given twice
// means either value.
func filterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "speaker", Usage: "quotes by speakers called `NAME`: the words (or word starts) of their name, canonical or as written, or of a name seen for them, any case or accents; Lavrov finds Sergey Lavrov; repeat for any of several"},
		&cli.StringSliceFlag{Name: "source", Usage: "quotes relayed through media called `NAME` (matched as --speaker); repeat for any of several"},
		&cli.StringSliceFlag{Name: "outlet", Usage: "quotes published by outlets whose name contains `TEXT`, any case; repeat for any of several"},
		&cli.StringSliceFlag{Name: "article", Usage: "quotes of the article with record `ID`; repeat for any of several"},
		&cli.Float64Flag{Name: "min-confidence", Usage: "quotes attributed with a confidence of at least `C` (0 to 1)"},
		&cli.StringFlag{Name: "match", Usage: "quotes whose text matches the full-text query `TEXT`: " + store.MatchSyntax},
		&cli.StringFlag{Name: "since", Usage: "articles dated on or after `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)"},
		&cli.StringFlag{Name: "until", Usage: "articles dated on or before `DATE` (YYYY-MM-DD, YYYY-MM or YYYY: the whole month or year)"},
		&cli.StringFlag{Name: "kind", Usage: "only quotes of `KIND` (direct or indirect)"},
	}
}

func indexCommand() *cli.Command {
	return &cli.Command{
		Name:      "index",
		Usage:     "load kutip extract output into a quote store",
		ArgsUsage: "[FILE|DIR|- …]",
		Description: "Reads extract output (.jsonl, .jsonl.gz, directories; no FILE or '-' reads standard input) and\n" +
			"upserts every article by its id: indexing an article again replaces what was stored for it.\n" +
			"Records extract could not process (with an \"error\" field) are skipped and counted. The store\n" +
			"is created if needed; articles are committed in batches, whole.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "text-field", Value: "text", Usage: "JSON field holding the article text, as given to extract"},
			&cli.StringFlag{Name: "id-field", Value: "id", Usage: "JSON field holding the article id, as given to extract"},
			&cli.StringFlag{Name: "outlet-field", Value: "outlet", Usage: "JSON field naming the publishing outlet, as given to extract"},
			&cli.StringFlag{Name: "date-field", Usage: "JSON field holding the publication date (ISO 8601, epoch seconds or an Indonesian date; default: date, published or published_at); without one the date is read from the url (/2025/10/21/), else from the dateline or first date of the text"},
			&cli.BoolFlag{Name: "no-text", Usage: "leave the article texts out of the store (quotes are kept; kutip serve cannot show the articles)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar and no summary on standard error"},
		},
		Action: func(c *cli.Context) error {
			s, err := openStore(c)
			if err != nil {
				return err
			}
			defer s.Close()
			r, err := corpus.NewReader(c.App.Reader, c.Args().Slice()...)
			if err != nil {
				return usageErrorf("%v", err)
			}
			defer r.Close()
			reportSkipped(c.App.ErrWriter, r)
			fields := store.RecordFields{ID: c.String("id-field"), Text: c.String("text-field"), Outlet: c.String("outlet-field"), Date: c.String("date-field")}
			ix := store.NewIndexer(s, fields)
			ix.NoText = c.Bool("no-text")
			progress := startProgress(c.App.ErrWriter, r, c.Bool("quiet"), nil)
			ix.Added = func() { progress.articles.Add(1) }
			stats, err := store.IndexAll(c.Context, ix, r)
			progress.stop()
			if !c.Bool("quiet") {
				reportIndexed(c.App.ErrWriter, storeName(c.String("db")), stats)
			}
			return err
		},
	}
}

// openStore opens the --db store for writing, creating it if needed.
func openStore(c *cli.Context) (store.Store, error) {
	return openDB(c, false)
}

// openQueryStore opens the --db store read-only; it must exist.
func openQueryStore(c *cli.Context) (store.Store, error) {
	return openDB(c, true)
}

func openDB(c *cli.Context, readOnly bool) (store.Store, error) {
	location := c.String("db")
	if location == "" {
		return nil, commandUsageErrorf(c, "--db FILE is required (a SQLite file or a postgres:// URL; or set KUTIP_DB)")
	}
	s, err := openStoreAt(location, readOnly)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	return s, nil
}

// openStoreAt opens the store at location: a postgres:// or postgresql://
// URL names a PostgreSQL store, anything else a SQLite file. readOnly opens
// an existing store for queries only.
func openStoreAt(location string, readOnly bool) (store.Store, error) {
	if isPostgresURL(location) {
		if readOnly {
			return postgres.OpenReadOnly(context.Background(), location)
		}
		return postgres.Open(context.Background(), location)
	}
	if readOnly {
		return sqlite.OpenReadOnly(location)
	}
	return sqlite.Open(location)
}

func isPostgresURL(location string) bool {
	return strings.HasPrefix(location, "postgres://") || strings.HasPrefix(location, "postgresql://")
}

// storeName is location as messages show it: without a password.
func storeName(location string) string {
	if u, err := url.Parse(location); err == nil && isPostgresURL(location) {
		return u.Redacted()
	}
	return location
}

func reportIndexed(w io.Writer, path string, stats store.IndexStats) {
	fmt.Fprintf(w, "kutip: %s, %s indexed into %s", plural(stats.Articles, "article"), plural(stats.Quotes, "quote"), path)
	if stats.Failed > 0 {
		fmt.Fprintf(w, "; %s that extract could not process skipped", plural(stats.Failed, "record"))
	}
	fmt.Fprintln(w)
	if stats.BadDates > 0 {
		fmt.Fprintf(w, "kutip: warning: %d articles have a date field that is not ISO 8601, epoch seconds or an Indonesian date (dated from their url or text where these have one); the first: %s\n",
			stats.BadDates, stats.FirstBadDate)
	}
	if stats.Duplicates > 0 {
		fmt.Fprintf(w, "kutip: warning: %s with the id of an earlier record (the later replaces the earlier; each id counts once); the first: %s\n",
			plural(stats.Duplicates, "record"), stats.FirstDuplicate)
	}
}

// reportSkipped warns about the .json files the walk of a directory passed
// over: a user who put them there probably meant them as input.
func reportSkipped(w io.Writer, r *corpus.Reader) {
	for _, p := range r.Skipped() {
		fmt.Fprintf(w, "kutip: warning: %s skipped: in a directory only .jsonl, .jsonl.gz, .ndjson, .txt and .txt.gz files are read (name the file to read it as JSONL)\n", p)
	}
}

// plural is n and the noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// queryOptions are the flags every query command reads.
type queryOptions struct {
	filter store.Filter
	limit  int
	format string
	layout tableLayout
}

func readQueryOptions(c *cli.Context) (queryOptions, error) {
	o := queryOptions{
		filter: store.Filter{
			Speakers:      c.StringSlice("speaker"),
			Sources:       c.StringSlice("source"),
			Outlets:       c.StringSlice("outlet"),
			Articles:      c.StringSlice("article"),
			Match:         c.String("match"),
			Kind:          c.String("kind"),
			MinConfidence: c.Float64("min-confidence"),
		},
		limit:  c.Int("limit"),
		format: c.String("format"),
	}
	if c.Args().Present() {
		return o, commandUsageErrorf(c, "takes no arguments, only flags (got %q)", c.Args().First())
	}
	switch o.filter.Kind {
	case "", "direct", "indirect":
	default:
		return o, usageErrorf("--kind must be direct or indirect, not %q", o.filter.Kind)
	}
	if err := checkFormat(o.format); err != nil {
		return o, err
	}
	var err error
	if o.layout, err = readTableLayout(c, c.App.Writer); err != nil {
		return o, err
	}
	if o.limit < 0 {
		return o, usageErrorf("--limit must not be negative, not %d", o.limit)
	}
	if s := c.String("since"); s != "" {
		if o.filter.From, _, err = period(s); err != nil {
			return o, usageErrorf("--since: %v", err)
		}
	}
	if s := c.String("until"); s != "" {
		if _, o.filter.To, err = period(s); err != nil {
			return o, usageErrorf("--until: %v", err)
		}
	}
	if o.filter.From != "" && o.filter.To != "" && o.filter.From > o.filter.To {
		return o, usageErrorf("--since %s is after --until %s", c.String("since"), c.String("until"))
	}
	if err := o.filter.Check(); err != nil {
		return o, usageErrorf("%v", err)
	}
	return o, nil
}

func checkFormat(format string) error {
	switch format {
	case "table", "jsonl", "csv":
		return nil
	}
	return usageErrorf("--format must be table, jsonl or csv, not %q", format)
}

// period returns the first and last day of a day, month or year.
func period(s string) (first, last string, err error) {
	const day = "2006-01-02"
	for _, p := range []struct {
		layout                string
		years, months, addDay int
	}{{day, 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if t, err := time.Parse(p.layout, s); err == nil {
			return t.Format(day), t.AddDate(p.years, p.months, p.addDay-1).Format(day), nil
		}
	}
	return "", "", fmt.Errorf("%q is not a date: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// queryError makes a rejected filter or query a usage error.
func queryError(err error) error {
	if errors.Is(err, store.ErrBadFilter) || errors.Is(err, store.ErrBadQuery) {
		return usageErrorf("%v", err)
	}
	return err
}

func quotesCommand() *cli.Command {
	return &cli.Command{
		Name:  "quotes",
		Usage: "list quotes from a store, newest first",
		Description: "Lists the quotes that pass every filter given, newest first (undated articles last). The\n" +
			"table shows date, outlet, article id, speaker, relaying sources and the quote, fitted to the\n" +
			"width (see --width); jsonl and csv give every field in full.",
		Flags: slices.Concat([]cli.Flag{dbFlag(), limitFlag(50), formatFlag()}, tableFlags(), filterFlags()),
		Action: func(c *cli.Context) error {
			o, err := readQueryOptions(c)
			if err != nil {
				return err
			}
			s, err := openQueryStore(c)
			if err != nil {
				return err
			}
			defer s.Close()
			hits, err := s.Quotes(c.Context, o.filter, store.Page{Limit: o.limit})
			if err != nil {
				return queryError(err)
			}
			return writeQuotes(c.App.Writer, o.format, o.layout, hits)
		},
	}
}

// The columns of kutip quotes: csv has them all (store.CSVHeader), the
// table those that fit a line, under the same names.

func writeQuotes(w io.Writer, format string, layout tableLayout, hits []store.Quote) error {
	switch format {
	case "jsonl":
		return store.WriteJSONL(w, hits)
	case "csv":
		return store.WriteCSV(w, hits)
	}
	t := newTable(w, layout, "date", "outlet", "article", "speaker", "sources", "text")
	t.keepWhole("date")
	t.leaveOut("article", "outlet", "date")
	for _, h := range hits {
		speaker := "-"
		if h.Speaker != nil {
			speaker = h.Speaker.Name
		}
		sources, _ := store.JoinNames(h.Sources)
		if sources == "" {
			sources = "-"
		}
		text := h.Text
		if h.Kind == "direct" {
			text = "“" + text + "”"
		}
		t.row(orDash(h.Date), orDash(h.Outlet), h.Article, speaker, sources, text)
	}
	return t.close()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// topCommand counts quotes by speaker, source or outlet.
func topCommand(name, usage string, by store.Facet) *cli.Command {
	return &cli.Command{
		Name:        name,
		Usage:       usage,
		Description: "Counts the quotes that pass every filter given, most first; ties in name order.",
		Flags:       slices.Concat([]cli.Flag{dbFlag(), limitFlag(20), formatFlag()}, tableFlags(), filterFlags()),
		Action: func(c *cli.Context) error {
			o, err := readQueryOptions(c)
			if err != nil {
				return err
			}
			s, err := openQueryStore(c)
			if err != nil {
				return err
			}
			defer s.Close()
			counts, err := s.Top(c.Context, by, o.filter, o.limit)
			if err != nil {
				return queryError(err)
			}
			return writeCounts(c.App.Writer, o.format, o.layout, by != store.ByOutlet, counts)
		},
	}
}

func speakersCommand() *cli.Command {
	return topCommand("speakers", "who is quoted most", store.BySpeaker)
}

func sourcesCommand() *cli.Command {
	return topCommand("sources", "which media quotes are relayed through most", store.BySource)
}

func outletsCommand() *cli.Command {
	return topCommand("outlets", "which outlets publish the most quotes", store.ByOutlet)
}

func writeCounts(w io.Writer, format string, layout tableLayout, withID bool, counts []store.Count) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, c := range counts {
			var rec any = struct {
				Name   string `json:"name"`
				ID     string `json:"id"`
				Quotes int    `json:"quotes"`
			}{c.Name, c.ID, c.Quotes}
			if !withID {
				rec = struct {
					Name   string `json:"name"`
					Quotes int    `json:"quotes"`
				}{c.Name, c.Quotes}
			}
			if err := enc.Encode(rec); err != nil {
				return err
			}
		}
		return nil
	}
	header := []string{"name", "id", "quotes"}
	if !withID {
		header = []string{"name", "quotes"}
	}
	rows := make([][]string, len(counts))
	for i, c := range counts {
		rows[i] = []string{c.Name, c.ID, strconv.Itoa(c.Quotes)}
		if !withID {
			rows[i] = []string{c.Name, strconv.Itoa(c.Quotes)}
		}
	}
	if format == "csv" {
		cw := csv.NewWriter(w)
		cw.Write(header)
		cw.WriteAll(rows)
		return cw.Error()
	}
	t := newTable(w, layout, header...)
	for _, r := range rows {
		for i := range r {
			r[i] = orDash(r[i])
		}
		t.row(r...)
	}
	return t.close()
}

func sqlCommand() *cli.Command {
	return &cli.Command{
		Name:      "sql",
		Usage:     "run read-only SQL statements on a store",
		ArgsUsage: "STATEMENTS|-",
		Description: "Runs SQL statements on the store, opened read-only: writing, attaching other databases and\n" +
			"changing the file are refused. Statements separated by ';' run in order and each result is\n" +
			"shown (tables one after another with a blank line between); '-' reads them from standard\n" +
			"input. Tables: articles, entities, aliases, mentions, quotes, quote_sources, quote_search\n" +
			"and entity_search (FTS5), and the view quote_view (one row per quote with its article,\n" +
			"speaker and sources); --schema prints their definitions.",
		Flags: append([]cli.Flag{dbFlag(), formatFlag(),
			&cli.BoolFlag{Name: "schema", Usage: "print the store's schema (its CREATE statements) instead"},
		}, tableFlags()...),
		Action: func(c *cli.Context) error {
			format := c.String("format")
			if err := checkFormat(format); err != nil {
				return err
			}
			layout, err := readTableLayout(c, c.App.Writer)
			if err != nil {
				return err
			}
			statements, err := sqlStatements(c)
			if err != nil {
				return err
			}
			s, err := openQueryStore(c)
			if err != nil {
				return err
			}
			defer s.Close()
			if c.Bool("schema") {
				return writeSchema(c, s)
			}
			for i, stmt := range statements {
				out := newRowWriter(c.App.Writer, format, layout)
				if i > 0 && format == "table" {
					out.before = "\n"
				}
				if err := s.Select(c.Context, stmt, out.header, out.row); err != nil {
					if len(statements) > 1 {
						err = fmt.Errorf("statement %d of %d: %w", i+1, len(statements), err)
					}
					return queryError(err)
				}
				if err := out.close(); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// sqlStatements are the statements kutip sql is to run: its argument, or
// standard input for "-", split at semicolons.
func sqlStatements(c *cli.Context) ([]string, error) {
	if c.Bool("schema") {
		if c.NArg() > 0 {
			return nil, commandUsageErrorf(c, "--schema takes no statements")
		}
		return nil, nil
	}
	if c.NArg() != 1 {
		return nil, commandUsageErrorf(c, "give the SQL statements as one (quoted) argument, or '-' to read them from standard input; got %d arguments", c.NArg())
	}
	query := c.Args().First()
	if query == "-" {
		data, err := io.ReadAll(c.App.Reader)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		query = string(data)
	}
	statements := store.SplitStatements(query)
	if len(statements) == 0 {
		return nil, commandUsageErrorf(c, "no SQL statement given")
	}
	return statements, nil
}

// sqliteSchema lists a SQLite store's definitions as sqlite3's .schema
// does, without the FTS5 tables' internal shadow tables.
const sqliteSchema = `SELECT s.sql || ';' FROM sqlite_schema s
	LEFT JOIN pragma_table_list t ON t.schema = 'main' AND t.name = s.name
	WHERE s.sql IS NOT NULL AND coalesce(t.type, '') != 'shadow' ORDER BY s.rowid`

// postgresSchema lists a PostgreSQL store's tables and views with their
// columns, from the information schema.
const postgresSchema = `SELECT CASE t.table_type WHEN 'VIEW' THEN 'CREATE VIEW ' ELSE 'CREATE TABLE ' END
		|| c.table_name || ' (' || string_agg(c.column_name || ' ' || c.data_type, ', ' ORDER BY c.ordinal_position) || ');'
	FROM information_schema.columns c
	JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
	WHERE c.table_schema = current_schema()
	GROUP BY t.table_type, c.table_name ORDER BY t.table_type, c.table_name`

// writeSchema prints the definitions of the tables and views of the store s.
func writeSchema(c *cli.Context, s store.Store) error {
	query := sqliteSchema
	if isPostgresURL(c.String("db")) {
		query = postgresSchema
	}
	return s.Select(c.Context, query, nil, func(values []any) error {
		_, err := fmt.Fprintln(c.App.Writer, cellText(values[0]))
		return err
	})
}

// rowWriter writes the rows of kutip sql in the chosen format.
type rowWriter struct {
	w       io.Writer
	format  string
	layout  tableLayout
	before  string // written before the header
	columns []string
	table   *table
	csv     *csv.Writer
	cells   []string
	buf     []byte
}

func newRowWriter(w io.Writer, format string, layout tableLayout) *rowWriter {
	return &rowWriter{w: w, format: format, layout: layout}
}

// header starts a result with its column names: a table and csv show them
// even when no row follows. A statement without columns shows nothing.
func (r *rowWriter) header(columns []string) error {
	if len(columns) == 0 {
		return nil
	}
	if _, err := io.WriteString(r.w, r.before); err != nil {
		return err
	}
	r.columns = columns
	switch r.format {
	case "csv":
		r.csv = csv.NewWriter(r.w)
		return r.csv.Write(columns)
	case "table":
		r.table = newTable(r.w, r.layout, columns...)
	}
	return nil
}

func (r *rowWriter) row(values []any) error {
	switch r.format {
	case "jsonl":
		// Built by hand to keep the columns in order.
		r.buf = append(r.buf[:0], '{')
		for i, col := range r.columns {
			if i > 0 {
				r.buf = append(r.buf, ',')
			}
			key, _ := json.Marshal(col)
			r.buf = append(r.buf, key...)
			r.buf = append(r.buf, ':')
			r.buf = appendJSONValue(r.buf, values[i])
		}
		r.buf = append(r.buf, '}', '\n')
		_, err := r.w.Write(r.buf)
		return err
	case "csv":
		r.cells = r.cells[:0]
		for _, v := range values {
			if v == nil {
				r.cells = append(r.cells, "")
			} else {
				r.cells = append(r.cells, cellText(v))
			}
		}
		return r.csv.Write(r.cells)
	}
	r.cells = r.cells[:0]
	for _, v := range values {
		r.cells = append(r.cells, cellText(v))
	}
	return r.table.row(r.cells...)
}

func (r *rowWriter) close() error {
	switch {
	case r.csv != nil:
		r.csv.Flush()
		return r.csv.Error()
	case r.table != nil:
		return r.table.close()
	}
	return nil
}

// cellText shows an SQL value: text as is, blobs as text when they are
// UTF-8 and in SQL hex notation otherwise.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		return v
	case []byte:
		if utf8.Valid(v) {
			return string(v)
		}
		return "x'" + hex.EncodeToString(v) + "'"
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

func appendJSONValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case float64:
		enc, err := json.Marshal(v)
		if err != nil { // NaN or infinity
			return append(b, "null"...)
		}
		return append(b, enc...)
	}
	enc, _ := json.Marshal(cellText(v))
	return append(b, enc...)
}
