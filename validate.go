package voicesched

import (
	"fmt"
	"slices"
	"time"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// The Validate functions return every problem of a record, sorted by path
// (see model.Problems.Sort): errors, which a write refuses (Patch) or
// stores as rules that never match (Load, PutCustomer), and warnings. They
// all run the checks of check.go, the ones writes run.

// ValidateSchedule returns every problem of a schedule
// (docs/semantics.md#validation), paths relative to the schedule
// ("rules[2].byDay[0]"). hasParent says whether the schedule belongs to a
// node with a parent (inherit and CustomerState rules need one). opts
// configure the engine it is checked for: the zone of a schedule without
// one (WithDefaultZone, default UTC), the closed and fallback states, and
// the clock the checks that need the present read (WithClock: closures
// that have ended, holiday sets running out).
func ValidateSchedule(s *Schedule, hasParent bool, opts ...Option) Problems {
	cfg := newConfig(opts)
	env := cfg.rootEnv()
	env.HasParent = hasParent
	problems := compileChecked(s, env, cfg.now())
	problems.Sort()
	return problems
}

// compileChecked compiles s in env and returns its problems with the
// checks that need the present, read at now.
func compileChecked(s *Schedule, env schedule.Env, now time.Time) Problems {
	compiled := schedule.Compile(s, env)
	return slices.Concat(compiled.Problems(), datedProblems(compiled, now))
}

// ValidateCustomer returns every problem of a customer record on its own,
// outside any directory: its id, name, tags, data and schedule (as a
// child's when it names a parent, which is assumed to exist). opts are
// ValidateSchedule's.
func ValidateCustomer(c *CustomerInfo, opts ...Option) Problems {
	cfg := newConfig(opts)
	var check checker
	if c == nil {
		check.errorf("", CodeNull, "the customer is null")
		return check.problems
	}
	check.id("id", c.ID, false)
	check.id("parentCustomerId", c.ParentCustomerID, true)
	check.selfParent("parentCustomerId", c.ID, c.ParentCustomerID)
	check.customerFields("", c)
	check.records("", c.Data, c.Schedule)
	env := cfg.rootEnv()
	env.HasParent = c.ParentCustomerID != ""
	check.addAll("schedule", compileChecked(c.Schedule, env, cfg.now()))
	check.problems.Sort()
	return check.problems
}

// ValidateCustomer returns every problem of c as it would be stored in the
// current directory: its id and name, its parent (which must exist, without
// a loop or a chain deeper than MaxDepth), tags, data, and its schedule in
// the zone it would cascade from.
func (e *Engine) ValidateCustomer(c *CustomerInfo) Problems {
	return e.Snapshot().validateCustomer(c)
}

func (s *Snapshot) validateCustomer(c *CustomerInfo) Problems {
	var check checker
	check.options(s.cfg)
	if c == nil {
		check.errorf("", CodeNull, "the customer is null")
		return check.problems
	}
	_, parent, _ := s.place(&check, c)
	check.customerFields("", c)
	check.records("", c.Data, c.Schedule)
	compiled := schedule.Compile(c.Schedule, s.envFor(parent))
	check.addAll("schedule", compiled.Problems())
	check.addAll("schedule", datedProblems(compiled, s.cfg.now()))
	check.addAll("schedule", s.parentStateProblems(compiled, parent, stateMemo{}))
	check.problems.Sort()
	return check.problems
}

// ValidatePatch returns every problem of a patch on its own, outside any
// directory: the customer it names, names, ids, sizes, and its schedule (as
// a child customer's unless the patch moves it to the root). Engine's
// ValidatePatch checks it against the customer it changes. opts are
// ValidateSchedule's.
func ValidatePatch(p PatchCustomer, opts ...Option) Problems {
	cfg := newConfig(opts)
	var check checker
	if !check.patchTarget(p) {
		return check.problems
	}
	if _, scheduleOK := check.patchFields(p); scheduleOK && p.Schedule.HasValue() && p.Schedule.Value != nil {
		movesToRoot := p.ParentCustomerID.HasValue() && p.ParentCustomerID.Value == ""
		env := cfg.rootEnv()
		env.HasParent = !movesToRoot
		check.addAll("schedule", compileChecked(p.Schedule.Value, env, cfg.now()))
	}
	check.problems.Sort()
	return check.problems
}

// ValidateTree returns every problem of a tree file: its shape (ids,
// parents, loops, depth), each customer's name, tags and data, the tree's
// tags, and each customer's and endpoint's schedule — in the zone it
// cascades from when the shape is sound, else on its own — with paths such
// as "customers[3].schedule.rules[0].byMonth[0]". opts configure the engine
// the tree is checked for (default zone, closed and fallback states, and
// the clock of the checks that need the present, as ValidateSchedule's).
func ValidateTree(tree Tree, opts ...Option) Problems {
	cfg := newConfig(opts)
	var check checker
	check.options(&cfg)
	check.structure(tree.Customers, tree.Endpoints)
	check.treeSizes(tree)
	sound := !check.failed()
	for i, c := range tree.Customers {
		if c != nil {
			check.customerFields(fmt.Sprintf("customers[%d]", i), c)
		}
	}
	check.directoryTags(tree)
	// The schedules: where they sit when the tree can be built, else each
	// on its own (a child's when it names a parent).
	var s *Snapshot
	if sound {
		s, _ = build(&cfg, tree.Customers, tree.Endpoints, tree.Tags, 0)
	}
	memo := stateMemo{}
	records := treeRecords{tree.Customers, tree.Endpoints}
	for k := range records.len() {
		if records.isNil(k) {
			continue
		}
		var problems Problems
		if s != nil {
			n := s.nodes.at(int32(k)) // build keeps the records' order
			problems = slices.Concat(n.compiled.Problems(), datedProblems(n.compiled, cfg.now()), s.parentStateProblems(n.compiled, n.parent, memo))
		} else {
			env := cfg.rootEnv()
			env.HasParent = records.parentID(k) != ""
			problems = compileChecked(records.schedule(k), env, cfg.now())
		}
		check.addAll(records.path(k)+".schedule", problems)
	}
	check.problems.Sort()
	return check.problems
}

// UnknownMembers lists, as warnings, the members of a JSON document that
// the Go type of v (a *Schedule, *CustomerInfo, *PatchCustomer, *Tree, …)
// does not know (see model.UnknownMembers).
func UnknownMembers(raw []byte, v any) Problems { return model.UnknownMembers(raw, v) }
