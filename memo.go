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
// A deciding node carries an answerMemo (and the nodes that pass its
// answer on hold the same one): the last answer worked out and the span of
// instants it holds for, from the instant it was asked for to the next
// instant at which one of the rules up to the deciding one could change its
// match (the candidate a next-change search steps to). A question inside
// the span is answered by a comparison. A write gives a deciding node a
// fresh memo whenever its answer may have changed — its schedule, subject,
// notes or place changed, or it reads a parent whose answer may have (see
// refresh) — so a memo never outlives what it was computed from; it is
// filled by readers, atomically, with immutable spans.

// answerSpan is an answer that holds for every instant in [from, until).
type answerSpan struct {
	from, until time.Time
	answer      Answer
}

// changeSpan is a next change found from instant from: it is the next
// change from every instant in [from, at), where the state stays the same.
type changeSpan struct {
	from, at time.Time
	state    string
}

// answerMemo is the memo of one deciding node: its answer, and its next
// change (what NextChange found last).
type answerMemo struct {
	span   atomic.Pointer[answerSpan]
	change atomic.Pointer[changeSpan]
}

// rememberedChange returns node i's next change after t when its deciding
// node's memo holds it.
func (s *Snapshot) rememberedChange(i int32, t time.Time) (Change, bool) {
	memo := s.nodes.at(i).memo
	if memo == nil {
		return Change{}, false
	}
	span := memo.change.Load()
	if span == nil || t.Before(span.from) || !t.Before(span.at) {
		return Change{}, false
	}
	return Change{At: span.at, State: span.state}, true
}

// rememberChange remembers ch, node i's next change after t, in its deciding
// node's memo (a node that passes its decider's answer on changes with it).
func (s *Snapshot) rememberChange(i int32, t time.Time, ch Change) {
	memo := s.nodes.at(i).memo
	if memo == nil {
		return
	}
	if old := memo.change.Load(); old != nil && t.Before(old.from) {
		return
	}
	memo.change.Store(&changeSpan{from: t, at: ch.At, state: ch.State})
}

// passesOn reports whether node n answers exactly as its parent does: it
// inherits its parent's answer and has no notes to add.
func (n *node) passesOn() bool { return n.inheritsParent() && len(n.notes()) == 0 }

// resolve sets node n's decider (n is at index i, its parent already
// resolved) and its memo. A node that decides with its own schedule keeps
// old's memo while its answer cannot have changed (answerChanged false),
// and gets a fresh one otherwise. A node that passes its parent's answer on
// holds its decider's memo too, so that a question about it reads its own
// node and the memo, not the deciding node as well (a cache miss fewer on a
// big tree); a refresh that gives a decider a fresh memo refreshes the
// nodes below it. A node that inherits with notes of its own has none.
func (s *Snapshot) resolve(i int32, n, old *node, answerChanged bool) {
	switch {
	case n.passesOn():
		parent := s.nodes.at(n.parent)
		n.decider, n.memo = parent.decider, parent.memo
		return
	case n.inheritsParent() || !s.cfg.memo:
		n.memo = nil
	case answerChanged || old.memo == nil || old.decider != i:
		n.memo = &answerMemo{}
	default:
		n.memo = old.memo
	}
	n.decider = i
}

// memoAnswer writes node n's answer at t into *a from its memo, or works it
// out and (when fill is set) remembers it. n must have a memo. Only the
// questions callers ask fill memos: a search's many instants would replace
// the span a caller's "now" keeps hitting.
func (s *Snapshot) memoAnswer(a *Answer, i int32, n *node, t time.Time, fill bool) {
	span := n.memo.span.Load()
	if span != nil && !t.Before(span.from) && t.Before(span.until) {
		*a = span.answer
		return
	}
	s.ownAnswer(a, n, t, fill)
	if !fill || len(a.Errors) != len(n.notes()) || span != nil && t.Before(span.from) {
		// Run-time errors are not remembered (they are rare and their
		// messages are the caller's); nor is an instant before the span
		// held, which a caller going back and forth would keep replacing.
		return
	}
	limit := t.Add(s.cfg.horizon)
	until, ok := s.nextCandidate(i, t, limit, a)
	if !ok {
		until = limit
	}
	n.memo.span.Store(&answerSpan{from: t, until: until, answer: *a})
}

// deciderAnswer is answerTo for a node that decides on its own or passes its
// parent's answer on with notes (n.decider == i), without a trace.
func (s *Snapshot) deciderAnswer(a *Answer, i int32, n *node, t time.Time, fill bool) {
	if n.memo != nil {
		s.memoAnswer(a, i, n, t, fill)
		return
	}
	if n.inheritsParent() {
		s.resolvedAnswer(a, n.parent, t, fill)
		inheritedBy(n, a)
		return
	}
	s.ownAnswer(a, n, t, fill)
}

// ownAnswer is node n's answer by its own schedule (it does not inherit),
// with its parent's answer when its rules read it.
func (s *Snapshot) ownAnswer(a *Answer, n *node, t time.Time, fill bool) {
	var parent *Answer
	if n.parent >= 0 && n.compiled.DependsOnParent() {
		var p Answer
		s.resolvedAnswer(&p, n.parent, t, fill)
		parent = &p
	}
	s.decide(a, n, t, parent, false)
}

// resolvedAnswer is answerTo without a trace: one step to the deciding
// node. fill lets it remember what it works out.
func (s *Snapshot) resolvedAnswer(a *Answer, i int32, t time.Time, fill bool) {
	n := s.nodes.at(i)
	d := n.decider
	if d == i {
		s.deciderAnswer(a, i, n, t, fill)
		return
	}
	if n.memo != nil {
		// The decider's memo, which this node holds too (see resolve).
		if span := n.memo.span.Load(); span != nil && !t.Before(span.from) && t.Before(span.until) {
			*a = span.answer
			a.Reason = schedule.ReasonInherited
			return
		}
	}
	s.deciderAnswer(a, d, s.nodes.at(d), t, fill)
	a.Reason = schedule.ReasonInherited
}
