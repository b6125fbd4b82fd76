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

// dayInfo (a table of the 400-year cycle) agrees with the plain arithmetic of yearOfDay and
// yearType on every day of years 1..1200 and around the end of year 9999.
func TestDayInfoEveryDay(t *testing.T) {
	check := func(d int64) {
		year, yearDay, typ := dayInfo(d)
		wantYear, wantDay := yearOfDay(d)
		if year != wantYear || yearDay != wantDay || typ != yearType(wantYear) {
			t.Fatalf("day %d: got %d/%d/%d, want %d/%d/%d", d, year, yearDay, typ, wantYear, wantDay, yearType(wantYear))
		}
	}
	for d := int64(0); d < 3*daysPer400; d++ {
		check(d)
	}
	for d := int64(lastCivilDay - 800); d <= lastCivilDay; d++ {
		check(d)
	}
}
