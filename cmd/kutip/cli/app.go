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
const Version = "0.1.0"

// Run runs kutip with args (args[0] is the program name) and returns the exit
// status. Nothing but records and explicitly requested output is written to
// stdout; every message goes to stderr.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &cli.App{
		Name:                 "kutip",
		Usage:                "entities and attributed quotes from Indonesian news",
		Version:              Version,
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		// A name or outlet may hold a comma: repeat a list flag instead.
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {}, // Run maps errors to statuses itself
		OnUsageError:              onUsageError,
		Commands: []*cli.Command{
			extractCommand(),
			evalCommand(),
			indexCommand(),
			quotesCommand(),
			speakersCommand(),
			sourcesCommand(),
			outletsCommand(),
			sqlCommand(),
			gazetteerCommand(),
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usageErrorf("unknown command %q (see 'kutip --help')", c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
	}
	for _, cmd := range app.Commands {
		setUsageErrorHandlers(cmd)
	}
	app.Setup()
	err := app.RunContext(ctx, flagsFirst(app.Commands, args))
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
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
	if errors.Is(err, errInterrupted) {
		fmt.Fprintf(stderr, "kutip: %v\n", err)
		return interruptStatus(ctx)
	}
	fmt.Fprintf(stderr, "kutip: %v\n", err)
	return exitFailed
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// failedError says that some records failed after being reported one by one.
type failedError struct{ failed int }

func (e *failedError) Error() string { return fmt.Sprintf("%d records failed", e.failed) }

// onUsageError keeps urfave/cli from printing help to stdout, where it would
// corrupt a JSONL stream.
func onUsageError(c *cli.Context, err error, _ bool) error {
	name := "kutip"
	if c.Command != nil && c.Command.Name != "" {
		name += " " + c.Command.Name
	}
	return usageErrorf("%s: %v (see '%s --help')", name, err, name)
}

func setUsageErrorHandlers(cmd *cli.Command) {
	cmd.OnUsageError = onUsageError
	for _, sub := range cmd.Subcommands {
		setUsageErrorHandlers(sub)
	}
}

// flagsFirst moves a command's flags before its other arguments, so that
// "kutip extract in.jsonl -o out.jsonl" works: urfave/cli stops reading flags
// at the first argument that is not one.
func flagsFirst(commands []*cli.Command, args []string) []string {
	if len(args) < 2 {
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
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, name := range f.Names() {
			takesValue[name] = !isBool
		}
	}
	out := append([]string(nil), args[:i]...)
	var operands []string
	for ; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			operands = append(operands, args[i:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			out = append(out, a)
			name := strings.TrimLeft(a, "-")
			if takesValue[name] && !strings.Contains(name, "=") && i+1 < len(args) {
				i++
				out = append(out, args[i])
			}
		default:
			operands = append(operands, a)
		}
	}
	return append(out, operands...)
}

func findCommand(commands []*cli.Command, name string) *cli.Command {
	for _, c := range commands {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
