package closure

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/rrule"
)

// Defaults of Options.
const (
	DefaultState = "Closed"
	DefaultName  = "Closure"
)

// SourcePrefix starts the source of every rule this package makes: the
// source is "closure" alone, or "closure: " followed by the reason.
const SourcePrefix = "closure"

// MaxReasonLength is the most characters a reason may have.
const MaxReasonLength = 200

// Options shape the rules of a closure. The zero value is usable.
type Options struct {
	// State is the state the closure gives ("Closed" when empty).
	State string
	// Reason is kept in the rules' source and name ("snow", "staff
	// training"). Spaces around it are dropped and control characters
	// (line breaks, tabs) become spaces; at most MaxReasonLength characters.
	Reason string
	// Name names the rules ("Closure: <reason>", or "Closure", when empty).
	Name string
	// Priority of the rules. Rules are looked at in ascending priority and
	// equal priorities keep list order, so a caller adding a closure to a
	// schedule puts it first with the schedule's lowest priority.
	Priority int
}

// Error is a closure that cannot be made: which input (Field: "from",
// "to", "reason", "state", "name") and why.
type Error struct {
	Field  string
	Reason string
}

func (e *Error) Error() string { return e.Field + ": " + e.Reason }

// Source returns the source text of a closure with the given reason
// (cleaned as Options.Reason is).
func Source(reason string) string {
	reason = cleanText(reason)
	if reason == "" {
		return SourcePrefix
	}
	return SourcePrefix + ": " + reason
}

// ParseSource reports whether source marks a closure rule, and its reason.
// Letter case and spaces around the prefix do not matter.
func ParseSource(source string) (reason string, ok bool) {
	s := strings.TrimSpace(source)
	if len(s) < len(SourcePrefix) || !strings.EqualFold(s[:len(SourcePrefix)], SourcePrefix) {
		return "", false
	}
	rest := s[len(SourcePrefix):]
	if rest == "" {
		return "", true
	}
	if rest[0] != ':' {
		return "", false
	}
	return strings.TrimSpace(rest[1:]), true
}

// Span returns the fewest rules that cover the span [from, to) for a
// schedule in zone loc (nil means UTC), at most three: a partial first day,
// the whole days (one Daily all-day rule with a count), a partial last day;
// a span of at most 24 clock hours is one rule, which may cross midnight.
// The rules end by themselves (frequency None, or Daily with a count).
//
// Rules live on the schedule's wall clock (docs/semantics.md#civil-time),
// so the span is first turned into the wall-clock readings its instants
// show. Spring-forward gaps need nothing: no instant reads a time in the
// gap. In an autumn overlap two instants read the same time and get the
// same answer from every rule, so a span that starts, ends or lies inside
// the repeated hour cannot be covered exactly: the rules cover every
// reading some instant of the span shows, from the earliest to the latest.
// Every instant of the span is then covered, and the only instants outside
// it that are covered are the overlap twins of instants inside (a closure
// errs on the side of being closed). Elsewhere the cover is exact. Seconds
// are the rules' resolution: from is rounded down and to up to a second.
//
// from == to gives no rules; from after to is an error.
func Span(from, to time.Time, loc *time.Location, opts Options) ([]model.SchedulingRule, error) {
	if loc == nil {
		loc = time.UTC
	}
	if to.Before(from) {
		return nil, &Error{"to", fmt.Sprintf("%s is before from %s", to.Format(time.RFC3339), from.Format(time.RFC3339))}
	}
	if to.Equal(from) {
		if _, err := opts.normalize(); err != nil {
			return nil, err
		}
		return nil, nil
	}
	start, end := Readings(from, to, loc)
	return Civil(start, end, opts)
}

// Readings returns the wall-clock readings in loc of the instants in
// [from, to) as the civil range [start, end), held in UTC (see Span for the
// autumn overlap), start rounded down and end up to a whole second. It
// needs from before to.
func Readings(from, to time.Time, loc *time.Location) (start, end time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	from = from.Truncate(time.Second)
	if t := to.Truncate(time.Second); !t.Equal(to) {
		to = t.Add(time.Second)
	}
	// Walk the zone's segments: inside one the reading grows with the
	// instant, so each contributes [reading(segment start), reading(segment end)).
	for t := from; t.Before(to); {
		offset, segmentEnd, last := rrule.ZoneSegment(t, loc)
		if last || segmentEnd.After(to) {
			segmentEnd = to
		}
		shift := time.Duration(offset) * time.Second
		lo := t.UTC().Add(shift)
		hi := segmentEnd.UTC().Add(shift)
		if t.Equal(from) || lo.Before(start) {
			start = lo
		}
		if t.Equal(from) || hi.After(end) {
			end = hi
		}
		t = segmentEnd
	}
	return start, end
}

// Civil returns the rules covering the civil range [start, end): the wall
// clock readings of start and end count (their locations do not), rounded
// down to a second. It is Span for callers that hold wall-clock times, such
// as an all-day calendar event (start and end at midnight).
func Civil(start, end time.Time, opts Options) ([]model.SchedulingRule, error) {
	opts, err := opts.normalize()
	if err != nil {
		return nil, err
	}
	start, end = wallClock(start), wallClock(end)
	if end.Before(start) {
		return nil, &Error{"to", fmt.Sprintf("%s is before from %s", end.Format(civilLayout), start.Format(civilLayout))}
	}
	if start.Year() < 1 {
		return nil, &Error{"from", "the span must start in the year 1 or later"}
	}
	if end.After(lastCivil) {
		return nil, &Error{"to", "the span must end by 9999-12-31T24:00"}
	}
	if !end.After(start) {
		return nil, nil
	}
	base := model.SchedulingRule{
		Name:           opts.Name,
		Priority:       opts.Priority,
		State:          opts.State,
		Source:         Source(opts.Reason),
		SimpleRuleType: model.RuleTime,
		Frequency:      model.FrequencyNone,
	}
	var rules []model.SchedulingRule
	firstMidnight := midnight(start)
	if !end.After(start.AddDate(0, 0, 1)) {
		// At most 24 clock hours: one window, crossing midnight if need be.
		r := base
		r.StartDate = dateText(start)
		if start.Equal(firstMidnight) && end.Equal(firstMidnight.AddDate(0, 0, 1)) {
			r.IsAllDay = true
		} else {
			r.StartTime = clockText(start, false)
			r.EndTime = clockText(end, end.Equal(firstMidnight.AddDate(0, 0, 1)))
		}
		return append(rules, r), nil
	}
	wholeFrom := firstMidnight
	if !start.Equal(firstMidnight) {
		r := base
		r.StartDate = dateText(start)
		r.StartTime = clockText(start, false)
		r.EndTime = "24:00"
		rules = append(rules, r)
		wholeFrom = firstMidnight.AddDate(0, 0, 1)
	}
	wholeTo := midnight(end)
	if days := daysBetween(wholeFrom, wholeTo); days > 0 {
		r := base
		r.StartDate = dateText(wholeFrom)
		r.IsAllDay = true
		if days > 1 {
			r.Frequency = model.FrequencyDaily
			r.Count = days
		}
		rules = append(rules, r)
	}
	if end.After(wholeTo) {
		r := base
		r.StartDate = dateText(wholeTo)
		r.StartTime = "00:00"
		r.EndTime = clockText(end, false)
		rules = append(rules, r)
	}
	return rules, nil
}

const civilLayout = "2006-01-02T15:04:05"

// lastCivil is the end of the last civil day a rule can open (9999-12-31T24:00).
var lastCivil = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)

func (o Options) normalize() (Options, error) {
	o.State = strings.TrimSpace(o.State)
	if o.State == "" {
		o.State = DefaultState
	}
	if hasControl(o.State) {
		return o, &Error{"state", "the state contains a control character"}
	}
	o.Reason = cleanText(o.Reason)
	if n := utf8.RuneCountInString(o.Reason); n > MaxReasonLength {
		return o, &Error{"reason", fmt.Sprintf("%d characters; at most %d", n, MaxReasonLength)}
	}
	if !utf8.ValidString(o.Reason) || !utf8.ValidString(o.State) || !utf8.ValidString(o.Name) {
		return o, &Error{"reason", "not valid UTF-8 text"}
	}
	o.Name = cleanText(o.Name)
	if o.Name == "" {
		o.Name = DefaultName
		if o.Reason != "" {
			o.Name += ": " + o.Reason
		}
	}
	return o, nil
}

// cleanText trims s and turns control characters into spaces, so that a
// reason stays on one line wherever it is shown.
func cleanText(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
}

func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

// wallClock returns t's wall-clock reading held in UTC, rounded down to a second.
func wallClock(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
}

func midnight(c time.Time) time.Time {
	y, m, d := c.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween counts the days from one civil midnight to another (no
// Duration: a span may be longer than Duration's 292 years).
func daysBetween(from, to time.Time) int {
	return int((to.Unix() - from.Unix()) / 86400)
}

func dateText(c time.Time) string { return c.Format("2006-01-02") }

// clockText writes a time of day as HH:mm, or HH:mm:ss when it has seconds;
// midnight as the end of a day is "24:00".
func clockText(c time.Time, endOfDay bool) string {
	if endOfDay {
		return "24:00"
	}
	if c.Second() != 0 {
		return c.Format("15:04:05")
	}
	return c.Format("15:04")
}
