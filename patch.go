package voicesched

import (
	"fmt"
	"maps"
	"time"

	"github.com/voicesched/voicesched/schedule"
)

// TagLookup resolves a tag id; ok is false for an unknown id.
type TagLookup func(id string) (Tag, bool)

// Patch applies a PatchCustomer (SPEC §9) on behalf of user by and returns
// the stored result. Everything is checked first — names, parent, tags
// (through lookup, or the directory's own tags when lookup is nil), the
// resulting schedule, the tree's shape — and then all of it is applied in
// one new version, or nothing is: on error the directory is exactly as it
// was, and the error (a *PatchError, *ConflictError or *NotFoundError) lists
// every problem. Patches are serialised, so none is lost and two moves can
// never race into a loop.
func (e *Engine) Patch(p PatchCustomer, by string, lookup TagLookup) (*CustomerInfo, error) {
	if e.cfg.err != nil {
		return nil, e.cfg.err
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
	next, stored, err := s.patched(p, by, lookup, e.cfg.now(), pre)
	if err != nil {
		return nil, err
	}
	e.current.Store(next)
	return stored.Clone(), nil
}

// ValidatePatch reports every problem Patch would find, without applying it.
func (e *Engine) ValidatePatch(p PatchCustomer, lookup TagLookup) Problems {
	var check checker
	check.options(&e.cfg)
	if check.patchTarget(p) {
		if _, _, err := e.Snapshot().patched(p, "", lookup, e.cfg.now(), nil); err != nil {
			check.problems = append(check.problems, refusalProblems(err)...)
		}
	}
	check.problems.Sort()
	return check.problems
}

// patched returns a new snapshot with p applied, leaving s untouched.
func (s *Snapshot) patched(p PatchCustomer, by string, lookup TagLookup, now time.Time, pre *precompiled) (*Snapshot, *CustomerInfo, error) {
	i, ok := s.index[p.CustomerID]
	if !ok {
		return nil, nil, &NotFoundError{ID: p.CustomerID}
	}
	old := s.nodes.at(i)
	if old.customer == nil {
		return nil, nil, &PatchError{CustomerID: p.CustomerID, Problems: Problems{{Path: "customerId", Code: CodeNotACustomer,
			Severity: SeverityError, Message: fmt.Sprintf("%q is an endpoint, not a customer", p.CustomerID)}}}
	}
	if p.ExpectedDateLastModified != "" && p.ExpectedDateLastModified != old.customer.DateLastModified {
		return nil, nil, &ConflictError{CustomerID: p.CustomerID, Expected: p.ExpectedDateLastModified, Stored: old.customer.DateLastModified}
	}
	var check checker
	if !check.patchFields(p) {
		// Refused before anything is copied or compiled.
		return nil, nil, &PatchError{CustomerID: p.CustomerID, Problems: check.problems}
	}
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
	if p.Data.HasValue() {
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
			tag.ID = id
			c.Tags = append(c.Tags, tag)
		}
	}
	if p.Schedule.HasValue() {
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
	case env != old.env || c.Schedule != old.customer.Schedule:
		compiled = schedule.Compile(c.Schedule, env)
	}
	check.addAll("schedule", compiled.Problems().Errors())
	if check.failed() {
		return nil, nil, &PatchError{CustomerID: p.CustomerID, Problems: check.problems}
	}
	c.DateLastModified = now.UTC().Format(time.RFC3339)
	if by != "" {
		c.LastModifiedBy = by
	}
	next := s.clone()
	next.replace(i, c, newParent, env, compiled)
	return next, next.nodes.at(i).customer, nil
}

// patchEnv is the environment p's customer will be compiled against, as far
// as s can tell; ok is false when the patch will be refused anyway.
func (s *Snapshot) patchEnv(p PatchCustomer) (schedule.Env, bool) {
	i, ok := s.index[p.CustomerID]
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
