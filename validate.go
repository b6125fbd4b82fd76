package voicesched

import (
	"fmt"
	"strings"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// ValidateSchedule returns every problem of a schedule (SPEC §8), paths
// starting at "schedule". hasParent says whether the schedule belongs to a
// node with a parent (inherit and CustomerState rules need one).
func ValidateSchedule(s *Schedule, hasParent bool) Problems {
	return schedule.Validate(s, schedule.Env{HasParent: hasParent}).WithPrefix("schedule")
}

// ValidateCustomer returns every problem of c as it would be stored in the
// current directory: its name, parent, tags and schedule.
func (e *Engine) ValidateCustomer(c *CustomerInfo) Problems {
	return e.Snapshot().validateCustomer(c)
}

func (s *Snapshot) validateCustomer(c *CustomerInfo) Problems {
	var out Problems
	fail := func(path, code, format string, args ...any) {
		out = append(out, Problem{Path: path, Code: code, Severity: SeverityError, Message: fmt.Sprintf(format, args...)})
	}
	if c == nil {
		fail("", CodeNull, "the customer is null")
		return out
	}
	if strings.TrimSpace(c.ID) == "" {
		fail("id", CodeEmptyID, "the id is empty")
	}
	if strings.TrimSpace(c.Name) == "" {
		fail("name", CodeEmptyName, "the name cannot be empty")
	}
	env := schedule.Env{Zone: s.cfg.defaultZone, ZoneID: s.cfg.defaultZoneID}
	if id := c.ParentCustomerID; id != "" {
		j, ok := s.index[id]
		switch {
		case id == c.ID:
			fail("parentCustomerId", CodeParentLoop, "a customer cannot be its own parent")
		case !ok || s.nodes.at(j).customer == nil:
			fail("parentCustomerId", CodeParentNotFound, "customer %q does not exist", id)
		default:
			if i, exists := s.index[c.ID]; exists && s.isAncestor(i, j) {
				fail("parentCustomerId", CodeParentLoop, "%q is below this customer; moving there would make a loop", id)
			}
			env.HasParent = true
			env.Zone, env.ZoneID = s.nodes.at(j).compiled.Zone()
		}
	}
	for k, t := range c.Tags {
		if !t.Color.Valid() {
			fail(fmt.Sprintf("tags[%d].color", k), CodeEnumOutOfRange, "color %d is not one of the tag colours (Magenta = 0 … Purple = 10)", int(t.Color))
		}
	}
	out = append(out, schedule.Validate(c.Schedule, env).WithPrefix("schedule")...)
	return out
}

// ValidateTree returns every problem of a tree file: its shape (ids,
// parents, loops, depth) and each customer's and endpoint's schedule, with
// paths such as "customers[3].schedule.rules[0].byMonth[0]".
func ValidateTree(tree Tree, opts ...Option) Problems {
	e := New(opts...)
	if err := e.Load(tree); err != nil {
		if se, ok := err.(*StructureError); ok {
			return Problems{{Path: se.Path, Code: se.Code, Severity: SeverityError, Message: se.Message}}
		}
		return Problems{{Code: CodeInvalidTree, Severity: SeverityError, Message: err.Error()}}
	}
	s := e.Snapshot()
	var out Problems
	for k, c := range tree.Customers {
		out = append(out, s.nodes.at(s.index[c.ID]).compiled.Problems().WithPrefix("schedule").WithPrefix(fmt.Sprintf("customers[%d]", k))...)
		for t, tag := range c.Tags {
			if !tag.Color.Valid() {
				out = append(out, Problem{Path: fmt.Sprintf("customers[%d].tags[%d].color", k, t), Code: CodeEnumOutOfRange,
					Severity: SeverityError, Message: fmt.Sprintf("color %d is not one of the tag colours (Magenta = 0 … Purple = 10)", int(tag.Color))})
			}
		}
	}
	for k, ep := range tree.Endpoints {
		out = append(out, s.nodes.at(s.index[ep.ID]).compiled.Problems().WithPrefix("schedule").WithPrefix(fmt.Sprintf("endpoints[%d]", k))...)
	}
	return out
}

// UnknownMembers lists, as warnings, the members of a JSON document that
// the Go type of v (a *Schedule, *CustomerInfo, *PatchCustomer, *Tree, …)
// does not know (see model.UnknownMembers).
func UnknownMembers(raw []byte, v any) Problems { return model.UnknownMembers(raw, v) }
