package voicesched

import (
	"time"

	"github.com/voicesched/voicesched/schedule"
)

// Decision is a span [From, To) decided one way: one state, by one node's
// schedule, for one reason, by one rule (or by none).
type Decision struct {
	From, To time.Time
	State    string
	Reason   schedule.Reason
	// NodeID is the node whose schedule decided (an ancestor when inherited).
	NodeID string
	// Rule is the deciding rule, nil unless a rule decided. Shared: do not
	// modify.
	Rule *schedule.RuleInfo
}

// Decisions is Timeline with the deciding node, reason and rule of each
// span: node id's answers over [from, to) as consecutive spans, split
// wherever the state, the deciding node, the reason or the deciding rule
// changes. So two adjacent spans may have the same state — business hours
// kept by the weekday rule, then by the Saturday rule — where Timeline has
// one interval. The search is Timeline's (exact to the second, one search
// budget and WithMaxIntervals spans at most), and a cut search returns the
// spans found with a *SearchCutError.
func (s *Snapshot) Decisions(id string, from, to time.Time) ([]Decision, error) {
	i, err := s.lookup(id)
	if err != nil {
		return nil, err
	}
	var out []Decision
	err = s.spans(i, from, to, byDecision, func(start, end time.Time, a Answer) {
		out = append(out, Decision{From: start, To: end, State: a.StateName, Reason: a.Reason, NodeID: a.NodeID, Rule: a.Rule})
	})
	return out, err
}

// sameDecision reports whether two answers were decided the same way.
func sameDecision(a, b *Answer) bool {
	return a.StateName == b.StateName && a.Reason == b.Reason && a.NodeID == b.NodeID && a.Rule == b.Rule
}
