package holidays

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

func TestLintWarnsWhenDatedHolidayRulesRunOutWithinAYear(t *testing.T) {
	england, err := Find("GB", "ENG")
	require.NoError(t, err)
	rules, err := england.rules(Options{FromYear: 2026, ToYear: 2035}, fixedNow)
	require.NoError(t, err)
	us, err := Find("US", "")
	require.NoError(t, err)
	federal, err := us.rules(Options{FromYear: 2026, ToYear: 2027}, fixedNow)
	require.NoError(t, err)
	s := &model.Schedule{TimeZoneID: "Europe/London", Rules: append(rules, federal...), DefaultState: "Open"}
	c := schedule.Compile(s, schedule.Env{})
	require.Empty(t, c.Problems())

	// The last dated rule of GB-ENG is Easter Monday 2035 (26 March); the
	// US set has recurrences only, which never run out.
	assert.Empty(t, Lint(c, time.Date(2034, 3, 1, 0, 0, 0, 0, time.UTC)), "more than a year left")
	problems := Lint(c, time.Date(2034, 6, 1, 0, 0, 0, 0, time.UTC))
	require.Len(t, problems, 1, "one warning for the set")
	assert.Equal(t, model.CodeHolidaysEnding, problems[0].Code)
	assert.Equal(t, model.SeverityWarning, problems[0].Severity)
	assert.Contains(t, problems[0].Message, "GB-ENG")
	assert.Contains(t, problems[0].Message, "2035-03-26")
	last := s.Rules[indexOfPath(t, problems[0].Path)]
	assert.Equal(t, "2035-03-26", last.StartDate)

	assert.Len(t, Lint(c, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)), 1, "rules that have run out are reported too")
}

func indexOfPath(t *testing.T, path string) int {
	t.Helper()
	var i int
	_, err := fmt.Sscanf(path, "rules[%d]", &i)
	require.NoError(t, err)
	return i
}
