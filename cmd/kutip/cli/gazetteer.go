package cli

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/kutip/kutip/gazetteer"
)

// gazetteerFlags choose the gazetteer: the embedded default, extended or
// overridden (by id) by the user's files.
func gazetteerFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "gazetteer", Aliases: []string{"g"}, EnvVars: []string{"KUTIP_GAZETTEER"},
			Usage: "add entries from `FILE` (.tsv, .csv, .jsonl; repeatable; later files override earlier ones by id)"},
		&cli.BoolFlag{Name: "no-default-gazetteer", Usage: "use only the --gazetteer files, not the embedded default"},
	}
}

// loadGazetteer builds the gazetteer the flags of c ask for.
func loadGazetteer(c *cli.Context) (*gazetteer.Gazetteer, error) {
	paths := c.StringSlice("gazetteer")
	noDefault := c.Bool("no-default-gazetteer")
	if len(paths) == 0 && !noDefault {
		return gazetteer.Default()
	}
	defer roomForGazetteer(paths)()
	var base []gazetteer.Entry
	if !noDefault {
		entries, err := gazetteer.DefaultEntries()
		if err != nil {
			return nil, err
		}
		base = entries
	}
	g, err := gazetteer.Load(base, paths...)
	if err != nil {
		return nil, usageErrorf("gazetteer: %v", err)
	}
	g.Prepare()
	return g, nil
}

// roomForGazetteer raises a soft memory limit (the one main sets, not one
// the user set with GOMEMLIMIT) while the user's gazetteer files load, by
// three times their size uncompressed, a little more than what their
// entries, index and spelling model take at the peak of loading (1,000,000
// entries: 330 MB; five times only let garbage stand, to 500 MB). The
// function it returns sets it again above the live heap, which they keep
// filled all run. Under a limit they fill, the collector runs without pause
// (a gzip-compressed file, counted at its own size, loaded 2.5 times slower).
func roomForGazetteer(paths []string) (restore func()) {
	limit := debug.SetMemoryLimit(-1)
	if os.Getenv("GOMEMLIMIT") != "" || limit == math.MaxInt64 {
		return func() {}
	}
	size := int64(0)
	for _, p := range paths {
		size += gazetteer.ContentSize(p)
	}
	debug.SetMemoryLimit(limit + 3*size)
	return func() {
		runtime.GC() // once: what is live now stays live
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 {
			limit += int64(live[0].Value.Uint64())
		}
		debug.SetMemoryLimit(limit)
	}
}

func gazetteerCommand() *cli.Command {
	return &cli.Command{
		Name:   "gazetteer",
		Usage:  "look up, count and check gazetteer entries",
		Action: commandGroup,
		Subcommands: []*cli.Command{
			{
				Name:      "lookup",
				Usage:     "show the entries a name matches: exact, alias, folded and fuzzy, with scores",
				ArgsUsage: "NAME…",
				Flags: append([]cli.Flag{
					&cli.IntFlag{Name: "limit", Value: 10, Usage: "at most `N` matches per name"},
				}, gazetteerFlags()...),
				Action: gazetteerLookup,
			},
			{
				Name:   "stats",
				Usage:  "count entries by label and kind",
				Flags:  gazetteerFlags(),
				Action: gazetteerStats,
			},
			{
				Name:      "validate",
				Usage:     "check gazetteer files: format, ids, labels, parents (also against the default), shared names",
				ArgsUsage: "FILE…",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "no-default-gazetteer", Usage: "resolve parents within the files only"},
				},
				Action: gazetteerValidate,
			},
			{
				Name:   "import",
				Usage:  "turn an open data dump into gazetteer entries (TSV on stdout)",
				Action: commandGroup,
				Subcommands: []*cli.Command{
					{
						Name: "wikidata",
						Usage: "stream a Wikidata JSON dump (.json, .json.gz, .json.bz2, - for stdin) and write its humans, " +
							"organisations and places as gazetteer TSV",
						ArgsUsage: "DUMP",
						Flags: []cli.Flag{
							&cli.StringFlag{Name: "lang", Value: "id,en", Usage: "label languages in order of preference, `LANGS` separated by commas; the first one found gives the name"},
						},
						Action: gazetteerImportWikidata,
					},
				},
			},
		},
	}
}

func gazetteerLookup(c *cli.Context) error {
	if c.NArg() == 0 {
		return commandUsageErrorf(c, "give a NAME to look up")
	}
	g, err := loadGazetteer(c)
	if err != nil {
		return err
	}
	// Aligned in display cells, cut nowhere: names are what a lookup is for.
	t := newTable(c.App.Writer, tableLayout{noTrunc: true}, "NAME", "MATCH", "METHOD", "SCORE", "ID", "LABEL", "KIND", "CANONICAL")
	for _, name := range c.Args().Slice() {
		results := g.Lookup(name, c.Int("limit"))
		if len(results) == 0 {
			t.row(name, "-", "none", "0", "", "", "", "")
		}
		for _, r := range results {
			t.row(name, r.Surface, r.Method, fmt.Sprintf("%.2f", r.Score), r.Entry.ID, string(r.Entry.Label), r.Entry.Kind, r.Entry.Name)
		}
	}
	return t.close()
}

func gazetteerStats(c *cli.Context) error {
	g, err := loadGazetteer(c)
	if err != nil {
		return err
	}
	st := g.Stats()
	w := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "entries\t%d\nsurface forms\t%d\naliases\t%d\nshared surface forms\t%d\ncaseless entries\t%d\n",
		st.Entries, st.Surfaces, st.Aliases, st.Shared, st.Caseless)
	for _, l := range []gazetteer.Label{gazetteer.Person, gazetteer.Place, gazetteer.Organisation} {
		fmt.Fprintf(w, "label %s\t%d\n", l, st.ByLabel[l])
	}
	kinds := make([]string, 0, len(st.ByKind))
	for k := range st.ByKind {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		return st.ByKind[kinds[i]] > st.ByKind[kinds[j]] || st.ByKind[kinds[i]] == st.ByKind[kinds[j]] && kinds[i] < kinds[j]
	})
	for _, k := range kinds {
		name := k
		if name == "" {
			name = "(none)"
		}
		fmt.Fprintf(w, "kind %s\t%d\n", name, st.ByKind[k])
	}
	return w.Flush()
}

// warnOtherLabels warns about each name of entries that a default entry
// of another label also has (an ORGANISATION "Jakarta"): the tagger then
// takes the name for one of them wherever it stands.
func warnOtherLabels(w io.Writer, entries, defaults []gazetteer.Entry) {
	byName := make(map[string][]*gazetteer.Entry)
	for i := range defaults {
		for _, s := range defaults[i].Surfaces() {
			byName[s] = append(byName[s], &defaults[i])
		}
	}
	for i := range entries {
		e := &entries[i]
		for _, s := range e.Surfaces() {
			for _, d := range byName[s] {
				if d.Label != e.Label && d.ID != e.ID {
					at := ""
					if d.Where() != "" {
						at = " (" + d.Where() + ")"
					}
					fmt.Fprintf(w, "%s: warning: %q is also a name of the default %s %s%s\n", e.Where(), s, d.Label, d.ID, at)
				}
			}
		}
	}
}

// gazetteerValidate checks each file on its own and reports every problem on
// stdout; it fails (exit 1) when a file has errors. Shared surface forms are
// reported as notes, since some are genuine (PBB).
func gazetteerValidate(c *cli.Context) error {
	if c.NArg() == 0 {
		return commandUsageErrorf(c, "give the FILE(s) to check")
	}
	var known []gazetteer.Entry // parents may be entries of the default gazetteer
	if !c.Bool("no-default-gazetteer") {
		var err error
		if known, err = gazetteer.DefaultEntries(); err != nil {
			return err
		}
	}
	bad := 0
	for _, path := range c.Args().Slice() {
		entries, problems, err := gazetteer.CheckFile(path)
		if err != nil {
			problems = append(problems, err)
		}
		others := make([]gazetteer.Entry, 0, len(known))
		for _, e := range known {
			if e.Source != path { // validating a default file itself
				others = append(others, e)
			}
		}
		for _, p := range gazetteer.Validate(append(entries, others...)) {
			if pe, ok := p.(*gazetteer.ParseError); !ok || pe.File == path {
				problems = append(problems, p)
			}
		}
		for _, p := range problems {
			fmt.Fprintf(c.App.Writer, "%v\n", p)
		}
		for _, col := range gazetteer.Collisions(entries) {
			ids := make([]string, len(col.Entries))
			for i, e := range col.Entries {
				ids[i] = e.ID + " (" + e.Where() + ")"
			}
			fmt.Fprintf(c.App.Writer, "%s: note: %q is a name of %s\n", path, col.Surface, strings.Join(ids, ", "))
		}
		warnOtherLabels(c.App.Writer, entries, others)
		if len(problems) > 0 {
			bad++
		}
		fmt.Fprintf(c.App.Writer, "%s: %d entries, %d problems\n", path, len(entries), len(problems))
	}
	if bad > 0 {
		return &failedError{bad}
	}
	return nil
}

// gazetteerImportWikidata writes the entries of a Wikidata dump to stdout.
// Bad lines are reported on stderr with their number and skipped; the exit
// status is then 1.
func gazetteerImportWikidata(c *cli.Context) error {
	if c.NArg() != 1 {
		return commandUsageErrorf(c, "give one DUMP file (- for stdin)")
	}
	var langs []string
	for _, l := range strings.Split(c.String("lang"), ",") {
		if l = strings.TrimSpace(l); l != "" {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		return commandUsageErrorf(c, "--lang names no language")
	}
	path, name := c.Args().First(), c.Args().First()
	var in io.Reader = c.App.Reader
	if path == "-" {
		name = "stdin"
	} else {
		f, err := gazetteer.OpenCompressed(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	w := gazetteer.NewTSVWriter(c.App.Writer)
	bad := 0
	_, err := gazetteer.ReadWikidata(in, name, langs, func(e gazetteer.Entry) error {
		if err := c.Context.Err(); err != nil {
			return err
		}
		return w.Write(&e)
	}, func(err error) {
		bad++
		fmt.Fprintf(c.App.ErrWriter, "kutip: %v\n", err)
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if bad > 0 {
		return &failedError{bad}
	}
	return nil
}
