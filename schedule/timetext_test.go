package schedule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseClock(t *testing.T) {
	good := []struct {
		in     string
		allow  bool
		second int
	}{
		{"09:00", false, 9 * 3600},
		{"9:05", false, 9*3600 + 5*60},
		{"17:30:15", false, 17*3600 + 30*60 + 15},
		{"08:00:00.0000000", false, 8 * 3600}, // .NET TimeSpan text
		{" 23:59:59 ", false, 86399},
		{"24:00", true, 86400},
		{"24:00:00", true, 86400},
		{"00:00", true, 0},
	}
	for _, tc := range good {
		got, err := ParseClock("startTime", tc.in, tc.allow)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.second, got, tc.in)
	}
	bad := []struct {
		in    string
		allow bool
	}{
		{"", false}, {"9", false}, {"24:00", false}, {"24:01", true}, {"12:60", false},
		{"12:00:60", false}, {"9am", false}, {"12:5", false}, {"-1:00", false},
		{"12:00:00.5", false}, {"12:00:00.", false}, {"1:2:3:4", false}, {"１２:００", false},
	}
	for _, tc := range bad {
		_, err := ParseClock("endTime", tc.in, tc.allow)
		require.Error(t, err, tc.in)
		var te *TextError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, "endTime", te.Field)
		assert.Contains(t, err.Error(), "HH:mm")
	}
}

func TestParseDate(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	cases := []struct{ in, want string }{
		{"2026-11-30", "2026-11-30"},
		{"2026-11-30T00:00:00", "2026-11-30"},
		{"2026-11-30T23:30:00.123", "2026-11-30"},
		// A Z value is an instant: 03:00 UTC is still the 29th in New York.
		{"2026-11-30T03:00:00Z", "2026-11-29"},
		{"2026-11-30T03:00:00+00:00", "2026-11-29"},
		{"2026-11-30T10:00:00-05:00", "2026-11-30"},
	}
	for _, tc := range cases {
		got, err := ParseDate("startDate", tc.in, ny)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got.Format("2006-01-02"), tc.in)
		assert.Equal(t, time.UTC, got.Location())
	}
	for _, in := range []string{"", "2026-02-30", "2026-13-01", "0000-01-01", "30/11/2026", "2026-11-30T25:00:00", "2026-11-30X", "2026-11-30T10:00:00+5"} {
		_, err := ParseDate("startDate", in, ny)
		assert.Error(t, err, in)
	}
}

func TestParseUntil(t *testing.T) {
	sydney, err := time.LoadLocation("Australia/Sydney")
	require.NoError(t, err)
	bound, dateOnly, err := ParseUntil("untilDate", "2026-12-31", sydney)
	require.NoError(t, err)
	assert.True(t, dateOnly)
	assert.Equal(t, time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC), bound, "a date includes the whole day")
	bound, dateOnly, err = ParseUntil("untilDate", "2026-12-31T00:00:00", sydney)
	require.NoError(t, err)
	assert.False(t, dateOnly)
	assert.Equal(t, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), bound)
	bound, _, err = ParseUntil("untilDate", "2026-12-31T00:00:00Z", sydney)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 12, 31, 11, 0, 0, 0, time.UTC), bound, "converted to Sydney's clock (UTC+11 in summer)")
}

func TestParseInstant(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	cases := []struct{ in, want string }{
		{"2026-11-26T10:00:00-05:00", "2026-11-26T15:00:00Z"},
		{"2026-11-26T15:00:00Z", "2026-11-26T15:00:00Z"},
		{"2026-11-26T10:00:00", "2026-11-26T15:00:00Z"},
		{"2026-07-04T10:00", "2026-07-04T14:00:00Z"},
		// Spring gap: 02:30 never shows; the answer is the end of the gap (03:00 EDT).
		{"2026-03-08T02:30:00", "2026-03-08T07:00:00Z"},
		// Autumn overlap: the first of the two instants reading 01:30.
		{"2026-11-01T01:30:00", "2026-11-01T05:30:00Z"},
	}
	for _, tc := range cases {
		got, err := ParseInstant("at", tc.in, ny)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got.UTC().Format(time.RFC3339), tc.in)
	}
	_, err = ParseInstant("at", "tomorrow", ny)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `at "tomorrow" is not valid`)
}

func TestParseDateOffsetsCannotLeaveYears1To9999(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	// Found by FuzzParseText: midnight UTC on 0001-01-01 is still year 0 in New York.
	_, err = ParseDate("startDate", "0001-01-01 00:00+00", ny)
	assert.ErrorContains(t, err, "outside years 1..9999")
	// An until may leave the range: rrule reads it as "never" or "no end".
	u, _, err := ParseUntil("untilDate", "0001-01-01T00:00:00Z", ny)
	require.NoError(t, err)
	assert.Equal(t, 0, u.Year())
	_, err = ParseDate("startDate", "9999-12-31T23:00:00Z", tokyo)
	assert.ErrorContains(t, err, "outside years 1..9999")
	d, err := ParseDate("startDate", "0001-01-01", ny)
	require.NoError(t, err, "without an offset the date is taken as written")
	assert.Equal(t, 1, d.Year())
}
