package voicesched

import (
	"fmt"
	"iter"
	"sort"
	"time"

	"github.com/voicesched/voicesched/schedule"
)

// Answer is the state of one node at one instant and how it was decided.
type Answer struct {
	// StateName is the state; TimeZoneID the zone of the deciding schedule.
	StateName  string `json:"stateName"`
	TimeZoneID string `json:"timeZoneId"`
	// Reason is forceClosed, inherited, rule, default or fallback.
	Reason schedule.Reason `json:"reason"`
	// NodeID is the node whose schedule decided (an ancestor when inherited).
	NodeID string `json:"nodeId"`
	// Rule is the deciding rule, when a rule decided. Shared: do not modify.
	Rule *schedule.RuleInfo `json:"-"`
	// Errors are problems met on the way: conditions that failed at run
	// time, zone ids that did not resolve.
	Errors []string `json:"errors,omitempty"`
	// Trace lists every rule looked at, when asked for (Explain).
	Trace []TraceStep `json:"trace,omitempty"`

	// decider is the position of the deciding rule in the deciding
	// schedule's evaluation order (see schedule.Result.Decider).
	decider int
}

// TraceStep is one line of an explanation.
type TraceStep struct {
	NodeID string `json:"nodeId"`
	schedule.TraceStep
}

// Evaluate answers which state node id (a customer or an endpoint) is in at
// instant t. It reads only s, so it is safe from any goroutine, and
// allocates nothing on the common path.
func (s *Snapshot) Evaluate(id string, t time.Time) (Answer, error) {
	var a Answer
	err := s.EvaluateTo(&a, id, t)
	return a, err
}

// EvaluateTo is Evaluate writing the answer into *a (which it resets): for
// hot paths that keep an Answer around, a little cheaper than returning one.
func (s *Snapshot) EvaluateTo(a *Answer, id string, t time.Time) error {
	i, err := s.lookup(id)
	if err != nil {
		*a = Answer{}
		return err
	}
	s.answerTo(a, i, t, false)
	return nil
}

// Explain is Evaluate with a trace of every rule looked at and why it did
// or did not match, inherited levels included.
func (s *Snapshot) Explain(id string, t time.Time) (Answer, error) {
	i, err := s.lookup(id)
	if err != nil {
		return Answer{}, err
	}
	return s.answer(i, t, true), nil
}

// answer is answerTo returning the answer.
func (s *Snapshot) answer(i int32, t time.Time, trace bool) Answer {
	var a Answer
	s.answerTo(&a, i, t, trace)
	return a
}

// answerTo implements SPEC §6 for node i, writing the answer into *a.
func (s *Snapshot) answerTo(a *Answer, i int32, t time.Time, trace bool) {
	n := s.nodes.at(i)
	c := n.compiled
	if !c.ForceClosed() && c.Inherits() && n.parent >= 0 {
		if !trace && len(n.notes) == 0 {
			// Climb straight to the ancestor whose schedule decides,
			// without building an answer at every level on the way.
			j := n.parent
			for m := s.nodes.at(j); !m.compiled.ForceClosed() && m.compiled.Inherits() && m.parent >= 0 && len(m.notes) == 0; m = s.nodes.at(j) {
				j = m.parent
			}
			s.answerTo(a, j, t, false)
			a.Reason = schedule.ReasonInherited
			return
		}
		s.answerTo(a, n.parent, t, trace)
		inheritedBy(n, a)
		if trace {
			a.Trace = append([]TraceStep{{NodeID: n.id, TraceStep: schedule.TraceStep{Index: -1, Why: "inherits its parent's schedule"}}}, a.Trace...)
		}
		return
	}
	var parent *Answer
	if n.parent >= 0 && c.DependsOnParent() {
		p := s.answer(n.parent, t, false)
		parent = &p
	}
	s.decide(a, n, t, parent, trace)
}

// inheritedBy turns the parent's answer *a into node n's, which inherits it.
func inheritedBy(n *node, a *Answer) {
	a.Reason = schedule.ReasonInherited
	if len(n.notes) > 0 {
		a.Errors = append(append([]string(nil), n.notes...), a.Errors...)
	}
}

// decide evaluates node n's own schedule at t into *a. parent is the
// parent's answer, needed only when n's rules read the parent's state (nil:
// none).
func (s *Snapshot) decide(a *Answer, n *node, t time.Time, parent *Answer, trace bool) {
	c := n.compiled
	in := schedule.Input{Subject: n.subject, HasParent: n.parent >= 0, Trace: trace}
	var parentErrors []string
	if parent != nil {
		in.ParentState = parent.StateName
		if c.DependsOnParent() {
			parentErrors = parent.Errors
		}
	}
	var res schedule.Result
	c.EvaluateTo(&res, t, in)
	_, zoneID := c.Zone()
	*a = Answer{StateName: res.State, TimeZoneID: zoneID, Reason: res.Reason, NodeID: n.id, Rule: res.Rule, Errors: n.notes, decider: res.Decider}
	if len(parentErrors) > 0 || len(res.Errors) > 0 {
		a.Errors = append(append(append([]string(nil), n.notes...), res.Errors...), parentErrors...)
	}
	if trace {
		for _, step := range res.Trace {
			a.Trace = append(a.Trace, TraceStep{NodeID: n.id, TraceStep: step})
		}
	}
}

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
	if c.Inherits() && n.parent >= 0 {
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

// Change is a moment a node's state changes.
type Change struct {
	At    time.Time `json:"at"`
	State string    `json:"state"`
}

// SearchCutError reports a next-change or timeline search that stopped
// before its end: it spent the search budget (WithSearchBudget), or a
// timeline reached WithMaxIntervals intervals.
type SearchCutError struct {
	NodeID string
	Until  time.Time // the search covered [start, Until)
	Reason string
}

func (e *SearchCutError) Error() string {
	return "search for the changes of " + e.NodeID + " cut short at " + e.Until.UTC().Format(time.RFC3339) + ": " + e.Reason
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
	budget := s.cfg.searchBudget
	return s.nextChange(i, t, t.Add(s.cfg.horizon), &budget)
}

// nextChange finds the next change of node i in (t, limit], spending rule
// looks from *budget (shared by all the searches of one Timeline).
func (s *Snapshot) nextChange(i int32, t, limit time.Time, budget *int) (Change, bool, error) {
	now := s.answer(i, t, false)
	current := now.StateName
	at := t
	cost := s.stepCost(i)
	for ; *budget > 0; *budget -= cost {
		u, ok := s.nextCandidate(i, at, limit, &now)
		if !ok || u.After(limit) {
			return Change{}, false, nil
		}
		if now = s.answer(i, u, false); now.StateName != current {
			return Change{At: u.UTC(), State: now.StateName}, true, nil
		}
		at = u
	}
	return Change{}, false, &SearchCutError{NodeID: s.nodes.at(i).id, Until: at,
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
		if n.compiled.Inherits() && n.parent >= 0 {
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

// Interval is a span [From, To) in one state.
type Interval struct {
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	State string    `json:"state"`
}

// Timeline returns node id's states over [from, to) as consecutive
// intervals; adjacent intervals always differ in state.
func (s *Snapshot) Timeline(id string, from, to time.Time) ([]Interval, error) {
	i, err := s.lookup(id)
	if err != nil {
		return nil, err
	}
	var out []Interval
	at := from
	budget := s.cfg.searchBudget // one budget for the whole timeline
	state := s.answer(i, at, false).StateName
	for at.Before(to) {
		if len(out) >= s.cfg.maxIntervals {
			return out, &SearchCutError{NodeID: s.nodes.at(i).id, Until: at, Reason: fmt.Sprintf("more than %d intervals", s.cfg.maxIntervals)}
		}
		ch, ok, err := s.nextChange(i, at, to, &budget)
		if err != nil {
			return out, err
		}
		if !ok || !ch.At.Before(to) {
			out = append(out, Interval{From: at, To: to, State: state})
			break
		}
		out = append(out, Interval{From: at, To: ch.At, State: state})
		at, state = ch.At, ch.State
	}
	return out, nil
}

// Answers holds one answer for every node of a snapshot.
type Answers struct {
	snapshot *Snapshot
	answers  []Answer
}

// Len returns the number of answers (one a node).
func (a *Answers) Len() int { return len(a.answers) }

// Get returns the answer for node id.
func (a *Answers) Get(id string) (Answer, bool) {
	i, ok := a.snapshot.index[id]
	if !ok {
		return Answer{}, false
	}
	return a.answers[i], true
}

// All yields every node id with its answer, parents before children.
func (a *Answers) All() iter.Seq2[string, Answer] {
	return func(yield func(string, Answer) bool) {
		a.snapshot.walkUntil(func(i int32) bool { return yield(a.snapshot.nodes.at(i).id, a.answers[i]) })
	}
}

// EvaluateAll answers for every node at instant t, computing each node's
// state once: parents before children, a child reusing its parent's answer.
func (s *Snapshot) EvaluateAll(t time.Time) *Answers {
	answers := make([]Answer, s.nodes.len())
	done := make([]bool, s.nodes.len())
	s.walk(func(i int32) {
		s.answerWith(&answers[i], i, t, answers, done)
		done[i] = true
	})
	return &Answers{snapshot: s, answers: answers}
}

// answerWith is answerTo with the parent's answer taken from a memo.
func (s *Snapshot) answerWith(a *Answer, i int32, t time.Time, memo []Answer, done []bool) {
	n := s.nodes.at(i)
	c := n.compiled
	if n.parent < 0 || !done[n.parent] {
		s.answerTo(a, i, t, false)
		return
	}
	parent := &memo[n.parent]
	if !c.ForceClosed() && c.Inherits() {
		*a = *parent
		inheritedBy(n, a)
		return
	}
	s.decide(a, n, t, parent, false)
}

func sortTags(tags []Tag) {
	sort.Slice(tags, func(a, b int) bool { return tags[a].ID < tags[b].ID })
}
