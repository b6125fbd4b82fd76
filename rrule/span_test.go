package rrule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpan(t *testing.T) {
	day := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		scenario    string
		spec        Spec
		first, last time.Time
		bounded     bool
		occurs      bool
	}{
		{"ten daily windows from 1970 end on 1970-01-10",
			Spec{Frequency: Daily, Start: day(1970, 1, 1, 9), Length: time.Hour, Count: 10},
			day(1970, 1, 1, 9), day(1970, 1, 10, 9), true, true},
		{"a lunch rule with no frequency happens once",
			Spec{Start: day(1970, 1, 1, 12), Length: time.Hour},
			day(1970, 1, 1, 12), day(1970, 1, 1, 12), true, true},
		{"weekdays until a Saturday stop on the Friday before",
			Spec{Frequency: Weekly, Start: day(2026, 1, 5, 9), Length: time.Hour, Until: day(2026, 1, 10, 23),
				ByDay: []Day{{Weekday: time.Monday}, {Weekday: time.Friday}}},
			day(2026, 1, 5, 9), day(2026, 1, 9, 9), true, true},
		{"an open-ended rule runs to year 9999",
			Spec{Frequency: Yearly, Start: day(2026, 12, 25, 0), Length: 24 * time.Hour},
			day(2026, 12, 25, 0), time.Time{}, false, true},
		{"an until before the start never opens",
			Spec{Frequency: Daily, Start: day(2026, 1, 5, 9), Length: time.Hour, Until: day(2025, 1, 1, 0)},
			time.Time{}, time.Time{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			rule, err := Compile(tt.spec)
			require.NoError(t, err)
			first, last, bounded, ok := rule.Span()
			require.Equal(t, tt.occurs, ok)
			assert.Equal(t, tt.first, first)
			assert.Equal(t, tt.last, last)
			assert.Equal(t, tt.bounded, bounded)
		})
	}
}
