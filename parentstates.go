package voicesched

import (
	"fmt"
	"slices"
	"strings"

	"github.com/voicesched/voicesched/schedule"
)

// This file checks the CustomerState rules of a node against the states its
// parent can be in (docs/semantics.md#lint-codes): a rule following
// "Holidy" when the clinic only has "Holiday" never matches.

// stateMemo caches, per node, the states it can answer with.
type stateMemo map[int32][]string

// statesOf returns the states node i can answer with, following
// inheritance up the tree (at most MaxDepth levels).
func (s *Snapshot) statesOf(i int32, memo stateMemo) []string {
	if states, ok := memo[i]; ok {
		return states
	}
	n := s.nodes.at(i)
	var inherited []string
	if n.compiled.Inherits() && n.parent >= 0 {
		inherited = s.statesOf(n.parent, memo)
	}
	states := n.compiled.States(inherited)
	memo[i] = states
	return states
}

// parentStateProblems reports the CustomerState rules of compiled (the
// schedule of a node placed under parent) that follow a state the parent
// can never be in; paths are relative to the schedule.
func (s *Snapshot) parentStateProblems(compiled *schedule.Compiled, parent int32, memo stateMemo) Problems {
	if parent < 0 || compiled == nil || !compiled.DependsOnParent() {
		return nil
	}
	p := s.nodes.at(parent)
	label := fmt.Sprintf("the parent customer %q", p.id())
	if name := p.name(); name != "" && name != p.id() {
		label = fmt.Sprintf("the parent customer %q (%s)", name, p.id())
	}
	return compiled.ParentStateProblems(label, s.statesOf(parent, memo))
}

// orphanedFollowers warns, at the patch's schedule, about the CustomerState
// rules of node i's children that follow a state i had before a patch and
// no longer has with its new schedule compiled (placed under newParent):
// renaming "Holiday" to "Holidays" silently stops every department that
// closes on the clinic's holiday.
func (s *Snapshot) orphanedFollowers(check *checker, i int32, compiled *schedule.Compiled, newParent int32, memo stateMemo) {
	n := s.nodes.at(i)
	if !slices.ContainsFunc(n.children(), func(k int32) bool { return s.nodes.at(k).compiled.DependsOnParent() }) {
		return // no child follows this customer's states
	}
	var inherited []string
	if compiled.Inherits() && newParent >= 0 {
		inherited = s.statesOf(newParent, memo)
	}
	after := compiled.States(inherited)
	before := s.statesOf(i, memo)
	label := fmt.Sprintf("customer %q", n.id())
	for _, k := range n.children() {
		child := s.nodes.at(k)
		if !child.compiled.DependsOnParent() {
			continue
		}
		already := map[string]bool{}
		for _, p := range child.compiled.ParentStateProblems(label, before) {
			already[p.Path] = true
		}
		for _, p := range child.compiled.ParentStateProblems(label, after) {
			if already[p.Path] {
				continue
			}
			check.warnf("schedule", CodeUnknownParentState, "after this patch the rule %s of %q never matches: %s",
				p.Path, child.id(), strings.TrimPrefix(p.Message, "this rule never matches: "))
		}
	}
}
