package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// completionCases are command lines being typed and what each shell
// offers next ("": nothing, so the shell completes file names).
var completionCases = []struct{ words, want string }{
	{"kutip ex", "extract"},
	{"kutip eval q", "quotes"},
	{"kutip extract --wor", "--workers"},
	{"kutip quotes --spe", "--speaker"},
	{"kutip gazetteer st", "stats"},
	{"kutip sql --db x --sc", "--schema"},
	{"kutip extract ", ""},
}

// asKutip puts this test binary on a PATH as kutip, which it runs as.
func asKutip(t *testing.T) []string {
	bin := t.TempDir()
	if err := os.Symlink(os.Args[0], filepath.Join(bin, "kutip")); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), "KUTIP_TEST_AS_KUTIP=1", "PATH="+bin+":"+os.Getenv("PATH"))
}

// The scripts, in the real shells, complete commands, subcommands and
// flags by asking kutip; a shell not installed is skipped, unless
// KUTIP_TEST_SHELLS says it must be there (.ci/setup-shells.sh).
func TestShellCompletion(t *testing.T) {
	env := asKutip(t)
	for _, shell := range []struct {
		name, script string
		flags        []string // before the script; the words typed come after it
	}{
		{"bash", `source <(kutip completion bash)
read -ra COMP_WORDS <<< "$1"; [[ "$1" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _kutip_complete; echo "${COMPREPLY[*]}"`,
			[]string{"--norc", "-c"}},
		// zsh's _describe filters by the word typed; the stub shows all.
		{"zsh", `compdef(){}; source <(kutip completion zsh)
_describe(){ print -l -- "${(@P)2}" | grep -- "^${words[-1]}" | tr '\n' ' '; }; _files(){}
words=(${=1}); [[ "$1" == *" " ]] && words+=(""); _kutip`,
			[]string{"-f", "-c"}},
		{"fish", `source (kutip completion fish | psub); complete -C "$argv[1]" | cut -f1 | tr '\n' ' '`,
			[]string{"--no-config", "-c"}},
	} {
		path, err := exec.LookPath(shell.name)
		if err != nil && os.Getenv("KUTIP_TEST_SHELLS") != "" {
			t.Fatalf("KUTIP_TEST_SHELLS is set but %v", err) // CI installs them
		}
		if err != nil {
			t.Logf("no %s: skipped", shell.name)
			continue
		}
		for _, tc := range completionCases {
			args := append(slices.Clone(shell.flags), shell.script)
			if shell.name != "fish" {
				args = append(args, shell.name) // $0 of bash and zsh; fish's $argv starts with the words
			}
			cmd := exec.Command(path, append(args, tc.words)...)
			cmd.Env, cmd.Dir = env, t.TempDir() // no files to offer
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s, %q: %v\n%s", shell.name, tc.words, err, out)
			}
			got := strings.TrimSpace(string(out))
			if got != tc.want {
				t.Errorf("%s: %q completes to %q, want %q", shell.name, tc.words, got, tc.want)
			}
		}
	}
}

func TestCompletionAndManPages(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"completion", "bash"}, []string{"complete -o bashdefault -o default -F _kutip_complete kutip"}},
		{[]string{"completion", "zsh"}, []string{"#compdef kutip", "compdef _kutip kutip"}},
		{[]string{"completion", "fish"}, []string{"complete -c kutip", "-n '__fish_seen_subcommand_from extract' -f -l workers -s j"}},
		{[]string{"man"}, []string{".TH kutip 1", "extract", "--workers, -j"}},
	} {
		code, out, stderr := run(t, "", tc.args...)
		if code != exitOK {
			t.Errorf("kutip %v: exit %d: %s", tc.args, code, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("kutip %v lacks %q", tc.args, w)
			}
		}
	}
}
