// Command voicesched asks the voicesched library questions from a shell:
// which state a customer is in at an instant and why (test), how its state
// runs over a range of time (timeline), whether a schedule, customer, tree
// or patch file is sound (validate), what a PatchCustomer does to a stored
// customer (patch), and bulk questions as NDJSON (eval).
//
// Every subcommand is a function of its arguments, stdin and a clock, writing
// to stdout and stderr and returning the exit status, so the tests run the
// command in-process: main only wires the real process to run.
//
// eval is the NDJSON protocol of internal/protocol (its package doc is the
// reference); this command only wires --tree, stdin and stdout to it.
//
// Exit status: 0 on success (validate: no errors, warnings allowed), 1 when
// the question could not be answered or validation found errors, 2 for a
// command line that cannot be understood. Failures are one sentence on
// stderr.
//
// Without --tree, the questions are asked of the sample directory embedded
// in the binary (a copy of testdata/sample/tree.json), so
//
//	voicesched test --customer clinic-maple --at 2026-11-26T10:00:00-05:00
//
// works on a fresh machine.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/voicesched/voicesched/internal/protocol"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line with the real clock.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return (&cli{stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now}).run(args)
}

// cli is one invocation: its streams and its clock (tests fix the clock).
type cli struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	// trees holds the bytes of the tree files read (by path), so that a
	// patch --write changes only the patched record of the file.
	trees map[string][]byte
}

// Exit statuses, the same for every command (exitStatusHelp).
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// exitStatusHelp ends every --help and the main usage.
const exitStatusHelp = `Exit status:
  0  answered, or valid (warnings allowed)
  1  the input has errors (a file, a record, an id or a zone), or the patch
     was refused
  2  the command line cannot be understood (an unknown flag, a bad --at, a
     missing required flag)
`

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(c *cli, args []string) int
}

func commands() []command {
	return []command{
		{"test", "the state of a customer or schedule at an instant, and why", (*cli).cmdTest},
		{"timeline", "the states over a range of time, as a table and a week grid", (*cli).cmdTimeline},
		{"status", "the state of every customer and endpoint at once, as a tree", (*cli).cmdStatus},
		{"validate", "every problem in a schedule, customer, tree or patch file", (*cli).cmdValidate},
		{"patch", "apply a PatchCustomer to a customer of a tree file", (*cli).cmdPatch},
		{"diff", "where two tree files' states differ over a window", (*cli).cmdDiff},
		{"eval", "answer NDJSON questions from stdin, one answer a line", (*cli).cmdEval},
		{"ical", "export a schedule as an iCalendar feed, or import a feed as rules", (*cli).cmdIcal},
		{"holidays", "rules that close on public holidays, right every year", (*cli).cmdHolidays},
		{"close", "a dated closure added to a customer's schedule, as a PatchCustomer", (*cli).cmdClose},
	}
}

const mainUsage = `voicesched answers which state (Business Hours, After Hours, Holiday, …) a
customer of a phone system is in, and why.

Usage:
  voicesched <command> [flags]

Commands:
%s
Run "voicesched <command> --help" for a command's flags and an example, and
"voicesched --version" for the version and commit of this build.

Example:
  voicesched test --customer clinic-maple --at 2026-11-26T10:00:00-05:00

`

func (c *cli) run(args []string) int {
	if len(args) == 0 {
		c.printMainUsage(c.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-version", "--version", "version":
		return c.printVersion()
	case "-h", "-help", "--help", "help":
		if name == "help" && len(args) > 1 {
			return c.run([]string{args[1], "--help"})
		}
		c.printMainUsage(c.stdout)
		return exitOK
	}
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd.run(c, args[1:])
		}
	}
	return c.usageError(fmt.Errorf("unknown command %q; run \"voicesched --help\" for the list", name))
}

func (c *cli) printMainUsage(w io.Writer) {
	var list strings.Builder
	for _, cmd := range commands() {
		fmt.Fprintf(&list, "  %-9s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, mainUsage, list.String())
	io.WriteString(w, exitStatusHelp)
}

// fail reports err as one sentence on stderr and returns exitFail; a file's
// problems (a *problemsError) follow it, one a line.
func (c *cli) fail(err error) int {
	fmt.Fprintln(c.stderr, "voicesched: "+protocol.Sentence(err.Error()))
	var listed *problemsError
	if errors.As(err, &listed) {
		for _, p := range listed.problems {
			fmt.Fprintf(c.stderr, "  %s\n", p)
		}
	}
	return exitFail
}

// usageError reports a command line that cannot be understood.
func (c *cli) usageError(err error) int {
	fmt.Fprintln(c.stderr, "voicesched: "+protocol.Sentence(err.Error()))
	return exitUsage
}

// flagSet is a command's flags and its help text.
type flagSet struct {
	*flag.FlagSet
	help func()
}

// flagSet makes the flags of a command whose --help prints the command's
// description, its flags and an example to stdout. A flag error prints one
// sentence, not the whole help.
func (c *cli) flagSet(name, synopsis, description, example string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	help := func() {
		w := c.stdout
		fmt.Fprintf(w, "Usage:\n  voicesched %s %s\n\n%s\n\nFlags:\n", name, synopsis, strings.TrimSpace(description))
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		fmt.Fprintf(w, "\nExample:\n%s\n\n%s", strings.TrimRight(example, "\n"), exitStatusHelp)
	}
	return &flagSet{FlagSet: fs, help: help}
}

// parseFlags parses args with flags and positional arguments in any order
// (the flag package alone stops at the first positional one). It returns
// the positional arguments, or a status to exit with (help or a usage error).
func (c *cli) parseFlags(fs *flagSet, args []string) ([]string, int, bool) {
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.help()
			return nil, exitOK, false
		}
		if err != nil {
			return nil, c.usageError(fmt.Errorf("%s: %v; run \"voicesched %s --help\"", fs.Name(), err, fs.Name())), false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, 0, true
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), 0, true
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
