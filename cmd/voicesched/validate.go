package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
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
	sort.SliceStable(v.Problems, func(a, b int) bool { return naturalLess(v.Problems[a].Path, v.Problems[b].Path) })
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
		v.Problems = append(v.Problems, schedule.Compile(record, schedule.Env{}).Problems()...)
	case *voicesched.CustomerInfo:
		v.Problems = append(v.Problems, checkCustomer(record, true)...)
	case *voicesched.Tree:
		v.Problems = append(v.Problems, checkTree(record)...)
	case *voicesched.PatchCustomer:
		v.Problems = append(v.Problems, checkPatch(record, engine)...)
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

func problem(path, code string, sev model.Severity, format string, args ...any) model.Problem {
	return model.Problem{Path: path, Code: code, Severity: sev, Message: fmt.Sprintf(format, args...)}
}

// checkCustomer checks one customer record on its own: id, name, tag colours
// and, when withSchedule, its schedule (as a child when it names a parent).
func checkCustomer(c *voicesched.CustomerInfo, withSchedule bool) model.Problems {
	var out model.Problems
	if strings.TrimSpace(c.ID) == "" {
		out = append(out, problem("id", model.CodeEmptyID, model.SeverityError, "the customer has no id"))
	}
	if strings.TrimSpace(c.Name) == "" {
		out = append(out, problem("name", voicesched.CodeEmptyName, model.SeverityError, "the customer has no name"))
	}
	if c.ID != "" && c.ParentCustomerID == c.ID {
		out = append(out, problem("parentCustomerId", voicesched.CodeParentLoop, model.SeverityError, "a customer cannot be its own parent"))
	}
	out = append(out, checkTags("tags", c.Tags)...)
	if withSchedule {
		env := schedule.Env{HasParent: c.ParentCustomerID != ""}
		out = append(out, schedule.Compile(c.Schedule, env).Problems().WithPrefix("schedule")...)
	}
	return out
}

func checkTags(path string, tags []voicesched.Tag) model.Problems {
	var out model.Problems
	for i, tag := range tags {
		if !tag.Color.Valid() {
			out = append(out, problem(fmt.Sprintf("%s[%d].color", path, i), model.CodeEnumOutOfRange, model.SeverityError,
				"color %d is not one of Magenta, Red, Volcano, Orange, Gold, Lime, Green, Cyan, Blue, GeekBlue, Purple", int(tag.Color)))
		}
		if strings.TrimSpace(tag.ID) == "" {
			out = append(out, problem(fmt.Sprintf("%s[%d].id", path, i), model.CodeEmptyID, model.SeverityError, "the tag has no id"))
		}
	}
	return out
}

// checkTree checks a whole tree. The library stops at the first problem of
// the tree's shape, so the shape is checked here first, every problem
// found; when it is sound the library loads the tree and reports every
// schedule's problems in the zone it cascades from.
func checkTree(tree *voicesched.Tree) model.Problems {
	var out model.Problems
	add := func(path, code string, sev model.Severity, format string, args ...any) {
		out = append(out, problem(path, code, sev, format, args...))
	}
	type record struct {
		path     string // "customers[2]"
		id       string
		parentID string
		customer bool
	}
	var records []record
	index := map[string]int{}
	for i, c := range tree.Customers {
		path := fmt.Sprintf("customers[%d]", i)
		if c == nil {
			add(path, model.CodeEmptyID, model.SeverityError, "the customer is null")
			continue
		}
		records = append(records, record{path: path, id: c.ID, parentID: c.ParentCustomerID, customer: true})
		for _, p := range checkCustomer(c, false) {
			p.Path = path + "." + p.Path
			out = append(out, p)
		}
	}
	for i, e := range tree.Endpoints {
		path := fmt.Sprintf("endpoints[%d]", i)
		if e == nil {
			add(path, model.CodeEmptyID, model.SeverityError, "the endpoint is null")
			continue
		}
		if strings.TrimSpace(e.ID) == "" {
			add(path+".id", model.CodeEmptyID, model.SeverityError, "the endpoint has no id")
		}
		if strings.TrimSpace(e.CustomerID) == "" {
			add(path+".customerId", voicesched.CodeParentNotFound, model.SeverityError, "an endpoint needs the customer it belongs to")
		}
		records = append(records, record{path: path, id: e.ID, parentID: e.CustomerID})
	}
	for k, r := range records {
		if strings.TrimSpace(r.id) == "" {
			continue
		}
		if first, dup := index[r.id]; dup {
			add(r.path+".id", model.CodeDuplicateID, model.SeverityError, "id %q is already used by %s", r.id, records[first].path)
			continue
		}
		index[r.id] = k
	}
	structureOK := !out.HasErrors()
	for _, r := range records {
		if r.parentID == "" {
			continue
		}
		member := ".parentCustomerId"
		if !r.customer {
			member = ".customerId"
		}
		p, ok := index[r.parentID]
		switch {
		case !ok:
			add(r.path+member, voicesched.CodeParentNotFound, model.SeverityError, "customer %q does not exist", r.parentID)
			structureOK = false
		case !records[p].customer:
			add(r.path+member, voicesched.CodeParentNotFound, model.SeverityError, "%q is an endpoint, not a customer", r.parentID)
			structureOK = false
		}
	}
	// Loops and depth: walk up from every record.
	for _, r := range records {
		depth, at, seen := 1, r, map[string]bool{r.id: true}
		for at.parentID != "" {
			p, ok := index[at.parentID]
			if !ok || !records[p].customer {
				break
			}
			at = records[p]
			depth++
			if seen[at.id] {
				if r.customer {
					add(r.path+".parentCustomerId", voicesched.CodeParentLoop, model.SeverityError, "the parent chain of %q loops back on itself", r.id)
				}
				structureOK = false
				break
			}
			seen[at.id] = true
			if depth > voicesched.MaxDepth {
				add(r.path, voicesched.CodeTooDeep, model.SeverityError, "the parent chain of %q is deeper than %d levels", r.id, voicesched.MaxDepth)
				structureOK = false
				break
			}
		}
	}
	// Tags of the directory.
	out = append(out, checkTags("tags", tree.Tags)...)
	known := map[string]bool{}
	for i, tag := range tree.Tags {
		if known[tag.ID] && tag.ID != "" {
			add(fmt.Sprintf("tags[%d].id", i), model.CodeDuplicateID, model.SeverityWarning, "tag %q is listed twice; the later one is kept", tag.ID)
		}
		known[tag.ID] = true
	}
	if len(tree.Tags) > 0 {
		for i, c := range tree.Customers {
			if c == nil {
				continue
			}
			for j, tag := range c.Tags {
				if tag.ID != "" && !known[tag.ID] {
					add(fmt.Sprintf("customers[%d].tags[%d].id", i, j), voicesched.CodeUnknownTag, model.SeverityWarning,
						"tag %q is not in the tree's tags; a patch that sets tagIds could not keep it", tag.ID)
				}
			}
		}
	}
	out = append(out, treeScheduleProblems(tree, structureOK)...)
	return out
}

// treeScheduleProblems lists every schedule's problems. With a sound
// structure the library compiles each schedule where it sits (zone cascade,
// parent); otherwise each is compiled on its own.
func treeScheduleProblems(tree *voicesched.Tree, structureOK bool) model.Problems {
	var out model.Problems
	if structureOK {
		engine := voicesched.New()
		err := engine.Load(*tree)
		var structErr *voicesched.StructureError
		switch {
		case errors.As(err, &structErr):
			out = append(out, problem(structErr.Path, structErr.Code, model.SeverityError, "%s", structErr.Message))
		case err != nil:
			out = append(out, problem("(document)", model.CodeBadTree, model.SeverityError, "%v", err))
		default:
			snap := engine.Snapshot()
			for i, c := range tree.Customers {
				ps, _ := snap.Problems(c.ID)
				out = append(out, ps.WithPrefix(fmt.Sprintf("customers[%d]", i))...)
			}
			for i, e := range tree.Endpoints {
				ps, _ := snap.Problems(e.ID)
				out = append(out, ps.WithPrefix(fmt.Sprintf("endpoints[%d]", i))...)
			}
			return out
		}
	}
	for i, c := range tree.Customers {
		if c != nil {
			env := schedule.Env{HasParent: c.ParentCustomerID != ""}
			out = append(out, schedule.Compile(c.Schedule, env).Problems().WithPrefix(fmt.Sprintf("customers[%d].schedule", i))...)
		}
	}
	for i, e := range tree.Endpoints {
		if e != nil {
			out = append(out, schedule.Compile(e.Schedule, schedule.Env{HasParent: true}).Problems().WithPrefix(fmt.Sprintf("endpoints[%d].schedule", i))...)
		}
	}
	return out
}

// checkPatch checks a PatchCustomer: against the customer it names when
// engine is given (everything Engine.Patch checks), else on its own (the
// schedule as a child customer's unless the patch moves it to the root).
func checkPatch(p *voicesched.PatchCustomer, engine *voicesched.Engine) model.Problems {
	var out model.Problems
	if strings.TrimSpace(p.CustomerID) == "" {
		return append(out, problem("customerId", model.CodeEmptyID, model.SeverityError, "the patch does not say which customer it changes"))
	}
	if engine != nil {
		return append(out, engine.ValidatePatch(*p, nil)...)
	}
	if p.Name.HasValue() && strings.TrimSpace(p.Name.Value) == "" {
		out = append(out, problem("name", voicesched.CodeEmptyName, model.SeverityError, "the name cannot be empty"))
	}
	if p.Schedule.HasValue() && p.Schedule.Value != nil {
		env := schedule.Env{HasParent: !(p.ParentCustomerID.HasValue() && p.ParentCustomerID.Value == "")}
		out = append(out, schedule.Compile(p.Schedule.Value, env).Problems().WithPrefix("schedule")...)
	}
	return out
}
