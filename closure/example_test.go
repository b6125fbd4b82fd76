package closure_test

import (
	"fmt"
	"time"

	"github.com/voicesched/voicesched/closure"
)

// Closed from Christmas Eve 14:00 until 08:00 on the 27th: an afternoon,
// two whole days and a morning.
func ExampleSpan() {
	ny, _ := time.LoadLocation("America/New_York")
	rules, err := closure.Span(
		time.Date(2026, 12, 24, 14, 0, 0, 0, ny),
		time.Date(2026, 12, 27, 8, 0, 0, 0, ny),
		ny, closure.Options{Reason: "staff party"})
	if err != nil {
		panic(err)
	}
	for _, r := range rules {
		fmt.Printf("%s %s-%s all-day=%v %s count=%d (%s)\n", r.StartDate, r.StartTime, r.EndTime, r.IsAllDay, r.Frequency, r.Count, r.Source)
	}
	// Output:
	// 2026-12-24 14:00-24:00 all-day=false None count=0 (closure: staff party)
	// 2026-12-25 - all-day=true Daily count=2 (closure: staff party)
	// 2026-12-27 00:00-08:00 all-day=false None count=0 (closure: staff party)
}
