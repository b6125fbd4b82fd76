package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
)

const validateDescription = `Checks schedule, customer, tree or patch files (the kind is told from each
file's JSON members, or given with --kind) and lists every problem with its
JSON path, its code and whether it is an error or a warning. Members the
record does not have are warnings (decoding ignores them). A value that
cannot be decoded ("dayOfWeek": "Mon") is an error with its path, and the
rest of the file is still checked. "-" reads standard input.

A schedule is checked as a lone schedule (a root customer's: inherit and
CustomerState rules warn that there is no parent). A customer is checked on
its own. A tree is checked whole: ids, parents, loops and depth, then every
schedule in the zone it cascades from. A patch is checked against the
customer it names when --tree is given (every check the patch command makes),
else on its own.

--format json prints one object a file ({"file", "kind", "errors",
"warnings", "problems"}); several files make a list of them. The exit
status is 1 when a file has errors (with --strict, warnings too) or cannot
be read.`

const validateExample = `  voicesched validate schedule.json
  voicesched validate --strict schedule.json
  voicesched validate --tree tree.json patch.json
  cat tree.json | voicesched validate --format json -`

// validation is the outcome of validate for one file.
type validation struct {
	File     string         `json:"file"`
	Kind     string         `json:"kind,omitempty"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Problems model.Problems `json:"problems"`
}

func (c *cli) cmdValidate(args []string) int {
	fs := c.flagSet("validate", "[--kind schedule|customer|tree|patch] [--tree FILE] [--format text|json] [--strict] FILE...", validateDescription, validateExample)
	strict := fs.Bool("strict", false, "exit 1 on warnings too (a schedule that parses but would misroute calls)")
	kindText := fs.String("kind", "", "the `kind` of document: schedule, customer, tree or patch (default: told from the JSON)")
	treePath := fs.String("tree", "", "tree `file` a patch is checked against")
	formatFlag := fs.String("format", "text", "output `format`: text or json")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(positional) == 0 {
		return c.usageError(errors.New("validate needs the files to check (\"-\" for standard input); run \"voicesched validate --help\""))
	}
	kind := voicesched.DocumentKind(strings.ToLower(strings.TrimSpace(*kindText)))
	if kind != "" && !slices.Contains(model.DocumentKinds, kind) {
		return c.usageError(fmt.Errorf("--kind must be schedule, customer, tree or patch, not %q", *kindText))
	}
	format, err := parseFormat(*formatFlag)
	if err != nil {
		return c.usageError(err)
	}
	var engine *voicesched.Engine
	if *treePath != "" {
		if engine, err = c.loadTree(*treePath); err != nil {
			return c.fail(err)
		}
	}
	exit := exitOK
	var results []validation
	stdinRead := false
	for _, path := range positional {
		data, name, err := c.readInput(path, &stdinRead)
		if err != nil {
			c.fail(err)
			exit = exitFail
			continue
		}
		v := c.validateFile(name, data, kind, engine)
		if v.Errors > 0 || (*strict && v.Warnings > 0) {
			exit = exitFail
		}
		if voicesched.DocumentKind(v.Kind) != voicesched.DocPatch && engine != nil {
			fmt.Fprintf(c.stderr, "voicesched: --tree is only used for a patch; %s holds a %s.\n", name, v.Kind)
		}
		if format == formatText {
			writeValidationText(c.stdout, v)
		}
		results = append(results, v)
	}
	if format == formatJSON && len(results) > 0 {
		var out []byte
		if len(positional) == 1 {
			out, err = json.MarshalIndent(results[0], "", "  ")
		} else {
			out, err = json.MarshalIndent(results, "", "  ")
		}
		if err != nil {
			return c.fail(err)
		}
		fmt.Fprintf(c.stdout, "%s\n", out)
	}
	return exit
}

// readInput reads a file named on the command line, or standard input for
// "-" (once), and returns the name messages use for it.
func (c *cli) readInput(path string, stdinRead *bool) ([]byte, string, error) {
	if path != "-" {
		data, err := readFile(path)
		return data, path, err
	}
	if *stdinRead {
		return nil, "standard input", errors.New("standard input (\"-\") can be read only once")
	}
	*stdinRead = true
	data, err := io.ReadAll(c.stdin)
	if err != nil {
		return nil, "standard input", fmt.Errorf("cannot read standard input: %v", err)
	}
	return data, "standard input", nil
}

// validateFile checks one document (kind "" is told from its members;
// engine, when not nil, is the tree a patch is checked against).
func (c *cli) validateFile(name string, data []byte, kind voicesched.DocumentKind, engine *voicesched.Engine) validation {
	doc := voicesched.ReadDocument(data, kind, engine, voicesched.WithClock(c.now))
	v := validation{File: name, Kind: string(doc.Kind), Problems: doc.Problems}
	if doc.Record == nil {
		v.Kind = ""
	}
	for _, p := range v.Problems {
		if p.Severity == model.SeverityError {
			v.Errors++
		} else {
			v.Warnings++
		}
	}
	if v.Problems == nil {
		v.Problems = model.Problems{}
	}
	return v
}

func writeValidationText(w io.Writer, v validation) {
	what := v.File
	if v.Kind != "" {
		what = fmt.Sprintf("%s (a %s)", v.File, v.Kind)
	}
	if len(v.Problems) == 0 {
		fmt.Fprintf(w, "%s: no problems\n", what)
		return
	}
	fmt.Fprintf(w, "%s: %s, %s\n", what, plural(v.Errors, "error"), plural(v.Warnings, "warning"))
	for _, p := range v.Problems {
		fmt.Fprintf(w, "  %s\n", p)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
