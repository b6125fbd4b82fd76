package condition_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/voicesched/voicesched/condition"
)

func Example() {
	program, err := condition.Compile(`weekday == "Friday" && hour >= 12 && "vip" in customer.tags`)
	if err != nil {
		fmt.Println(err)
		return
	}
	clinic := condition.NewSubject("c-1", "Acme Dental", "", []string{"vip"}, map[string]any{"plan": "gold"})
	zone := time.FixedZone("EST", -5*60*60)

	for _, now := range []time.Time{
		time.Date(2026, time.November, 27, 14, 5, 0, 0, zone), // a Friday afternoon
		time.Date(2026, time.November, 27, 9, 0, 0, 0, zone),  // the same morning
	} {
		open, err := program.Eval(condition.Input{Now: now, Subject: clinic})
		fmt.Println(now.Format("Mon 15:04"), open, err)
	}
	fmt.Println("re-check every", program.Granularity())
	// Output:
	// Fri 14:05 true <nil>
	// Fri 09:00 false <nil>
	// re-check every hour
}

func ExampleCompile_error() {
	_, err := condition.Compile(`hour >= 9 && weekDay != "Sunday"`)
	var problem *condition.Error
	if errors.As(err, &problem) {
		fmt.Println(problem.Code, problem.Pos)
	}
	fmt.Println(err)
	// Output:
	// unknown-name 13
	// condition: unknown name "weekDay"; known names: now, date, time, year, month, day, hour, minute, second, weekday, dayOfYear, customer.id, customer.name, customer.referenceId, customer.tags, data, parentState (unknown-name at byte 13)
}

func ExampleProgram_Eval_runtimeError() {
	program, _ := condition.Compile(`data.seats > 10`)
	subject := condition.NewSubject("c-2", "No Seats", "", nil, map[string]any{})
	_, err := program.Eval(condition.Input{Subject: subject})
	fmt.Println(err)
	// Output:
	// condition: invalid operation: <nil> > int (runtime at byte 11)
}
