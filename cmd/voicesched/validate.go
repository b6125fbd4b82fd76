package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
)

const validateDescription = `Checks a schedule, a customer, a tree or a patch file (the kind is told from
its JSON members, or given with --kind) and lists every problem with its JSON
path, its code and whether it is an error or a warning. Members the record
does not have are warnings (decoding ignores them).

A schedule is checked as a lone schedule (a root customer's: inherit and
CustomerState rules warn that there is no parent). A customer is checked on
its own. A tree is checked whole: ids, parents, loops and depth, then every
schedule in the zone it cascades from. A patch is checked against the
customer it names when --tree is given (every check the patch command makes),
else on its own.

Exit status: 1 when there are errors, 0 when there are only warnings or none.`

const validateExample = `  voicesched validate schedule.json
  voicesched validate --tree tree.json patch.json
  voicesched validate --format json tree.json`

// Document kinds.
const (
	kindSchedule = "schedule"
	kindCustomer = "customer"
	kindTree     = "tree"
	kindPatch    = "patch"
)

// validation is the outcome of validate for one file.
type validation struct {
	File     string         `json:"file"`
	Kind     string         `json:"kind,omitempty"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Problems model.Problems `json:"problems"`
}

func (c *cli) cmdValidate(args []string) int {
	fs := c.flagSet("validate", "[--kind schedule|customer|tree|patch] [--tree FILE] [--format text|json] FILE", validateDescription, validateExample)
	kind := fs.String("kind", "", "the `kind` of document: schedule, customer, tree or patch (default: told from the JSON)")
	treePath := fs.String("tree", "", "tree `file` a patch is checked against")
	format := fs.String("format", "text", "output `format`: text or json")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	switch {
	case len(positional) == 0:
		return c.usageError(errors.New("validate needs the file to check; run \"voicesched validate --help\""))
	case len(positional) > 1:
		return c.usageError(fmt.Errorf("validate checks one file at a time, got %d", len(positional)))
	}
	switch *kind {
	case "", kindSchedule, kindCustomer, kindTree, kindPatch:
	default:
		return c.usageError(fmt.Errorf("--kind must be schedule, customer, tree or patch, not %q", *kind))
	}
	if *format != "text" && *format != "json" {
		return c.usageError(fmt.Errorf("--format must be text or json, not %q", *format))
	}
	path := positional[0]
	data, err := readFile(path)
	if err != nil {
		return c.fail(err)
	}
	var engine *voicesched.Engine
	if *treePath != "" {
		if engine, err = c.loadTree(*treePath); err != nil {
			return c.fail(err)
		}
	}
	v := validateDocument(data, *kind, engine)
	v.Problems = append(v.Problems, datedRuleProblems(data, v, c.now())...)
	v.File = path
	v.Problems.Sort()
	for _, p := range v.Problems {
		if p.Severity == model.SeverityError {
			v.Errors++
		} else {
			v.Warnings++
		}
	}
	if v.Kind != kindPatch && engine != nil {
		fmt.Fprintf(c.stderr, "voicesched: --tree is only used for a patch; %s holds a %s.\n", path, v.Kind)
	}
	if *format == "json" {
		if v.Problems == nil {
			v.Problems = model.Problems{}
		}
		out, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return c.fail(err)
		}
		fmt.Fprintf(c.stdout, "%s\n", out)
	} else {
		writeValidationText(c.stdout, v)
	}
	if v.Errors > 0 {
		return exitFail
	}
	return exitOK
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

// validateDocument finds every problem of one document. kind may be empty
// (told from the JSON); engine, when not nil, is the tree a patch is
// checked against.
func validateDocument(data []byte, kind string, engine *voicesched.Engine) validation {
	var v validation
	fail := func(code, format string, args ...any) validation {
		v.Problems = append(v.Problems, model.Problem{Path: "(document)", Code: code, Severity: model.SeverityError, Message: fmt.Sprintf(format, args...)})
		return v
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(model.CodeBadJSON, "the file is empty; it should hold one JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return fail(model.CodeBadJSON, "%s", jsonSyntaxMessage(data, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(model.CodeBadJSON, "there is more after the JSON value; the file should hold exactly one")
	}
	object, ok := doc.(map[string]any)
	if !ok {
		return fail(model.CodeWrongType, "the file holds %s; it should hold one JSON object", model.DescribeJSON(doc))
	}
	if kind == "" {
		if kind = detectKind(object); kind == "" {
			return fail(model.CodeUnknownKind, "cannot tell whether this is a schedule, a customer, a tree or a patch; give --kind")
		}
	}
	v.Kind = kind
	var target any
	switch kind {
	case kindSchedule:
		target = &voicesched.Schedule{}
	case kindCustomer:
		target = &voicesched.CustomerInfo{}
	case kindTree:
		target = &voicesched.Tree{}
	case kindPatch:
		target = &voicesched.PatchCustomer{}
	}
	v.Problems = model.ShapeProblems(data, target)
	if v.Problems.HasErrors() {
		return v // it would not decode; the checks below need the records
	}
	if err := json.Unmarshal(data, target); err != nil {
		// The shape check should have found it; report it rather than nothing.
		v.Problems = append(v.Problems, model.Problem{Path: "(document)", Code: model.CodeBadValue, Severity: model.SeverityError, Message: err.Error()})
		return v
	}
	switch record := target.(type) {
	case *voicesched.Schedule:
		v.Problems = append(v.Problems, voicesched.ValidateSchedule(record, false)...)
	case *voicesched.CustomerInfo:
		v.Problems = append(v.Problems, voicesched.ValidateCustomer(record)...)
	case *voicesched.Tree:
		v.Problems = append(v.Problems, voicesched.ValidateTree(*record)...)
	case *voicesched.PatchCustomer:
		if engine != nil {
			v.Problems = append(v.Problems, engine.ValidatePatch(*record, nil)...)
		} else {
			v.Problems = append(v.Problems, voicesched.ValidatePatch(*record)...)
		}
	}
	return v
}

// jsonSyntaxMessage describes a decoding failure with its line and column.
func jsonSyntaxMessage(data []byte, err error) string {
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		line, col := lineColumn(data, syntaxErr.Offset-1) // Offset counts the bad byte
		return fmt.Sprintf("not valid JSON at line %d, column %d: %v", line, col, syntaxErr)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON ends too early"
	}
	return "not valid JSON: " + err.Error()
}

// detectKind tells the kind of a document from its members (names matched
// ignoring case, as decoding does): customers or endpoints make a tree; a
// customerId without an id a patch; an id, or customer-only members, a
// customer; schedule members a schedule. "" when nothing tells.
func detectKind(object map[string]any) string {
	has := func(names ...string) bool {
		for key := range object {
			for _, n := range names {
				if strings.EqualFold(key, n) {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("customers", "endpoints"):
		return kindTree
	case has("customerId") && !has("id"):
		return kindPatch
	case has("id", "name", "parentCustomerId", "schedule", "tags", "data", "accountId", "referenceId", "breadcrumb"):
		return kindCustomer
	case has("rules", "timeZoneId", "inherit", "forceClosed", "defaultState"):
		return kindSchedule
	}
	return ""
}
