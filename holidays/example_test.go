package holidays_test

import (
	"fmt"

	"github.com/voicesched/voicesched/holidays"
)

// Thanksgiving is one rule for every year; Good Friday one dated rule a year.
func ExampleSet_Rules() {
	us, _ := holidays.Find("US", "")
	rules, _ := us.Rules(holidays.Options{FromYear: 2026, ToYear: 2027, Only: []string{"thanksgiving-day"}})
	for _, r := range rules {
		fmt.Println(r.Name, r.Frequency, r.ByMonth, r.ByDay[0].Offset, r.ByDay[0].DayOfWeek)
	}
	england, _ := holidays.Find("GB", "ENG")
	rules, _ = england.Rules(holidays.Options{FromYear: 2026, ToYear: 2027, Only: []string{"good-friday"}})
	for _, r := range rules {
		fmt.Println(r.Name, r.Frequency, r.StartDate)
	}
	// Output:
	// Thanksgiving Day Yearly [11] 4 Thursday
	// Good Friday None 2026-04-03
	// Good Friday None 2027-03-26
}
