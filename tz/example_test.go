package tz_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/voicesched/voicesched/tz"
)

func ExampleLoad() {
	// A .NET server sends Windows ids; browsers and Linux send IANA names.
	for _, id := range []string{"Eastern Standard Time", "America/New_York", "US/Eastern"} {
		loc, err := tz.Load(id)
		if err != nil {
			fmt.Println(err)
			continue
		}
		noon := time.Date(2025, time.July, 4, 16, 0, 0, 0, time.UTC).In(loc)
		fmt.Printf("%-22s → %-16s %s\n", id, loc, noon.Format("15:04 MST"))
	}
	// Output:
	// Eastern Standard Time  → America/New_York 12:00 EDT
	// America/New_York       → America/New_York 12:00 EDT
	// US/Eastern             → US/Eastern       12:00 EDT
}

func ExampleLoad_unknown() {
	_, err := tz.Load("America/New_Yrok")
	fmt.Println(err)
	var unknown *tz.UnknownZoneError
	if errors.As(err, &unknown) {
		fmt.Println(unknown.Suggestions[0])
	}
	// Output:
	// unknown time zone "America/New_Yrok"; did you mean "America/New_York", "America/Dawson" or "America/Denver"?
	// America/New_York
}

func ExampleWindowsToIANA() {
	iana, ok := tz.WindowsToIANA("india standard time")
	fmt.Println(iana, ok)
	// Output: Asia/Calcutta true
}
