package voicesched_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/voicesched/voicesched"
)

// A clinic in New York: business hours on weekdays, lunch, Thanksgiving.
const clinicJSON = `{
  "customers": [{
    "id": "clinic", "name": "Maple Street Clinic",
    "schedule": {
      "timeZoneId": "Eastern Standard Time",
      "defaultState": "After Hours",
      "rules": [
        {"id": "thanksgiving", "name": "Thanksgiving", "priority": 0, "state": "Holiday",
         "simpleRuleType": "Time", "frequency": "Yearly", "isAllDay": true, "startDate": "2020-01-01",
         "byMonth": [11], "byDay": [{"offset": 4, "dayOfWeek": "Thursday"}]},
        {"id": "lunch", "priority": 5, "state": "Lunch", "simpleRuleType": "Time", "frequency": "Weekly",
         "startDate": "2024-01-01", "startTime": "12:00", "endTime": "13:00",
         "byDay": [{"dayOfWeek": "Monday"}, {"dayOfWeek": "Tuesday"}, {"dayOfWeek": "Wednesday"},
                   {"dayOfWeek": "Thursday"}, {"dayOfWeek": "Friday"}]},
        {"id": "hours", "priority": 10, "state": "Business Hours", "simpleRuleType": "Time", "frequency": "Weekly",
         "startDate": "2024-01-01", "startTime": "08:00", "endTime": "17:00", "flowId": "front-desk",
         "byDay": [{"dayOfWeek": "Monday"}, {"dayOfWeek": "Tuesday"}, {"dayOfWeek": "Wednesday"},
                   {"dayOfWeek": "Thursday"}, {"dayOfWeek": "Friday"}]}
      ]
    }
  }, {
    "id": "billing", "name": "Billing Office", "parentCustomerId": "clinic",
    "schedule": {"inherit": true}
  }]
}`

func Example() {
	var tree voicesched.Tree
	if err := json.Unmarshal([]byte(clinicJSON), &tree); err != nil {
		panic(err)
	}
	engine := voicesched.New()
	if err := engine.Load(tree); err != nil {
		panic(err)
	}
	snap := engine.Snapshot() // one consistent version; safe from any goroutine

	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) // 05:00 in New York
	for _, at := range []time.Time{at, at.Add(5 * time.Hour), at.Add(7*time.Hour + 30*time.Minute), at.Add(24 * time.Hour)} {
		a, _ := snap.Evaluate("billing", at)
		fmt.Printf("%s  %-14s %s", at.In(time.UTC).Format("Mon 15:04Z"), a.StateName, a.Reason)
		if a.Rule != nil {
			fmt.Printf(" (rule %s of %s)", a.Rule.ID, a.NodeID)
		}
		fmt.Println()
	}
	next, ok, _ := snap.NextChange("clinic", at.Add(5*time.Hour))
	fmt.Println(ok, next.At.UTC().Format(time.RFC3339), next.State)
	// Output:
	// Wed 10:00Z  After Hours    inherited
	// Wed 15:00Z  Business Hours inherited (rule hours of clinic)
	// Wed 17:30Z  Lunch          inherited (rule lunch of clinic)
	// Thu 10:00Z  Holiday        inherited (rule thanksgiving of clinic)
	// true 2026-11-25T17:00:00Z Lunch
}

func ExampleEngine_Patch() {
	var tree voicesched.Tree
	_ = json.Unmarshal([]byte(clinicJSON), &tree)
	engine := voicesched.New(voicesched.WithClock(func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }))
	_ = engine.Load(tree)

	var patch voicesched.PatchCustomer
	_ = json.Unmarshal([]byte(`{"customerId": "clinic", "name": "Maple Clinic", "schedule": {"rules": [
		{"id": "x", "state": "", "simpleRuleType": "Always"}]}}`), &patch)
	_, err := engine.Patch(patch, "admin@example.com", nil)
	fmt.Println(err)
	fmt.Println(engine.Snapshot().Customer("clinic").Name) // unchanged: all or nothing

	var rename voicesched.PatchCustomer
	_ = json.Unmarshal([]byte(`{"customerId": "clinic", "name": "Maple Clinic"}`), &rename)
	c, err := engine.Patch(rename, "admin@example.com", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Name, c.DateLastModified, c.LastModifiedBy)
	// Output:
	// patch customer "clinic": error: schedule.rules[0].state: the rule has no state to switch to (empty-state)
	// Maple Street Clinic
	// Maple Clinic 2026-11-30T09:00:00Z admin@example.com
}
