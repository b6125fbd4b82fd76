package ical

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/tz"
)

// feedVectors is a file written by testdata/ical/gen_vectors.py.
type feedVectors struct {
	Feed string              `json:"feed"`
	Zone string              `json:"zone"`
	From time.Time           `json:"from"`
	To   time.Time           `json:"to"`
	Busy map[string][]string `json:"busy"`
}

func readVectors(t *testing.T, name string) feedVectors {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "ical", name))
	require.NoError(t, err)
	var v feedVectors
	require.NoError(t, json.Unmarshal(raw, &v))
	return v
}

// busySpans evaluates rules as a schedule in zone over [from, to) and
// returns the spans in state "Holiday" as "start/end" in UTC.
func busySpans(t *testing.T, zoneID string, rules []model.SchedulingRule, from, to time.Time) []string {
	t.Helper()
	spans := []string{}
	if len(rules) == 0 {
		return spans
	}
	snap := importedSnapshot(t, zoneID, rules)
	intervals, err := snap.Timeline("imported", from, to)
	require.NoError(t, err)
	for _, iv := range intervals {
		if iv.State == DefaultState {
			spans = append(spans, iv.From.UTC().Format(time.RFC3339)+"/"+iv.To.UTC().Format(time.RFC3339))
		}
	}
	return spans
}

func warningsByUID(warnings []Warning) map[string][]string {
	out := map[string][]string{}
	for _, w := range warnings {
		out[w.UID] = append(out[w.UID], w.Message)
	}
	return out
}

// Each feed's events, imported and evaluated, are on exactly when
// python3-icalendar and python3-dateutil say they are.
func TestImportedFeedsAgreeWithPythonIcalendar(t *testing.T) {
	cases := []struct {
		name string
		// warned lists the UIDs (prefixes) that must carry a warning, with a
		// word of it; every other event must import without one.
		warned map[string]string
	}{
		{"holidays_us", map[string]string{
			"thanksgiving@":  "lasts 2 days",
			"election-2024@": "ended before",
		}},
		{"outlook_berlin", map[string]string{
			"040000008200E00074C5B7101A82E00800000000E0": "another clock",
		}},
		{"google_newyork", map[string]string{
			"cancelled":             "cancelled",
			"0q9w8e7r6t5y4u3i2o1p@": "",
		}},
		{"rrule_shapes", map[string]string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := readVectors(t, tc.name+".json")
			feed, err := os.ReadFile(filepath.Join("..", "testdata", "ical", v.Feed))
			require.NoError(t, err)
			loc, err := tz.Load(v.Zone)
			require.NoError(t, err)
			result, err := Import(feed, Zone(loc), Start(v.From), HorizonYears(3), FeedName(tc.name))
			require.NoError(t, err)
			assert.Equal(t, v.Zone, result.ZoneID)
			for _, w := range result.Warnings {
				t.Log(w)
			}

			byUID := map[string][]model.SchedulingRule{}
			for _, r := range result.Rules {
				uid, ok := strings.CutPrefix(r.Source, tc.name+"#")
				require.True(t, ok, "source %q names the feed", r.Source)
				byUID[uid] = append(byUID[uid], r)
			}
			uids := make([]string, 0, len(v.Busy))
			for uid := range v.Busy {
				uids = append(uids, uid)
			}
			sort.Strings(uids)
			for _, uid := range uids {
				assert.Equal(t, v.Busy[uid], busySpans(t, v.Zone, byUID[uid], v.From, v.To), "event %s", uid)
			}

			warned := warningsByUID(result.Warnings)
			for uid, messages := range warned {
				expected := ""
				found := false
				for prefix, word := range tc.warned {
					if strings.HasPrefix(uid, prefix) {
						expected, found = word, true
					}
				}
				assert.True(t, found, "unexpected warning for %s: %v", uid, messages)
				assert.Contains(t, strings.Join(messages, "\n"), expected)
			}
			for prefix := range tc.warned {
				hit := false
				for uid := range warned {
					hit = hit || strings.HasPrefix(uid, prefix)
				}
				if tc.warned[prefix] != "" {
					assert.True(t, hit, "a warning for %s", prefix)
				}
			}
		})
	}
}
