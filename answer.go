package voicesched

import (
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

// Change is a moment a node's state changes.
type Change struct {
	At    time.Time `json:"at"`
	State string    `json:"state"`
}

// Interval is a span [From, To) in one state.
type Interval struct {
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	State string    `json:"state"`
}
