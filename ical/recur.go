package ical

import (
	"fmt"
	"strings"
	"time"

	rrulego "github.com/teambition/rrule-go"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/rrule"
	"github.com/voicesched/voicesched/schedule"
)

// maxRecurText bounds an RRULE's text.
const maxRecurText = 4096

// recurrence is an RRULE: rrule-go's reading of every part but UNTIL, and
// UNTIL as written (its form — DATE, UTC or local — decides its meaning).
type recurrence struct {
	text     string
	option   rrulego.ROption // Until is always zero
	until    dateValue
	hasUntil bool
}

func splitRecur(text string) (recurrence, error) {
	text = strings.TrimSpace(text)
	if len(text) > maxRecurText {
		return recurrence{}, fmt.Errorf("the RRULE is longer than %d characters", maxRecurText)
	}
	rec := recurrence{text: text}
	var parts []string
	for _, part := range strings.Split(strings.TrimPrefix(strings.ToUpper(text), "RRULE:"), ";") {
		key, value, _ := strings.Cut(part, "=")
		switch {
		case key == "UNTIL":
			until, err := parseDateText(value)
			if err != nil {
				return rec, fmt.Errorf("UNTIL: %w", err)
			}
			rec.until, rec.hasUntil = until, true
		case strings.HasPrefix(key, "X-"): // extensions carry no recurrence
		default:
			parts = append(parts, part)
		}
	}
	option, err := rrulego.StrToROption(strings.Join(parts, ";"))
	if err != nil {
		return rec, err
	}
	rec.option = *option
	return rec, nil
}

// untilBeyond reports whether an occurrence (civil on the event's clock, and
// its instant) lies after UNTIL, which is inclusive.
func (rec recurrence) untilBeyond(civil, instant time.Time) bool {
	switch {
	case rec.until.date:
		return !civil.Before(rec.until.civil.AddDate(0, 0, 1))
	case rec.until.utc:
		return instant.After(rec.until.civil)
	default:
		return civil.After(rec.until.civil)
	}
}

// modelFrequency maps rrule-go's frequencies (YEARLY = 0 … SECONDLY = 6)
// onto the wire enum (Secondly = 1 … Yearly = 7).
func modelFrequency(f rrulego.Frequency) model.Frequency {
	return model.Frequency(7 - int(f))
}

// weekStartMatters reports whether a WKST other than Monday changes the
// occurrences: for weekly rules with an interval or BYSETPOS (which week an
// occurrence falls in), and for BYWEEKNO (which week is the first).
func weekStartMatters(o rrulego.ROption) bool {
	if o.Wkst.Day() == rrulego.MO.Day() {
		return false
	}
	return len(o.Byweekno) > 0 || o.Freq == rrulego.WEEKLY && (o.Interval > 1 || len(o.Bysetpos) > 0)
}

// recurRule fills rule's recurrence from rec, the event starting at civil
// start on clock loc (nil: the schedule's own clock). It returns why the
// model cannot hold the recurrence, or "".
func recurRule(rule *model.SchedulingRule, rec recurrence, start time.Time, loc *time.Location) string {
	o := rec.option
	rule.Frequency = modelFrequency(o.Freq)
	rule.Interval = o.Interval
	rule.Count = o.Count
	rule.BySetPosition = o.Bysetpos
	rule.ByMonth = o.Bymonth
	rule.ByWeekNo = o.Byweekno
	rule.ByYearDay = o.Byyearday
	rule.ByMonthDay = o.Bymonthday
	rule.ByHour = o.Byhour
	rule.ByMinute = o.Byminute
	for _, d := range o.Byweekday {
		rule.ByDay = append(rule.ByDay, model.ScheduleDay{Offset: d.N(), DayOfWeek: model.DayOfWeek((d.Day() + 1) % 7)})
	}
	if rec.hasUntil {
		switch {
		case rec.until.date:
			rule.UntilDate = rec.until.civil.Format("2006-01-02")
		case rec.until.utc && loc != nil:
			rule.UntilDate = rrule.ToCivil(rec.until.civil, loc).Format("2006-01-02T15:04:05")
		default:
			rule.UntilDate = rec.until.civil.Format("2006-01-02T15:04:05")
		}
	}
	switch {
	case len(o.Byeaster) > 0:
		return "BYEASTER is not part of RFC 5545 and the model has no Easter"
	case weekStartMatters(o):
		return fmt.Sprintf("WKST=%s changes which weeks the rule picks, and the model's weeks start on Monday", o.Wkst)
	}
	for _, s := range o.Bysecond {
		if s != start.Second() {
			return "BYSECOND picks seconds other than DTSTART's, and the model repeats at DTSTART's second"
		}
	}
	if o.Count < 0 || o.Interval < 0 {
		return "COUNT or INTERVAL is negative"
	}
	return ""
}

// occurrenceSource lists a recurrence's occurrence starts (civil, on the
// event's clock) in a civil range.
type occurrenceSource func(from, to time.Time, max int) []time.Time

// compiledOccurrences expands a recurrence with this module's rrule package
// (the same semantics as the schedule will use): rule is compiled as a lone
// schedule on the event's clock. ok is false when it does not compile;
// never reports a recurrence that can never occur.
func compiledOccurrences(rule model.SchedulingRule, loc *time.Location) (source occurrenceSource, never bool, problem string) {
	// Windows do not matter here, only occurrence starts: an all-day
	// rule's restrictions (no sub-daily frequency) are lifted.
	if rule.IsAllDay {
		rule.IsAllDay, rule.StartTime, rule.EndTime = false, "00:00", ""
	}
	zoneLoc, zoneID := loc, "UTC"
	if loc == nil {
		zoneLoc = time.UTC
	} else {
		zoneID = loc.String()
	}
	compiled := schedule.Compile(&model.Schedule{Rules: []model.SchedulingRule{rule}}, schedule.Env{Zone: zoneLoc, ZoneID: zoneID})
	for _, p := range compiled.Problems() {
		if p.Severity != model.SeverityError {
			continue
		}
		if p.Code == "empty-set" {
			return nil, true, p.Message
		}
		return nil, false, p.Message
	}
	window := compiled.Window(0)
	if window == nil {
		return nil, false, "the recurrence does not compile"
	}
	return window.Occurrences, false, ""
}

// rrulegoOccurrences expands a recurrence the model cannot hold with
// rrule-go (a port of python-dateutil). rrule-go walks period by period and
// never stops on a rule that has no occurrence, so it is only used for
// Daily and coarser rules, where that walk ends at year 9999 after at most
// some three million steps.
func rrulegoOccurrences(rec recurrence, start time.Time, loc *time.Location) (occurrenceSource, error) {
	if rec.option.Freq > rrulego.DAILY {
		return nil, fmt.Errorf("the model cannot hold it and it repeats more often than daily")
	}
	option := rec.option
	option.Dtstart = start
	rule, err := rrulego.NewRRule(option)
	if err != nil {
		return nil, err
	}
	return func(from, to time.Time, max int) []time.Time {
		var out []time.Time
		next := rule.Iterator()
		for len(out) < max {
			civil, ok := next()
			if !ok || !civil.Before(to) {
				break
			}
			instant := civil
			if loc != nil {
				instant = rrule.FromCivil(civil, loc)
			}
			if rec.hasUntil && rec.untilBeyond(civil, instant) {
				break
			}
			if !civil.Before(from) {
				out = append(out, civil)
			}
		}
		return out
	}, nil
}
