// Package cli is the kutip command line as a function of its arguments and
// streams, so that tests run it in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"
	"github.com/xrash/smetrics"

	"github.com/kutip/kutip/corpus"
)

// Exit statuses. An interrupted run exits as a shell reports a process
// killed by the signal: 128 + its number.
const (
	exitOK          = 0
	exitFailed      = 1 // some records failed, or the run failed
	exitUsage       = 2 // the command line was wrong
	exitInterrupted = 128 + int(syscall.SIGINT)
	exitBrokenPipe  = 128 + int(syscall.SIGPIPE) // the output's reader went away (… | head)
)

// Interrupt is the cause a context is cancelled with when a signal stops
// kutip: Run then exits 128 + the signal's number (130 for SIGINT, 143 for
// SIGTERM).
type Interrupt struct{ Signal syscall.Signal }

func (i Interrupt) Error() string { return "interrupted by " + i.Signal.String() }

// interruptStatus is the exit status for a run stopped by ctx.
func interruptStatus(ctx context.Context) int {
	var i Interrupt
	if errors.As(context.Cause(ctx), &i) {
		return 128 + int(i.Signal)
	}
	return exitInterrupted
}

// Version is the version written into output records as kutip_version.
const Version = corpus.Version

// Run runs kutip with args (args[0] is the program name) and returns the exit
// status. Nothing but records and explicitly requested output is written to
// stdout; every message goes to stderr.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &cli.App{
		Name:                   "kutip",
		Usage:                  "entities and attributed quotes from Indonesian news",
		Version:                Version,
		Reader:                 stdin,
		Writer:                 stdout,
		ErrWriter:              stderr,
		EnableBashCompletion:   true,
		UseShortOptionHandling: true,
		Suggest:                true,
		// A name or outlet may hold a comma: repeat a list flag instead.
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {}, // Run maps errors to statuses itself
		OnUsageError:              onUsageError,
		Commands:                  commands(),
		Action:                    commandGroup,
	}
	for _, cmd := range app.Commands {
		setUsageErrorHandlers(cmd)
	}
	app.Setup()
	err := app.RunContext(ctx, normalizeArgs(app.Commands, args))
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errUsageShown) {
		return exitUsage
	}
	// urfave/cli's own exit (cli.ExitCoder) comes only from "kutip help
	// NAME" of an unknown NAME, with a suggestion: a usage error too.
	var ue *usageError
	var exit cli.ExitCoder
	if errors.As(err, &ue) || errors.As(err, &exit) {
		fmt.Fprintf(stderr, "kutip: %v\n", err)
		return exitUsage
	}
	var fe *failedError
	if errors.As(err, &fe) {
		return exitFailed // already reported record by record
	}
	if errors.Is(err, syscall.EPIPE) {
		return exitBrokenPipe // as quiet as a process killed by SIGPIPE
	}
	var stop Interrupt // a command that stops on a signal by design, as serve
	if errors.Is(err, corpus.ErrInterrupted) || errors.As(err, &stop) {
		fmt.Fprintf(stderr, "kutip: %v\n", err)
		return interruptStatus(ctx)
	}
	fmt.Fprintf(stderr, "kutip: %v\n", err)
	return exitFailed
}

// commands are kutip's commands, made anew at each call.
func commands() []*cli.Command {
	return []*cli.Command{
		extractCommand(),
		evalCommand(),
		indexCommand(),
		quotesCommand(),
		speakersCommand(),
		sourcesCommand(),
		outletsCommand(),
		sqlCommand(),
		serveCommand(),
		gazetteerCommand(),
		completionCommand(),
		manCommand(),
	}
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// commandUsageErrorf is a usage error of the command c runs, named as the
// user typed it and pointing to its help.
func commandUsageErrorf(c *cli.Context, format string, args ...any) error {
	name := commandPath(c)
	return usageErrorf("%s: %s (see '%s --help')", name, fmt.Sprintf(format, args...), name)
}

// errUsageShown says that the usage was written to stderr: a command line
// that only names a group of commands is incomplete (exit 2), while --help
// is a request, answered on stdout.
var errUsageShown = errors.New("usage shown")

// commandGroup is the action of kutip itself and of the commands made of
// subcommands (eval, gazetteer): alone it writes their usage to stderr, and
// an unknown command gets the nearest known one suggested.
func commandGroup(c *cli.Context) error {
	name := commandPath(c)
	root := name == "kutip"
	commands := c.App.Commands
	if !root {
		commands = c.Command.Subcommands
	}
	if c.Args().Present() {
		unknown := c.Args().First()
		msg := fmt.Sprintf("unknown command %q", unknown)
		if !root {
			msg = name + ": " + msg
		}
		if suggestion := suggestCommand(commands, unknown); suggestion != "" {
			msg += ". " + suggestion
		}
		return usageErrorf("%s (see '%s --help')", msg, name)
	}
	w := c.App.Writer
	c.App.Writer = c.App.ErrWriter
	defer func() { c.App.Writer = w }()
	if root {
		cli.ShowAppHelp(c)
	} else {
		cli.ShowSubcommandHelp(c)
	}
	return errUsageShown
}

// suggestCommand is urfave/cli's "did you mean" for a mistyped command,
// when there is one near enough.
func suggestCommand(commands []*cli.Command, typed string) string {
	var names []string
	for _, c := range commands {
		if !c.Hidden {
			names = append(names, c.Names()...)
		}
	}
	best := nearest(names, typed)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(cli.SuggestDidYouMeanTemplate, best)
}

// failedError says that some records failed after being reported one by one.
type failedError struct{ failed int }

func (e *failedError) Error() string { return fmt.Sprintf("%d records failed", e.failed) }

// onUsageError keeps urfave/cli from printing help to stdout, where it would
// corrupt a JSONL stream, and suggests the flag meant by an unknown one.
func onUsageError(c *cli.Context, err error, _ bool) error {
	name := commandPath(c)
	flags := c.App.Flags
	if name != "kutip" {
		flags = c.Command.Flags
	}
	msg := err.Error()
	if typed, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		if best := nearest(names, strings.TrimLeft(typed, "-")); best != "" {
			msg += ". " + fmt.Sprintf(cli.SuggestDidYouMeanTemplate, dashed(best))
		}
	}
	return usageErrorf("%s: %s (see '%s --help')", name, msg, name)
}

// commandPath is the command c runs as the user types it: "kutip eval quotes".
func commandPath(c *cli.Context) string {
	var names []string
	for _, l := range c.Lineage() {
		if l.Command != nil && l.Command.Name != "" && l.Command.Name != c.App.Name {
			names = append(names, l.Command.Name)
		}
	}
	path := "kutip"
	for i := len(names) - 1; i >= 0; i-- {
		path += " " + names[i]
	}
	return path
}

func dashed(flag string) string {
	if len(flag) == 1 {
		return "-" + flag
	}
	return "--" + flag
}

// nearest is the name most like typed, by the Jaro-Winkler similarity that
// urfave/cli's suggestions use, or "" when none is near enough to be meant.
func nearest(names []string, typed string) string {
	const threshold = 0.8
	best, bestScore := "", threshold
	for _, n := range names {
		if score := smetrics.JaroWinkler(n, typed, 0.7, 4); score > bestScore {
			best, bestScore = n, score
		}
	}
	return best
}

func setUsageErrorHandlers(cmd *cli.Command) {
	cmd.OnUsageError = onUsageError
	// A command without subcommands gets no "help" one: "kutip extract
	// <TAB>" then completes file names, and a file called help is a file.
	cmd.HideHelpCommand = len(cmd.Subcommands) == 0
	for _, sub := range cmd.Subcommands {
		setUsageErrorHandlers(sub)
	}
}

// normalizeArgs rewrites a command's arguments the way getopt users expect
// before urfave/cli parses them: flags move before the other arguments
// ("kutip extract in.jsonl -o out.jsonl"; urfave/cli stops reading flags at
// the first argument that is not one), bundled short flags are split
// ("-qj1" is "-q -j 1", which UseShortOptionHandling alone does not do when
// the last takes a value) and every flag is written in its long form, so
// that a flag given twice in two forms ("-j 2 … --workers=1") means the last
// one, as a repeated flag does, instead of urfave/cli's "two forms" error.
func normalizeArgs(commands []*cli.Command, args []string) []string {
	if len(args) < 2 {
		return args
	}
	if n := len(args); args[n-1] == "--generate-bash-completion" {
		// A completion script asks what may follow. The word being
		// completed, a flag's start, is left out: urfave/cli reads it from
		// os.Args, and an unknown flag here would crash its parser.
		if n > 2 && strings.HasPrefix(args[n-2], "-") {
			return append(args[:n-2:n-2], args[n-1])
		}
		return args
	}
	i := 1
	var cmd *cli.Command
	for i < len(args) {
		next := findCommand(commands, args[i])
		if next == nil {
			break
		}
		cmd, commands = next, next.Subcommands
		i++
	}
	if cmd == nil || len(cmd.Subcommands) > 0 {
		return args
	}
	flags := map[string]flagForm{}
	for _, f := range append([]cli.Flag{cli.HelpFlag}, cmd.Flags...) {
		_, isBool := f.(*cli.BoolFlag)
		long := f.Names()[0]
		for _, name := range f.Names() {
			flags[name] = flagForm{long: long, takesValue: !isBool}
		}
	}
	out := append([]string(nil), args[:i]...)
	var operands []string
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			operands = append(operands, args[i:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			operands = append(operands, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if f, ok := flags[name]; ok {
			switch {
			case hasValue:
				out = append(out, "--"+f.long+"="+value)
			case f.takesValue && i+1 < len(args):
				out = append(out, "--"+f.long, args[i+1])
				i++
			default:
				out = append(out, "--"+f.long)
			}
			continue
		}
		if bundle, needsValue, ok := splitBundle(flags, a); ok {
			out = append(out, bundle...)
			if needsValue && i+1 < len(args) {
				out = append(out, args[i+1])
				i++
			}
			continue
		}
		out = append(out, a) // unknown: urfave/cli reports it
	}
	return append(out, operands...)
}

type flagForm struct {
	long       string
	takesValue bool
}

// splitBundle splits bundled short flags: "-qj1" is "--quiet --workers 1";
// needsValue says that the last flag takes the next argument as its value
// ("-qj 1").
func splitBundle(flags map[string]flagForm, a string) (out []string, needsValue, ok bool) {
	if strings.HasPrefix(a, "--") || strings.Contains(a, "=") {
		return nil, false, false
	}
	for k := 1; k < len(a); k++ {
		f, known := flags[a[k:k+1]]
		if !known {
			return nil, false, false
		}
		if !f.takesValue {
			out = append(out, "--"+f.long)
			continue
		}
		if k+1 < len(a) {
			return append(out, "--"+f.long, a[k+1:]), false, true
		}
		return append(out, "--"+f.long), true, true
	}
	return out, false, true
}

func findCommand(commands []*cli.Command, name string) *cli.Command {
	for _, c := range commands {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
