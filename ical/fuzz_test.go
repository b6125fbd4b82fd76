package ical

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

// FuzzImport: any feed is read or refused with an error, never a panic or a
// hang, and every rule Import makes is one the schedule accepts.
func FuzzImport(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "ical", "*.ics"))
	for _, path := range seeds {
		feed, err := os.ReadFile(path)
		require.NoError(f, err)
		f.Add(feed)
	}
	f.Add(feedOf("BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYSETPOS=-1", "EXDATE;VALUE=DATE:20260131", "END:VEVENT"))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, feed []byte) {
		result, err := Import(feed, Start(start), HorizonYears(2))
		if err != nil {
			return
		}
		loc, err := tz.Load(result.ZoneID)
		require.NoError(t, err, "the result's zone is a zone a schedule can name")
		for i, r := range result.Rules {
			compiled := schedule.Compile(&model.Schedule{Rules: []model.SchedulingRule{r}}, schedule.Env{Zone: loc, ZoneID: result.ZoneID})
			for _, p := range compiled.Problems() {
				require.NotEqual(t, model.SeverityError, p.Severity, "rule %d %+v: %v", i, r, p)
			}
		}
	})
}
