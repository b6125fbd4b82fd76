package closure

import (
	"fmt"
	"time"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

// Lint warns about the closure rules (source "closure…") of a compiled
// schedule that have ended by now: they will never close anything again and
// only lengthen the list an admin reads. The rules of one closure (adjacent
// rules with the same source, as Span makes them) are judged together: none
// is reported while a later part is still to come. Paths are relative to
// the schedule ("rules[3]").
func Lint(c *schedule.Compiled, now time.Time) model.Problems {
	rules, today := c.UsedRules(), c.WallClock(now)
	var out model.Problems
	for i := 0; i < len(rules); {
		source := rules[i].Source
		if _, ok := ParseSource(source); !ok {
			i++
			continue
		}
		// The run of adjacent rules of this closure, and when it ends.
		j, ended := i, true
		var last time.Time
		for ; j < len(rules) && rules[j].Source == source; j++ {
			_, end, bounded, ok := c.RuleSpan(j)
			if !ok || !bounded || end.After(today) {
				ended = false
			} else if end.After(last) {
				last = end
			}
		}
		if ended {
			for k := i; k < j; k++ {
				out = append(out, model.Problem{
					Path:     fmt.Sprintf("rules[%d]", k),
					Code:     model.CodeClosureEnded,
					Severity: model.SeverityWarning,
					Message:  fmt.Sprintf("the closure %q ended on %s; it will not close anything again, so remove it", rules[k].Name, last.Format("2006-01-02 15:04")),
				})
			}
		}
		i = j
	}
	return out
}
