package holidays

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickar/cal/v2"

	"github.com/voicesched/voicesched/model"
)

// Defaults of Options.
const (
	DefaultState = "Holiday"
	// DefaultYears is the horizon of dated rules, in years.
	DefaultYears = 10
)

// Options choose which rules Rules makes. The zero value asks for every
// holiday of the set with its substitute days, as "Holiday", for ten years
// from the current one.
type Options struct {
	// FromYear and ToYear bound the horizon (both included): dated rules
	// are made for these years, and recurrences start with FromYear.
	// FromYear 0 is the current year (UTC); ToYear 0 is FromYear+9.
	FromYear, ToYear int
	// Only keeps the holidays with these IDs (Set.Holidays); empty keeps all.
	Only []string
	// State of the rules ("Holiday" when empty).
	State string
	// Actual leaves out substitute ("observed") days: only the holidays'
	// own dates close.
	Actual bool
	// Priority of the rules.
	Priority int
}

// MaxYears is the longest horizon Rules accepts.
const MaxYears = 100

func (o Options) normalize(set *Set, now func() time.Time) (Options, error) {
	if o.FromYear == 0 {
		o.FromYear = now().UTC().Year()
	}
	if o.ToYear == 0 {
		o.ToYear = o.FromYear + DefaultYears - 1
	}
	switch {
	case o.FromYear < 1 || o.FromYear > 9999:
		return o, &Error{"years", fmt.Sprintf("year %d is outside 1..9999", o.FromYear)}
	case o.ToYear < o.FromYear || o.ToYear > 9999:
		return o, &Error{"years", fmt.Sprintf("the horizon %d-%d ends before it starts or after 9999", o.FromYear, o.ToYear)}
	case o.ToYear-o.FromYear+1 > MaxYears:
		return o, &Error{"years", fmt.Sprintf("the horizon %d-%d is longer than %d years", o.FromYear, o.ToYear, MaxYears)}
	}
	o.State = strings.TrimSpace(o.State)
	if o.State == "" {
		o.State = DefaultState
	}
	if strings.ContainsFunc(o.State, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return o, &Error{"state", "the state contains a control character"}
	}
	only, err := set.pick(o.Only)
	if err != nil {
		return o, err
	}
	o.Only = only
	return o, nil
}

// pick checks the IDs against the set and returns them cleaned (lower case,
// no blanks, no repeats).
func (s *Set) pick(ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		id = strings.ToLower(strings.TrimSpace(id))
		if id == "" || slices.Contains(out, id) {
			continue
		}
		if !slices.ContainsFunc(s.holidays, func(h holiday) bool { return h.ID == id }) {
			known := make([]string, len(s.holidays))
			for i, h := range s.holidays {
				known[i] = h.ID
			}
			return nil, &Error{"only", fmt.Sprintf("%s has no holiday %q; it has %s", s.ID, truncate(id, 40), strings.Join(known, ", "))}
		}
		out = append(out, id)
	}
	return out, nil
}

func (s *Set) picked(h holiday, only []string) bool {
	return len(only) == 0 || slices.Contains(only, h.ID)
}

// Rules returns the scheduling rules that close on the set's holidays: for
// each holiday, all-day Time rules named after it. A holiday whose date has
// a recurrence shape (a fixed date, the n-th weekday of a month, a weekday
// in a week-long range of days) is one Yearly rule that stays right every
// year; each kind of substitute day ("observed": a Saturday holiday kept on
// the Friday before) is one more, named "<holiday> (observed)". The rest
// (Easter-based feasts, one-off days, holidays defined anew in some years)
// are dated one-day rules for the years of the horizon. Every rule's source
// is Source(set, holiday).
func (s *Set) Rules(opts Options) ([]model.SchedulingRule, error) {
	return s.rules(opts, time.Now)
}

func (s *Set) rules(opts Options, now func() time.Time) ([]model.SchedulingRule, error) {
	opts, err := opts.normalize(s, now)
	if err != nil {
		return nil, err
	}
	var rules []model.SchedulingRule
	for _, h := range s.holidays {
		if !s.picked(h, opts.Only) {
			continue
		}
		base := model.SchedulingRule{
			Name:           h.Name,
			Priority:       opts.Priority,
			State:          opts.State,
			Source:         Source(s.ID, h.ID),
			SimpleRuleType: model.RuleTime,
			IsAllDay:       true,
		}
		var dated []time.Time
		for _, def := range h.defs {
			recurring, days := defRules(def, base, opts)
			rules = append(rules, recurring...)
			dated = append(dated, days...)
		}
		slices.SortFunc(dated, func(a, b time.Time) int { return a.Compare(b) })
		dated = slices.CompactFunc(dated, func(a, b time.Time) bool { return a.Equal(b) })
		for _, day := range dated {
			r := base
			r.Frequency = model.FrequencyNone
			r.StartDate = day.Format(time.DateOnly)
			rules = append(rules, r)
		}
	}
	return rules, nil
}

// defRules returns the recurring rules of one definition and the days that
// need dated rules (observed days named with the holiday: the rule's name
// is the holiday's; only recurring observed rules say "(observed)").
func defRules(def *cal.Holiday, base model.SchedulingRule, opts Options) ([]model.SchedulingRule, []time.Time) {
	firstYear := max(opts.FromYear, def.StartYear)
	if firstYear > opts.ToYear || (def.EndYear > 0 && def.EndYear < opts.FromYear) {
		return nil, nil
	}
	open := def.EndYear == 0 && !slices.ContainsFunc(def.Except, func(y int) bool { return y >= firstYear })
	actual, hasShape := actualShape(def)
	if !open || !hasShape {
		var days []time.Time
		for y := firstYear; y <= opts.ToYear; y++ {
			a, o := def.Calc(y)
			if a.IsZero() {
				continue
			}
			days = append(days, civilDay(a))
			if !opts.Actual && !o.Equal(a) {
				days = append(days, civilDay(o))
			}
		}
		return nil, days
	}
	rules := []model.SchedulingRule{recurrence(base, actual, firstYear)}
	if opts.Actual {
		return rules, nil
	}
	var days []time.Time
	var seen []time.Weekday
	for _, alt := range def.Observed {
		// Calc uses the first substitute listed for a weekday.
		if alt.Offset == 0 || slices.Contains(seen, alt.Day) {
			continue
		}
		seen = append(seen, alt.Day)
		if actual.hasWeekday && actual.weekday != alt.Day {
			continue // the holiday never falls on that weekday
		}
		if obs, ok := actual.observedShape(alt); ok {
			r := recurrence(base, obs, firstYear)
			r.Name += " (observed)"
			rules = append(rules, r)
			continue
		}
		for y := firstYear; y <= opts.ToYear; y++ {
			a, o := def.Calc(y)
			if !a.IsZero() && a.Weekday() == alt.Day && !o.Equal(a) {
				days = append(days, civilDay(o))
			}
		}
	}
	return rules, days
}

// recurrence is the Yearly all-day rule of a shape, from the first year it
// applies to. It starts on the first day of the shape's month in that
// year, so that it holds no day of an earlier year's holiday.
func recurrence(base model.SchedulingRule, s shape, firstYear int) model.SchedulingRule {
	r := base
	r.Frequency = model.FrequencyYearly
	r.StartDate = time.Date(firstYear+s.yearShift, s.month, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	r.ByMonth = []int{int(s.month)}
	r.ByMonthDay = slices.Clone(s.days)
	if s.hasWeekday {
		r.ByDay = []model.ScheduleDay{{Offset: s.ordinal, DayOfWeek: model.DayOfWeek(s.weekday)}}
	}
	return r
}

// civilDay is the calendar day of a rickar/cal result (midnight or noon in
// its default location) as a civil date held in UTC.
func civilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Occurrence is one day a holiday closes.
type Occurrence struct {
	Holiday  Holiday
	Year     int       // the year of the holiday (a substitute day may fall in the year before)
	Date     time.Time // the civil day, midnight in UTC
	Observed bool      // a substitute day, not the holiday's own date
}

// Dates returns the days the set's holidays close in the horizon's years,
// as the data computes them (actual dates, and substitute days unless
// opts.Actual), ordered by date. A substitute day belongs to the year of
// its holiday even when it falls in the year before.
func (s *Set) Dates(opts Options) ([]Occurrence, error) {
	return s.dates(opts, time.Now)
}

func (s *Set) dates(opts Options, now func() time.Time) ([]Occurrence, error) {
	opts, err := opts.normalize(s, now)
	if err != nil {
		return nil, err
	}
	var out []Occurrence
	for _, h := range s.holidays {
		if !s.picked(h, opts.Only) {
			continue
		}
		for _, def := range h.defs {
			for y := opts.FromYear; y <= opts.ToYear; y++ {
				a, o := def.Calc(y)
				if a.IsZero() {
					continue
				}
				out = append(out, Occurrence{Holiday: h.Holiday, Year: y, Date: civilDay(a)})
				if !opts.Actual && !o.Equal(a) {
					out = append(out, Occurrence{Holiday: h.Holiday, Year: y, Date: civilDay(o), Observed: true})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int { return a.Date.Compare(b.Date) })
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
