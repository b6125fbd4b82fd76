package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// dateValue is one DATE or DATE-TIME value as the feed wrote it.
type dateValue struct {
	civil time.Time // the value's reading (wall clock, or UTC when utc), held in UTC
	date  bool      // a DATE: a whole civil day
	utc   bool      // a DATE-TIME ending in Z
	tzid  string    // the TZID parameter, for a local DATE-TIME
}

// parseDateText reads YYYYMMDD or YYYYMMDDTHHMMSS with an optional Z.
func parseDateText(text string) (dateValue, error) {
	text = strings.TrimSpace(text)
	var v dateValue
	digits := func(s string) (int, bool) {
		n := 0
		for _, r := range s {
			if r < '0' || r > '9' {
				return 0, false
			}
			n = n*10 + int(r-'0')
		}
		return n, len(s) > 0
	}
	bad := fmt.Errorf("%q is not an iCalendar DATE (20261225) or DATE-TIME (20261225T090000, 20261225T090000Z)", text)
	if len(text) < 8 {
		return v, bad
	}
	year, ok1 := digits(text[0:4])
	month, ok2 := digits(text[4:6])
	day, ok3 := digits(text[6:8])
	if !ok1 || !ok2 || !ok3 || year < 1 {
		return v, bad
	}
	hour, minute, second := 0, 0, 0
	switch rest := text[8:]; {
	case rest == "":
		v.date = true
	case len(rest) == 7 || len(rest) == 8 && (rest[7] == 'Z' || rest[7] == 'z'):
		if rest[0] != 'T' && rest[0] != 't' {
			return v, bad
		}
		var ok4, ok5, ok6 bool
		hour, ok4 = digits(rest[1:3])
		minute, ok5 = digits(rest[3:5])
		second, ok6 = digits(rest[5:7])
		if !ok4 || !ok5 || !ok6 || hour > 23 || minute > 59 || second > 60 {
			return v, bad
		}
		if second == 60 { // a leap second reads as the next minute's start
			second = 59
		}
		v.utc = len(rest) == 8
	default:
		return v, bad
	}
	v.civil = time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC)
	if v.civil.Day() != day || int(v.civil.Month()) != month {
		return v, fmt.Errorf("%q names a day that does not exist", text)
	}
	return v, nil
}

// propertyDates reads a property's values (comma-separated for EXDATE and
// RDATE) with its TZID and VALUE parameters.
func propertyDates(p *ics.IANAProperty) ([]dateValue, error) {
	tzid := param(p, "TZID")
	valueType := strings.ToUpper(param(p, "VALUE"))
	var out []dateValue
	for _, text := range strings.Split(p.Value, ",") {
		v, err := parseDateText(text)
		if err != nil {
			return nil, err
		}
		if valueType == "DATE" && !v.date {
			return nil, fmt.Errorf("%q has VALUE=DATE but holds a time", text)
		}
		if valueType == "DATE-TIME" && v.date {
			return nil, fmt.Errorf("%q has VALUE=DATE-TIME but holds a date only", text)
		}
		if !v.date && !v.utc {
			v.tzid = tzid
		}
		out = append(out, v)
	}
	return out, nil
}

// param returns a property parameter's first value ("" when absent).
func param(p *ics.IANAProperty, name string) string {
	for k, v := range p.ICalParameters {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// nominal is an RFC 5545 duration: whole days (and weeks) counted on the
// calendar, and a time part.
type nominal struct {
	days    int
	seconds int64
}

// parseDuration reads a dur-value: [+|-]P(nW | nD[T…] | T(nH)(nM)(nS)).
func parseDuration(text string) (nominal, error) {
	s := strings.ToUpper(strings.TrimSpace(text))
	bad := fmt.Errorf("%q is not an iCalendar DURATION (P1D, PT8H30M, P1W)", text)
	sign := 1
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return nominal{}, bad
	}
	s = s[1:]
	var d nominal
	inTime, seen := false, false
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return nominal{}, bad
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 9 {
			return nominal{}, bad
		}
		n, _ := strconv.Atoi(s[:i])
		unit := s[i]
		s = s[i+1:]
		seen = true
		switch {
		case unit == 'W' && !inTime:
			d.days += 7 * n
		case unit == 'D' && !inTime:
			d.days += n
		case unit == 'H' && inTime:
			d.seconds += int64(n) * 3600
		case unit == 'M' && inTime:
			d.seconds += int64(n) * 60
		case unit == 'S' && inTime:
			d.seconds += int64(n)
		default:
			return nominal{}, bad
		}
	}
	if !seen {
		return nominal{}, bad
	}
	d.days *= sign
	d.seconds *= int64(sign)
	return d, nil
}

// add applies d to a civil time: days on the calendar, then the time part.
func (d nominal) add(c time.Time) time.Time {
	return c.AddDate(0, 0, d.days).Add(time.Duration(d.seconds) * time.Second)
}
