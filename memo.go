package voicesched

import (
	"sync/atomic"
	"time"

	"github.com/voicesched/voicesched/schedule"
)

// Resolved inheritance and the answer memo.
//
// Every node records the node whose schedule decides for it (decider),
// worked out when the node is refreshed: itself, or for a node that only
// passes its parent's answer on (it inherits, is not force-closed, has a
// parent and no notes of its own to add), its parent's decider. Evaluate
// jumps there in one step instead of climbing.
//
// A deciding node whose answer depends on nothing outside itself (its
// schedule does not read the parent's state) carries an answerMemo: the
// last answer worked out and the span of instants it holds for, from the
// instant it was asked for to the next instant at which one of the rules up
// to the deciding one could change its match (the candidate a next-change
// search steps to). A question inside the span is answered by a
// comparison. Nodes are immutable and replaced whenever their schedule,
// subject or place changes, so a memo never outlives what it was computed
// from; it is filled by readers, atomically, with immutable spans.

// answerSpan is an answer that holds for every instant in [from, until).
type answerSpan struct {
	from, until time.Time
	answer      Answer
}

// answerMemo is the memo of one deciding node.
type answerMemo struct {
	span atomic.Pointer[answerSpan]
}

// passesOn reports whether node n answers exactly as its parent does: it
// inherits its parent's answer and has no notes to add.
func (n *node) passesOn() bool { return n.inheritsParent() && len(n.notes) == 0 }

// resolve sets node n's decider (n is at index i, its parent already
// resolved) and gives it a fresh memo when it decides on its own.
func (s *Snapshot) resolve(i int32, n *node) {
	n.memo = nil
	switch {
	case n.passesOn():
		n.decider = s.nodes.at(n.parent).decider
	default:
		n.decider = i
		if s.cfg.memo && !n.inheritsParent() && (n.parent < 0 || !n.compiled.DependsOnParent()) {
			n.memo = &answerMemo{}
		}
	}
}

// memoAnswer writes node n's answer at t into *a from its memo, or works it
// out and remembers it. n must have a memo.
func (s *Snapshot) memoAnswer(a *Answer, n *node, t time.Time) {
	span := n.memo.span.Load()
	if span != nil && !t.Before(span.from) && t.Before(span.until) {
		*a = span.answer
		return
	}
	s.decide(a, n, t, nil, false)
	if len(a.Errors) != len(n.notes) || span != nil && t.Before(span.from) {
		// Run-time errors are not remembered (they are rare and their
		// messages are the caller's); nor is an instant before the span
		// held, which a caller going back and forth would keep replacing.
		return
	}
	limit := t.Add(s.cfg.horizon)
	until, ok := n.compiled.NextCandidate(t, limit, a.decider+1)
	if !ok {
		until = limit
	}
	n.memo.span.Store(&answerSpan{from: t, until: until, answer: *a})
}

// deciderAnswer is answerTo for a node that decides on its own or passes its
// parent's answer on with notes (n.decider == i), without a trace.
func (s *Snapshot) deciderAnswer(a *Answer, i int32, n *node, t time.Time) {
	if n.memo != nil {
		s.memoAnswer(a, n, t)
		return
	}
	if n.inheritsParent() {
		s.answerTo(a, n.parent, t, false)
		inheritedBy(n, a)
		return
	}
	var parent *Answer
	if n.parent >= 0 && n.compiled.DependsOnParent() {
		p := s.answer(n.parent, t, false)
		parent = &p
	}
	s.decide(a, n, t, parent, false)
}

// resolvedAnswer is answerTo without a trace: one step to the deciding node.
func (s *Snapshot) resolvedAnswer(a *Answer, i int32, t time.Time) {
	n := s.nodes.at(i)
	d := n.decider
	if d == i {
		s.deciderAnswer(a, i, n, t)
		return
	}
	s.deciderAnswer(a, d, s.nodes.at(d), t)
	a.Reason = schedule.ReasonInherited
}
