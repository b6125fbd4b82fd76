package holidays

import (
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vectors are the second source: python3-holidays' days for each set,
// made by testdata/holidays/generate.py.
type vectors struct {
	Library string                       `json:"library"`
	Years   [2]int                       `json:"years"`
	Sets    map[string]map[string]string `json:"sets"`
}

func loadVectors(t *testing.T) vectors {
	t.Helper()
	data, err := os.ReadFile("../testdata/holidays/vectors.json")
	require.NoError(t, err)
	var v vectors
	require.NoError(t, json.Unmarshal(data, &v))
	return v
}

// disagreement explains days on which the two sources differ. Only names
// the source that has the day; Holiday is that source's name for it (for
// rickar/cal, the holiday's ID here, with " (observed)" for a substitute
// day); Dates lists the days, or is nil for every day of that holiday in
// the horizon. Every row must explain at least one day (and every day it
// lists), so a stale row fails too.
type disagreement struct {
	Set, Only, Holiday string
	Dates              []string
	Reason             string
}

const (
	onlyRickar = "rickar/cal"
	onlyPython = "python-holidays"
)

var disagreements = []disagreement{
	{"US", onlyRickar, "juneteenth", nil, "Juneteenth became a federal holiday in 2021; python-holidays 0.10.1 predates it"},
	{"US", onlyRickar, "juneteenth (observed)", nil, "as above, its weekend substitutes"},
	{"IE", onlyRickar, "saint-brigids-day", nil, "St Brigid's Day is a public holiday from 2023; python-holidays 0.10.1 predates it"},
	{"IE", onlyPython, "New Year's Day (Observed)", nil, "Irish law gives an employee another day off for a weekend public holiday but names no substitute public holiday; rickar/cal lists none, python-holidays lists the next Monday"},
	{"IE", onlyPython, "St. Patrick's Day (Observed)", nil, "as above"},
	{"IE", onlyPython, "Christmas Day (Observed)", nil, "as above"},
	{"IE", onlyPython, "Boxing Day (Observed)", nil, "as above (St Stephen's Day)"},
	{"GB-SCT", onlyRickar, "st-andrews-day (observed)", []string{"2030-12-02", "2031-12-01"}, "a weekend St Andrew's Day is kept on the Monday after (gov.uk's list shows the substitute days); python-holidays 0.10.1 has no substitute for it"},
	{"GB-NIR", onlyRickar, "battle-of-the-boyne (observed)", []string{"2026-07-13", "2031-07-14"}, "a weekend Battle of the Boyne is kept on the Monday after (gov.uk's list shows the substitute days); python-holidays 0.10.1 has no substitute for it"},
	{"CA", onlyRickar, "easter-monday", nil, "Easter Monday is a holiday of the federal public service in rickar/cal's Canadian set, not in python-holidays' national one"},
	{"CA", onlyRickar, "remembrance-day", nil, "Remembrance Day is a federal statutory holiday; python-holidays 0.10.1 lists it only for some provinces' sets"},
	{"CA", onlyRickar, "remembrance-day (observed)", nil, "as above, its weekend substitutes"},
	{"CA", onlyRickar, "national-day-for-truth-and-reconciliation", nil, "a federal holiday from 2021; python-holidays 0.10.1 predates it"},
	{"CA", onlyRickar, "national-day-for-truth-and-reconciliation (observed)", nil, "as above, its weekend substitutes"},
	{"CA", onlyPython, "Family Day", nil, "Family Day is provincial (AB, BC, NB, ON, SK, …), not federal; python-holidays 0.10.1 puts it in the national set"},
	{"CA", onlyRickar, "boxing-day", []string{"2026-12-26", "2027-12-26", "2032-12-26"}, "python-holidays 0.10.1 lists a weekend Boxing Day only on its substitute day, not on the day itself"},
	{"CA", onlyRickar, "boxing-day (observed)", []string{"2027-12-28", "2032-12-28"}, "when Christmas and Boxing Day are both on a weekend, rickar/cal keeps Christmas on Monday and Boxing Day on Tuesday; python-holidays keeps Christmas on the Friday before and Boxing Day on Monday"},
	{"CA", onlyPython, "Christmas Day (Observed)", []string{"2027-12-24", "2032-12-24"}, "as above: python-holidays keeps a Saturday Christmas on the Friday before"},
	{"CA", onlyRickar, "new-years-day (observed)", []string{"2028-01-03", "2033-01-03"}, "a Saturday New Year's Day: rickar/cal keeps it on the Monday after, python-holidays on the Friday before"},
	{"CA", onlyPython, "New Year's Day (Observed)", []string{"2027-12-31", "2032-12-31"}, "as above"},
	{"AU-ACT", onlyRickar, "anzac-day (observed)", []string{"2026-04-27"}, "a Saturday ANZAC Day: rickar/cal keeps ACT's on the Monday after, python-holidays 0.10.1 does not"},
	{"AU-NT", onlyPython, "Anzac Day (Observed)", []string{"2026-04-27"}, "a Saturday ANZAC Day: python-holidays 0.10.1 keeps NT's on the Monday after, rickar/cal moves it only from a Sunday"},
	{"AU-NSW", onlyPython, "Bank Holiday", nil, "the NSW August Bank Holiday closes banks only, not a public holiday; rickar/cal leaves it out"},
	{"AU-QLD", onlyPython, "The Royal Queensland Show", nil, "the Ekka holiday is for the Brisbane area only; rickar/cal's state set leaves it out"},
	{"AU-VIC", onlyRickar, "friday-before-the-afl-grand-final", []string{"2033-09-23"}, "the AFL sets its Grand Final date each year; the sources guess 2033 differently (rickar/cal: the Friday before the last Saturday of September)"},
	{"AU-VIC", onlyPython, "Grand Final Day", []string{"2033-09-30"}, "as above (python-holidays: the Friday before the first Saturday of October)"},
	{"AU-WA", onlyRickar, "queens-birthday", []string{"2029-09-24", "2035-09-24"}, "WA's sovereign's birthday holiday is proclaimed each year; rickar/cal takes the last Monday of September, python-holidays the Monday nearest 30 September"},
	{"AU-WA", onlyPython, "Queen's Birthday", []string{"2029-10-01", "2035-10-01"}, "as above"},
	{"DE-BB", onlyPython, "Ostersonntag", nil, "Easter Sunday is a Brandenburg holiday; rickar/cal leaves the Sunday out (it changes no working day)"},
	{"DE-BB", onlyPython, "Pfingstsonntag", nil, "Whit Sunday is a Brandenburg holiday; rickar/cal leaves the Sunday out (it changes no working day)"},
	{"DE-BY", onlyPython, "Mariä Himmelfahrt", nil, "the Assumption is a holiday only in Bavaria's mainly Catholic communities; python-holidays puts it in the state set, rickar/cal does not"},
}

func TestEverySetMatchesTheSecondSourceExceptTheListedDisagreements(t *testing.T) {
	v := loadVectors(t)
	require.LessOrEqual(t, v.Years[0], horizonFrom-1)
	require.GreaterOrEqual(t, v.Years[1], horizonTo+1)
	used := make([]map[string]bool, len(disagreements))
	for i := range used {
		used[i] = map[string]bool{}
	}
	explain := func(set, only, holiday, date string) bool {
		for i, d := range disagreements {
			if d.Set == set && d.Only == only && d.Holiday == holiday && (d.Dates == nil || slices.Contains(d.Dates, date)) {
				used[i][date] = true
				return true
			}
		}
		return false
	}
	for _, set := range Sets() {
		python, ok := v.Sets[set.ID]
		require.True(t, ok, "the vectors have no set %s: run testdata/holidays/generate.py", set.ID)
		rules, err := set.rules(Options{FromYear: horizonFrom, ToYear: horizonTo}, fixedNow)
		require.NoError(t, err)
		got := holidayDays(t, set, rules, horizonFrom, horizonTo)
		occ, err := set.dates(Options{FromYear: horizonFrom - 1, ToYear: horizonTo + 1}, fixedNow)
		require.NoError(t, err)
		ours := map[string]string{}
		for _, o := range occ {
			key := o.Holiday.ID
			if o.Observed {
				key += " (observed)"
			}
			ours[o.Date.Format(time.DateOnly)] = key
		}
		for day := range got {
			if _, ok := python[day]; !ok && !explain(set.ID, onlyRickar, ours[day], day) {
				t.Errorf("%s %s: the rules close for %s, python-holidays has no holiday that day", set.ID, day, ours[day])
			}
		}
		for day, name := range python {
			if y, _ := strconv.Atoi(day[:4]); y < horizonFrom || y > horizonTo || got[day] {
				continue
			}
			if !explain(set.ID, onlyPython, name, day) {
				t.Errorf("%s %s: python-holidays has %q, the rules do not close", set.ID, day, name)
			}
		}
	}
	for i, d := range disagreements {
		assert.NotEmpty(t, used[i], "disagreement row %d (%s %s %s) explains no day: remove it", i, d.Set, d.Only, d.Holiday)
		for _, day := range d.Dates {
			assert.True(t, used[i][day], "disagreement row %d (%s %s) lists %s, on which the sources agree", i, d.Set, d.Holiday, day)
		}
		assert.NotEmpty(t, d.Reason)
	}
}
