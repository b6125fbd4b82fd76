package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/protocol"
	"github.com/voicesched/voicesched/model"
)

// readFile reads a file named on the command line.
func readFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return nil, fmt.Errorf("cannot read %s: %v", path, pathErr.Err)
		}
		return nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	return data, nil
}

// problemsError is a file that cannot be used as it is, with every problem
// found in it; the command prints the problems under the sentence.
type problemsError struct {
	what     string // "tree.json cannot be read as a tree"
	problems model.Problems
}

func (e *problemsError) Error() string {
	return fmt.Sprintf("%s: %s", e.what, plural(len(e.problems), "problem"))
}

// decodeRecord decodes data, the file name, into v (a record of kind):
// a file of another kind is refused, saying which it is, and a file with
// values that do not decode is a *problemsError listing every problem.
func decodeRecord(name string, data []byte, kind voicesched.DocumentKind, v any) error {
	err := json.Unmarshal(data, v)
	if tree, ok := v.(*voicesched.Tree); ok && err == nil && len(tree.Customers)+len(tree.Endpoints) > 0 {
		return nil // a tree with records is a tree; big ones need no second pass
	}
	// Decoding ignores the members of other records: a tree read as a
	// schedule is an empty schedule, so tell the kind from the members.
	if held := model.DetectKind(data); held != "" && held != kind {
		return wrongKind(name, held, kind)
	}
	if err == nil {
		return nil
	}
	problems, _ := model.Decode(data, v)
	var errs model.Problems
	for _, p := range problems {
		if p.Severity == model.SeverityError {
			errs = append(errs, p)
		}
	}
	return &problemsError{what: fmt.Sprintf("%s cannot be read as a %s", name, kind), problems: errs}
}

// wrongKind refuses a file that holds another kind of record than asked.
func wrongKind(name string, held, want voicesched.DocumentKind) error {
	hint := ""
	switch held {
	case voicesched.DocTree:
		hint = "; give it with --tree (and --customer ID)"
	case voicesched.DocSchedule:
		hint = "; give it with --schedule"
	}
	return fmt.Errorf("%s holds a %s, not a %s%s", name, held, want, hint)
}

// loadTree reads the tree file at path, or the embedded sample when path is
// empty, into a new engine whose clock is the command's.
func (c *cli) loadTree(path string) (*voicesched.Engine, error) {
	name, data := sampleTreeName, sampleTree
	if path != "" {
		var err error
		if data, err = readFile(path); err != nil {
			return nil, err
		}
		name = path
	}
	if path != "" {
		if c.trees == nil {
			c.trees = map[string][]byte{}
		}
		c.trees[path] = data
	}
	var tree voicesched.Tree
	if err := decodeRecord(name, data, voicesched.DocTree, &tree); err != nil {
		return nil, err
	}
	engine := voicesched.New(voicesched.WithClock(c.now))
	if err := engine.Load(tree); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return engine, nil
}

// subject is what a test or timeline question is about: a node of a tree,
// or a lone schedule.
type subject struct {
	snap   *voicesched.Snapshot
	id     string
	lone   bool
	label  string // "clinic-maple (Maple Street Clinic)" or "the schedule in week.json"
	zone   *time.Location
	zoneID string
	// problems are those of the schedule that decides (errors and
	// warnings), printed before the answer; notes its errors, which every
	// answer carries as eval's do.
	problems []string
	notes    []string
	// zoneNotes are the deciding schedule's zone errors, which the library
	// adds to every answer itself (so they are not among the notes).
	zoneNotes []string
	decider   string // the node whose schedule decides
}

// subjectFlags checks that --tree, --customer and --schedule name one
// subject; an error is a usage error.
func subjectFlags(treePath, id, schedulePath string) error {
	switch {
	case id != "" && schedulePath != "":
		return errors.New("give either --customer or --schedule, not both")
	case id == "" && schedulePath == "":
		return errors.New("say what to ask about: --customer ID (a customer or endpoint of the tree) or --schedule FILE")
	case schedulePath != "" && treePath != "":
		return errors.New("--tree is not used with --schedule: a schedule file is evaluated alone")
	}
	return nil
}

// subjectFor resolves --tree, --customer and --schedule (checked by
// subjectFlags).
func (c *cli) subjectFor(treePath, id, schedulePath string) (*subject, error) {
	if schedulePath != "" {
		data, err := readFile(schedulePath)
		if err != nil {
			return nil, err
		}
		var s voicesched.Schedule
		if err := decodeRecord(schedulePath, data, voicesched.DocSchedule, &s); err != nil {
			return nil, err
		}
		snap, err := protocol.LoneSnapshot(&s)
		if err != nil {
			return nil, err
		}
		sub := &subject{snap: snap, id: protocol.LoneID, lone: true, label: "the schedule in " + schedulePath}
		sub.zone, sub.zoneID = protocol.ZoneOf(snap, protocol.LoneID)
		return sub, sub.findProblems()
	}
	engine, err := c.loadTree(treePath)
	if err != nil {
		return nil, err
	}
	snap := engine.Snapshot()
	if id, err = c.findNode(snap, treePath, id); err != nil {
		return nil, err
	}
	sub := &subject{snap: snap, id: id, label: id}
	if customer := snap.Customer(id); customer != nil {
		sub.label = describe(id, customer.Name, "customer")
	} else if endpoint := snap.Endpoint(id); endpoint != nil {
		sub.label = describe(id, endpoint.Name, "endpoint of "+endpoint.CustomerID)
	}
	sub.zone, sub.zoneID = protocol.ZoneOf(snap, id)
	return sub, sub.findProblems()
}

// findProblems lists the problems of the schedule that decides for the
// subject: the node's own, or the ancestor's it inherits.
func (sub *subject) findProblems() error {
	eff, err := sub.snap.EffectiveSchedule(sub.id)
	if err != nil {
		return err
	}
	problems, err := sub.snap.Problems(eff.NodeID)
	if err != nil {
		return err
	}
	sub.decider = eff.NodeID
	for _, p := range problems {
		if p.Code == model.CodeUnknownZone && p.Severity == model.SeverityError {
			sub.zoneNotes = append(sub.zoneNotes, eff.NodeID+": "+p.Path+": "+p.Message)
		}
		if sub.lone {
			p.Path = strings.TrimPrefix(strings.TrimPrefix(p.Path, "schedule"), ".")
			sub.problems = append(sub.problems, p.String())
		} else {
			sub.problems = append(sub.problems, eff.NodeID+": "+p.String())
		}
	}
	sub.notes, err = protocol.ScheduleErrors(sub.snap, sub.id)
	return err
}

// listed reports whether an answer's error is one of the schedule problems
// printed before the answer: the notes, and the library's own note on the
// deciding schedule ("<node>: schedule.timeZoneId: unknown time zone …").
func (sub *subject) listed(answerError string) bool {
	return slices.Contains(sub.notes, answerError) || strings.HasPrefix(answerError, sub.decider+": schedule.")
}

// writeProblems prints the subject's schedule problems, before the answer.
func (sub *subject) writeProblems(w io.Writer) {
	if len(sub.problems) == 0 {
		return
	}
	fmt.Fprintf(w, "problems of the schedule that decides (a rule with an error never matches):\n")
	for _, line := range sub.problems {
		fmt.Fprintf(w, "  %s\n", line)
	}
	fmt.Fprintln(w)
}

// findNode resolves what --customer names (an id, or a name or
// referenceId only one node has) in the tree read from treePath.
func (c *cli) findNode(snap *voicesched.Snapshot, treePath, query string) (string, error) {
	id, err := snap.Find(query)
	if err != nil {
		where := sampleTreeName
		if treePath != "" {
			where = treePath
		}
		return "", fmt.Errorf("%s: %v", where, err)
	}
	return id, nil
}

func describe(id, name, kind string) string {
	if name == "" {
		return fmt.Sprintf("%s (%s)", id, kind)
	}
	return fmt.Sprintf("%s (%s, %s)", id, name, kind)
}

// humanInstant prints t on loc's clock for people: "Thu 2026-11-26 10:00:00 -05:00".
func humanInstant(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2006-01-02 15:04:05 -07:00")
}
