package voicesched

import (
	"fmt"
	"slices"
)

// AddRulesError is a customer whose schedule cannot take added rules.
type AddRulesError struct {
	CustomerID string
	Reason     string
}

func (e *AddRulesError) Error() string { return fmt.Sprintf("customer %q: %s", e.CustomerID, e.Reason) }

// AddRulesPatch returns the PatchCustomer that puts rules first in the own
// schedule of customer id, after removing the rules replace reports (nil
// removes none): a holiday set run again replaces its earlier rules, a
// closure is simply added. The added rules take the lowest priority of the
// rules kept (rules are looked at in ascending priority and equal
// priorities keep list order), so they decide before every rule already
// there. The patch carries the schedule alone (every other member of the
// customer stays as it is) and the customer's dateLastModified as the
// expected one, so it does not overwrite a change made after it was made.
//
// A customer with no schedule of its own, or one that inherits, is an
// error: the rules would be ignored there (docs/semantics.md#inheritance).
func (s *Snapshot) AddRulesPatch(id string, rules []SchedulingRule, replace func(SchedulingRule) bool) (PatchCustomer, error) {
	customer := s.Customer(id)
	if customer == nil {
		if s.Endpoint(id) != nil {
			return PatchCustomer{}, &AddRulesError{id, "is an endpoint; a PatchCustomer changes customers only"}
		}
		return PatchCustomer{}, &NotFoundError{ID: id}
	}
	switch {
	case customer.Schedule == nil:
		return PatchCustomer{}, &AddRulesError{id, "has no schedule of its own and follows its parent's; add the rules where the schedule that decides lives"}
	case customer.Schedule.Inherit:
		return PatchCustomer{}, &AddRulesError{id, "inherits its parent's schedule, so rules added to its own would be ignored; add them where the schedule that decides lives"}
	}
	schedule := customer.Schedule.Clone()
	kept := make([]SchedulingRule, 0, len(schedule.Rules))
	for _, r := range schedule.Rules {
		if replace == nil || !replace(r) {
			kept = append(kept, r)
		}
	}
	added := slices.Clone(rules)
	if len(kept) > 0 {
		lowest := kept[0].Priority
		for _, r := range kept[1:] {
			lowest = min(lowest, r.Priority)
		}
		for i := range added {
			added[i].Priority = lowest
		}
	}
	schedule.Rules = append(added, kept...)
	return PatchCustomer{
		CustomerID:               id,
		Schedule:                 Some(schedule),
		ExpectedDateLastModified: customer.DateLastModified,
	}, nil
}
