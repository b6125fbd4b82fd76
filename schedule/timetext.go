package schedule

import (
	"fmt"
	"github.com/voicesched/voicesched/model"
	"strings"
	"time"

	"github.com/voicesched/voicesched/rrule"
)

// TextError reports date or time text that none of the accepted forms match.
type TextError struct {
	Field    string // the JSON name of the field, e.g. "startTime"
	Value    string // the text as given (cut to 64 bytes)
	Accepted string // the accepted forms, for the message
	Reason   string // optional detail, e.g. "hour 25 is out of range"
}

func (e *TextError) Error() string {
	msg := fmt.Sprintf("%s %q is not valid", e.Field, e.Value)
	if e.Reason != "" {
		msg += " (" + e.Reason + ")"
	}
	return msg + "; use " + e.Accepted
}

const (
	clockForms   = "HH:mm or HH:mm:ss (a .NET TimeSpan such as 09:00:00 also works)"
	endTimeForms = "HH:mm or HH:mm:ss, or 24:00 for midnight at the end of the day"
	dateForms    = "YYYY-MM-DD or an ISO-8601 date-time such as 2026-11-30T00:00:00 (optional fraction, Z or ±hh:mm)"
	instantForms = "an ISO-8601 date-time such as 2026-11-30T14:05:00-05:00 (without Z or an offset it is read on the schedule's clock)"
)

func textError(field, value, accepted, reason string) *TextError {
	return &TextError{Field: field, Value: model.Truncate(value, 64), Accepted: accepted, Reason: reason}
}

// ParseClock parses a wall-clock time of day (startTime, endTime) and returns
// seconds since midnight. Accepted: "H:mm", "HH:mm", "HH:mm:ss" and .NET
// TimeSpan text "hh:mm:ss[.fffffff]" (the fraction must be zero: windows have
// whole seconds). When allow24 is set, "24:00" and "24:00:00" are accepted
// and return 86400. field names the field in the error.
func ParseClock(field, text string, allow24 bool) (int, error) {
	accepted := clockForms
	if allow24 {
		accepted = endTimeForms
	}
	s := strings.TrimSpace(text)
	fail := func(reason string) (int, error) { return 0, textError(field, text, accepted, reason) }
	// Split at the colons into at most three parts, without allocating.
	var buf [3]string
	n := 0
	for rest := s; ; {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			buf[n], n = rest, n+1
			break
		}
		if n == 2 {
			return fail("") // a fourth part
		}
		buf[n], n, rest = rest[:i], n+1, rest[i+1:]
	}
	parts := buf[:n]
	if len(parts) != 2 && len(parts) != 3 {
		return fail("")
	}
	if len(parts) == 3 {
		if i := strings.IndexByte(parts[2], '.'); i >= 0 {
			frac := parts[2][i+1:]
			if frac == "" || strings.Trim(frac, "0123456789") != "" {
				return fail("")
			}
			if strings.Trim(frac, "0") != "" {
				return fail("fractions of a second are not supported")
			}
			parts[2] = parts[2][:i]
		}
	}
	var v [3]int
	for i, p := range parts {
		n, ok := digits(p, 1, 2)
		if !ok || (i > 0 && len(p) != 2) {
			return fail("")
		}
		v[i] = n
	}
	h, m, sec := v[0], v[1], v[2]
	if h == 24 && m == 0 && sec == 0 {
		if allow24 {
			return 86400, nil
		}
		return fail("24:00 is only allowed for an end time")
	}
	if h > 23 {
		return fail(fmt.Sprintf("hour %d is out of range", h))
	}
	if m > 59 {
		return fail(fmt.Sprintf("minute %d is out of range", m))
	}
	if sec > 59 {
		return fail(fmt.Sprintf("second %d is out of range", sec))
	}
	return h*3600 + m*60 + sec, nil
}

// digits parses s as an unsigned decimal of min..max digits.
func digits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// dateTimeText is the parsed form of an ISO-8601 date or date-time.
type dateTimeText struct {
	civil     time.Time // the civil value as written, held in UTC
	hasTime   bool
	hasOffset bool
	offset    int // seconds east of UTC, when hasOffset
}

// parseISO accepts YYYY-MM-DD, or YYYY-MM-DD[T ]HH:mm[:ss[.fraction]] with an
// optional Z or ±hh:mm / ±hhmm / ±hh offset. Years are 0001..9999.
func parseISO(s string) (dateTimeText, string, bool) {
	var out dateTimeText
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return out, "", false
	}
	y, ok1 := digits(s[0:4], 4, 4)
	mo, ok2 := digits(s[5:7], 2, 2)
	d, ok3 := digits(s[8:10], 2, 2)
	if !ok1 || !ok2 || !ok3 {
		return out, "", false
	}
	if y < 1 {
		return out, "year 0000 does not exist", false
	}
	if mo < 1 || mo > 12 {
		return out, fmt.Sprintf("month %d is out of range", mo), false
	}
	if d < 1 || d > daysIn(time.Month(mo), y) {
		return out, fmt.Sprintf("%04d-%02d has no day %d", y, mo, d), false
	}
	rest := s[10:]
	h, mi, sec, nsec := 0, 0, 0, 0
	if rest != "" {
		if rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ' {
			return out, "", false
		}
		rest = rest[1:]
		if len(rest) < 5 || rest[2] != ':' {
			return out, "", false
		}
		var ok bool
		if h, ok = digits(rest[0:2], 2, 2); !ok {
			return out, "", false
		}
		if mi, ok = digits(rest[3:5], 2, 2); !ok {
			return out, "", false
		}
		rest = rest[5:]
		if len(rest) >= 3 && rest[0] == ':' {
			if sec, ok = digits(rest[1:3], 2, 2); !ok {
				return out, "", false
			}
			rest = rest[3:]
			if len(rest) > 0 && (rest[0] == '.' || rest[0] == ',') {
				j := 1
				scale := 100000000
				for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
					nsec += int(rest[j]-'0') * scale
					scale /= 10
					j++
				}
				if j == 1 {
					return out, "", false
				}
				rest = rest[j:]
			}
		}
		if h > 23 || mi > 59 || sec > 59 {
			return out, "time of day out of range", false
		}
		out.hasTime = true
		switch {
		case rest == "":
		case rest == "Z" || rest == "z":
			out.hasOffset = true
		case rest[0] == '+' || rest[0] == '-':
			sign := 1
			if rest[0] == '-' {
				sign = -1
			}
			o := strings.ReplaceAll(rest[1:], ":", "")
			var oh, om int
			switch len(o) {
			case 2:
				oh, ok = digits(o, 2, 2)
			case 4:
				oh, ok = digits(o[:2], 2, 2)
				if ok {
					om, ok = digits(o[2:], 2, 2)
				}
			default:
				ok = false
			}
			if !ok || oh > 23 || om > 59 {
				return out, "", false
			}
			out.hasOffset = true
			out.offset = sign * (oh*3600 + om*60)
		default:
			return out, "", false
		}
	}
	out.civil = time.Date(y, time.Month(mo), d, h, mi, sec, nsec, time.UTC)
	return out, "", true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// inZone returns the civil value of p on loc's clock: a value with an offset
// is an instant and is converted; one without is already civil.
func (p dateTimeText) inZone(loc *time.Location) time.Time {
	if !p.hasOffset {
		return p.civil
	}
	instant := p.civil.Add(-time.Duration(p.offset) * time.Second)
	return rrule.ToCivil(instant, loc)
}

// ParseDate parses a startDate: a date, or a date-time whose time part is
// dropped after converting a Z/offset value to loc's clock. It returns
// midnight of that civil day, held in UTC.
func ParseDate(field, text string, loc *time.Location) (time.Time, error) {
	p, reason, ok := parseISO(strings.TrimSpace(text))
	if !ok {
		return time.Time{}, textError(field, text, dateForms, reason)
	}
	c := p.inZone(loc)
	if c.Year() < 1 || c.Year() > 9999 { // an offset can carry 0001-01-01 or 9999-12-31 out of range
		return time.Time{}, textError(field, text, dateForms, "the date on the schedule's clock is outside years 1..9999")
	}
	return time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, time.UTC), nil
}

// ParseUntil parses an untilDate. A date alone includes every occurrence
// starting on that civil day, so the bound is 23:59:59 of it and dateOnly is
// true. A date-time (converted to loc's clock when it has Z or an offset) is
// an inclusive bound at that civil second, as RFC 5545 UNTIL.
func ParseUntil(field, text string, loc *time.Location) (bound time.Time, dateOnly bool, err error) {
	p, reason, ok := parseISO(strings.TrimSpace(text))
	if !ok {
		return time.Time{}, false, textError(field, text, dateForms, reason)
	}
	if !p.hasTime {
		c := p.civil
		return time.Date(c.Year(), c.Month(), c.Day(), 23, 59, 59, 0, time.UTC), true, nil
	}
	// Out of years 1..9999 after conversion is fine here: package rrule reads
	// an until before year 1 as "never" and after 9999 as "no end".
	return p.inZone(loc).Truncate(time.Second), false, nil
}

// ParseInstant parses a query instant. With Z or an offset it is that
// instant; without, it is a civil time on loc's clock, resolved to the
// earliest instant whose clock reads it (in a spring-forward gap, the end of
// the gap). A date alone means its midnight.
func ParseInstant(field, text string, loc *time.Location) (time.Time, error) {
	p, reason, ok := parseISO(strings.TrimSpace(text))
	if !ok {
		return time.Time{}, textError(field, text, instantForms, reason)
	}
	if p.hasOffset {
		return p.civil.Add(-time.Duration(p.offset) * time.Second), nil
	}
	return rrule.FromCivil(p.civil, loc), nil
}
