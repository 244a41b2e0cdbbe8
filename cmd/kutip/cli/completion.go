package cli

import (
	_ "embed"
	"io"

	"github.com/urfave/cli/v2"
)

// The bash and zsh scripts ask kutip itself what may come next
// (urfave/cli's --generate-bash-completion); fish's is generated from the
// commands and flags.
var (
	//go:embed completion/kutip.bash
	bashCompletion string
	//go:embed completion/kutip.zsh
	zshCompletion string
)

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		ArgsUsage: "bash|zsh|fish",
		Description: "bash:  source <(kutip completion bash)    (or save it in /etc/bash_completion.d/kutip)\n" +
			"zsh:   kutip completion zsh > \"${fpath[1]}/_kutip\"\n" +
			"fish:  kutip completion fish > ~/.config/fish/completions/kutip.fish",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return commandUsageErrorf(c, "name the shell: bash, zsh or fish")
			}
			var script string
			switch shell := c.Args().First(); shell {
			case "bash":
				script = bashCompletion
			case "zsh":
				script = zshCompletion
			case "fish":
				var err error
				if script, err = freshApp(c).ToFishCompletion(); err != nil {
					return err
				}
			default:
				return commandUsageErrorf(c, "no completion for %q: bash, zsh or fish", shell)
			}
			_, err := io.WriteString(c.App.Writer, script)
			return err
		},
	}
}

func manCommand() *cli.Command {
	return &cli.Command{
		Name:        "man",
		Usage:       "print kutip's manual page (roff)",
		Description: "kutip man > kutip.1 && man ./kutip.1, or: kutip man | man -l -",
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return commandUsageErrorf(c, "takes no arguments")
			}
			page, err := freshApp(c).ToManWithSection(1)
			if err != nil {
				return err
			}
			_, err = io.WriteString(c.App.Writer, page)
			return err
		},
	}
}

// freshApp is kutip's command tree made anew for the generators: once
// urfave/cli's shared help command has run it is its own subcommand, and
// would send them round in circles.
func freshApp(c *cli.Context) *cli.App {
	return &cli.App{Name: c.App.Name, Usage: c.App.Usage, Version: c.App.Version, Commands: commands()}
}
