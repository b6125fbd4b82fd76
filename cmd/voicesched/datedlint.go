package main

import (
	"fmt"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/holidays"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

// datedRuleProblems adds to validate the checks that need the present:
// closures that have ended and holiday sets whose dated rules run out
// (closure.Lint, holidays.Lint), for a schedule, a customer or a tree that
// has no errors. Each schedule is read in its own zone (a tree's customers
// and endpoints in the zone they cascade to).
func datedRuleProblems(doc voicesched.Document, now time.Time) model.Problems {
	if doc.Problems.HasErrors() {
		return nil
	}
	switch record := doc.Record.(type) {
	case *voicesched.Schedule:
		return lintDated(record, "", now)
	case *voicesched.CustomerInfo:
		if record.Schedule == nil {
			return nil
		}
		return lintDated(record.Schedule, "", now).WithPrefix("schedule")
	case *voicesched.Tree:
		tree := *record
		engine := voicesched.New()
		if engine.Load(tree) != nil {
			return nil
		}
		snap := engine.Snapshot()
		var out model.Problems
		lintNode := func(path, id string, s *voicesched.Schedule) {
			if s == nil {
				return
			}
			zoneID := ""
			if eff, err := snap.EffectiveSchedule(id); err == nil && eff.NodeID == id {
				zoneID = eff.TimeZoneID
			}
			out = append(out, lintDated(s, zoneID, now).WithPrefix(path+".schedule")...)
		}
		for i, c := range tree.Customers {
			if c != nil {
				lintNode(fmt.Sprintf("customers[%d]", i), c.ID, c.Schedule)
			}
		}
		for i, e := range tree.Endpoints {
			if e != nil {
				lintNode(fmt.Sprintf("endpoints[%d]", i), e.ID, e.Schedule)
			}
		}
		return out
	}
	return nil
}

// lintDated compiles s (in zoneID when s names none) and runs the lints.
func lintDated(s *voicesched.Schedule, zoneID string, now time.Time) model.Problems {
	env := schedule.Env{}
	if zoneID != "" {
		if loc, err := tz.Load(zoneID); err == nil {
			env.Zone, env.ZoneID = loc, zoneID
		}
	}
	c := schedule.Compile(s, env)
	return append(closure.Lint(c, now), holidays.Lint(c, now)...)
}
