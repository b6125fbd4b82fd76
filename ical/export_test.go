package ical

import (
	"bytes"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
)

func parseFeed(t *testing.T, feed []byte) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(feed))
	require.NoError(t, err)
	return cal
}

func eventsBySummary(cal *ics.Calendar) map[string]int {
	out := map[string]int{}
	for _, e := range cal.Events() {
		out[e.GetProperty(ics.ComponentPropertySummary).Value]++
	}
	return out
}

func TestExportClinicWeekShowsBusinessHoursAndLunchButNotAfterHours(t *testing.T) {
	snap := sampleSnapshot(t)
	ny, _ := time.LoadLocation("America/New_York")
	from := time.Date(2026, 11, 23, 0, 0, 0, 0, ny) // Thanksgiving week
	feed, err := Export(snap, "clinic-maple", from, from.AddDate(0, 0, 7), Stamp(from))
	require.NoError(t, err)
	cal := parseFeed(t, feed)
	// Mon-Wed and Fri: business hours split by lunch; Thursday is Thanksgiving;
	// Saturday morning the clinic (tagged vip) opens 09:00-12:00.
	assert.Equal(t, map[string]int{"Business Hours": 9, "Lunch": 4, "Holiday": 1}, eventsBySummary(cal))
	for _, e := range cal.Events() {
		start := e.GetProperty(ics.ComponentPropertyDtStart)
		if e.GetProperty(ics.ComponentPropertySummary).Value == "Holiday" {
			assert.Equal(t, "20261126T000000", start.Value)
			assert.Equal(t, "20261127T000000", e.GetProperty(ics.ComponentPropertyDtEnd).Value)
			assert.Contains(t, e.GetProperty(ics.ComponentPropertyDescription).Value, "Thanksgiving")
		}
		assert.Equal(t, []string{"America/New_York"}, start.ICalParameters["TZID"])
	}
	require.Len(t, cal.Timezones(), 1)
}

func TestExportAllStatesAlsoShowsTheEverydayState(t *testing.T) {
	snap := sampleSnapshot(t)
	ny, _ := time.LoadLocation("America/New_York")
	from := time.Date(2026, 11, 23, 0, 0, 0, 0, ny)
	feed, err := Export(snap, "clinic-maple", from, from.AddDate(0, 0, 1), Stamp(from), AllStates())
	require.NoError(t, err)
	// Midnight-08:00, 08-12, 12-13, 13-17, 17-midnight.
	assert.Equal(t, map[string]int{"After Hours": 2, "Business Hours": 2, "Lunch": 1}, eventsBySummary(parseFeed(t, feed)))
}

func TestExportUIDsStayTheSameWhenTheWindowMoves(t *testing.T) {
	snap := sampleSnapshot(t)
	ny, _ := time.LoadLocation("America/New_York")
	from := time.Date(2026, 11, 23, 0, 0, 0, 0, ny)
	a, err := Export(snap, "clinic-maple", from, from.AddDate(0, 0, 7), Stamp(from))
	require.NoError(t, err)
	b, err := Export(snap, "clinic-maple", from.AddDate(0, 0, -3), from.AddDate(0, 0, 10), Stamp(from.AddDate(0, 0, 1)))
	require.NoError(t, err)
	uids := map[string]bool{}
	for _, e := range parseFeed(t, b).Events() {
		uids[e.Id()] = true
	}
	for _, e := range parseFeed(t, a).Events() {
		assert.True(t, uids[e.Id()], "interval %s of the narrow export keeps its UID in the wide one", e.GetProperty(ics.ComponentPropertyDtStart).Value)
	}
}

func TestExportCutsIntervalsAtTheWindowEdges(t *testing.T) {
	snap := sampleSnapshot(t)
	ny, _ := time.LoadLocation("America/New_York")
	from := time.Date(2026, 11, 23, 10, 0, 0, 0, ny) // inside business hours
	feed, err := Export(snap, "clinic-maple", from, from.Add(5*time.Hour), Stamp(from))
	require.NoError(t, err)
	events := parseFeed(t, feed).Events()
	require.Len(t, events, 3)
	assert.Equal(t, "20261123T100000", events[0].GetProperty(ics.ComponentPropertyDtStart).Value)
	assert.Equal(t, "20261123T150000", events[2].GetProperty(ics.ComponentPropertyDtEnd).Value)
}

func TestExportRulesStartsEachRecurrenceOnItsFirstOccurrence(t *testing.T) {
	snap := sampleSnapshot(t)
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	feed, err := ExportRules(snap, "clinic-maple", from, from.AddDate(1, 0, 0), Stamp(from))
	require.NoError(t, err)
	cal := parseFeed(t, feed)
	found := false
	for _, e := range cal.Events() {
		if e.GetProperty(ics.ComponentPropertySummary).Value != "Holiday" {
			continue
		}
		if rr := e.GetProperty(ics.ComponentPropertyRrule); rr != nil && rr.Value == "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO" {
			found = true
			assert.Equal(t, "20200525", e.GetProperty(ics.ComponentPropertyDtStart).Value, "Memorial Day 2020, not the rule's startDate")
			assert.Equal(t, "0", e.GetProperty(PriorityProperty).Value)
		}
	}
	assert.True(t, found, "Memorial Day is exported with its recurrence")
}

// A London node follows a UTC parent that opens at 01:30 UTC: on the night
// the clocks go back that is the second 01:30 on London's clock, which a
// TZID time cannot name (RFC 5545 reads it as the first), so it is written
// in UTC.
func TestExportWritesTheSecondPassOfTheRepeatedHourInUTC(t *testing.T) {
	engine := voicesched.New()
	require.NoError(t, engine.PutCustomer(&voicesched.CustomerInfo{
		EntityInfo: voicesched.EntityInfo{ID: "hq"}, Name: "HQ",
		Schedule: &voicesched.Schedule{TimeZoneID: "UTC", DefaultState: "Closed", Rules: []model.SchedulingRule{{
			Name: "Night desk", State: "Open", SimpleRuleType: model.RuleTime, Frequency: model.FrequencyDaily,
			StartDate: "2026-01-01", StartTime: "01:30", EndTime: "03:00"}}},
	}))
	require.NoError(t, engine.PutCustomer(&voicesched.CustomerInfo{
		EntityInfo: voicesched.EntityInfo{ID: "london"}, Name: "London", ParentCustomerID: "hq",
		Schedule: &voicesched.Schedule{TimeZoneID: "Europe/London", DefaultState: "Closed", Rules: []model.SchedulingRule{{
			Name: "Follow HQ", State: "Open", SimpleRuleType: model.RuleCustomerState, CustomerState: "Open"}}},
	}))
	from := time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC)
	feed, err := Export(engine.Snapshot(), "london", from, from.Add(6*time.Hour), Stamp(from))
	require.NoError(t, err)
	events := parseFeed(t, feed).Events()
	require.Len(t, events, 1)
	start := events[0].GetProperty(ics.ComponentPropertyDtStart)
	assert.Equal(t, "20261025T013000Z", start.Value)
	assert.Empty(t, start.ICalParameters["TZID"])
	end := events[0].GetProperty(ics.ComponentPropertyDtEnd)
	assert.Equal(t, "20261025T030000", end.Value, "03:00 GMT is unambiguous")
	assert.Equal(t, []string{"Europe/London"}, end.ICalParameters["TZID"])
}
