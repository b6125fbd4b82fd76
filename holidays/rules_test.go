package holidays

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

const (
	horizonFrom = 2026
	horizonTo   = 2035
)

var fixedNow = func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }

// holidayDays compiles the rules in the set's zone and returns the days of
// [from, to] whose noon (local time) says "Holiday". Days on which the
// clocks change are checked at their first and last second too: an all-day
// rule must hold the whole civil day.
func holidayDays(t *testing.T, set *Set, rules []model.SchedulingRule, from, to int) map[string]bool {
	t.Helper()
	loc, err := time.LoadLocation(set.Zone)
	require.NoError(t, err)
	c := schedule.Compile(&model.Schedule{TimeZoneID: set.Zone, Rules: rules, DefaultState: "Open"}, schedule.Env{})
	require.Empty(t, c.Problems(), "%s: the rules compile without problems", set.ID)
	days := map[string]bool{}
	for day := time.Date(from, 1, 1, 12, 0, 0, 0, loc); day.Year() <= to; day = day.AddDate(0, 0, 1) {
		state := c.Evaluate(day, schedule.Input{}).State
		if state == DefaultState {
			days[day.Format(time.DateOnly)] = true
		}
		_, offNoon := day.Zone()
		first := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
		last := time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 59, 0, loc)
		if _, o := first.Zone(); o != offNoon {
			assert.Equal(t, state, c.Evaluate(first, schedule.Input{}).State, "%s %s: start of a DST day", set.ID, day)
		}
		if _, o := last.Zone(); o != offNoon {
			assert.Equal(t, state, c.Evaluate(last, schedule.Input{}).State, "%s %s: end of a DST day", set.ID, day)
		}
	}
	return days
}

// sourceDays is what rickar/cal's own calculation says for the days of the
// years [from, to], computed from the years around them (a substitute day
// may fall in the year before its holiday).
func sourceDays(t *testing.T, set *Set, opts Options, from, to int) map[string]bool {
	t.Helper()
	opts.FromYear, opts.ToYear = from-1, to+1
	occ, err := set.dates(opts, fixedNow)
	require.NoError(t, err)
	days := map[string]bool{}
	for _, o := range occ {
		if y := o.Date.Year(); y >= from && y <= to {
			days[o.Date.Format(time.DateOnly)] = true
		}
	}
	return days
}

func TestEverySetClosesOnTheSourcesDaysAtNoonEveryDayOfTheHorizon(t *testing.T) {
	for _, set := range Sets() {
		for _, actual := range []bool{false, true} {
			name := set.ID
			if actual {
				name += "/actual"
			}
			t.Run(name, func(t *testing.T) {
				opts := Options{FromYear: horizonFrom, ToYear: horizonTo, Actual: actual}
				rules, err := set.rules(opts, fixedNow)
				require.NoError(t, err)
				got := holidayDays(t, set, rules, horizonFrom, horizonTo)
				want := sourceDays(t, set, opts, horizonFrom, horizonTo)
				require.NotEmpty(t, want)
				assert.Equal(t, sortedKeys(want), sortedKeys(got))
			})
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestRecurrenceShapes(t *testing.T) {
	us, err := Find("US", "")
	require.NoError(t, err)
	rules, err := us.rules(Options{FromYear: 2026, ToYear: 2035}, fixedNow)
	require.NoError(t, err)
	byName := map[string][]model.SchedulingRule{}
	for _, r := range rules {
		byName[r.Name] = append(byName[r.Name], r)
	}
	dayOf := func(d model.DayOfWeek, n int) []model.ScheduleDay {
		return []model.ScheduleDay{{Offset: n, DayOfWeek: d}}
	}
	tests := []struct {
		name       string
		rule       string
		month      []int
		monthDays  []int
		byDay      []model.ScheduleDay
		startsOn   string
		wantsCount int
	}{
		{name: "Christmas is a fixed date", rule: "Christmas Day", month: []int{12}, monthDays: []int{25}, startsOn: "2026-12-01"},
		{name: "a Saturday Christmas is kept on Friday Dec 24", rule: "Christmas Day (observed)", month: []int{12}, monthDays: []int{24}, byDay: dayOf(model.DayOfWeek(time.Friday), 0), startsOn: "2026-12-01"},
		{name: "Thanksgiving is the 4th Thursday of November", rule: "Thanksgiving Day", month: []int{11}, byDay: dayOf(model.DayOfWeek(time.Thursday), 4), startsOn: "2026-11-01"},
		{name: "Memorial Day is the last Monday of May", rule: "Memorial Day", month: []int{5}, byDay: dayOf(model.DayOfWeek(time.Monday), -1), startsOn: "2026-05-01"},
		{name: "a Saturday New Year is kept on Friday Dec 31 of the year before", rule: "New Year's Day (observed)", month: []int{12}, monthDays: []int{31}, byDay: dayOf(model.DayOfWeek(time.Friday), 0), startsOn: "2025-12-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var match *model.SchedulingRule
			for i, r := range byName[tt.rule] {
				if len(r.ByMonthDay) == len(tt.monthDays) && (len(tt.monthDays) == 0 || r.ByMonthDay[0] == tt.monthDays[0]) {
					match = &byName[tt.rule][i]
				}
			}
			require.NotNil(t, match, "no rule %q with byMonthDay %v in %+v", tt.rule, tt.monthDays, byName[tt.rule])
			assert.Equal(t, model.FrequencyYearly, match.Frequency)
			assert.True(t, match.IsAllDay)
			assert.Equal(t, tt.month, match.ByMonth)
			assert.Equal(t, tt.byDay, match.ByDay)
			assert.Equal(t, tt.startsOn, match.StartDate)
			assert.Equal(t, "Holiday", match.State)
			assert.Equal(t, 0, match.Count, "a recurrence never ends")
			assert.Empty(t, match.UntilDate)
		})
	}
}

func TestEasterFeastsAreDatedRulesOverTheHorizon(t *testing.T) {
	set, err := Find("GB", "ENG")
	require.NoError(t, err)
	rules, err := set.rules(Options{FromYear: 2026, ToYear: 2035, Only: []string{"good-friday", "EASTER-MONDAY "}}, fixedNow)
	require.NoError(t, err)
	require.Len(t, rules, 20, "one dated rule a year for each")
	for _, r := range rules {
		assert.Equal(t, model.FrequencyNone, r.Frequency)
		assert.True(t, r.IsAllDay)
		setID, holidayID, version, ok := ParseSource(r.Source)
		require.True(t, ok)
		assert.Equal(t, "GB-ENG", setID)
		assert.Contains(t, []string{"good-friday", "easter-monday"}, holidayID)
		assert.Equal(t, DataVersion, version)
	}
	assert.Equal(t, "2026-04-03", rules[0].StartDate, "Good Friday 2026")
}

func TestOptions(t *testing.T) {
	us, err := Lookup("us")
	require.NoError(t, err)
	rules, err := us.rules(Options{State: " Closed for the holiday ", Priority: -5, Only: []string{"juneteenth"}, Actual: true}, fixedNow)
	require.NoError(t, err)
	require.Len(t, rules, 1, "--actual leaves the observed rules out")
	assert.Equal(t, "Closed for the holiday", rules[0].State)
	assert.Equal(t, -5, rules[0].Priority)
	assert.Equal(t, "2026-06-01", rules[0].StartDate, "the horizon starts in the current year")

	_, err = us.rules(Options{Only: []string{"boxing-day"}}, fixedNow)
	var herr *Error
	require.ErrorAs(t, err, &herr)
	assert.Equal(t, "only", herr.Field)
	assert.Contains(t, herr.Reason, "juneteenth", "the error lists the holidays there are")

	for _, bad := range []Options{{FromYear: 2030, ToYear: 2029}, {FromYear: 2000, ToYear: 2200}, {FromYear: -1}, {State: "a\nb"}} {
		_, err = us.rules(bad, fixedNow)
		require.ErrorAs(t, err, &herr, "%+v", bad)
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		country, region, want, errField string
	}{
		{"US", "", "US", ""},
		{"gb", "sct", "GB-SCT", ""},
		{"UK", "NIR", "GB-NIR", ""},
		{"GB-WLS", "", "GB-WLS", ""},
		{"AU", "nsw", "AU-NSW", ""},
		{"DE", "", "DE", ""},
		{"DE", "BY", "DE-BY", ""},
		{"GB", "", "", "region"},
		{"AU", "XX", "", "region"},
		{"US", "CA", "", "region"},
		{"ZZ", "", "", "country"},
		{"", "", "", "country"},
	}
	for _, tt := range tests {
		set, err := Find(tt.country, tt.region)
		if tt.errField != "" {
			var herr *Error
			require.ErrorAs(t, err, &herr, "%s/%s", tt.country, tt.region)
			assert.Equal(t, tt.errField, herr.Field)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.want, set.ID)
	}
}

func TestDataVersionIsTheOneGoModRequires(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	require.NoError(t, err)
	module, version, _ := strings.Cut(DataVersion, " ")
	assert.Contains(t, string(mod), "github.com/"+module+"/v2 "+version)
}

func TestSlug(t *testing.T) {
	assert.Equal(t, "queens-birthday", slug("Queen's Birthday"))
	assert.Equal(t, "mariae-himmelfahrt", slug("Mariä Himmelfahrt"))
	assert.Equal(t, "saint-brigids-day", slug("Saint Brigid’s Day"))
	assert.Equal(t, "lundi-de-paques", slug("Lundi de Pâques"))
}
