package rrule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestDayInfoAgreesWithTimePackage(t *testing.T) {
	for day := int64(0); day <= lastCivilDay; day += 1 + day%7 {
		date := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(day))
		if day%97 == 0 || date.YearDay() <= 2 || date.YearDay() >= 365 {
			year, yearDay, typ := dayInfo(day)
			require.Equal(t, int64(date.Year()), year, "day %d", day)
			require.Equal(t, date.YearDay()-1, yearDay, "day %d", day)
			require.Equal(t, yearType(year), typ, "day %d", day)
			y2, yd2 := yearOfDay(day)
			require.Equal(t, year, y2)
			require.Equal(t, yearDay, yd2)
			require.Equal(t, int(date.Weekday()+6)%7, int(day%7), "day %d is a %s", day, date.Weekday())
		}
	}
	require.Equal(t, int64(lastCivilDay), (civilSeconds(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)))/secondsPerDay)
}
