package schedule

import (
	"strconv"
	"strings"
	"time"

	"github.com/voicesched/voicesched/condition"
	"github.com/voicesched/voicesched/rrule"
)

// Reason says how a state was decided.
type Reason string

// The reasons of docs/semantics.md#reasons.
const (
	ReasonForceClosed Reason = "forceClosed"
	ReasonInherited   Reason = "inherited"
	ReasonRule        Reason = "rule"
	ReasonDefault     Reason = "default"
	ReasonFallback    Reason = "fallback"
)

// Input is what one evaluation needs besides the instant.
type Input struct {
	// Subject is the customer the conditions see (nil: empty customer).
	Subject *condition.Subject
	// ParentState is the reference state for CustomerState rules and the
	// parentState condition variable; HasParent tells whether there is one.
	ParentState string
	HasParent   bool
	// Trace asks for a TraceStep for every rule looked at.
	Trace bool
}

// TraceStep records why one rule did or did not match.
type TraceStep struct {
	Rule    *RuleInfo `json:"-"`
	RuleID  string    `json:"ruleId,omitempty"`
	Name    string    `json:"name,omitempty"`
	Index   int       `json:"index"`
	Matched bool      `json:"matched"`
	// Shadowed: the rule matched too, after the deciding one, so it lost
	// on priority (Explain lists such rules after the decider).
	Shadowed bool   `json:"shadowed,omitempty"`
	Why      string `json:"why"`
}

// Result is the answer for one schedule at one instant.
type Result struct {
	State  string
	Reason Reason
	// Rule is the deciding rule (nil unless Reason is ReasonRule).
	Rule *RuleInfo
	// Decider is the position of the deciding rule in evaluation order, or
	// len(rules) when none decided; next-change searches use it.
	Decider int
	// Errors are run-time errors of conditions looked at (those rules did not match).
	Errors []string
	Trace  []TraceStep
}

// Evaluate answers which state the schedule gives at instant t
// (docs/semantics.md#evaluation, steps 1, 3 and 4; inheritance is the caller's, who knows the parent). It
// does not allocate unless a condition fails or a trace is asked for.
//
// The engine calls EvaluateTo; Evaluate is kept as the plain form for a
// caller that holds one compiled schedule and no tree (the tests of this
// package and of the rule builders closure and holidays use it).
func (c *Compiled) Evaluate(t time.Time, in Input) Result {
	var res Result
	c.EvaluateTo(&res, t, in)
	return res
}

// EvaluateTo is Evaluate writing its answer into *res (which it resets):
// for hot paths, where filling a caller's Result is cheaper than returning one.
func (c *Compiled) EvaluateTo(res *Result, t time.Time, in Input) {
	*res = Result{}
	if c.forceClosed {
		res.State, res.Reason, res.Decider = c.closedState, ReasonForceClosed, len(c.rules)
		return
	}
	var moment rrule.Moment // the civil instant, split once for every Time rule
	momentDone := false
	for i := range c.rules {
		r := &c.rules[i]
		matched, condWhy := c.matches(r, t, in, &moment, &momentDone, res)
		if in.Trace {
			res.Trace = append(res.Trace, r.traceStep(in, matched, condWhy))
		}
		if matched {
			res.State, res.Reason, res.Rule, res.Decider = r.info.State, ReasonRule, &r.info, i
			if in.Trace {
				c.traceShadowed(res, i, t, in, &moment, &momentDone)
			}
			return
		}
	}
	res.Decider = len(c.rules)
	if c.defaultState != "" {
		res.State, res.Reason = c.defaultState, ReasonDefault
	} else {
		res.State, res.Reason = c.fallbackState, ReasonFallback
	}
}

// matches tests rule r at t: its kind's test, then its condition (whose
// run-time error is added to res). moment is the civil instant, split on
// first use.
func (c *Compiled) matches(r *compiledRule, t time.Time, in Input, moment *rrule.Moment, momentDone *bool, res *Result) (bool, string) {
	matched := false
	switch r.kind {
	case kindTime:
		if !*momentDone {
			moment.SetIn(t, c.zone)
			*momentDone = true
		}
		matched = r.window.Contains(moment)
	case kindAlways:
		matched = true
	case kindParentState:
		matched = in.HasParent && strings.EqualFold(strings.TrimSpace(in.ParentState), r.customerState)
	}
	if matched && r.cond != nil {
		return c.checkCondition(r, t, in, res)
	}
	return matched, ""
}

// traceShadowed adds to the trace the rules after the decider (rules[i] in
// evaluation order) that match at t as well but lose on priority: the
// "why didn't my close-early rule work" case. Their conditions' run-time
// errors are not the answer's, so they go nowhere.
func (c *Compiled) traceShadowed(res *Result, decider int, t time.Time, in Input, moment *rrule.Moment, momentDone *bool) {
	var scratch Result
	winner := &c.rules[decider].info
	for i := decider + 1; i < len(c.rules); i++ {
		r := &c.rules[i]
		matched, condWhy := c.matches(r, t, in, moment, momentDone, &scratch)
		if !matched {
			continue
		}
		step := r.traceStep(in, true, condWhy)
		step.Shadowed = true
		step.Why = joinWhy(step.Why, "shadowed: "+winner.Path()+" "+describeRule(winner)+" decided first (priority "+strconv.Itoa(winner.Priority)+")")
		res.Trace = append(res.Trace, step)
	}
}

// describeRule names a rule in a trace: its id, else its name, quoted.
func describeRule(r *RuleInfo) string {
	switch {
	case r.ID != "":
		return strconv.Quote(r.ID)
	case r.Name != "":
		return strconv.Quote(r.Name)
	}
	return "(no id)"
}

// checkCondition evaluates the condition of rule r, whose other tests
// matched, and says why it matches or not; a run-time error is added to res.
func (c *Compiled) checkCondition(r *compiledRule, t time.Time, in Input, res *Result) (bool, string) {
	ok, err := r.cond.Eval(condition.Input{Now: t.In(c.zone), Subject: in.Subject, ParentState: in.ParentState})
	switch {
	case err != nil:
		res.Errors = append(res.Errors, r.info.Path()+".condition: "+err.Error())
		return false, "condition failed: " + err.Error()
	case !ok:
		return false, "condition is false"
	}
	return true, "condition is true"
}

// traceStep explains the verdict on rule r: matched is the final one,
// condWhy what checkCondition said ("" when the condition was not looked at,
// because there is none or the rule's other tests failed).
func (r *compiledRule) traceStep(in Input, matched bool, condWhy string) TraceStep {
	before := matched || condWhy != "" // the verdict before the condition
	why := ""
	switch r.kind {
	case kindBroken:
		why = "not used: " + r.brokenWhy
	case kindParentState:
		why = traceParent(in, r.customerState, before)
	case kindTime:
		if before {
			why = "inside one of its time windows"
		} else {
			why = "outside its time windows"
		}
	}
	switch {
	case condWhy != "" && matched:
		why = joinWhy(why, condWhy)
	case condWhy != "":
		why = condWhy
	case matched && why == "":
		why = "always matches"
	}
	return TraceStep{Rule: &r.info, RuleID: r.info.ID, Name: r.info.Name, Index: r.info.Index, Matched: matched, Why: why}
}

func joinWhy(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func traceParent(in Input, want string, matched bool) string {
	switch {
	case !in.HasParent:
		return "no parent state to follow"
	case matched:
		return "parent state is " + in.ParentState
	}
	return "parent state is " + in.ParentState + ", not " + want
}

// NextCandidate returns the earliest instant after t, and no later than
// limit, at which the match of one of the first upTo rules (in evaluation
// order; pass Result.Decider+1, or a larger number for all) could change on
// its own: a time window opening or closing, or the clock unit a condition
// reads turning over. Rules after the deciding one cannot change the answer
// until something before them changes, so they are not looked at. Changes of
// the parent's state are the caller's to add. ok is false when there is
// none before limit.
func (c *Compiled) NextCandidate(t, limit time.Time, upTo int) (time.Time, bool) {
	return c.NextCandidateFor(t, limit, upTo, nil)
}

// NextCandidateFor is NextCandidate that also knows what the conditions
// see (in: the subject; nil: unknown). A rule whose condition is false at t
// and reads nothing finer than a day (or an hour, a minute; or only the
// customer and its data) cannot match before that unit next turns over,
// whatever its windows do meanwhile, so their changes until then are
// skipped: an every-other-second rule limited to Wednesdays, asked on a
// Monday, gives Tuesday's and Wednesday's midnights, not every second in
// between. Conditions that read the parent's state are not skipped over (the
// caller adds the parent's changes, not the condition's value under them).
func (c *Compiled) NextCandidateFor(t, limit time.Time, upTo int, in *Input) (time.Time, bool) {
	if c.forceClosed {
		return time.Time{}, false
	}
	best, found := limit, false
	upTo = min(upTo, len(c.rules))
	var at rrule.Moment // t on the zone's clock, worked out once for every Time rule
	atDone := false
	// Every rule is looked at, in any order, for the earliest candidate; each
	// search stops at the best found so far. The rules next to the deciding
	// one (business hours, lunch) tend to change soonest and the highest
	// priorities (holidays) seldom, so looking from the decider backwards
	// finds a near candidate first and keeps the long searches short.
	for i := upTo - 1; i >= 0; i-- {
		r := &c.rules[i]
		if r.kind == kindBroken {
			continue
		}
		var turn time.Time // when the condition's unit next turns over
		turns := false
		if r.cond != nil {
			turn, turns = nextBoundary(t, c.zone, r.cond.Granularity())
		}
		if r.window != nil {
			if !atDone {
				at.SetIn(t, c.zone)
				atDone = true
			}
			u, ok := r.window.NextChange(&at, best)
			if ok && !u.After(best) && (!turns || u.Before(turn)) && c.conditionStaysFalse(r, t, in) {
				ok = false // the rule cannot match before turn (or ever, when nothing turns)
			}
			if ok && !u.After(best) {
				best, found = u, true
			}
		}
		if turns && !turn.After(best) {
			best, found = turn, true
		}
	}
	return best, found
}

// conditionStaysFalse reports whether rule r's condition is known to be
// false from t until its unit next turns over: it is false at t and reads no
// clock finer than a minute and not the parent's state. A condition that
// fails is not skipped over: its error is part of the answer whenever the
// rule's window holds, so the windows' changes still matter.
func (c *Compiled) conditionStaysFalse(r *compiledRule, t time.Time, in *Input) bool {
	if in == nil || r.cond == nil || r.cond.Granularity() >= condition.Second || r.cond.UsesParentState() {
		return false
	}
	ok, err := r.cond.Eval(condition.Input{Now: t.In(c.zone), Subject: in.Subject})
	return err == nil && !ok
}

// nextBoundary is the first instant after t at which the clock unit g turns
// over on loc's wall clock.
func nextBoundary(t time.Time, loc *time.Location, g condition.Granularity) (time.Time, bool) {
	if g == condition.Second {
		return t.Truncate(time.Second).Add(time.Second), true
	}
	c := rrule.ToCivil(t, loc)
	var next time.Time
	switch g {
	case condition.Minute:
		next = c.Truncate(time.Minute).Add(time.Minute)
	case condition.Hour:
		next = c.Truncate(time.Hour).Add(time.Hour)
	case condition.Day:
		next = time.Date(c.Year(), c.Month(), c.Day()+1, 0, 0, 0, 0, time.UTC)
	case condition.Month:
		next = time.Date(c.Year(), c.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	case condition.Year:
		next = time.Date(c.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		return time.Time{}, false
	}
	u := rrule.FromCivil(next, loc)
	// The clock also jumps at a zone transition (in an autumn overlap the
	// minute goes from 59 back to 00 an hour early).
	if _, end := t.In(loc).ZoneBounds(); !end.IsZero() && end.After(t) && end.Before(u) {
		u = end
	}
	if !u.After(t) {
		u = t.Truncate(time.Second).Add(time.Second)
	}
	return u, true
}
