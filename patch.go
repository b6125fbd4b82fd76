package voicesched

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/voicesched/voicesched/schedule"
)

// Patch problem codes (schedule problems keep their own codes).
const (
	CodeEmptyName      = "empty-name"
	CodeUnknownTag     = "unknown-tag"
	CodeParentNotFound = "parent-not-found"
	CodeParentLoop     = "parent-loop"
	CodeTooDeep        = "too-deep"
	CodeNotACustomer   = "not-a-customer"
)

// PatchError lists every problem that stopped a patch. Nothing was changed.
type PatchError struct {
	CustomerID string
	Problems   schedule.Problems
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
	e.writeMux.Lock()
	defer e.writeMux.Unlock()
	s := e.current.Load()
	next, stored, err := s.patched(p, by, lookup, e.cfg.now())
	if err != nil {
		return nil, err
	}
	e.current.Store(next)
	return stored.Clone(), nil
}

// ValidatePatch reports every problem Patch would find, without applying it.
func (e *Engine) ValidatePatch(p PatchCustomer, lookup TagLookup) schedule.Problems {
	_, _, err := e.Snapshot().patched(p, "", lookup, e.cfg.now())
	switch err := err.(type) {
	case nil:
		return nil
	case *PatchError:
		return err.Problems
	default:
		return schedule.Problems{{Path: "customerId", Code: "patch-refused", Severity: schedule.SeverityError, Message: err.Error()}}
	}
}

// patched returns a new snapshot with p applied, leaving s untouched.
func (s *Snapshot) patched(p PatchCustomer, by string, lookup TagLookup, now time.Time) (*Snapshot, *CustomerInfo, error) {
	i, ok := s.index[p.CustomerID]
	if !ok {
		return nil, nil, &NotFoundError{ID: p.CustomerID}
	}
	old := s.nodes[i]
	if old.customer == nil {
		return nil, nil, &PatchError{CustomerID: p.CustomerID, Problems: schedule.Problems{{Path: "customerId", Code: CodeNotACustomer,
			Severity: schedule.SeverityError, Message: fmt.Sprintf("%q is an endpoint, not a customer", p.CustomerID)}}}
	}
	if p.ExpectedDateLastModified != "" && p.ExpectedDateLastModified != old.customer.DateLastModified {
		return nil, nil, &ConflictError{CustomerID: p.CustomerID, Expected: p.ExpectedDateLastModified, Stored: old.customer.DateLastModified}
	}
	var problems schedule.Problems
	fail := func(path, code, format string, args ...any) {
		problems = append(problems, schedule.Problem{Path: path, Code: code, Severity: schedule.SeverityError, Message: fmt.Sprintf(format, args...)})
	}
	c := old.customer.Clone()
	if p.Name.HasValue() {
		if strings.TrimSpace(p.Name.Value) == "" {
			fail("name", CodeEmptyName, "the name cannot be empty")
		}
		c.Name = p.Name.Value
	}
	if p.ReferenceID.HasValue() {
		c.ReferenceID = p.ReferenceID.Value
	}
	newParent := old.parent
	if p.ParentCustomerID.HasValue() {
		c.ParentCustomerID = p.ParentCustomerID.Value
		newParent = -1
		if id := p.ParentCustomerID.Value; id != "" {
			j, ok := s.index[id]
			switch {
			case !ok || s.nodes[j].customer == nil:
				fail("parentCustomerId", CodeParentNotFound, "customer %q does not exist", id)
			case j == i:
				fail("parentCustomerId", CodeParentLoop, "a customer cannot be its own parent")
			case s.isAncestor(i, j):
				fail("parentCustomerId", CodeParentLoop, "%q is below this customer; moving there would make a loop", id)
			default:
				newParent = j
				if depth := s.nodes[j].depth + s.height(i); depth > MaxDepth {
					fail("parentCustomerId", CodeTooDeep, "moving under %q would make the tree %d levels deep; at most %d are allowed", id, depth, MaxDepth)
				}
			}
		}
	}
	if p.Data.HasValue() {
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
	}
	if p.TagIDs.HasValue() {
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
				fail(fmt.Sprintf("tagIds[%d]", k), CodeUnknownTag, "there is no tag %q", id)
				continue
			}
			tag.ID = id
			c.Tags = append(c.Tags, tag)
		}
	}
	if p.Schedule.Set && !p.Schedule.Null {
		c.Schedule = p.Schedule.Value.Clone()
	}
	if p.OverrideBillingSettings.HasValue() {
		c.OverrideBillingSettings = p.OverrideBillingSettings.Value
	}
	if p.BillingSettings.HasValue() {
		c.BillingSettings = p.BillingSettings.Value.clone()
	}
	if p.OverrideAppSettings.HasValue() {
		c.OverrideAppSettings = p.OverrideAppSettings.Value
	}
	if p.AppSettings.HasValue() && p.AppSettings.Value != nil {
		a := *p.AppSettings.Value
		c.AppSettings = &a
	}
	{
		// The resulting schedule must compile without errors, in the zone it
		// will cascade from after the move.
		env := old.env
		env.HasParent = newParent >= 0
		env.Zone, env.ZoneID = s.cfg.defaultZone, s.cfg.defaultZoneID
		if newParent >= 0 {
			env.Zone, env.ZoneID = s.nodes[newParent].compiled.Zone()
		}
		for _, pr := range schedule.Compile(c.Schedule, env).Problems().WithPrefix("schedule") {
			if pr.Severity == schedule.SeverityError {
				problems = append(problems, pr)
			}
		}
	}
	if len(problems) > 0 {
		return nil, nil, &PatchError{CustomerID: p.CustomerID, Problems: problems}
	}
	c.DateLastModified = now.UTC().Format(time.RFC3339)
	if by != "" {
		c.LastModifiedBy = by
	}
	next := s.clone()
	next.replace(i, c, newParent)
	return next, next.nodes[i].customer, nil
}

// replace puts record c at node i under parent newParent and refreshes what
// depends on it. s must be a private clone.
func (s *Snapshot) replace(i int32, c *CustomerInfo, newParent int32) {
	n := *s.nodes[i]
	n.customer = c
	if newParent != n.parent {
		if n.parent >= 0 {
			op := *s.nodes[n.parent]
			op.children = slices.DeleteFunc(slices.Clone(op.children), func(x int32) bool { return x == i })
			s.nodes[n.parent] = &op
		} else {
			s.roots = slices.DeleteFunc(slices.Clone(s.roots), func(x int32) bool { return x == i })
		}
		if newParent >= 0 {
			np := *s.nodes[newParent]
			np.children = append(slices.Clone(np.children), i)
			s.nodes[newParent] = &np
		} else {
			s.roots = append(slices.Clone(s.roots), i)
		}
		n.parent = newParent
	}
	s.nodes[i] = &n
	s.refresh(i, true)
}

// isAncestor reports whether a is an ancestor of d.
func (s *Snapshot) isAncestor(a, d int32) bool {
	for at, steps := s.nodes[d].parent, 0; at >= 0 && steps <= MaxDepth; at, steps = s.nodes[at].parent, steps+1 {
		if at == a {
			return true
		}
	}
	return false
}

// height is the number of levels of the subtree rooted at i (1 for a leaf).
func (s *Snapshot) height(i int32) int {
	h := 0
	for _, ch := range s.nodes[i].children {
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
	for at := i; at >= 0 && !(billingFound && appFound); at = s.nodes[at].parent {
		c := s.nodes[at].customer
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
	return billing.clone(), app, nil
}
