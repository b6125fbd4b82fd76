package voicesched

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// TagLookup resolves a tag id; ok is false for an unknown id.
type TagLookup func(id string) (Tag, bool)

// Patch applies a PatchCustomer (docs/semantics.md#patch) on behalf of user by and returns
// the stored result. Everything is checked first — names, parent, tags
// (through lookup, or the directory's own tags when lookup is nil), the
// resulting schedule, the tree's shape — and then all of it is applied in
// one new version, or nothing is: on error the directory is exactly as it
// was, and the error (a *PatchError, *ConflictError or *NotFoundError) lists
// every problem, warnings included. Patches are serialised, so none is lost
// and two moves can never race into a loop. The warnings of a patch that
// applies are not returned here: PatchJSON returns them, and ValidatePatch
// lists them beforehand. A stored schedule with errors does not block a
// patch that leaves it as it was (docs/semantics.md#patch-checks).
func (e *Engine) Patch(p PatchCustomer, by string, lookup TagLookup) (*CustomerInfo, error) {
	stored, _, err := e.patch(p, by, lookup, false)
	return stored, err
}

// PatchJSON is Patch for a PatchCustomer given as JSON (the body of PATCH
// /customers/{customerId}), and it also returns every warning of a patch
// that applied, sorted by path: members the record does not have (with a
// "did you mean" when a member is near: a misspelt "stratTime" changes
// nothing), the resulting schedule's warnings, problems of a schedule the
// patch leaves as it was (see docs/semantics.md#patch-checks), and the
// warnings particular to patches that ValidatePatch gives (a schedule with
// fewer rules, a zone dropped, …, and the checks that need the present on
// the engine's clock). JSON that is not a PatchCustomer is a
// *PatchError listing where; a refused patch's *PatchError lists the
// unknown members too.
func (e *Engine) PatchJSON(raw []byte, by string, lookup TagLookup) (*CustomerInfo, Problems, error) {
	p, shape, err := decodePatchJSON(raw)
	if err != nil {
		return nil, nil, err
	}
	stored, warnings, err := e.patch(p, by, lookup, true)
	if err != nil {
		var patchErr *PatchError
		if errors.As(err, &patchErr) {
			patchErr.Problems = append(shape, patchErr.Problems...)
			patchErr.Problems.Sort()
		}
		return nil, nil, err
	}
	warnings = append(shape, warnings...)
	warnings.Sort()
	return stored, warnings, nil
}

// decodePatch decodes a PatchCustomer and lists its unknown members; JSON
// that does not decode is a *PatchError with every place it is wrong.
func decodePatchJSON(raw []byte) (PatchCustomer, Problems, error) {
	var p PatchCustomer
	decodeErr := json.Unmarshal(raw, &p)
	shape := model.ShapeProblems(raw, &p)
	if decodeErr == nil && !shape.HasErrors() {
		return p, shape, nil
	}
	problems := shape
	if !shape.HasErrors() {
		problems = append(problems, Problem{Path: "(document)", Code: CodeBadJSON, Severity: SeverityError,
			Message: fmt.Sprintf("the patch is not a PatchCustomer: %v", decodeErr)})
	}
	problems.Sort()
	return PatchCustomer{}, nil, &PatchError{CustomerID: p.CustomerID, Problems: problems}
}

// patch is Patch, returning the warnings of a patch that applied; with
// every set, also those particular to patches (patchWarnings), which cost a
// walk of the customer's subtree that Patch, returning none, skips.
func (e *Engine) patch(p PatchCustomer, by string, lookup TagLookup, every bool) (*CustomerInfo, Problems, error) {
	if e.cfg.err != nil {
		return nil, nil, e.cfg.err
	}
	// Copy and compile a new schedule before taking the write lock, so that
	// one tenant's large schedule does not hold up every other write; under
	// the lock the result is used only if its environment is still current.
	var pre *precompiled
	var size checker // (patched reports the problems)
	if size.scheduleSize(p.Schedule.Value); p.Schedule.HasValue() && !size.failed() {
		s := e.current.Load()
		if env, ok := s.patchEnv(p); ok {
			sched := p.Schedule.Value.Clone()
			pre = &precompiled{schedule: sched, env: env, compiled: schedule.Compile(sched, env)}
		}
	}
	e.writeMux.Lock()
	defer e.writeMux.Unlock()
	s := e.current.Load()
	now := e.cfg.now()
	next, stored, warnings, err := s.patched(p, by, lookup, now, pre)
	if err != nil {
		return nil, nil, err
	}
	if every {
		warnings = append(warnings, patchWarnings(s, next, s.indexOr(p.CustomerID), now)...)
	}
	e.current.Store(next)
	return stored.Clone(), warnings, nil
}

// ValidatePatch reports every problem Patch would find, without applying
// it: the errors that would refuse it, or the warnings of a patch that
// would apply (as PatchJSON returns them, less the unknown members, which
// only the JSON shows) and the warnings particular to patches (a schedule
// with fewer rules, a zone dropped, …) as PreviewPatch gives them.
func (e *Engine) ValidatePatch(p PatchCustomer, lookup TagLookup) Problems {
	var check checker
	check.options(&e.cfg)
	if check.patchTarget(p) {
		s := e.Snapshot()
		now := e.cfg.now()
		next, _, warnings, err := s.patched(p, "", lookup, now, nil)
		if err != nil {
			check.problems = append(check.problems, refusalProblems(err)...)
		} else {
			check.problems = append(check.problems, warnings...)
			check.problems = append(check.problems, patchWarnings(s, next, s.indexOr(p.CustomerID), now)...)
		}
	}
	check.problems.Sort()
	return check.problems
}

// patched returns a new snapshot with p applied, leaving s untouched.
// On success it also returns every warning: the resulting schedule's, and
// the problems of a schedule the patch leaves as it was (see storedProblems).
func (s *Snapshot) patched(p PatchCustomer, by string, lookup TagLookup, now time.Time, pre *precompiled) (*Snapshot, *CustomerInfo, Problems, error) {
	i, ok := s.index.lookup(p.CustomerID)
	if !ok {
		return nil, nil, nil, &NotFoundError{ID: p.CustomerID}
	}
	old := s.nodes.at(i)
	if old.customer == nil {
		return nil, nil, nil, &PatchError{CustomerID: p.CustomerID, Problems: Problems{{Path: "customerId", Code: CodeNotACustomer,
			Severity: SeverityError, Message: fmt.Sprintf("%q is an endpoint, not a customer", p.CustomerID)}}}
	}
	if p.ExpectedDateLastModified != "" && p.ExpectedDateLastModified != old.customer.DateLastModified {
		return nil, nil, nil, &ConflictError{CustomerID: p.CustomerID, Expected: p.ExpectedDateLastModified, Stored: old.customer.DateLastModified}
	}
	var check checker
	// Data or a schedule over the limits is neither copied nor compiled;
	// everything else is still checked, so every problem is reported.
	dataOK, scheduleOK := check.patchFields(p)
	// Stored records are never modified, so the new record shares every
	// member the patch does not touch with the old one.
	record := *old.customer
	c := &record
	if p.Name.HasValue() {
		c.Name = p.Name.Value
	}
	if p.ReferenceID.HasValue() {
		c.ReferenceID = p.ReferenceID.Value
	}
	newParent := old.parent
	if p.ParentCustomerID.HasValue() {
		c.ParentCustomerID = p.ParentCustomerID.Value
		newParent, _ = s.placeUnder(&check, i, c.ID, c.ParentCustomerID)
	}
	if p.Data.HasValue() && dataOK {
		c.Data = maps.Clone(c.Data)
		if c.Data == nil {
			c.Data = Struct{}
		}
		for k, v := range p.Data.Value {
			if v == nil {
				delete(c.Data, k)
			} else {
				c.Data[k] = v.Clone()
			}
		}
		check.data("data", c.Data) // the merged data must keep the limits too
	}
	if p.TagIDs.HasValue() && len(p.TagIDs.Value) <= MaxTagIDs {
		if lookup == nil {
			lookup = func(id string) (Tag, bool) { t, ok := s.tags[id]; return t, ok }
		}
		c.Tags = c.Tags[:0:0]
		seen := map[string]bool{}
		for k, id := range p.TagIDs.Value {
			if seen[id] {
				continue
			}
			seen[id] = true
			tag, ok := lookup(id)
			if !ok {
				check.errorf(fmt.Sprintf("tagIds[%d]", k), CodeUnknownTag, "there is no tag %q", id)
				continue
			}
			if !tag.Color.Valid() {
				check.errorf(fmt.Sprintf("tagIds[%d]", k), CodeEnumOutOfRange, "tag %q has color %d, which is not one of %s", id, int(tag.Color), tagColourNames)
			}
			tag.ID = id
			c.Tags = append(c.Tags, tag)
		}
	}
	if p.Schedule.HasValue() && scheduleOK {
		if pre != nil {
			c.Schedule = pre.schedule
		} else {
			c.Schedule = p.Schedule.Value.Clone()
		}
	}
	if p.OverrideBillingSettings.HasValue() {
		c.OverrideBillingSettings = p.OverrideBillingSettings.Value
	}
	if p.BillingSettings.HasValue() {
		c.BillingSettings = p.BillingSettings.Value.Clone()
	}
	if p.OverrideAppSettings.HasValue() {
		c.OverrideAppSettings = p.OverrideAppSettings.Value
	}
	if p.AppSettings.HasValue() && p.AppSettings.Value != nil {
		a := *p.AppSettings.Value
		c.AppSettings = &a
	}
	// The resulting schedule must compile without errors, in the zone it
	// will cascade from after the move. The compiled schedule is kept for
	// the new node when its schedule or environment changed.
	env := s.envFor(newParent)
	compiled := old.compiled
	switch {
	case pre != nil && c.Schedule == pre.schedule && env == pre.env:
		compiled = pre.compiled
	case !old.compiledIn(env) || c.Schedule != old.customer.Schedule:
		compiled = schedule.Compile(c.Schedule, env)
	}
	if scheduleOK {
		memo := stateMemo{}
		check.addAll("schedule", storedProblems(compiled, old, c.Schedule, env))
		check.addAll("schedule", s.parentStateProblems(compiled, newParent, memo))
		if compiled != old.compiled {
			s.orphanedFollowers(&check, i, compiled, newParent, memo)
		}
	}
	if check.failed() {
		check.problems.Sort()
		return nil, nil, nil, &PatchError{CustomerID: p.CustomerID, Problems: check.problems}
	}
	c.DateLastModified = now.UTC().Format(time.RFC3339)
	if by != "" {
		c.LastModifiedBy = by
	}
	next := s.clone()
	next.replace(i, c, newParent, env, compiled)
	return next, next.nodes.at(i).customer, check.problems, nil
}

// storedProblems returns the problems of the schedule a patch leaves a
// customer with (docs/semantics.md#patch-checks). A schedule the patch
// leaves as it was (not sent, or sent unchanged) in an unchanged zone was
// stored with its problems before: its errors do not block the patch,
// which is about something else, and are reported as warnings; its
// warnings were reported when it was stored and are not repeated. Any
// other schedule's problems are reported as they are, and its errors
// refuse the patch.
func storedProblems(compiled *schedule.Compiled, old *node, patched *Schedule, env schedule.Env) Problems {
	problems := compiled.Problems()
	unchanged := equalSchedules(patched, old.customer.Schedule) // as their JSON reads (intern.go)
	if !unchanged || env.ZoneID != old.compiled.Env().ZoneID {
		return problems
	}
	var out Problems
	for _, p := range problems {
		if p.Severity == SeverityError {
			p.Severity = SeverityWarning
			p.Message = "stored before this patch, which leaves the schedule as it is: " + p.Message
			out = append(out, p)
		}
	}
	return out
}

// patchEnv is the environment p's customer will be compiled against, as far
// as s can tell; ok is false when the patch will be refused anyway.
func (s *Snapshot) patchEnv(p PatchCustomer) (schedule.Env, bool) {
	i, ok := s.index.lookup(p.CustomerID)
	if !ok || s.nodes.at(i).customer == nil {
		return schedule.Env{}, false
	}
	parent := s.nodes.at(i).parent
	if p.ParentCustomerID.HasValue() {
		var ok bool
		if parent, ok = s.placeUnder(&checker{}, i, p.CustomerID, p.ParentCustomerID.Value); !ok {
			return schedule.Env{}, false
		}
	}
	return s.envFor(parent), true
}

// patchWarnings returns the warnings particular to a patch of node i that
// turned snapshot before into after: what it drops or changes
// (patchDelta.warnings, as PreviewPatch lists them), and the checks that
// need the present (datedProblems) for a schedule the patch changes or
// moves to another zone, as its other warnings. ValidatePatch and PatchJSON
// both report them.
func patchWarnings(before, after *Snapshot, i int32, now time.Time) Problems {
	out := newPatchDelta(before, after, i).warnings()
	if compiled := after.nodes.at(i).compiled; compiled != before.nodes.at(i).compiled {
		out = append(out, datedProblems(compiled, now).WithPrefix("schedule")...)
	}
	return out
}
