package voicesched

import (
	"fmt"
	"time"

	"github.com/voicesched/voicesched/schedule"
)

// nextCandidate returns the earliest instant after t (no later than limit)
// at which node i's answer could change: a candidate of the schedule that
// decides for it, or of the parent whose state it reads. known, when not
// nil, is node i's answer at t (its decider saves an evaluation).
func (s *Snapshot) nextCandidate(i int32, t, limit time.Time, known *Answer) (time.Time, bool) {
	n := s.nodes.at(i)
	c := n.compiled
	if c.ForceClosed() {
		return time.Time{}, false
	}
	if n.inheritsParent() { // (not force-closed: returned above)
		// An inherited answer is the parent's, decider included.
		return s.nextCandidate(n.parent, t, limit, known)
	}
	var decider int
	if known != nil {
		decider = known.decider
	} else {
		decider = s.answer(i, t, false).decider
	}
	best, found := c.NextCandidateFor(t, limit, decider+1, &schedule.Input{Subject: n.subject, HasParent: n.parent >= 0})
	if n.parent >= 0 && c.DependsOnParent() {
		if u, ok := s.nextCandidate(n.parent, t, best, nil); ok && (!found || !u.After(best)) {
			best, found = u, true
		}
	}
	return best, found
}

// NextChange returns the earliest instant after t (in UTC) at which node
// id's state name differs from its state at t, and the new state. ok is false when
// there is none within the engine's horizon. Exact to the second, across
// DST, inheritance and rules that follow the parent's state: the search
// visits only instants at which some rule's match can change.
func (s *Snapshot) NextChange(id string, t time.Time) (Change, bool, error) {
	i, err := s.lookup(id)
	if err != nil {
		return Change{}, false, err
	}
	return s.nextChangeOf(i, t)
}

// nextChangeOf is NextChange for node i.
func (s *Snapshot) nextChangeOf(i int32, t time.Time) (Change, bool, error) {
	if ch, ok := s.rememberedChange(i, t); ok {
		return ch, true, nil
	}
	budget := s.cfg.searchBudget
	ch, ok, err := s.nextChange(i, t, t.Add(s.cfg.horizon), &budget)
	if ok && err == nil {
		s.rememberChange(i, t, ch)
	}
	return ch, ok, err
}

// nextChange finds the next change of node i in (t, limit], spending rule
// looks from *budget (shared by all the searches of one Timeline).
func (s *Snapshot) nextChange(i int32, t, limit time.Time, budget *int) (Change, bool, error) {
	at, now, ok, err := s.nextDifference(i, t, limit, budget, byStateName)
	if !ok || err != nil {
		return Change{}, false, err
	}
	return Change{At: at.UTC(), State: now.StateName}, true, nil
}

// difference is what counts as a change to nextDifference. A named mode
// rather than a func value: answers passed to an unknown func escape to the
// heap, which would cost every search two allocations.
type difference uint8

const (
	byStateName difference = iota // another state name (NextChange, Timeline)
	byDecision                    // another state, reason, deciding node or rule (Decisions)
)

// same reports whether a and b are the same answer as d counts them.
func (d difference) same(a, b *Answer) bool {
	if d == byDecision {
		return sameDecision(a, b)
	}
	return a.StateName == b.StateName
}

// nextDifference finds the earliest instant in (t, limit] at which node i's
// answer is not the same (as d counts it) as at t, and the answer then.
func (s *Snapshot) nextDifference(i int32, t, limit time.Time, budget *int, d difference) (time.Time, Answer, bool, error) {
	start := s.answer(i, t, false)
	now := start
	at := t
	cost := s.stepCost(i)
	for ; *budget > 0; *budget -= cost {
		u, ok := s.nextCandidate(i, at, limit, &now)
		if !ok || u.After(limit) {
			return time.Time{}, Answer{}, false, nil
		}
		if now = s.answer(i, u, false); !d.same(&start, &now) {
			return u, now, true, nil
		}
		at = u
	}
	return time.Time{}, Answer{}, false, &SearchCutError{NodeID: s.nodes.at(i).id(), Until: at,
		Reason: "the search budget was spent (conditions that read the minute or second make many instants to look at)"}
}

// stepCost estimates the rule looks of one search step for node i: its
// deciding schedule's rules, and along the chain of parents it reads, each
// parent's rules once for its candidates and once per level for its answer.
func (s *Snapshot) stepCost(i int32) int {
	cost, depth := 0, 0
	for at := i; at >= 0 && depth <= MaxDepth; depth++ {
		n := s.nodes.at(at)
		rules := n.compiled.SearchWeight()
		if n.compiled.ForceClosed() {
			break
		}
		if n.inheritsParent() {
			at = n.parent
			continue
		}
		cost += rules * (depth + 2)
		if n.parent < 0 || !n.compiled.DependsOnParent() {
			break
		}
		at = n.parent
	}
	return max(cost, 1)
}

// Timeline returns node id's states over [from, to) as consecutive
// intervals; adjacent intervals always differ in state.
func (s *Snapshot) Timeline(id string, from, to time.Time) ([]Interval, error) {
	i, err := s.lookup(id)
	if err != nil {
		return nil, err
	}
	var out []Interval
	err = s.spans(i, from, to, byStateName, func(start, end time.Time, a Answer) {
		out = append(out, Interval{From: start, To: end, State: a.StateName})
	})
	return out, err
}

// spans splits [from, to) into consecutive spans of node i's answers, a new
// span wherever the answer differs as d says, and hands each span with the
// answer at its start to emit. It is the one loop behind Timeline and
// Decisions: one search budget for the whole walk, at most WithMaxIntervals
// spans, and a cut search ends the walk with its error after the spans found.
func (s *Snapshot) spans(i int32, from, to time.Time, d difference, emit func(start, end time.Time, a Answer)) error {
	at := from
	budget := s.cfg.searchBudget
	now := s.answer(i, at, false)
	for n := 0; at.Before(to); n++ {
		if n >= s.cfg.maxIntervals {
			return &SearchCutError{NodeID: s.nodes.at(i).id(), Until: at, Reason: fmt.Sprintf("more than %d intervals", s.cfg.maxIntervals)}
		}
		next, then, ok, err := s.nextDifference(i, at, to, &budget, d)
		if err != nil {
			return err
		}
		if !ok || !next.Before(to) {
			emit(at, to, now)
			return nil
		}
		next = next.UTC()
		emit(at, next, now)
		at, now = next, then
	}
	return nil
}
