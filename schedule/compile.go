package schedule

import (
	"fmt"
	"github.com/voicesched/voicesched/model"
	"slices"
	"strings"
	"time"

	"github.com/voicesched/voicesched/condition"
	"github.com/voicesched/voicesched/rrule"
	"github.com/voicesched/voicesched/tz"
)

// Limits a schedule must keep (docs/semantics.md#write-limits). Package rrule enforces the
// per-rule ones (BY-list length, interval).
const (
	MaxRules = 500
	// MaxScheduleByValues is the most BY-list values (all lists of all
	// rules together) a schedule may hold.
	MaxScheduleByValues = 20000
	// MaxScheduleConditionBytes is the most condition text a schedule may
	// hold in all.
	MaxScheduleConditionBytes = 64 << 10
)

// Default state names of an Env.
const (
	DefaultClosedState   = "Closed"
	DefaultFallbackState = "Open"
)

// Env is what a schedule is compiled against: what it inherits from its
// place in the customer tree, and the engine's state names.
type Env struct {
	// Zone and ZoneID are used when the schedule's own timeZoneId is empty
	// or cannot be resolved: the nearest ancestor's zone, else the engine
	// default. A nil Zone means UTC.
	Zone   *time.Location
	ZoneID string
	// HasParent is false for a root customer or a lone schedule: inherit is
	// then ignored and CustomerState rules never match (both warned).
	HasParent bool
	// ClosedState is the state of a forceClosed schedule ("Closed" when empty).
	ClosedState string
	// FallbackState is the state when no rule matches and defaultState is
	// empty ("Open" when empty).
	FallbackState string
}

// RuleInfo describes one rule of a compiled schedule; answers point at it.
// It points at the rule as given (its ID, Name, State, Priority,
// SimpleRuleType, FlowID, FlowParams and Source read through), so it is
// small and shares the schedule's strings. It is immutable and shared: do
// not modify it, the rule or its FlowParams.
type RuleInfo struct {
	*model.SchedulingRule
	Index int // position in the schedule's rules list
}

// Path is the rule's JSON path in its schedule, e.g. "rules[2]".
func (r *RuleInfo) Path() string { return fmt.Sprintf("rules[%d]", r.Index) }

// ruleKind is how a rule is tested, decided once when it is compiled.
type ruleKind uint8

const (
	kindBroken      ruleKind = iota // a compile error: never matches
	kindAlways                      // Always
	kindParentState                 // CustomerState: the parent's state
	kindTime                        // Time: the windows
)

type compiledRule struct {
	info          RuleInfo // answers point at it: c.rules is never moved after sorting
	kind          ruleKind
	brokenWhy     string // the first compile error (kind is kindBroken), for traces
	customerState string // trimmed, for CustomerState rules
	window        *rrule.Rule
	cond          *condition.Program
}

// Compiled is a schedule compiled once: zone resolved, rules checked and
// ordered by priority, recurrences and conditions compiled. It is immutable
// and safe for concurrent use.
type Compiled struct {
	source        *model.Schedule
	env           Env // what it was compiled against
	zone          *time.Location
	zoneID        string
	inherit       bool
	forceClosed   bool
	defaultState  string
	closedState   string
	fallbackState string
	rules         []compiledRule // in evaluation order
	problems      model.Problems
	usesParent    bool
	weight        int // what one look at every rule costs, in rule looks
}

// Compile checks and compiles s against env. It never fails as a whole: a
// rule with an error is kept but never matches, and every problem found is
// listed by Problems with its path relative to the schedule ("rules[2].byDay[0]").
// A nil s compiles to a schedule with no rules that inherits (a node with no
// schedule at all inherits, docs/semantics.md#evaluation).
func Compile(s *model.Schedule, env Env) *Compiled {
	c := compile(s, env)
	if s != nil {
		c.lint(s)
	}
	return c
}

// compile is Compile without the lint checks (lint.go), which need the
// rules compiled and ordered.
func compile(s *model.Schedule, env Env) *Compiled {
	c := &Compiled{
		source:        s,
		env:           env,
		closedState:   orDefault(env.ClosedState, DefaultClosedState),
		fallbackState: orDefault(env.FallbackState, DefaultFallbackState),
	}
	c.zone, c.zoneID = env.Zone, env.ZoneID
	if c.zone == nil {
		c.zone, c.zoneID = time.UTC, "UTC"
	}
	if s == nil {
		c.inherit = env.HasParent
		return c
	}
	c.inherit, c.forceClosed, c.defaultState = s.Inherit, s.ForceClosed, s.DefaultState
	if id := strings.TrimSpace(s.TimeZoneID); id != "" {
		loc, err := tz.Load(id)
		if err != nil {
			c.addf("timeZoneId", model.CodeUnknownZone, model.SeverityError, "%v; the zone of %s is used instead", err, c.zoneID)
		} else {
			c.zone, c.zoneID = loc, c.checkZoneSpelling(id)
		}
	}
	if s.Inherit && !env.HasParent {
		c.addf("inherit", model.CodeInheritOnRoot, model.SeverityWarning, "inherit is set but there is no parent to inherit from; this schedule's own rules are used")
		c.inherit = false
	}
	if len(s.Rules) > MaxRules {
		c.addf("rules", model.CodeTooManyRules, model.SeverityError, "a schedule may have at most %d rules, this one has %d; only the first %d are used", MaxRules, len(s.Rules), MaxRules)
	}
	n := min(len(s.Rules), MaxRules)
	// The work of compiling is bounded per schedule, not only per rule: the
	// rules that fit in MaxScheduleByValues BY-values and
	// MaxScheduleConditionBytes of condition text are used, the rest are not.
	byValues, conditionBytes := 0, 0
	for i := 0; i < n; i++ {
		// A list or condition over its own limit is refused on its own and
		// costs nothing more, so it counts only up to that limit here.
		r := &s.Rules[i]
		for _, l := range []int{len(r.BySetPosition), len(r.ByMonth), len(r.ByWeekNo), len(r.ByYearDay),
			len(r.ByMonthDay), len(r.ByDay), len(r.ByHour), len(r.ByMinute)} {
			byValues += min(l, rrule.MaxListLength)
		}
		conditionBytes += min(len(r.Condition), condition.MaxLength)
		if byValues > MaxScheduleByValues || conditionBytes > MaxScheduleConditionBytes {
			c.addf("rules", model.CodeScheduleTooLarge, model.SeverityError,
				"the rules hold more than %d BY-values or %d bytes of conditions in all; only the first %d rules are used",
				MaxScheduleByValues, MaxScheduleConditionBytes, i)
			n = i
			break
		}
	}
	c.rules = make([]compiledRule, n)
	for i := 0; i < n; i++ {
		c.rules[i] = c.compileRule(i, &s.Rules[i], env)
		if c.rules[i].info.SimpleRuleType == model.RuleCustomerState || (c.rules[i].cond != nil && c.rules[i].cond.UsesParentState()) {
			c.usesParent = true
		}
	}
	c.weight = 1
	for i := range c.rules {
		// A condition costs about one plain rule look per ten nodes.
		c.weight++
		if c.rules[i].cond != nil {
			c.weight += c.rules[i].cond.Nodes() / 10
		}
	}
	// Ascending priority; equal priorities keep list order.
	slices.SortStableFunc(c.rules, func(a, b compiledRule) int {
		switch {
		case a.info.Priority < b.info.Priority:
			return -1
		case a.info.Priority > b.info.Priority:
			return 1
		}
		return 0
	})
	return c
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Problem reports are capped: an admin needs the first few to fix a
// schedule, and a hostile one could otherwise turn 10 MB of input into a
// gigabyte of messages.
const (
	maxProblemsPerRule = 20
	maxProblems        = 200
)

func (c *Compiled) addf(path, code string, sev model.Severity, format string, args ...any) {
	switch {
	case len(c.problems) > maxProblems:
		if sev == model.SeverityError { // a dropped error makes the summary one
			c.problems[maxProblems].Severity = model.SeverityError
		}
		return
	case len(c.problems) == maxProblems:
		// Only as severe as what it stands for: warnings alone must not
		// stop a schedule from being stored.
		summary := model.SeverityWarning
		if sev == model.SeverityError || c.problems.HasErrors() {
			summary = model.SeverityError
		}
		c.problems = append(c.problems, model.Problem{Path: "rules", Code: model.CodeTooManyProblems, Severity: summary,
			Message: fmt.Sprintf("more than %d problems; fix these and validate again", maxProblems)})
		return
	}
	c.problems = append(c.problems, model.Problem{Path: path, Code: code, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (c *Compiled) compileRule(i int, r *model.SchedulingRule, env Env) compiledRule {
	out := compiledRule{info: RuleInfo{SchedulingRule: r, Index: i}}
	broken := false // a compile error: the rule never matches
	info := &out.info
	base := info.Path()
	fail := func(field, code, format string, args ...any) {
		path := base
		if field != "" {
			path += "." + field
		}
		// The rule is marked here, not from the problem list, which is capped.
		if !broken {
			broken, out.brokenWhy = true, fmt.Sprintf(format, args...)
		}
		c.addf(path, code, model.SeverityError, format, args...)
	}
	warn := func(field, code, format string, args ...any) {
		c.addf(base+"."+field, code, model.SeverityWarning, format, args...)
	}
	if strings.TrimSpace(r.State) == "" {
		fail("state", model.CodeEmptyState, "the rule has no state to switch to")
	}
	checkIgnoredCustomerState(r, warn)
	switch r.SimpleRuleType {
	case model.RuleAlways:
		c.checkIgnoredMembers(base, r, fail, warn)
	case model.RuleCustomerState:
		c.checkIgnoredMembers(base, r, fail, warn)
		out.customerState = strings.TrimSpace(r.CustomerState)
		if out.customerState == "" {
			fail("customerState", model.CodeEmptyCustomerState, "a CustomerState rule needs the parent state it follows")
		}
		if !env.HasParent {
			warn("simpleRuleType", model.CodeNoParentState, "this CustomerState rule never matches: the customer has no parent")
		}
	case model.RuleTime:
		out.window = c.compileWindow(base, r, fail, warn)
	default:
		fail("simpleRuleType", model.CodeEnumOutOfRange, "simpleRuleType %d is not one of Always, CustomerState, Time", int(r.SimpleRuleType))
	}
	if strings.TrimSpace(r.Condition) != "" {
		prog, err := condition.Compile(r.Condition)
		if err != nil {
			fail("condition", model.CodeBadCondition, "the condition does not compile: %v", err)
		} else {
			out.cond = prog
		}
	}
	if r.SimpleRuleType == model.RuleTime && out.window == nil {
		broken = true // defensive: a Time rule without windows never matches
	}
	switch {
	case broken:
		out.kind = kindBroken
	case r.SimpleRuleType == model.RuleAlways:
		out.kind = kindAlways
	case r.SimpleRuleType == model.RuleCustomerState:
		out.kind = kindParentState
	default:
		out.kind = kindTime
	}
	return out
}

// compileWindow turns the recurrence fields of a Time rule into an
// rrule.Rule on the civil clock of the schedule's zone (docs/semantics.md#windows).
func (c *Compiled) compileWindow(base string, r *model.SchedulingRule, fail, warn func(field, code, format string, args ...any)) *rrule.Rule {
	ok := true
	spec := rrule.Spec{
		Frequency:     rrule.Frequency(r.Frequency),
		Interval:      r.Interval,
		Count:         r.Count,
		BySetPosition: r.BySetPosition,
		ByMonth:       r.ByMonth,
		ByWeekNo:      r.ByWeekNo,
		ByYearDay:     r.ByYearDay,
		ByMonthDay:    r.ByMonthDay,
		ByHour:        r.ByHour,
		ByMinute:      r.ByMinute,
	}
	if !r.Frequency.Valid() {
		fail("frequency", model.CodeEnumOutOfRange, "frequency %d is not one of None, Secondly, Minutely, Hourly, Daily, Weekly, Monthly, Yearly", int(r.Frequency))
		ok = false
	}
	for j, d := range r.ByDay {
		if !d.DayOfWeek.Valid() {
			fail(fmt.Sprintf("byDay[%d].dayOfWeek", j), model.CodeEnumOutOfRange, "dayOfWeek %d is not a day of the week (Sunday = 0 … Saturday = 6)", int(d.DayOfWeek))
			ok = false
			continue
		}
		spec.ByDay = append(spec.ByDay, rrule.Day{Weekday: time.Weekday(d.DayOfWeek), N: d.Ordinal()})
	}

	// DTSTART: startDate at startTime.
	startDay := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	if strings.TrimSpace(r.StartDate) != "" {
		d, err := ParseDate("startDate", r.StartDate, c.zone)
		if err != nil {
			fail("startDate", model.CodeBadDate, "%v", err)
			ok = false
		} else {
			startDay = d
		}
	} else if r.Frequency != model.FrequencyNone && (r.Interval > 1 || r.Count > 0) {
		warn("startDate", model.CodeEmptyStartDate, "startDate is empty, so the recurrence starts on 1970-01-01; with interval or count set that decides which days match")
	}
	startSec, endSec := 0, 86400
	if r.IsAllDay {
		if r.StartTime != "" || r.EndTime != "" {
			warn("isAllDay", model.CodeIgnoredField, "an all-day rule ignores startTime and endTime")
		}
		if len(r.ByHour) > 0 || len(r.ByMinute) > 0 {
			warn("isAllDay", model.CodeIgnoredField, "an all-day rule ignores byHour and byMinute")
		}
		spec.ByHour, spec.ByMinute = nil, nil
		switch r.Frequency {
		case model.FrequencyHourly, model.FrequencyMinutely, model.FrequencySecondly:
			fail("isAllDay", model.CodeAllDayTooFine, "an all-day rule cannot repeat %s; use Daily or coarser", strings.ToLower(r.Frequency.String()))
			ok = false
		}
	} else {
		if strings.TrimSpace(r.StartTime) != "" {
			s, err := ParseClock("startTime", r.StartTime, false)
			if err != nil {
				fail("startTime", model.CodeBadTime, "%v", err)
				ok = false
			}
			startSec = s
		}
		if strings.TrimSpace(r.EndTime) != "" {
			e, err := ParseClock("endTime", r.EndTime, true)
			if err != nil {
				fail("endTime", model.CodeBadTime, "%v", err)
				ok = false
			}
			endSec = e
		}
	}
	spec.Start = startDay.Add(time.Duration(startSec) * time.Second)
	length := endSec - startSec
	if length <= 0 { // an end at or before the start crosses midnight
		length += 86400
	}
	spec.Length = time.Duration(length) * time.Second

	if strings.TrimSpace(r.UntilDate) != "" {
		bound, dateOnly, err := ParseUntil("untilDate", r.UntilDate, c.zone)
		switch {
		case err != nil:
			fail("untilDate", model.CodeBadDate, "%v", err)
			ok = false
		default:
			spec.Until = bound
			// With frequency None untilDate is ignored (warned below), so
			// its time of day cuts nothing off.
			if r.Frequency != model.FrequencyNone && !dateOnly && bound.Hour() == 0 && bound.Minute() == 0 && bound.Second() == 0 &&
				(startSec > 0 || len(spec.ByHour)+len(spec.ByMinute) > 0 || r.Frequency == model.FrequencyHourly || r.Frequency == model.FrequencyMinutely || r.Frequency == model.FrequencySecondly) {
				warn("untilDate", model.CodeUntilAtMidnight, "untilDate is exactly midnight, so an occurrence later that day is cut off; send the date alone to include the whole day")
			}
			if r.Frequency != model.FrequencyNone && bound.Before(spec.Start) {
				warn("untilDate", model.CodeUntilBeforeStart, "this rule never matches: untilDate is before its start; move untilDate after startDate, or delete the rule")
			}
		}
	}
	if r.Frequency == model.FrequencyNone {
		if r.Count != 0 || r.UntilDate != "" || r.Interval > 1 || hasBy(r) {
			warn("frequency", model.CodeIgnoredField, "with frequency None the rule happens once, at the start; count, untilDate, interval and the by-lists are ignored")
		}
	} else if r.Count > 0 && r.UntilDate != "" {
		warn("count", model.CodeCountAndUntil, "both count and untilDate are set; the rule ends at whichever comes first")
	}
	if !r.Frequency.Valid() {
		return nil
	}
	// The recurrence is checked even when a date or time above failed, so
	// that every problem of the rule is reported at once.
	rule, err := rrule.Compile(spec)
	if err != nil {
		if rerr, isRule := err.(*rrule.Error); isRule {
			for k, p := range rerr.Problems {
				if k == maxProblemsPerRule {
					fail("", model.CodeTooManyProblems, "and %d more problems in this rule's recurrence", len(rerr.Problems)-k)
					break
				}
				field := p.Field
				if p.Index >= 0 {
					field = fmt.Sprintf("%s[%d]", field, p.Index)
					if p.Field == "byDay" {
						field += ".offset"
					}
				}
				fail(field, p.Code, "%s", p.Message)
			}
		} else {
			fail("", model.CodeBadRecurrence, "%v", err)
		}
		return nil
	}
	if !ok {
		return nil
	}
	return rule
}

func hasBy(r *model.SchedulingRule) bool {
	return len(r.BySetPosition)+len(r.ByMonth)+len(r.ByWeekNo)+len(r.ByYearDay)+
		len(r.ByMonthDay)+len(r.ByDay)+len(r.ByHour)+len(r.ByMinute) > 0
}

// Problems returns every problem found while compiling, paths relative to
// the schedule. The slice is shared: do not modify it.
func (c *Compiled) Problems() model.Problems { return c.problems }

// Zone returns the zone the schedule is evaluated in and its id.
func (c *Compiled) Zone() (*time.Location, string) { return c.zone, c.zoneID }

// Inherits reports whether answers come from the parent (inherit on a node
// with a parent, or no schedule at all).
func (c *Compiled) Inherits() bool { return c.inherit }

// DependsOnParent reports whether a rule reads the parent's state (a
// CustomerState rule, or a condition using parentState).
func (c *Compiled) DependsOnParent() bool { return c.usesParent }

// Env returns the environment c was compiled against (a node whose
// environment changes needs its schedule compiled again).
func (c *Compiled) Env() Env { return c.env }

// Source returns the schedule this was compiled from (nil for none).
func (c *Compiled) Source() *model.Schedule { return c.source }

// Rules returns the rules in evaluation order.
func (c *Compiled) Rules() []*RuleInfo {
	out := make([]*RuleInfo, len(c.rules))
	for i := range c.rules {
		out[i] = &c.rules[i].info
	}
	return out
}

// Window returns the compiled recurrence of the rule at position index of
// the schedule's rules list, or nil when that rule is not a Time rule or did
// not compile. Exporters read its rrule-go form (rrule.Rule.Set, String);
// the rule is immutable and shared.
func (c *Compiled) Window(index int) *rrule.Rule {
	for i := range c.rules {
		if c.rules[i].info.Index == index {
			if c.rules[i].kind != kindTime {
				return nil
			}
			return c.rules[i].window
		}
	}
	return nil
}

// ForceClosed reports whether the schedule is forced closed.
func (c *Compiled) ForceClosed() bool { return c.forceClosed }

// Validate returns every problem of s (docs/semantics.md#validation) at once, errors and
// warnings, with paths relative to the schedule. It is Compile without
// keeping the result.
func Validate(s *model.Schedule, env Env) model.Problems {
	return Compile(s, env).Problems()
}

// NumRules returns the number of rules compiled (at most MaxRules).
func (c *Compiled) NumRules() int { return len(c.rules) }

// SearchWeight estimates what looking at every rule once costs, in plain
// rule looks (a condition counts one look per ten of its nodes); the
// engine's search budget is counted in these.
func (c *Compiled) SearchWeight() int { return c.weight }
