package voicesched

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/voicesched/voicesched/schedule"
)

// PatchError lists every problem that stopped a patch. Nothing was changed.
type PatchError struct {
	CustomerID string
	Problems   Problems
}

func (e *PatchError) Error() string {
	return fmt.Sprintf("patch customer %q: %v", e.CustomerID, e.Problems)
}

// ConflictError reports a patch whose expected dateLastModified does not
// match the stored customer's: someone else changed it first.
type ConflictError struct {
	CustomerID string
	Expected   string
	Stored     string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("patch customer %q: conflict: expected dateLastModified %q, stored %q", e.CustomerID, e.Expected, e.Stored)
}

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
	if _, _, err := e.Snapshot().patched(p, "", lookup, e.cfg.now(), nil); err != nil {
		return refusalProblems(err)
	}
	return nil
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

// replace puts record c at node i under parent newParent and refreshes what
// depends on it. s must be a private clone.
func (s *Snapshot) replace(i int32, c *CustomerInfo, newParent int32, env schedule.Env, compiled *schedule.Compiled) {
	n := *s.nodes.at(i)
	n.customer = c
	n.setCompiled(env, c.Schedule, compiled)
	if newParent != n.parent {
		if n.parent >= 0 {
			op := *s.nodes.at(n.parent)
			op.children = slices.DeleteFunc(slices.Clone(op.children), func(x int32) bool { return x == i })
			s.nodes.set(n.parent, &op)
		} else {
			s.roots = slices.DeleteFunc(slices.Clone(s.roots), func(x int32) bool { return x == i })
		}
		if newParent >= 0 {
			np := *s.nodes.at(newParent)
			np.children = append(slices.Clone(np.children), i)
			s.nodes.set(newParent, &np)
		} else {
			s.roots = append(slices.Clone(s.roots), i)
		}
		n.parent = newParent
	}
	s.nodes.set(i, &n)
	s.refresh(i, true, false)
}

// precompiled is a patch's new schedule, copied and compiled outside the
// write lock against the environment it expected.
type precompiled struct {
	schedule *Schedule
	env      schedule.Env
	compiled *schedule.Compiled
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

// placeUnder checks that node i (-1 for a new node) with id may have the
// customer parentID ("" for none) as its parent, and returns the parent's
// index; ok is false when check was given an error.
func (s *Snapshot) placeUnder(check *checker, i int32, id, parentID string) (parent int32, ok bool) {
	const path = "parentCustomerId"
	if parentID == "" {
		return -1, true
	}
	if !check.selfParent(path, id, parentID) {
		return -1, false
	}
	j, found := s.index[parentID]
	switch {
	case !found || s.nodes.at(j).customer == nil:
		check.errorf(path, CodeParentNotFound, "customer %q does not exist", parentID)
		return -1, false
	case i >= 0 && s.isAncestor(i, j):
		check.errorf(path, CodeParentLoop, "%q is below this customer; moving there would make a loop", parentID)
		return -1, false
	}
	height := 1
	if i >= 0 {
		height = s.height(i)
	}
	if depth := s.nodes.at(j).depth + height; depth > MaxDepth {
		check.errorf(path, CodeTooDeep, "placing it under %q would make the tree %d levels deep; at most %d are allowed", parentID, depth, MaxDepth)
		return -1, false
	}
	return j, true
}

// place checks where customer record c would go in s: its id, its parent's
// id, that the id is not an endpoint's, and its parent. It returns the
// node's index (-1 for a new customer) and the parent's.
func (s *Snapshot) place(check *checker, c *CustomerInfo) (i, parent int32, ok bool) {
	before := len(check.problems)
	check.id("id", c.ID, false)
	check.id("parentCustomerId", c.ParentCustomerID, true)
	if check.errorsSince(before) {
		return -1, -1, false
	}
	i, exists := s.index[c.ID]
	if !exists {
		i = -1
	} else if s.nodes.at(i).customer == nil {
		check.errorf("id", CodeDuplicateID, "id %q is an endpoint's", c.ID)
		return -1, -1, false
	}
	parent, ok = s.placeUnder(check, i, c.ID, c.ParentCustomerID)
	return i, parent, ok
}

// put adds or replaces customer record c (owned by the caller) in a new
// snapshot, recompiling only what depends on it.
func (s *Snapshot) put(c *CustomerInfo, pre *precompiled) (*Snapshot, error) {
	var check checker
	i, newParent, _ := s.place(&check, c)
	if err := check.refusal(); err != nil {
		return nil, err
	}
	next := s.clone()
	if i < 0 {
		next.index = maps.Clone(s.index)
		i = next.nodes.add(&node{id: c.ID, customer: c, parent: -1})
		next.index[c.ID] = i
		next.roots = append(slices.Clone(s.roots), i)
	}
	env := next.envFor(newParent)
	compiled := (*schedule.Compiled)(nil)
	if pre != nil && pre.schedule == c.Schedule && pre.env == env {
		compiled = pre.compiled
	} else {
		compiled = schedule.Compile(c.Schedule, env)
	}
	next.replace(i, c, newParent, env, compiled)
	return next, nil
}

// isAncestor reports whether a is an ancestor of d.
func (s *Snapshot) isAncestor(a, d int32) bool {
	for at, steps := s.nodes.at(d).parent, 0; at >= 0 && steps <= MaxDepth; at, steps = s.nodes.at(at).parent, steps+1 {
		if at == a {
			return true
		}
	}
	return false
}

// height is the number of levels of the subtree rooted at i (1 for a leaf).
func (s *Snapshot) height(i int32) int {
	h := 0
	for _, ch := range s.nodes.at(i).children {
		h = max(h, s.height(ch))
	}
	return h + 1
}

// EffectiveSettings returns a customer's billing and app settings: its own
// when its override flag is set, otherwise the nearest ancestor's that
// overrides, otherwise the engine defaults (WithDefaultSettings).
func (s *Snapshot) EffectiveSettings(id string) (*BillingSettings, *AppSettings, error) {
	i, err := s.lookup(id)
	if err != nil {
		return nil, nil, err
	}
	var billing *BillingSettings
	var app *AppSettings
	billingFound, appFound := false, false
	for at := i; at >= 0 && !(billingFound && appFound); at = s.nodes.at(at).parent {
		c := s.nodes.at(at).customer
		if c == nil {
			continue
		}
		if !billingFound && c.OverrideBillingSettings {
			billing, billingFound = c.BillingSettings, true
		}
		if !appFound && c.OverrideAppSettings {
			app, appFound = c.AppSettings, true
		}
	}
	if !billingFound {
		billing = s.cfg.billingDefaults
	}
	if !appFound {
		app = s.cfg.appDefaults
	}
	if app != nil {
		a := *app
		app = &a
	}
	return billing.Clone(), app, nil
}
