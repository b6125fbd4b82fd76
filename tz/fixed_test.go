package tz

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFixedOffsetZones(t *testing.T) {
	tests := []struct {
		scenario string
		id       string
		name     string
		offset   int
		first    string
		unique   bool
	}{
		{"a New York office that typed EST runs an hour off all summer", "EST", "EST", -5 * 3600, "America/New_York", false},
		{"EST in lower case is still EST", "est", "EST", -5 * 3600, "America/New_York", false},
		{"a Denver office that typed MST", "MST", "MST", -7 * 3600, "America/Denver", false},
		{"a Honolulu office that typed HST", "HST", "HST", -10 * 3600, "Pacific/Honolulu", true},
		{"Etc/GMT+5 is five hours behind UTC", "Etc/GMT+5", "Etc/GMT+5", -5 * 3600, "", false},
		{"Etc/GMT-9 is nine hours ahead of UTC", "Etc/GMT-9", "Etc/GMT-9", 9 * 3600, "", false},
		{"the Windows id UTC-11 is Etc/GMT+11", "UTC-11", "Etc/GMT+11", -11 * 3600, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			fixed, ok := FixedOffset(tt.id)
			require.True(t, ok)
			assert.Equal(t, tt.name, fixed.Name)
			assert.Equal(t, tt.offset, fixed.Offset)
			assert.Equal(t, tt.unique, fixed.Unique)
			require.NotEmpty(t, fixed.Instead)
			if tt.first != "" {
				assert.Equal(t, tt.first, fixed.Instead[0].Zone)
			}
			for _, alt := range fixed.Instead {
				loc, err := Load(alt.Zone)
				require.NoError(t, err, alt.Zone)
				assert.NotEmpty(t, alt.Why)
				if !tt.unique && tt.first == "" {
					// Examples for a bare offset keep that offset in winter or summer.
					_, january := timeIn(loc, 1).Zone()
					_, july := timeIn(loc, 7).Zone()
					assert.Equal(t, tt.offset, min(january, july), "%s", alt.Zone)
				}
			}
		})
	}
}

func TestEtcGMTPlus5OffersZonesWithAndWithoutDaylightSaving(t *testing.T) {
	fixed, ok := FixedOffset("Etc/GMT+5")
	require.True(t, ok)
	var zones []string
	withDST, without := 0, 0
	for _, alt := range fixed.Instead {
		zones = append(zones, alt.Zone)
		if alt.Why == "with daylight saving time" {
			withDST++
		} else {
			without++
		}
	}
	assert.Contains(t, zones, "America/New_York")
	assert.Positive(t, withDST)
	assert.Positive(t, without)
	assert.LessOrEqual(t, len(zones), maxAlternatives)
}

func TestLocatedAndUTCZonesAreNotFixedOffsets(t *testing.T) {
	for _, id := range []string{
		"America/New_York", "Eastern Standard Time", "Asia/Tokyo", "America/Phoenix",
		"Pacific/Honolulu", "UTC", "Etc/UTC", "GMT", "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Zulu",
		"EST5EDT", "America/Panama", "nowhere/at_all", "",
	} {
		_, ok := FixedOffset(id)
		assert.False(t, ok, "%q", id)
	}
}

func timeIn(loc *time.Location, month time.Month) time.Time {
	return time.Date(standardOffsetYear, month, 15, 12, 0, 0, 0, loc)
}
