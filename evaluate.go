package voicesched

import (
	"time"

	"github.com/voicesched/voicesched/schedule"
)

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
	s.resolvedAnswer(a, i, t, true)
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

// answerTo implements docs/semantics.md#evaluation for node i, writing the
// answer into *a.
func (s *Snapshot) answerTo(a *Answer, i int32, t time.Time, trace bool) {
	if !trace {
		s.resolvedAnswer(a, i, t, false)
		return
	}
	n := s.nodes.at(i)
	c := n.compiled
	if n.inheritsParent() {
		if !trace && len(n.notes()) == 0 {
			// Climb straight to the ancestor whose schedule decides,
			// without building an answer at every level on the way.
			j := n.parent
			for m := s.nodes.at(j); m.inheritsParent() && len(m.notes()) == 0; m = s.nodes.at(j) {
				j = m.parent
			}
			s.answerTo(a, j, t, false)
			a.Reason = schedule.ReasonInherited
			return
		}
		s.answerTo(a, n.parent, t, trace)
		inheritedBy(n, a)
		if trace {
			a.Trace = append([]TraceStep{{NodeID: n.id(), TraceStep: schedule.TraceStep{Index: -1, Why: "inherits its parent's schedule"}}}, a.Trace...)
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
	if len(n.notes()) > 0 {
		a.Errors = append(append([]string(nil), n.notes()...), a.Errors...)
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
	*a = Answer{StateName: res.State, TimeZoneID: zoneID, Reason: res.Reason, NodeID: n.id(), Rule: res.Rule, Errors: n.notes(), decider: res.Decider}
	if len(parentErrors) > 0 || len(res.Errors) > 0 {
		a.Errors = append(append(append([]string(nil), n.notes()...), res.Errors...), parentErrors...)
	}
	if trace {
		for _, step := range res.Trace {
			a.Trace = append(a.Trace, TraceStep{NodeID: n.id(), TraceStep: step})
		}
	}
}

// answerBelow is answerTo for node n whose parent's answer at t is known
// (EvaluateAll and Status go parents first).
func (s *Snapshot) answerBelow(a *Answer, n *node, t time.Time, parent *Answer) {
	if n.inheritsParent() {
		*a = *parent
		inheritedBy(n, a)
		return
	}
	var reads *Answer
	if n.compiled.DependsOnParent() {
		reads = parent
	}
	s.decide(a, n, t, reads, false)
}
