package voicesched

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/voicesched/voicesched/internal/timespan"
	"github.com/voicesched/voicesched/schedule"
)

// StateChange is a span [From, To) in which a node's state name in one
// snapshot (Before) differs from its state name in another (After). Spans
// are maximal: the span before and the span after a StateChange of the same
// node never have the same pair of states.
type StateChange struct {
	NodeID string
	// From and To are in the node's own zone as the After snapshot sees it
	// (its zone once a patch is applied).
	From, To      time.Time
	Before, After string
	// BeforeRule and AfterRule are the rules that decide at From in each
	// snapshot; nil when no rule decided (default, fallback, forceClosed).
	// Shared with the snapshots: do not modify.
	BeforeRule, AfterRule *schedule.RuleInfo
}

// ruleRef names a deciding rule: its id, or its path in the deciding
// schedule ("rules[2]") when it has none; "" when no rule decided.
func ruleRef(r *schedule.RuleInfo) string {
	switch {
	case r == nil:
		return ""
	case r.ID != "":
		return r.ID
	}
	return r.Path()
}

// stateChangeJSON is the public JSON shape of a StateChange.
type stateChangeJSON struct {
	NodeID     string `json:"nodeId"`
	From       string `json:"from"`
	To         string `json:"to"`
	Before     string `json:"before"`
	After      string `json:"after"`
	BeforeRule string `json:"beforeRule,omitempty"`
	AfterRule  string `json:"afterRule,omitempty"`
}

// MarshalJSON writes {"nodeId","from","to","before","after","beforeRule",
// "afterRule"}: from and to as RFC 3339 instants with the node's offset,
// each rule as ruleRef names it, absent when no rule decided.
func (c StateChange) MarshalJSON() ([]byte, error) {
	return json.Marshal(stateChangeJSON{NodeID: c.NodeID, From: c.From.Format(time.RFC3339), To: c.To.Format(time.RFC3339),
		Before: c.Before, After: c.After, BeforeRule: ruleRef(c.BeforeRule), AfterRule: ruleRef(c.AfterRule)})
}

// Comparison is where two snapshots answer differently over a window.
type Comparison struct {
	// Changes are sorted by node id, then From.
	Changes []StateChange
	// Cut lists, sorted, the nodes whose search was cut short by the search
	// budget or the interval limit (see WithSearchBudget): their changes are
	// reported only up to where the search stopped.
	Cut []string
	// Added and Removed list, sorted, the nodes only the after snapshot or
	// only the before snapshot has; they are not compared.
	Added, Removed []string
}

// CompareOption configures Compare.
type CompareOption func(*compareConfig)

type compareConfig struct {
	only []string
}

// CompareOnly restricts a comparison to the nodes ids (ids that are in
// neither snapshot are ignored; an id in only one is Added or Removed).
func CompareOnly(ids ...string) CompareOption {
	return func(c *compareConfig) { c.only = append(c.only, ids...) }
}

// Compare reports, for every node both snapshots hold, the maximal spans
// inside [from, to) in which its state name differs between before and
// after, with the deciding rule on each side. It is exact to the second:
// both timelines come from the change search Timeline uses (each bounded by
// its own snapshot's search budget and interval limit) and are merged, so
// no instant is sampled. A node whose answer cannot differ — it and every
// ancestor are the very same stored nodes in both snapshots, as after a
// patch of some other branch — is skipped without a search.
//
// An empty window (from equal to to) yields no changes; to before from is
// an error. See docs/semantics.md#compare.
func Compare(before, after *Snapshot, from, to time.Time, opts ...CompareOption) (*Comparison, error) {
	if before == nil || after == nil {
		return nil, errors.New("compare: both snapshots are needed")
	}
	if to.Before(from) {
		return nil, fmt.Errorf("compare: the window ends (%s) before it starts (%s)", to.UTC().Format(time.RFC3339), from.UTC().Format(time.RFC3339))
	}
	var cfg compareConfig
	for _, o := range opts {
		o(&cfg)
	}
	ids := cfg.only
	if ids == nil {
		ids = before.IDs()
		for _, id := range after.IDs() {
			if _, ok := before.index.lookup(id); !ok {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)

	out := &Comparison{}
	beforeLines := timelineMemo{snap: before, from: from, to: to}
	afterLines := timelineMemo{snap: after, from: from, to: to}
	// The spans of every node go into one buffer first, so that Changes is
	// allocated once, at its size.
	type nodeSpans struct {
		id         string
		ib, ia     int32
		start, end int // in spans
	}
	var compared []nodeSpans
	var spans []differingSpan
	for _, id := range ids {
		ib, inBefore := before.index.lookup(id)
		ia, inAfter := after.index.lookup(id)
		switch {
		case inBefore && !inAfter:
			out.Removed = append(out.Removed, id)
			continue
		case inAfter && !inBefore:
			out.Added = append(out.Added, id)
			continue
		case !inBefore || !from.Before(to) || sameChain(before, after, ib, ia):
			continue
		}
		b, a := beforeLines.of(ib), afterLines.of(ia)
		end := to
		if b.cut || a.cut {
			out.Cut = append(out.Cut, id)
			end = timespan.Min(b.until, a.until)
		}
		start := len(spans)
		spans = differingSpans(spans, b.intervals, a.intervals, end)
		if len(spans) > start {
			compared = append(compared, nodeSpans{id: id, ib: ib, ia: ia, start: start, end: len(spans)})
		}
	}
	if len(spans) > 0 {
		out.Changes = make([]StateChange, 0, len(spans))
	}
	for _, node := range compared {
		loc, _ := after.nodes.at(node.ia).compiled.Zone()
		for _, span := range spans[node.start:node.end] {
			out.Changes = append(out.Changes, StateChange{NodeID: node.id, From: span.From.In(loc), To: span.To.In(loc),
				Before: span.before, After: span.after,
				BeforeRule: beforeLines.ruleAt(node.ib, span.From), AfterRule: afterLines.ruleAt(node.ia, span.From)})
		}
	}
	return out, nil
}

// sameChain reports whether node ib of before and node ia of after are the
// same stored node with the same stored ancestors, so that their answers
// are equal at every instant (nodes are immutable, and an answer reads only
// the node and its ancestors).
func sameChain(before, after *Snapshot, ib, ia int32) bool {
	for depth := 0; depth <= MaxDepth; depth++ {
		if ib < 0 || ia < 0 {
			return ib < 0 && ia < 0
		}
		nb, na := before.nodes.at(ib), after.nodes.at(ia)
		if nb != na {
			return false
		}
		ib, ia = nb.parent, na.parent
	}
	return false
}

// timelineMemo computes the timelines of one snapshot over one window,
// once per deciding node: every node that inherits (through any number of
// levels) has the timeline of the ancestor whose schedule decides for it.
type timelineMemo struct {
	snap     *Snapshot
	from, to time.Time
	byNode   map[int32]*memoTimeline
	// rules are the deciding rules looked up so far, by deciding node and
	// instant: the nodes that inherit one schedule share its spans.
	rules map[ruleAt]*schedule.RuleInfo
}

type ruleAt struct {
	decider int32
	at      int64 // Unix nanoseconds
}

// ruleAt is the rule deciding node i's answer at t (nil: none).
func (m *timelineMemo) ruleAt(i int32, t time.Time) *schedule.RuleInfo {
	key := ruleAt{decider: m.snap.inheritedFrom(i), at: t.UnixNano()}
	if r, ok := m.rules[key]; ok {
		return r
	}
	r := m.snap.answer(key.decider, t, false).Rule
	if m.rules == nil {
		m.rules = map[ruleAt]*schedule.RuleInfo{}
	}
	m.rules[key] = r
	return r
}

type memoTimeline struct {
	intervals []Interval
	cut       bool
	until     time.Time // the end of what intervals cover
}

func (m *timelineMemo) of(i int32) *memoTimeline {
	decider := m.snap.inheritedFrom(i)
	if tl, ok := m.byNode[decider]; ok {
		return tl
	}
	intervals, err := m.snap.Timeline(m.snap.nodes.at(decider).id(), m.from, m.to)
	tl := &memoTimeline{intervals: intervals, until: m.to}
	var cut *SearchCutError
	if errors.As(err, &cut) {
		tl.cut = true
		tl.until = m.from
		if len(intervals) > 0 {
			tl.until = intervals[len(intervals)-1].To
		}
	}
	if m.byNode == nil {
		m.byNode = map[int32]*memoTimeline{}
	}
	m.byNode[decider] = tl
	return tl
}

// inheritedFrom is the node whose schedule decides node i's answer: i
// itself, or the nearest ancestor up its chain of inheriting nodes.
func (s *Snapshot) inheritedFrom(i int32) int32 {
	for n := s.nodes.at(i); n.inheritsParent(); n = s.nodes.at(i) {
		i = n.parent
	}
	return i
}

// differingSpan is a maximal span in which two timelines disagree.
type differingSpan struct {
	From, To      time.Time
	before, after string
}

// differingSpans walks two timelines of the same window up to end and
// appends to out the maximal spans in which their states differ; adjacent
// pieces with the same pair of states are one span.
func differingSpans(out []differingSpan, before, after []Interval, end time.Time) []differingSpan {
	first := len(out)
	b, a := 0, 0
	for b < len(before) && a < len(after) {
		lo := timespan.Max(before[b].From, after[a].From)
		hi := timespan.Min(timespan.Min(before[b].To, after[a].To), end)
		if !lo.Before(hi) {
			if !lo.Before(end) {
				break
			}
		} else if before[b].State != after[a].State {
			if k := len(out) - 1; k >= first && out[k].To.Equal(lo) && out[k].before == before[b].State && out[k].after == after[a].State {
				out[k].To = hi
			} else {
				out = append(out, differingSpan{From: lo, To: hi, before: before[b].State, after: after[a].State})
			}
		}
		if before[b].To.Before(after[a].To) {
			b++
		} else if after[a].To.Before(before[b].To) {
			a++
		} else {
			b++
			a++
		}
	}
	return out
}

// String is one line for people: the node, the span in its zone, and the
// states and rules on both sides.
func (c StateChange) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s – %s: %q → %q", c.NodeID, c.From.Format(time.RFC3339), c.To.Format(time.RFC3339), c.Before, c.After)
	if r := ruleRef(c.BeforeRule); r != "" {
		fmt.Fprintf(&b, " (was rule %s)", r)
	}
	if r := ruleRef(c.AfterRule); r != "" {
		fmt.Fprintf(&b, " (now rule %s)", r)
	}
	return b.String()
}
