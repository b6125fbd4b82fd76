package schedule

import (
	"time"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/rrule"
)

// RuleSpan returns, for the rule at position index of the schedule's rules
// list, the civil start of its first window and the civil end of its last
// one (on the schedule's wall clock, held in UTC). bounded is false when the
// rule never ends (end is then zero); ok is false when the rule is not a Time
// rule that compiled, or opens no window at all. Lint checks that need the
// present (a closure that has ended) use it.
func (c *Compiled) RuleSpan(index int) (first, end time.Time, bounded, ok bool) {
	for i := range c.rules {
		r := &c.rules[i]
		if r.info.Index != index {
			continue
		}
		if r.kind != kindTime || r.window == nil {
			return time.Time{}, time.Time{}, false, false
		}
		first, last, bounded, ok := r.window.Span()
		if !ok || !bounded {
			return first, time.Time{}, false, ok
		}
		// Every window has the same length, so the last one closes last.
		return first, last.Add(r.window.Length()), true, true
	}
	return time.Time{}, time.Time{}, false, false
}

// WallClock returns now on the schedule's wall clock, held in UTC as
// RuleSpan's instants are, so that the two compare: the present of the lint
// checks that need it (closure.Lint, holidays.Lint).
func (c *Compiled) WallClock(now time.Time) time.Time { return rrule.ToCivil(now, c.zone) }

// UsedRules returns the schedule's rules that Compile used, in list order
// (positions are RuleSpan's index); the rules past the limits (MaxRules,
// MaxScheduleByValues, …) are left out, as they never match. It is nil
// for a nil schedule. The rules are the source's: do not modify them.
func (c *Compiled) UsedRules() []model.SchedulingRule {
	if c.source == nil {
		return nil
	}
	return c.source.Rules[:len(c.rules)]
}
