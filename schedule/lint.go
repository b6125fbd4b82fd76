package schedule

import (
	"fmt"
	"github.com/voicesched/voicesched/model"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/voicesched/voicesched/tz"
)

// This file holds the checks for schedules that are valid but would route
// calls somewhere the admin did not mean: a rule that can never decide, a
// zone with no daylight saving time, a recurrence that skips months. They
// run as part of Compile, after the rules are compiled and ordered, so every
// reader of a schedule's problems (Validate, the tree, Patch, the command
// line) gets them. Each is a warning unless it names a real error, and each
// message says what calls will get and how to fix it.
//
// Paths. A problem about a member that is present names that member
// ("rules[2].byMonthDay[0]"). A problem about a member that is absent
// (no defaultState, no frequency) names the member that should be there;
// its parent ("rules[2]", or the schedule itself) is always present.

// The codes of these checks are declared with every other code in package
// model (CodeIgnoredByRuleType … CodeFifthWeekday).

// ruleLabel names a rule for a message: its path and name (or id, or state).
func ruleLabel(r *RuleInfo) string {
	for _, label := range []string{r.Name, r.ID, r.State} {
		if label = strings.TrimSpace(label); label != "" {
			return fmt.Sprintf("rules[%d] (%q)", r.Index, model.Truncate(label, 60))
		}
	}
	return fmt.Sprintf("rules[%d]", r.Index)
}

// checkIgnoredMembers reports the members an Always or CustomerState rule
// ignores, and still checks their text: a date, time or BY-list that is
// wrong is an error on any rule, since an admin who wrote it meant it.
func (c *Compiled) checkIgnoredMembers(base string, r *model.SchedulingRule, fail, warn func(field, code, format string, args ...any)) {
	ignored := recurrenceMembers(r)
	if len(ignored) > 0 {
		switch r.SimpleRuleType {
		case model.RuleAlways:
			warn("simpleRuleType", model.CodeIgnoredByRuleType,
				"this rule applies at every instant: simpleRuleType is Always (also what an absent simpleRuleType means), so its %s are ignored; set simpleRuleType to Time to use them",
				model.JoinWords(ignored))
		case model.RuleCustomerState:
			warn("simpleRuleType", model.CodeIgnoredByRuleType,
				"this rule follows the parent's state at every instant: a CustomerState rule ignores its %s; to limit it to certain times, add a condition such as hour >= 9 && hour < 17, or use a Time rule with a parentState condition",
				model.JoinWords(ignored))
		}
		// Check the text as a Time rule would, without that kind's warnings.
		c.compileWindow(base, r, fail, func(string, string, string, ...any) {})
	}
}

// checkIgnoredCustomerState reports a customerState on a rule of another
// kind.
func checkIgnoredCustomerState(r *model.SchedulingRule, warn func(field, code, format string, args ...any)) {
	if r.SimpleRuleType == model.RuleCustomerState || strings.TrimSpace(r.CustomerState) == "" {
		return
	}
	consequence := "this rule applies at every instant"
	if r.SimpleRuleType == model.RuleTime {
		consequence = "this rule follows its windows alone"
	}
	warn("simpleRuleType", model.CodeIgnoredByRuleType,
		"%s: its customerState %q is ignored because simpleRuleType is %s; set simpleRuleType to CustomerState to follow the parent's state, or clear customerState",
		consequence, model.Truncate(r.CustomerState, 60), r.SimpleRuleType)
}

// recurrenceMembers lists the time and recurrence members a rule sets.
func recurrenceMembers(r *model.SchedulingRule) []string {
	var out []string
	add := func(set bool, name string) {
		if set {
			out = append(out, name)
		}
	}
	add(strings.TrimSpace(r.StartDate) != "", "startDate")
	add(strings.TrimSpace(r.StartTime) != "", "startTime")
	add(strings.TrimSpace(r.EndTime) != "", "endTime")
	add(r.IsAllDay, "isAllDay")
	add(r.Frequency != model.FrequencyNone, "frequency")
	add(r.Interval > 1, "interval")
	add(r.Count != 0, "count")
	add(strings.TrimSpace(r.UntilDate) != "", "untilDate")
	add(len(r.BySetPosition) > 0, "bySetPosition")
	add(len(r.ByMonth) > 0, "byMonth")
	add(len(r.ByWeekNo) > 0, "byWeekNo")
	add(len(r.ByYearDay) > 0, "byYearDay")
	add(len(r.ByMonthDay) > 0, "byMonthDay")
	add(len(r.ByDay) > 0, "byDay")
	add(len(r.ByHour) > 0, "byHour")
	add(len(r.ByMinute) > 0, "byMinute")
	return out
}

// checkZoneSpelling reports a zone that is a fixed offset, and an IANA name
// spelled in another case; it returns the id to report in answers (the
// IANA spelling).
func (c *Compiled) checkZoneSpelling(id string) string {
	canonical, known := tz.Canonical(id)
	if !known {
		return id
	}
	if _, isWindows := tz.WindowsToIANA(id); !isWindows && canonical != id {
		c.addf("timeZoneId", model.CodeZoneSpelling, model.SeverityWarning,
			"%q is read as the IANA zone %q; write it so, as other systems match IANA names letter for letter", model.Truncate(id, 60), canonical)
		id = canonical
	}
	fixed, ok := tz.FixedOffset(id)
	if !ok {
		return id
	}
	what := fmt.Sprintf("%q is a fixed UTC%s zone with no daylight saving time", model.Truncate(id, 60), formatOffset(fixed.Offset))
	if fixed.Name != id {
		what = fmt.Sprintf("%q is %s, a fixed UTC%s zone with no daylight saving time", model.Truncate(id, 60), fixed.Name, formatOffset(fixed.Offset))
	}
	if strings.HasPrefix(fixed.Name, "Etc/GMT") {
		what += " (Etc names invert the sign)"
	}
	var instead []string
	for _, alt := range fixed.Instead {
		instead = append(instead, fmt.Sprintf("%s (%s)", alt.Zone, alt.Why))
	}
	switch {
	case fixed.Unique:
		c.addf("timeZoneId", model.CodeFixedOffsetZone, model.SeverityWarning,
			"%s; use the located zone %s", what, instead[0])
	case fixed.Name == "EST" || fixed.Name == "MST":
		c.addf("timeZoneId", model.CodeFixedOffsetZone, model.SeverityWarning,
			"%s: an office on that region's clock runs an hour off from March to November; use %s, or %s",
			what, instead[0], strings.Join(instead[1:], ", or "))
	case len(instead) > 0:
		c.addf("timeZoneId", model.CodeFixedOffsetZone, model.SeverityWarning,
			"%s: an office whose region keeps daylight saving time runs an hour off for half the year; no single zone is meant by an offset, so use the office's own city, for example %s",
			what, strings.Join(instead, ", "))
	default:
		c.addf("timeZoneId", model.CodeFixedOffsetZone, model.SeverityWarning,
			"%s; use the IANA zone of the office's own city instead", what)
	}
	return id
}

// formatOffset writes −05:00 or +09:30.
func formatOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "−", -seconds
	}
	return fmt.Sprintf("%s%02d:%02d", sign, seconds/3600, seconds/60%60)
}

// The year before which a rule's windows count as "long ago": a schedule
// today has no use for a rule that ended before it.
var longAgo = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// lint runs the checks that need the whole compiled schedule: the rules in
// evaluation order, their windows and conditions.
func (c *Compiled) lint(s *model.Schedule) {
	unconditionalAlways := -1 // position in c.rules of the first Always rule with no (or a true) condition
	for k := range c.rules {
		rule := &c.rules[k]
		if len(rule.info.FlowParams) > 0 {
			for _, p := range rule.info.FlowParams.OneOfProblems(rule.info.Path() + ".flowParams") {
				c.addf(p.Path, p.Code, p.Severity, "%s", p.Message)
			}
		}
		c.lintCondition(rule)
		if rule.kind == kindTime {
			c.lintWindows(rule)
		}
		if unconditionalAlways < 0 && rule.kind == kindAlways && unconditional(rule) {
			unconditionalAlways = k
		}
	}
	c.lintDuplicateIDs()
	c.lintReachability(unconditionalAlways)
	if c.inherit && len(s.Rules) > 0 {
		c.addf("inherit", model.CodeInheritWithRules, model.SeverityWarning,
			"inherit is set, so calls get the parent's state at every instant and this schedule's own %s never apply; clear inherit to use them, or delete them",
			pluralRules(len(s.Rules)))
	}
	if strings.TrimSpace(s.DefaultState) == "" && !c.inherit && !c.forceClosed && unconditionalAlways < 0 {
		if len(s.Rules) == 0 {
			c.addf("defaultState", model.CodeNoDefaultState, model.SeverityWarning,
				"calls get %q, the engine's fallback state, at every instant: there are no rules and defaultState is empty; set defaultState to the state callers should get",
				c.fallbackState)
			return
		}
		c.addf("defaultState", model.CodeNoDefaultState, model.SeverityWarning,
			"when no rule matches, calls get %q, the engine's fallback state, because defaultState is empty; set defaultState to the state for the times no rule covers (for example \"After Hours\")",
			c.fallbackState)
	}
}

func pluralRules(n int) string {
	if n == 1 {
		return "rule"
	}
	return fmt.Sprintf("%d rules", n)
}

// unconditional reports whether a rule's condition cannot stop it matching.
func unconditional(rule *compiledRule) bool {
	if rule.cond == nil {
		return true
	}
	constant, value, err := rule.cond.Constant()
	return constant && value && err == nil
}

func (c *Compiled) lintCondition(rule *compiledRule) {
	if rule.cond == nil {
		return
	}
	constant, value, err := rule.cond.Constant()
	if !constant {
		return
	}
	path := rule.info.Path() + ".condition"
	text := model.Truncate(strings.TrimSpace(rule.info.Condition), 60)
	switch {
	case err != nil:
		c.addf(path, model.CodeConstantCondition, model.SeverityWarning,
			"the condition %q reads nothing that changes and fails on every call (%v), so this rule never matches; fix the condition or delete the rule", text, err)
	case value:
		c.addf(path, model.CodeConstantCondition, model.SeverityWarning,
			"the condition %q is always true, so it changes nothing: the rule matches exactly as it would without it; delete the condition", text)
	default:
		c.addf(path, model.CodeConstantCondition, model.SeverityWarning,
			"the condition %q is always false, so this rule never matches; delete the rule, or write the condition it was meant to have", text)
	}
}

// lintWindows checks a compiled Time rule's windows: ones long past, and
// recurrences that skip months.
func (c *Compiled) lintWindows(rule *compiledRule) {
	r := rule.info.SchedulingRule
	base := rule.info.Path // formatted only for a problem
	if r.Frequency == model.FrequencyNone && strings.TrimSpace(r.StartDate) == "" {
		c.addf(base()+".frequency", model.CodeOneWindowAtEpoch, model.SeverityWarning,
			"this rule opens one window, on 1970-01-01, and never again: it has no frequency (which means once) and no startDate (which means 1970-01-01); set frequency (Daily, Weekly, …) for a rule that repeats, or startDate for a one-off")
		return
	}
	first, last, bounded, occurs := rule.window.Span()
	switch {
	case !occurs:
		if c.reported(base()+".untilDate", model.CodeUntilBeforeStart) {
			return
		}
		c.addf(base()+".untilDate", model.CodeRuleNeverOpens, model.SeverityWarning,
			"this rule never opens a window: untilDate comes before its first occurrence; move untilDate later, or delete the rule")
		return
	case bounded && last.Before(longAgo):
		field, why := "startDate", "its start date is long past"
		switch {
		case r.Count > 0:
			field, why = "count", fmt.Sprintf("its count of %d occurrences is used up", r.Count)
			if strings.TrimSpace(r.StartDate) == "" {
				why += " (startDate is empty, which means 1970-01-01)"
			}
		case strings.TrimSpace(r.UntilDate) != "":
			field, why = "untilDate", "its untilDate is long past"
		}
		c.addf(base()+"."+field, model.CodeRuleEnded, model.SeverityWarning,
			"this rule never matches again: its last window opened on %s (the first on %s) because %s; set startDate to when the rule should begin, or remove the bound",
			last.Format("2006-01-02"), first.Format("2006-01-02"), why)
		return
	}
	c.lintMonthDays(rule)
}

// reported reports whether a problem with this path and code is listed.
func (c *Compiled) reported(path, code string) bool {
	for _, p := range c.problems {
		if p.Path == path && p.Code == code {
			return true
		}
	}
	return false
}

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// maxMonthDay is the longest each month gets (February in a leap year).
var maxMonthDay = [...]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// lintMonthDays reports days of the month that some of the rule's months
// lack, February 29, day 366, and fifth weekdays of a month.
func (c *Compiled) lintMonthDays(rule *compiledRule) {
	r := rule.info.SchedulingRule
	base := rule.info.Path // formatted only for a problem
	months := r.ByMonth
	if len(months) == 0 {
		months = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	}
	// bySetPosition over a list of days (28–31 with -1 for "the last day")
	// and a negative day alongside ("31 or the last day") are deliberate.
	deliberate := len(r.BySetPosition) > 0 || slices.ContainsFunc(r.ByMonthDay, func(d int) bool { return d < 0 })
	days, dayPath := r.ByMonthDay, func(k int) string { return fmt.Sprintf("%s.byMonthDay[%d]", base(), k) }
	if len(days) == 0 && len(r.ByDay) == 0 && len(r.ByYearDay) == 0 && len(r.ByWeekNo) == 0 &&
		(r.Frequency == model.FrequencyMonthly || r.Frequency == model.FrequencyYearly) {
		// Without day filters the start date's day of the month repeats
		// (and for Yearly its month).
		start, err := ParseDate("startDate", r.StartDate, c.zone)
		if err == nil {
			days, dayPath = []int{start.Day()}, func(int) string { return base() + ".startDate" }
			if r.Frequency == model.FrequencyYearly && len(r.ByMonth) == 0 {
				months = []int{int(start.Month())}
			}
		}
	}
	if !deliberate {
		for k, day := range days {
			if day < 29 {
				continue
			}
			var short []string
			for _, m := range months {
				if m >= 1 && m <= 12 && maxMonthDay[m] < day || (m == 2 && day == 29) {
					short = append(short, monthNames[m])
				}
			}
			switch {
			case len(short) == 0:
			case len(months) == 1 && months[0] == 2:
				c.addf(dayPath(k), model.CodeLeapDayOnly, model.SeverityWarning,
					"February 29 exists only in leap years, so this rule matches once every four years; for the last day of February use byMonthDay -1 with byMonth 2")
			case len(short) == 1 && short[0] == "February" && day == 29:
				c.addf(dayPath(k), model.CodeSkipsShortMonths, model.SeverityWarning,
					"the 29th exists in February only in leap years, so this rule skips February three years in four; for the last day of each month use byMonthDay -1")
			default:
				c.addf(dayPath(k), model.CodeSkipsShortMonths, model.SeverityWarning,
					"the %s exists in only some months, so this rule skips %s; for the last day of each month use byMonthDay -1",
					ordinal(day), model.JoinWords(short))
			}
		}
	}
	for k, day := range r.ByYearDay {
		if day == 366 || day == -366 {
			c.addf(fmt.Sprintf("%s.byYearDay[%d]", base(), k), model.CodeLeapDayOnly, model.SeverityWarning,
				"day %d of the year exists only in leap years, so this rule matches once every four years; for the last day of the year use byYearDay -1", day)
		}
	}
	withinMonth := r.Frequency == model.FrequencyMonthly || (r.Frequency == model.FrequencyYearly && len(r.ByMonth) > 0)
	if withinMonth && len(r.BySetPosition) == 0 {
		for k, d := range r.ByDay {
			if n := d.Ordinal(); n == 5 || n == -5 {
				which := "5th"
				if n < 0 {
					which = "5th-to-last"
				}
				c.addf(fmt.Sprintf("%s.byDay[%d].offset", base(), k), model.CodeFifthWeekday, model.SeverityWarning,
					"a month has a %s %s only when it has five of them (four or five months a year), so this rule skips the other months; for the last %s of the month use offset -1",
					which, d.DayOfWeek, d.DayOfWeek)
			}
		}
	}
}

func ordinal(n int) string {
	switch n {
	case 29:
		return "29th"
	case 30:
		return "30th"
	case 31:
		return "31st"
	}
	return fmt.Sprint(n)
}

func (c *Compiled) lintDuplicateIDs() {
	src := c.UsedRules()
	// A short list is searched in place (no map to allocate), a long one
	// through a map.
	var seen map[string]int
	if len(src) > 16 {
		seen = make(map[string]int, len(src))
	}
	firstUse := func(i int, id string) (int, bool) {
		if seen != nil {
			first, dup := seen[id]
			return first, dup
		}
		for j := range i {
			if strings.TrimSpace(src[j].ID) == id {
				return j, true
			}
		}
		return 0, false
	}
	for i := range src {
		id := strings.TrimSpace(src[i].ID)
		if id == "" {
			continue
		}
		if first, dup := firstUse(i, id); dup {
			c.addf(fmt.Sprintf("rules[%d].id", i), model.CodeDuplicateRuleID, model.SeverityWarning,
				"rule id %q is already used by rules[%d]; answers and traces name the deciding rule by id, so nobody can tell which of the two routed a call; give each rule its own id",
				model.Truncate(id, 60), first)
			continue
		}
		if seen != nil {
			seen[id] = i
		}
	}
}

// lintReachability reports rules that can never decide: every rule looked
// at after an unconditional Always rule, and rules whose windows an earlier
// unconditional Time rule covers entirely.
func (c *Compiled) lintReachability(unconditionalAlways int) {
	shapes := make([]windowShape, len(c.rules))
	for k := range c.rules {
		shapes[k] = shapeOf(&c.rules[k])
	}
	for k := range c.rules {
		rule := &c.rules[k]
		if rule.kind == kindBroken {
			continue // it never matches anyway, and says why
		}
		path := func() string { return rule.info.Path() + ".priority" } // only for a problem
		if unconditionalAlways >= 0 && k > unconditionalAlways {
			always := &c.rules[unconditionalAlways].info
			if sameOutcome(always.SchedulingRule, rule.info.SchedulingRule) {
				continue
			}
			c.addf(path(), model.CodeRuleAfterAlways, model.SeverityWarning,
				"this rule never decides: %s is an Always rule with no condition, matches at every instant and is looked at first (priority %d, this rule %d), so calls get %q; give this rule a smaller priority number than %d, or delete it",
				ruleLabel(always), always.Priority, rule.info.Priority, model.Truncate(always.State, 60), always.Priority)
			continue
		}
		if rule.kind != kindTime {
			continue
		}
		for j := 0; j < k; j++ {
			earlier := &c.rules[j]
			if earlier.kind != kindTime || !unconditional(earlier) || sameOutcome(earlier.info.SchedulingRule, rule.info.SchedulingRule) {
				continue
			}
			var covers string
			switch {
			case sameWindows(earlier.info.SchedulingRule, rule.info.SchedulingRule):
				covers = "has the same windows"
			case shapes[k].known && shapes[j].covers && shapes[j].contains(shapes[k]):
				covers = "covers every instant it does (" + shapes[j].describe() + ")"
			default:
				continue
			}
			cover := &earlier.info
			c.addf(path(), model.CodeShadowedRule, model.SeverityWarning,
				"this rule never decides: %s %s, has no condition and is looked at first (priority %d, this rule %d), so calls get %q; give this rule a smaller priority number than %d",
				ruleLabel(cover), covers, cover.Priority, rule.info.Priority, model.Truncate(cover.State, 60), cover.Priority)
			break
		}
	}
}

// sameOutcome reports whether two rules route a call alike: the same state
// (trimmed, any case) and the same flow. A rule hidden by one with the same
// outcome changes nothing a caller notices (two holiday sets that both
// close on Christmas Day), so it is not reported.
func sameOutcome(a, b *model.SchedulingRule) bool {
	return strings.EqualFold(strings.TrimSpace(a.State), strings.TrimSpace(b.State)) &&
		strings.TrimSpace(a.FlowID) == strings.TrimSpace(b.FlowID) && reflect.DeepEqual(a.FlowParams, b.FlowParams)
}

// sameWindows reports whether two Time rules open the same windows: every
// member that shapes them is equal (texts trimmed, byDay offsets 0 and
// "no offset" alike). Both compiled, so their texts are valid.
func sameWindows(a, b *model.SchedulingRule) bool {
	same := func(x, y string) bool { return strings.TrimSpace(x) == strings.TrimSpace(y) }
	if a.Frequency != b.Frequency || a.IsAllDay != b.IsAllDay || max(a.Interval, 1) != max(b.Interval, 1) || a.Count != b.Count ||
		!same(a.StartDate, b.StartDate) || !same(a.UntilDate, b.UntilDate) {
		return false
	}
	if !a.IsAllDay && (!same(a.StartTime, b.StartTime) || !same(a.EndTime, b.EndTime)) {
		return false
	}
	if a.Frequency == model.FrequencyNone {
		return true // one window at the start; the rest is ignored
	}
	return slices.Equal(a.BySetPosition, b.BySetPosition) && slices.Equal(a.ByMonth, b.ByMonth) &&
		slices.Equal(a.ByWeekNo, b.ByWeekNo) && slices.Equal(a.ByYearDay, b.ByYearDay) &&
		slices.Equal(a.ByMonthDay, b.ByMonthDay) && slices.Equal(a.ByHour, b.ByHour) && slices.Equal(a.ByMinute, b.ByMinute) &&
		slices.EqualFunc(a.ByDay, b.ByDay, func(x, y model.ScheduleDay) bool { return x.DayOfWeek == y.DayOfWeek && x.Ordinal() == y.Ordinal() })
}

// windowShape is what shadowing needs of a Time rule's windows: every
// window is [from, to) seconds of a civil day whose weekday is in weekdays,
// between firstDay and lastDay. When covers is set the rule also opens that
// window on every such day (a Daily or Weekly rule with no other filter), so
// it hides any rule whose shape lies inside its own.
type windowShape struct {
	known, covers     bool
	weekdays          uint8 // bit d for time.Weekday d
	from, to          int
	firstDay, lastDay time.Time
}

const allWeekdays = 1<<7 - 1

// endOfTime stands for the last day of a rule that only year 9999 ends.
var endOfTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

func shapeOf(rule *compiledRule) windowShape {
	r := rule.info.SchedulingRule
	if rule.kind != kindTime || len(r.ByHour) > 0 || len(r.ByMinute) > 0 {
		return windowShape{}
	}
	switch r.Frequency {
	case model.FrequencyNone, model.FrequencyDaily, model.FrequencyWeekly, model.FrequencyMonthly, model.FrequencyYearly:
	default:
		return windowShape{}
	}
	from, to := 0, 86400
	if !r.IsAllDay {
		if strings.TrimSpace(r.StartTime) != "" {
			from, _ = ParseClock("startTime", r.StartTime, false)
		}
		if strings.TrimSpace(r.EndTime) != "" {
			to, _ = ParseClock("endTime", r.EndTime, true)
		}
		if to <= from {
			return windowShape{} // crosses midnight
		}
	}
	first, last, bounded, ok := rule.window.Span()
	if !ok {
		return windowShape{}
	}
	shape := windowShape{known: true, from: from, to: to, weekdays: allWeekdays,
		firstDay: first.Truncate(24 * time.Hour), lastDay: endOfTime}
	if bounded {
		shape.lastDay = last.Truncate(24 * time.Hour)
	}
	offsets := false
	switch {
	case r.Frequency == model.FrequencyNone || (r.Frequency == model.FrequencyWeekly && len(r.ByDay) == 0):
		shape.weekdays = 1 << uint(first.Weekday())
	case len(r.ByDay) > 0:
		shape.weekdays = 0
		for _, d := range r.ByDay {
			shape.weekdays |= 1 << uint(d.DayOfWeek)
			offsets = offsets || d.Ordinal() != 0
		}
	}
	shape.covers = (r.Frequency == model.FrequencyDaily || r.Frequency == model.FrequencyWeekly) && r.Interval <= 1 && r.Count == 0 &&
		!offsets && len(r.BySetPosition)+len(r.ByMonth)+len(r.ByWeekNo)+len(r.ByYearDay)+len(r.ByMonthDay) == 0
	return shape
}

// contains reports whether every window of inner lies inside one of s's
// windows; s must cover its days.
func (s windowShape) contains(inner windowShape) bool {
	return inner.weekdays&^s.weekdays == 0 && s.from <= inner.from && inner.to <= s.to &&
		!inner.firstDay.Before(s.firstDay) && !inner.lastDay.After(s.lastDay)
}

// describe writes "Monday to Friday 09:00–17:00" or "every day, all day".
func (s windowShape) describe() string {
	days := describeWeekdays(s.weekdays)
	if s.from == 0 && s.to == 86400 {
		return days + ", all day"
	}
	return fmt.Sprintf("%s %s–%s", days, clockText(s.from), clockText(s.to))
}

func clockText(seconds int) string {
	if seconds%60 != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", seconds/3600, seconds/60%60, seconds%60)
	}
	return fmt.Sprintf("%02d:%02d", seconds/3600, seconds/60%60)
}

func describeWeekdays(mask uint8) string {
	switch mask {
	case allWeekdays:
		return "every day"
	case 0b0111110:
		return "Monday to Friday"
	case 0b1000001:
		return "Saturday and Sunday"
	}
	var names []string
	for d := time.Monday; ; d = (d + 1) % 7 {
		if mask&(1<<uint(d)) != 0 {
			names = append(names, d.String())
		}
		if d == time.Sunday {
			break
		}
	}
	return model.JoinWords(names)
}
