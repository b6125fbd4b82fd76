package ical

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/tz"
)

func feedOf(lines ...string) []byte {
	return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n")
}

func mustZone(t testing.TB, id string) *time.Location {
	t.Helper()
	loc, err := tz.Load(id)
	require.NoError(t, err)
	return loc
}

var importStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestChristmasEveryYearStaysOneRecurringAllDayRule(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:xmas", "DTSTART;VALUE=DATE:20101225", "DTEND;VALUE=DATE:20101226",
		"RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "SUMMARY:Christmas Day", "END:VEVENT"),
		Zone(mustZone(t, "America/Chicago")), Start(importStart), FeedName("us"))
	require.NoError(t, err)
	require.Empty(t, result.Warnings)
	require.Len(t, result.Rules, 1)
	r := result.Rules[0]
	assert.Equal(t, model.SchedulingRule{Name: "Christmas Day", State: "Holiday", Source: "us#xmas",
		SimpleRuleType: model.RuleTime, Frequency: model.FrequencyYearly, IsAllDay: true,
		StartDate: "2010-12-25", ByMonth: []int{12}, ByMonthDay: []int{25}}, r)
}

func TestThanksgivingOnTheFourthThursdayKeepsItsOrdinal(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:tg", "DTSTART;VALUE=DATE:20101125",
		"RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "SUMMARY:Thanksgiving", "END:VEVENT"),
		Start(importStart))
	require.NoError(t, err)
	require.Len(t, result.Rules, 1)
	assert.Equal(t, []model.ScheduleDay{{Offset: 4, DayOfWeek: model.DayOfWeek(time.Thursday)}}, result.Rules[0].ByDay)
	assert.Equal(t, "UTC", result.ZoneID, "no zone anywhere: UTC")
}

func TestGoogleWeeklyWithAnExdateIsDatedUpToTheExceptionThenRecursAgain(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:training", "DTSTART;TZID=America/New_York:20260106T070000",
		"DTEND;TZID=America/New_York:20260106T083000", "RRULE:FREQ=WEEKLY;WKST=SU;BYDAY=TU,TH",
		"EXDATE;TZID=America/New_York:20260115T070000", "SUMMARY:Staff training", "END:VEVENT"),
		Zone(ny), Start(importStart))
	require.NoError(t, err)
	require.Empty(t, result.Warnings)
	// Jan 6, 8, 13 dated; Jan 15 removed; the recurrence carries on from Jan 20.
	require.Len(t, result.Rules, 4)
	for _, r := range result.Rules[:3] {
		assert.Equal(t, model.FrequencyNone, r.Frequency)
		assert.Equal(t, "07:00", r.StartTime)
		assert.Equal(t, "08:30", r.EndTime)
	}
	cont := result.Rules[3]
	assert.Equal(t, model.FrequencyWeekly, cont.Frequency)
	assert.Equal(t, "2026-01-20", cont.StartDate)
	assert.Equal(t, "07:00", cont.StartTime)
}

func TestOutlookCustomVTimezoneIsMatchedToTheSchedulesZone(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	result, err := Import(feedOf(
		"BEGIN:VTIMEZONE", "TZID:Customized Time Zone",
		"BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
		"BEGIN:VEVENT", "UID:standup", `DTSTART;TZID="Customized Time Zone":20260105T090000`,
		`DTEND;TZID="Customized Time Zone":20260105T091500`, "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
		"SUMMARY:Stand-up", "END:VEVENT"),
		Zone(berlin), Start(importStart))
	require.NoError(t, err)
	require.Empty(t, result.Warnings)
	require.Len(t, result.Rules, 1, "the same clock as the schedule: one recurring rule")
	assert.Equal(t, "09:00", result.Rules[0].StartTime)
	assert.Equal(t, "09:15", result.Rules[0].EndTime)
}

func TestWindowsZoneIDWithoutVTimezoneIsUnderstood(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:w", "DTSTART;TZID=W. Europe Standard Time:20260302T090000",
		"DTEND;TZID=W. Europe Standard Time:20260302T100000", "SUMMARY:Meeting", "END:VEVENT"),
		Start(importStart))
	require.NoError(t, err)
	require.Empty(t, result.Warnings)
	assert.Equal(t, "Europe/Berlin", result.ZoneID, "the first event's zone becomes the schedule's")
	require.Len(t, result.Rules, 1)
	assert.Equal(t, "2026-03-02", result.Rules[0].StartDate)
	assert.Equal(t, "09:00", result.Rules[0].StartTime)
}

func TestUnknownTZIDIsReadOnTheSchedulesClockWithAWarning(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:odd", "DTSTART;TZID=Mars/Olympus_Mons:20260302T090000",
		"DTEND;TZID=Mars/Olympus_Mons:20260302T100000", "SUMMARY:Odd", "END:VEVENT"),
		Zone(time.UTC), Start(importStart))
	require.NoError(t, err)
	require.Len(t, result.Warnings, 1)
	assert.Equal(t, "odd", result.Warnings[0].UID)
	assert.Equal(t, "Odd", result.Warnings[0].Summary)
	assert.Contains(t, result.Warnings[0].Message, "Mars/Olympus_Mons")
	require.Len(t, result.Rules, 1)
}

func TestAMultiDayClosureBecomesAtMostThreeRules(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:xmas-break", "DTSTART;TZID=Europe/Berlin:20261224T140000",
		"DTEND;TZID=Europe/Berlin:20261227T080000", "SUMMARY:Christmas break", "END:VEVENT"),
		Zone(mustZone(t, "Europe/Berlin")), Start(importStart), State("Closed"))
	require.NoError(t, err)
	require.Empty(t, result.Warnings)
	require.Len(t, result.Rules, 3)
	for _, r := range result.Rules {
		assert.Equal(t, "Closed", r.State)
		assert.Equal(t, "ical#xmas-break", r.Source)
		assert.Equal(t, "Christmas break", r.Name)
	}
}

func TestAnEventThatTakesNoTimeIsReportedNotDropped(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:reminder", "DTSTART:20260302T090000Z", "SUMMARY:Reminder", "END:VEVENT"),
		Start(importStart))
	require.NoError(t, err)
	assert.Empty(t, result.Rules)
	require.Len(t, result.Warnings, 1)
	assert.Contains(t, result.Warnings[0].String(), "UID reminder")
}

func TestAFeedThatIsNotICalendarIsAnError(t *testing.T) {
	_, err := Import([]byte("hello"))
	require.Error(t, err)
	_, err = Import(make([]byte, MaxFeedBytes+1))
	require.ErrorContains(t, err, "at most")
}

// The VTIMEZONE Export writes reads back (through the importer's own
// reader) to the offsets Go's zone data give, at every instant of the window.
func TestGeneratedVTimezonesKeepGosOffsets(t *testing.T) {
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, id := range []string{"America/New_York", "Europe/London", "Australia/Sydney", "Europe/Berlin",
		"Asia/Kolkata", "Asia/Tehran", "America/Sao_Paulo", "Africa/Casablanca", "Australia/Lord_Howe", "UTC"} {
		loc := mustZone(t, id)
		vtz := newVTimezone(loc, id, from, to)
		back, err := vtimezoneLocation(vtz, to.Year()+lookAheadYears)
		require.NoError(t, err, id)
		assert.True(t, sameClock(loc, back, from, to.AddDate(lookAheadYears, 0, 0)), "%s: the VTIMEZONE keeps Go's offsets", id)
	}
	// The rules in force are open-ended: a recurring event decades on still
	// reads New York's clock.
	ny := mustZone(t, "America/New_York")
	back, err := vtimezoneLocation(newVTimezone(ny, "America/New_York", from, to), 2080)
	require.NoError(t, err)
	assert.True(t, sameClock(ny, back, from, time.Date(2080, 1, 1, 0, 0, 0, 0, time.UTC)))
}

// A VTIMEZONE that matches no known zone is used as it is: an event at 09:00
// on a +01:23 clock is 07:37 UTC.
func TestACustomVTimezoneMatchingNoZoneIsReadAsWritten(t *testing.T) {
	var lines []string
	for i := range 20 { // more than maxZoneSearches: the later ones are not searched, still read
		tzid := fmt.Sprintf("Odd Zone %d", i)
		lines = append(lines, "BEGIN:VTIMEZONE", "TZID:"+tzid, "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:+0123", "TZOFFSETTO:+0123", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", fmt.Sprintf("UID:odd-%d", i), fmt.Sprintf(`DTSTART;TZID="%s":20260302T090000`, tzid),
			fmt.Sprintf(`DTEND;TZID="%s":20260302T100000`, tzid), "SUMMARY:Odd", "END:VEVENT")
	}
	result, err := Import(feedOf(lines...), Zone(time.UTC), Start(importStart))
	require.NoError(t, err)
	assert.Empty(t, result.Warnings)
	require.Len(t, result.Rules, 20)
	for _, r := range result.Rules {
		assert.Equal(t, "2026-03-02", r.StartDate)
		assert.Equal(t, "07:37", r.StartTime)
		assert.Equal(t, "08:37", r.EndTime)
	}
}

func TestADtstartItsRRuleDoesNotProduceIsNamedInAWarning(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:inv", "DTSTART:20260227T140000", "DTEND:20260227T160000",
		"RRULE:FREQ=MONTHLY;BYMONTHDAY=-1", "SUMMARY:Inventory", "END:VEVENT"), Zone(time.UTC), Start(importStart))
	require.NoError(t, err)
	require.Len(t, result.Rules, 1)
	require.Len(t, result.Warnings, 1)
	assert.Contains(t, result.Warnings[0].Message, "not an occurrence")
}

// Every RRULE part the model holds stays in one rule (the expansions are
// checked against python-dateutil in TestImportedFeedsAgreeWithPythonIcalendar).
func TestEveryRRulePartTheModelHoldsStaysOneRule(t *testing.T) {
	feed, err := os.ReadFile(filepath.Join("..", "testdata", "ical", "rrule_shapes.ics"))
	require.NoError(t, err)
	result, err := Import(feed, Start(importStart))
	require.NoError(t, err)
	assert.Equal(t, "Europe/London", result.ZoneID)
	bySource := map[string][]model.SchedulingRule{}
	for _, r := range result.Rules {
		bySource[r.Source] = append(bySource[r.Source], r)
	}
	one := func(uid string) model.SchedulingRule {
		rules := bySource["ical#"+uid]
		require.Len(t, rules, 1, uid)
		return rules[0]
	}
	assert.Equal(t, []int{-1}, one("last-workday@rota.example").BySetPosition)
	assert.Equal(t, []int{100}, one("day100@rota.example").ByYearDay)
	assert.Equal(t, []int{20}, one("week20@rota.example").ByWeekNo)
	checks := one("checks@rota.example")
	assert.Equal(t, []int{9, 14}, checks.ByHour)
	assert.Equal(t, []int{0, 30}, checks.ByMinute)
	assert.Equal(t, "2026-04-01T00:59:59", checks.UntilDate, "UNTIL 23:59:59Z read on London's clock (BST since March 29)")
	quarterly := one("quarterly@rota.example")
	assert.Equal(t, 3, quarterly.Interval)
	assert.Equal(t, 6, quarterly.Count)
	// WKST=SU with an interval changes which weeks are picked: spelled out.
	assert.Greater(t, len(bySource["ical#sunday-weeks@rota.example"]), 1)
	assert.Empty(t, result.Warnings, "the fortnightly rule ends inside the horizon, so nothing is left out")
}

func TestRDatePeriodsAndAnOrphanOverrideAreImported(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:p", "DTSTART:20260302T090000Z", "DTEND:20260302T100000Z",
		"RDATE;VALUE=PERIOD:20260303T120000Z/20260303T130000Z,20260304T120000Z/PT30M", "SUMMARY:Periods", "END:VEVENT",
		// An override whose master is not in the feed (an invitation to one occurrence).
		"BEGIN:VEVENT", "UID:lonely", "RECURRENCE-ID:20260310T090000Z", "DTSTART:20260310T110000Z",
		"DTEND:20260310T120000Z", "SUMMARY:Moved", "END:VEVENT"),
		Zone(time.UTC), Start(importStart))
	require.NoError(t, err)
	assert.Empty(t, result.Warnings)
	var spans []string
	for _, r := range result.Rules {
		spans = append(spans, r.Source+" "+r.StartDate+" "+r.StartTime+"-"+r.EndTime)
	}
	assert.Equal(t, []string{
		"ical#p 2026-03-02 09:00-10:00",
		"ical#p 2026-03-03 12:00-13:00",
		"ical#p 2026-03-04 12:00-12:30",
		"ical#lonely 2026-03-10 11:00-12:00",
	}, spans)
}

func TestAThisAndFutureOverrideIsReadAsOneOccurrenceWithAWarning(t *testing.T) {
	result, err := Import(feedOf(
		"BEGIN:VEVENT", "UID:w", "DTSTART:20260302T090000Z", "DTEND:20260302T100000Z",
		"RRULE:FREQ=WEEKLY;COUNT=4", "SUMMARY:Weekly", "END:VEVENT",
		"BEGIN:VEVENT", "UID:w", "RECURRENCE-ID;RANGE=THISANDFUTURE:20260309T090000Z",
		"DTSTART:20260309T140000Z", "DTEND:20260309T150000Z", "SUMMARY:Weekly", "END:VEVENT"),
		Zone(time.UTC), Start(importStart))
	require.NoError(t, err)
	require.Len(t, result.Warnings, 1)
	assert.Contains(t, result.Warnings[0].Message, "THISANDFUTURE")
	// Mar 2 dated, Mar 9 moved to 14:00, then the recurrence again from Mar 16 with 2 left.
	require.Len(t, result.Rules, 3)
	assert.Equal(t, "14:00", result.Rules[1].StartTime)
	assert.Equal(t, "2026-03-16", result.Rules[2].StartDate)
	assert.Equal(t, 2, result.Rules[2].Count)
}
