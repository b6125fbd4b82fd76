package voicesched_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/voicesched/voicesched"
)

func clinicSnapshot() *voicesched.Snapshot {
	var tree voicesched.Tree
	if err := json.Unmarshal([]byte(clinicJSON), &tree); err != nil {
		panic(err)
	}
	engine := voicesched.New()
	if err := engine.Load(tree); err != nil {
		panic(err)
	}
	return engine.Snapshot()
}

// A support agent knows the clinic's name, not its id; a typo gets the
// nodes it may have meant.
func ExampleSnapshot_Find() {
	snap := clinicSnapshot()
	id, _ := snap.Find("Maple Street Clinic")
	fmt.Println(id)
	_, err := snap.Find("Biling Office")
	fmt.Println(err)
	// Output:
	// clinic
	// no customer or endpoint has the id, name or referenceId "Biling Office" (did you mean billing "Billing Office"?)
}

// Every node's state at once, in tree order, on Thanksgiving morning.
func ExampleSnapshot_Status() {
	snap := clinicSnapshot()
	nodes, _ := snap.Status("", time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC))
	for _, n := range nodes {
		fmt.Printf("%s%s: %s (%s by %s)\n", strings.Repeat("  ", n.Depth), n.ID, n.Answer.StateName, n.Answer.Reason, n.Answer.NodeID)
	}
	// Output:
	// clinic: Holiday (rule by clinic)
	//   billing: Holiday (inherited by clinic)
}

// The day before Thanksgiving around lunch: Decisions says which rule holds each
// span, so lunch and the hours around it are told apart.
func ExampleSnapshot_Decisions() {
	snap := clinicSnapshot()
	ny, _ := time.LoadLocation("America/New_York")
	from := time.Date(2026, 11, 25, 11, 0, 0, 0, ny)
	decisions, _ := snap.Decisions("billing", from, from.Add(3*time.Hour))
	for _, d := range decisions {
		fmt.Printf("%s-%s %s (rule %s)\n", d.From.In(ny).Format("15:04"), d.To.In(ny).Format("15:04"), d.State, d.Rule.ID)
	}
	// Output:
	// 11:00-12:00 Business Hours (rule hours)
	// 12:00-13:00 Lunch (rule lunch)
	// 13:00-14:00 Business Hours (rule hours)
}
