package cli

import (
	"github.com/urfave/cli/v2"

	"slices"
	"strings"
	"testing"
)

// Help the user asks for goes to stdout; usage shown because the command
// line was incomplete goes to stderr with exit 2, as for any usage error.
func TestHelpAndUsage(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		exit       int
		toStdout   bool
		wantInHelp string
	}{
		{nil, 2, false, "USAGE:"},
		{[]string{"--help"}, 0, true, "USAGE:"},
		{[]string{"help"}, 0, true, "USAGE:"},
		{[]string{"eval"}, 2, false, "   ner "},
		{[]string{"gazetteer"}, 2, false, "   lookup "},
		{[]string{"eval", "--help"}, 0, true, "   ner "},
		{[]string{"extract", "--help"}, 0, true, "--workers value, -j value"},
	} {
		code, stdout, stderr := run(t, "", tc.args...)
		help, other := stderr, stdout
		if tc.toStdout {
			help, other = stdout, stderr
		}
		if code != tc.exit || !strings.Contains(help, tc.wantInHelp) || other != "" {
			t.Errorf("kutip %v: exit %d (want %d), stdout:\n%s\nstderr:\n%s", tc.args, code, tc.exit, stdout, stderr)
		}
	}
}

// Every flag that an environment variable can set says so in --help.
func TestHelpShowsEnvironmentVariables(t *testing.T) {
	for args, want := range map[string]string{
		"quotes --help":  "$KUTIP_DB",
		"index --help":   "$KUTIP_DB",
		"sql --help":     "$KUTIP_DB",
		"extract --help": "$KUTIP_GAZETTEER",
	} {
		if _, out, _ := run(t, "", strings.Fields(args)...); !strings.Contains(out, want) {
			t.Errorf("kutip %s lacks %s:\n%s", args, want, out)
		}
	}
}

func TestNormalizeArgs(t *testing.T) {
	commands := []*cli.Command{extractCommand()}
	for in, want := range map[string]string{
		"extract in.jsonl -o out.jsonl":   "extract --output out.jsonl in.jsonl",
		"extract -qj1 in.jsonl":           "extract --quiet --workers 1 in.jsonl",
		"extract -qj 1 in.jsonl":          "extract --quiet --workers 1 in.jsonl",
		"extract -j=2 --workers=1":        "extract --workers=2 --workers=1",
		"extract -q -- -odd.jsonl":        "extract --quiet -- -odd.jsonl",
		"extract - -x":                    "extract -x -",
		"extract --gazetteer a.tsv -g b":  "extract --gazetteer a.tsv --gazetteer b",
		"extract -quiet -workers 3 a b -": "extract --quiet --workers 3 a b -",
	} {
		got := normalizeArgs(commands, append([]string{"kutip"}, strings.Fields(in)...))
		if want := append([]string{"kutip"}, strings.Fields(want)...); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", in, got, want)
		}
	}
}
