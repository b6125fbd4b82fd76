package rrule_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/voicesched/voicesched/rrule"
)

// Business hours: Monday to Friday, 09:00–17:00 on the office clock, every week since 2020.
func ExampleCompile() {
	rule, err := rrule.Compile(rrule.Spec{
		Frequency: rrule.Weekly,
		Start:     time.Date(2020, 1, 6, 9, 0, 0, 0, time.UTC), // civil: 09:00 wall clock
		Length:    8 * time.Hour,
		ByDay: []rrule.Day{
			{Weekday: time.Monday}, {Weekday: time.Tuesday}, {Weekday: time.Wednesday},
			{Weekday: time.Thursday}, {Weekday: time.Friday},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rule) // the RFC 5545 text, for export
	// A civil time is held in UTC and read on UTC's clock.
	friday := time.Date(2026, 12, 4, 16, 30, 0, 0, time.UTC)
	var at rrule.Moment
	at.SetIn(friday, time.UTC)
	fmt.Println(rule.Contains(&at))
	next, _ := rule.NextChange(&at, friday.AddDate(0, 0, 7))
	fmt.Println(next.UTC())
	// Output:
	// DTSTART:20200106T090000Z
	// RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
	// true
	// 2026-12-04 17:00:00 +0000 UTC
}

// On the day New York springs forward, 09:00 is still 09:00 on the office clock.
func ExampleRule_NextChange() {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	rule, err := rrule.Compile(rrule.Spec{
		Frequency: rrule.Daily,
		Start:     time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC),
		Length:    8 * time.Hour,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	before := time.Date(2024, 3, 10, 6, 0, 0, 0, time.UTC) // 01:00 EST
	// A Moment is filled in place; one serves every rule asked about an instant.
	var at rrule.Moment
	at.SetIn(before, newYork)
	fmt.Println(rule.Contains(&at))
	opens, _ := rule.NextChange(&at, before.Add(48*time.Hour))
	fmt.Println(opens.In(newYork))
	at.SetIn(opens, newYork)
	closes, _ := rule.NextChange(&at, opens.Add(48*time.Hour))
	fmt.Println(closes.In(newYork))
	// Output:
	// false
	// 2024-03-10 09:00:00 -0400 EDT
	// 2024-03-10 17:00:00 -0400 EDT
}

// BY-values that exclude each other are reported, with the field to fix.
func ExampleError() {
	_, err := rrule.Compile(rrule.Spec{
		Frequency:  rrule.Yearly,
		Start:      time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Length:     24 * time.Hour,
		ByMonth:    []int{2},
		ByMonthDay: []int{30},
	})
	var problems *rrule.Error
	if errors.As(err, &problems) {
		for _, p := range problems.Problems {
			fmt.Println(p.Field, p.Code)
		}
	}
	// Output:
	// byMonthDay empty-set
}

// Convert between instants and civil times of a zone.
func ExampleFromCivil() {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	// 02:30 does not exist on 2024-03-10 in New York: the clock jumps from 02:00 to 03:00.
	gap := time.Date(2024, 3, 10, 2, 30, 0, 0, time.UTC)
	fmt.Println(rrule.FromCivil(gap, newYork).In(newYork))
	fmt.Println(rrule.ToCivil(time.Date(2024, 7, 1, 13, 0, 0, 0, time.UTC), newYork))
	// Output:
	// 2024-03-10 03:00:00 -0400 EDT
	// 2024-07-01 09:00:00 +0000 UTC
}
