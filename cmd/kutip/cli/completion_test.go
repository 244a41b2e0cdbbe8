package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The bash script, sourced in a real bash, completes commands,
// subcommands and flags by asking kutip (this test binary, run as kutip).
func TestBashCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	bin := t.TempDir()
	if err := os.Symlink(os.Args[0], filepath.Join(bin, "kutip")); err != nil {
		t.Fatal(err)
	}
	for words, want := range map[string]string{
		"kutip ex":              "extract",
		"kutip eval q":          "quotes",
		"kutip extract --wor":   "--workers",
		"kutip quotes --spe":    "--speaker",
		"kutip gazetteer st":    "stats",
		"kutip sql --db x --sc": "--schema",
	} {
		script := `source <(kutip completion bash)
COMP_WORDS=(` + words + `); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
case "` + words + `" in *" ") COMP_WORDS+=(""); COMP_CWORD=$((COMP_CWORD + 1));; esac
_kutip_complete; echo "${COMPREPLY[*]}"`
		cmd := exec.Command(bash, "--norc", "-c", script)
		cmd.Env = append(os.Environ(), "KUTIP_TEST_AS_KUTIP=1", "PATH="+bin+":"+os.Getenv("PATH"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", words, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != want {
			t.Errorf("%q completes to %q, want %q", words, got, want)
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
