package closure_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

func TestLintAsksToRemoveClosuresThatHaveEnded(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	rules, err := closure.Span(time.Date(2026, 12, 24, 14, 0, 0, 0, ny), time.Date(2026, 12, 27, 8, 0, 0, 0, ny), ny, closure.Options{Reason: "staff party"})
	require.NoError(t, err)
	hours := model.SchedulingRule{Name: "Hours", State: "Business Hours", SimpleRuleType: model.RuleTime, StartTime: "09:00", EndTime: "17:00", Frequency: model.FrequencyDaily}
	s := &model.Schedule{TimeZoneID: "America/New_York", Rules: append(rules, hours), DefaultState: "After Hours"}
	c := schedule.Compile(s, schedule.Env{})

	assert.Empty(t, closure.Lint(c, time.Date(2026, 12, 20, 0, 0, 0, 0, ny)), "before the closure")
	assert.Empty(t, closure.Lint(c, time.Date(2026, 12, 27, 7, 59, 0, 0, ny)), "while its last part is open")

	problems := closure.Lint(c, time.Date(2026, 12, 27, 8, 0, 0, 0, ny))
	require.Len(t, problems, 3, "each of its three rules")
	for i, p := range problems {
		assert.Equal(t, model.CodeClosureEnded, p.Code)
		assert.Equal(t, model.SeverityWarning, p.Severity)
		assert.Equal(t, []string{"rules[0]", "rules[1]", "rules[2]"}[i], p.Path)
		assert.Contains(t, p.Message, "remove it")
	}
	assert.Contains(t, problems[2].Message, "2026-12-27 08:00")
	assert.Contains(t, problems[0].Message, "2026-12-27 08:00", "every part names the end of the whole closure")
}
