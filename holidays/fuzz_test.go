package holidays

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzFind feeds any country, region, --only list and horizon: lookups and
// rule making never panic, and refuse bad input with an error naming the
// input at fault.
func FuzzFind(f *testing.F) {
	f.Add("US", "", "juneteenth,christmas-day", 2026, 2035, "Holiday")
	f.Add("gb", "SCT", "st-andrews-day", 2026, 0, "")
	f.Add("UK", "nir", "", 0, 0, "Closed")
	f.Add("AU", "", "", 2026, 2030, "")
	f.Add("DE-BY", "", "fronleichnam, ,FRONLEICHNAM", 9999, 9999, "x")
	f.Add("ZZ", "Q", "nope", -5, 1<<40, "a\nb")
	f.Fuzz(func(t *testing.T, country, region, only string, from, to int, state string) {
		set, err := Find(country, region)
		var herr *Error
		if err != nil {
			require.True(t, errors.As(err, &herr), "error %v names no input", err)
			require.NotEmpty(t, herr.Field)
			return
		}
		opts := Options{FromYear: from, ToYear: to, State: state, Only: strings.Split(only, ",")}
		if from == 0 {
			opts.FromYear = 2026 // no clock in a fuzz run
		}
		rules, err := set.rules(opts, fixedNow)
		if err != nil {
			require.True(t, errors.As(err, &herr), "error %v names no input", err)
			require.NotEmpty(t, herr.Field)
			return
		}
		for _, r := range rules {
			setID, _, _, ok := ParseSource(r.Source)
			require.True(t, ok)
			require.Equal(t, set.ID, setID)
			require.NotEmpty(t, r.State)
		}
	})
}

// FuzzParseYears: any text gives a valid horizon or an error naming --years.
func FuzzParseYears(f *testing.F) {
	for _, s := range []string{"2026-2035", "2026", " 2026 - 2027 ", "2035-2026", "0000", "2026-", "-", "１２３４", "2026-9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		from, to, err := ParseYears(text)
		if err != nil {
			var herr *Error
			require.True(t, errors.As(err, &herr))
			require.Equal(t, "years", herr.Field)
			return
		}
		require.GreaterOrEqual(t, from, 1)
		require.LessOrEqual(t, from, to)
		require.LessOrEqual(t, to-from+1, MaxYears)
	})
}
