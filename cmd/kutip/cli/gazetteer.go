package cli

import (
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
	var sets [][]gazetteer.Entry
	if !noDefault {
		entries, err := gazetteer.DefaultEntries()
		if err != nil {
			return nil, err
		}
		sets = append(sets, entries)
	}
	for _, p := range paths {
		entries, err := gazetteer.ReadFile(p)
		if err != nil {
			return nil, usageErrorf("gazetteer: %v", err)
		}
		sets = append(sets, entries)
	}
	return gazetteer.New(sets...), nil
}
