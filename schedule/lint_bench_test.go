package schedule

import (
	"testing"

	"github.com/voicesched/voicesched/model"
)

// benchSchedule is a typical ten-rule schedule: six holidays, lunch, a
// Christmas Eve early close, a VIP Saturday with a condition, and business
// hours (the same shape as the root package's typical schedule).
func benchSchedule() *model.Schedule {
	weekdays := []model.ScheduleDay{{DayOfWeek: 1}, {DayOfWeek: 2}, {DayOfWeek: 3}, {DayOfWeek: 4}, {DayOfWeek: 5}}
	holiday := func(id string, month, day int, byDay []model.ScheduleDay) model.SchedulingRule {
		r := model.SchedulingRule{ID: id, State: "Holiday", SimpleRuleType: model.RuleTime, Frequency: model.FrequencyYearly, IsAllDay: true,
			StartDate: "2021-12-01", ByMonth: []int{month}, ByDay: byDay}
		if day > 0 {
			r.ByMonthDay = []int{day}
		}
		return r
	}
	return &model.Schedule{TimeZoneID: "America/New_York", DefaultState: "After Hours", Rules: []model.SchedulingRule{
		holiday("newyear", 1, 1, nil),
		holiday("memorial", 5, 0, []model.ScheduleDay{{Offset: -1, DayOfWeek: 1}}),
		holiday("july4", 7, 4, nil),
		holiday("labor", 9, 0, []model.ScheduleDay{{Offset: 1, DayOfWeek: 1}}),
		holiday("thanksgiving", 11, 0, []model.ScheduleDay{{Offset: 4, DayOfWeek: 4}}),
		holiday("christmas", 12, 25, nil),
		{ID: "lunch", State: "Lunch", Priority: 5, SimpleRuleType: model.RuleTime, Frequency: model.FrequencyWeekly,
			StartDate: "2021-12-01", StartTime: "12:00", EndTime: "13:00", ByDay: weekdays},
		{ID: "xmas-eve", State: "Closed Early", Priority: 6, SimpleRuleType: model.RuleTime, Frequency: model.FrequencyYearly,
			StartDate: "2021-12-01", StartTime: "13:00", EndTime: "24:00", ByMonth: []int{12}, ByMonthDay: []int{24}},
		{ID: "vip-saturday", State: "Business Hours", Priority: 10, SimpleRuleType: model.RuleTime, Frequency: model.FrequencyWeekly,
			StartDate: "2021-12-01", StartTime: "09:00", EndTime: "12:00", ByDay: []model.ScheduleDay{{DayOfWeek: 6}},
			Condition: `"vip" in customer.tags`},
		{ID: "hours", State: "Business Hours", Priority: 10, SimpleRuleType: model.RuleTime, Frequency: model.FrequencyWeekly,
			StartDate: "2021-12-01", StartTime: "08:00", EndTime: "17:00", ByDay: weekdays},
	}}
}

func TestTheBenchmarkScheduleIsClean(t *testing.T) {
	if problems := Compile(benchSchedule(), Env{HasParent: true}).Problems(); len(problems) > 0 {
		t.Fatalf("a typical schedule draws %v", problems)
	}
}

// BenchmarkLint compares the lint checks with the compilation they follow:
// "compile" is Compile without them, "lint" the checks alone on the
// compiled schedule, "compile+lint" what Compile costs.
func BenchmarkLint(b *testing.B) {
	s, env := benchSchedule(), Env{HasParent: true}
	b.Run("compile/typical-10-rules", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			compile(s, env)
		}
	})
	b.Run("lint/typical-10-rules", func(b *testing.B) {
		c := compile(s, env)
		b.ReportAllocs()
		for b.Loop() {
			c.problems = c.problems[:0]
			c.lint(s)
		}
	})
	b.Run("compile+lint/typical-10-rules", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Compile(s, env)
		}
	})
}
