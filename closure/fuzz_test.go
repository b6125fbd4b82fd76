package closure_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/schedule"
)

var fuzzZones = []string{"UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Pacific/Kiritimati", "Pacific/Niue"}

// FuzzSpan feeds any span, zone and options: Span never panics, refuses bad
// input with a field-naming error, and otherwise makes at most three rules
// that compile cleanly and close both ends of the span.
func FuzzSpan(f *testing.F) {
	f.Add(int64(1798120800), int64(1798376400), uint8(1), "Christmas", "")
	f.Add(int64(1798120800), int64(1798120800), uint8(0), "", "Closed")
	f.Add(int64(1793516400), int64(1793523600), uint8(1), "overlap\n", "Snow Day")
	f.Add(int64(-62135596800), int64(-62135596000), uint8(5), "", "")
	f.Add(int64(253402300000), int64(253402300799), uint8(6), "", "")
	f.Add(int64(1798376400), int64(1798120800), uint8(2), "backwards", "")
	f.Fuzz(func(t *testing.T, fromUnix, toUnix int64, zone uint8, reason, state string) {
		loc := mustZone(t, fuzzZones[int(zone)%len(fuzzZones)])
		from, to := time.Unix(fromUnix, 0), time.Unix(toUnix, 0)
		rules, err := closure.Span(from, to, loc, closure.Options{Reason: reason, State: state})
		if err != nil {
			var cerr *closure.Error
			require.True(t, errors.As(err, &cerr), "error %v names no field", err)
			require.NotEmpty(t, cerr.Field)
			return
		}
		require.LessOrEqual(t, len(rules), 3)
		if !to.After(from) {
			require.Empty(t, rules)
			return
		}
		c := compiled(t, loc, rules)
		want := rules[0].State
		require.Equal(t, want, c.Evaluate(from, schedule.Input{}).State, "the span's first second is closed")
		require.Equal(t, want, c.Evaluate(to.Add(-time.Second), schedule.Input{}).State, "the span's last second is closed")
		for _, r := range rules {
			require.Equal(t, closure.Source(reason), r.Source)
			_, ok := closure.ParseSource(r.Source)
			require.True(t, ok, "the source %q reads back as a closure", r.Source)
		}
	})
}
