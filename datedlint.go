package voicesched

import (
	"time"

	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/holidays"
	"github.com/voicesched/voicesched/schedule"
)

// datedProblems returns the warnings about a compiled schedule that depend
// on the present (docs/semantics.md#lint-codes): closures that have ended
// (closure.Lint) and holiday sets whose dated rules run out within a year
// (holidays.Lint), read in the schedule's zone at now, the engine's clock
// (WithClock). They are not part of a stored schedule's problems, which
// would go stale as time passes: validation adds them, and so does a patch
// for the schedule it stores. Paths are relative to the schedule.
func datedProblems(c *schedule.Compiled, now time.Time) Problems {
	if c.Source() == nil {
		return nil
	}
	return append(closure.Lint(c, now), holidays.Lint(c, now)...)
}
