package holidays

import (
	"fmt"
	"time"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// Lint warns, once per holiday set, when the set's dated rules (the
// holidays without a recurrence shape, such as Easter) end within a year of
// now, or have ended: after that, those holidays no longer close. The path
// is the set's last dated rule, relative to the schedule ("rules[7]").
func Lint(c *schedule.Compiled, now time.Time) model.Problems {
	horizon := c.WallClock(now).AddDate(1, 0, 0)
	type lastDated struct {
		index int
		end   time.Time
	}
	last := map[string]lastDated{}
	var order []string
	for i, r := range c.UsedRules() {
		setID, _, _, ok := ParseSource(r.Source)
		if !ok || r.Frequency != model.FrequencyNone {
			continue
		}
		_, end, bounded, ok := c.RuleSpan(i)
		if !ok || !bounded {
			continue
		}
		seen, found := last[setID]
		if !found {
			order = append(order, setID)
		}
		if !found || end.After(seen.end) {
			last[setID] = lastDated{i, end}
		}
	}
	var out model.Problems
	for _, setID := range order {
		l := last[setID]
		if l.end.After(horizon) {
			continue
		}
		out = append(out, model.Problem{
			Path:     fmt.Sprintf("rules[%d]", l.index),
			Code:     model.CodeHolidaysEnding,
			Severity: model.SeverityWarning,
			Message: fmt.Sprintf("the dated holiday rules of set %s (Easter and other moveable days) run out on %s; make them again for the years after (voicesched holidays --country %s --years …)",
				setID, l.end.AddDate(0, 0, -1).Format("2006-01-02"), setID),
		})
	}
	return out
}
