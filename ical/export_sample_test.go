package ical

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/ical/export_sample.ics (then run testdata/ical/gen_vectors.py)")

// The sample export (clinic-maple, all states, over the autumn DST change)
// is golden, and python3-icalendar reads it (export_sample.json, written by
// gen_vectors.py) as the same intervals: same UIDs, states and instants.
func TestExportSampleIsReadByPythonIcalendarAsTheTimeline(t *testing.T) {
	snap := sampleSnapshot(t)
	ny := mustZone(t, "America/New_York")
	from := time.Date(2026, 10, 26, 0, 0, 0, 0, ny)
	to := time.Date(2026, 11, 9, 0, 0, 0, 0, ny)
	feed, err := Export(snap, "clinic-maple", from, to, AllStates(), Stamp(time.Date(2026, 10, 20, 12, 0, 0, 0, time.UTC)))
	require.NoError(t, err)
	path := filepath.Join("..", "testdata", "ical", "export_sample.ics")
	if *update {
		require.NoError(t, os.WriteFile(path, feed, 0o644))
	}
	golden, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(golden), string(feed), "run go test ./ical -run TestExportSample -update, then testdata/ical/gen_vectors.py")

	raw, err := os.ReadFile(filepath.Join("..", "testdata", "ical", "export_sample.json"))
	require.NoError(t, err)
	var read struct {
		Events []struct {
			UID, Summary, Description string
			Start, End                time.Time
		} `json:"events"`
	}
	require.NoError(t, json.Unmarshal(raw, &read))
	intervals, err := snap.Timeline("clinic-maple", from, to)
	require.NoError(t, err)
	require.Len(t, read.Events, len(intervals))
	for i, iv := range intervals {
		e := read.Events[i]
		assert.Equal(t, intervalUID("clinic-maple", iv), e.UID)
		assert.Equal(t, iv.State, e.Summary)
		assert.True(t, iv.From.Equal(e.Start), "interval %d starts %s, python reads %s", i, iv.From, e.Start)
		assert.True(t, iv.To.Equal(e.End), "interval %d ends %s, python reads %s", i, iv.To, e.End)
	}
}
