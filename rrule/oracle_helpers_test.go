package rrule_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	// The vectors name IANA zones; fall back to Go's embedded copy where the system has none.
	_ "time/tzdata"

	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/rrule"
)

// This file reads the python-dateutil vectors (testdata/rrule/vectors.json, written by
// testdata/rrule/gen_vectors.py) and parses the RRULE text of the table tests. Python is
// needed only to regenerate the vectors, never to run the tests.

const civilLayout = "2006-01-02T15:04:05"

// vectorFile is the top level of vectors.json.
type vectorFile struct {
	Header    vectorHeader  `json:"header"`
	Rules     []vectorRule  `json:"rules"`
	EmptySets []vectorEmpty `json:"emptySets"`
}

type vectorHeader struct {
	Command         string `json:"command"`
	DateutilVersion string `json:"dateutilVersion"`
	PythonVersion   string `json:"pythonVersion"`
	TzdataVersion   string `json:"tzdataVersion"`
	Seed            int    `json:"seed"`
	Rules           int    `json:"rules"`
	CivilCases      int    `json:"civilCases"`
	InstantCases    int    `json:"instantCases"`
	EmptySets       int    `json:"emptySets"`
	// Zones maps a zone name to its UTC offset changes as [instant, offset before, offset after]
	// (seconds), as Debian's tzdata had them when the vectors were written.
	Zones map[string][][3]json.RawMessage `json:"zones"`
}

// vectorRule is one rule with its expected answers. A civil case is
// [civil time, contains, next change or null, limit]; an instant case is the same with
// instants ("...Z") read in the zone that keys the list.
type vectorRule struct {
	ID       string                          `json:"id"`
	Kind     string                          `json:"kind"`
	Name     string                          `json:"name"`
	RRule    string                          `json:"rrule"`
	Spec     vectorSpec                      `json:"spec"`
	Civil    [][4]json.RawMessage            `json:"civil"`
	Instants map[string][][4]json.RawMessage `json:"instants"`
}

type vectorEmpty struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	RRule string     `json:"rrule"`
	Spec  vectorSpec `json:"spec"`
	Proof string     `json:"proof"`
}

// vectorSpec is rrule.Spec as the generator writes it.
type vectorSpec struct {
	Frequency      string      `json:"frequency"`
	FrequencyValue int         `json:"frequencyValue"`
	Start          string      `json:"start"`
	LengthSeconds  int64       `json:"lengthSeconds"`
	Interval       int         `json:"interval"`
	Count          int         `json:"count"`
	Until          string      `json:"until"`
	BySetPosition  []int       `json:"bySetPosition"`
	ByMonth        []int       `json:"byMonth"`
	ByWeekNo       []int       `json:"byWeekNo"`
	ByYearDay      []int       `json:"byYearDay"`
	ByMonthDay     []int       `json:"byMonthDay"`
	ByDay          []vectorDay `json:"byDay"`
	ByHour         []int       `json:"byHour"`
	ByMinute       []int       `json:"byMinute"`
}

type vectorDay struct {
	Weekday string `json:"weekday"`
	N       int    `json:"n"`
}

// civilCase and instantCase are decoded query rows.
type civilCase struct {
	at, limit time.Time
	contains  bool
	next      time.Time
	hasNext   bool
}

func (c civilCase) String() string {
	want := "none"
	if c.hasNext {
		want = c.next.Format(civilLayout)
	}
	return fmt.Sprintf("at %s (limit %s): contains=%v next=%s", c.at.Format(civilLayout),
		c.limit.Format(civilLayout), c.contains, want)
}

func loadVectors(t testing.TB) vectorFile {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "rrule", "vectors.json"))
	require.NoError(t, err)
	var file vectorFile
	require.NoError(t, json.Unmarshal(raw, &file))
	require.NotEmpty(t, file.Rules, "vectors.json has no rules")
	return file
}

var weekdayCodes = map[string]time.Weekday{
	"MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday, "TH": time.Thursday,
	"FR": time.Friday, "SA": time.Saturday, "SU": time.Sunday,
}

var frequencyNames = map[string]rrule.Frequency{
	"None": rrule.None, "Secondly": rrule.Secondly, "Minutely": rrule.Minutely, "Hourly": rrule.Hourly,
	"Daily": rrule.Daily, "Weekly": rrule.Weekly, "Monthly": rrule.Monthly, "Yearly": rrule.Yearly,
}

// toSpec converts the generator's spec to rrule.Spec, checking the name and the wire
// integer of the frequency agree.
func (v vectorSpec) toSpec() (rrule.Spec, error) {
	freq, ok := frequencyNames[v.Frequency]
	if !ok || int(freq) != v.FrequencyValue {
		return rrule.Spec{}, fmt.Errorf("frequency %q/%d", v.Frequency, v.FrequencyValue)
	}
	start, err := time.Parse(civilLayout, v.Start)
	if err != nil {
		return rrule.Spec{}, err
	}
	spec := rrule.Spec{
		Frequency:     freq,
		Start:         start,
		Length:        time.Duration(v.LengthSeconds) * time.Second,
		Interval:      v.Interval,
		Count:         v.Count,
		BySetPosition: v.BySetPosition,
		ByMonth:       v.ByMonth,
		ByWeekNo:      v.ByWeekNo,
		ByYearDay:     v.ByYearDay,
		ByMonthDay:    v.ByMonthDay,
		ByHour:        v.ByHour,
		ByMinute:      v.ByMinute,
	}
	if v.Until != "" {
		if spec.Until, err = time.Parse(civilLayout, v.Until); err != nil {
			return rrule.Spec{}, err
		}
	}
	for _, d := range v.ByDay {
		weekday, ok := weekdayCodes[d.Weekday]
		if !ok {
			return rrule.Spec{}, fmt.Errorf("weekday %q", d.Weekday)
		}
		spec.ByDay = append(spec.ByDay, rrule.Day{Weekday: weekday, N: d.N})
	}
	return spec, nil
}

// decodeCase reads one [time, contains, next|null, limit] row; layout is civilLayout for
// civil rows and time.RFC3339 for instant rows.
func decodeCase(row [4]json.RawMessage, layout string) (civilCase, error) {
	var c civilCase
	var at, limit string
	var next *string
	if err := json.Unmarshal(row[0], &at); err != nil {
		return c, err
	}
	if err := json.Unmarshal(row[1], &c.contains); err != nil {
		return c, err
	}
	if err := json.Unmarshal(row[2], &next); err != nil {
		return c, err
	}
	if err := json.Unmarshal(row[3], &limit); err != nil {
		return c, err
	}
	var err error
	if c.at, err = time.Parse(layout, at); err != nil {
		return c, err
	}
	if c.limit, err = time.Parse(layout, limit); err != nil {
		return c, err
	}
	if next != nil {
		c.hasNext = true
		if c.next, err = time.Parse(layout, *next); err != nil {
			return c, err
		}
	}
	return c, nil
}

// parseRRule reads the RRULE subset this model has (FREQ, INTERVAL, COUNT, UNTIL as a civil
// YYYYMMDDTHHMMSS, BYSETPOS, BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY, BYHOUR,
// BYMINUTE) into a Spec starting at start with the given window length.
func parseRRule(text string, start time.Time, length time.Duration) (rrule.Spec, error) {
	spec := rrule.Spec{Start: start, Length: length}
	for _, part := range strings.Split(text, ";") {
		key, value, ok := strings.Cut(part, "=")
		if !ok {
			return spec, fmt.Errorf("rule part %q", part)
		}
		var err error
		switch key {
		case "FREQ":
			freq, ok := frequencyNames[strings.ToUpper(value[:1])+strings.ToLower(value[1:])]
			if !ok {
				return spec, fmt.Errorf("FREQ=%s", value)
			}
			spec.Frequency = freq
		case "INTERVAL":
			spec.Interval, err = strconv.Atoi(value)
		case "COUNT":
			spec.Count, err = strconv.Atoi(value)
		case "UNTIL":
			spec.Until, err = time.Parse("20060102T150405", value)
		case "BYSETPOS":
			spec.BySetPosition, err = parseInts(value)
		case "BYMONTH":
			spec.ByMonth, err = parseInts(value)
		case "BYWEEKNO":
			spec.ByWeekNo, err = parseInts(value)
		case "BYYEARDAY":
			spec.ByYearDay, err = parseInts(value)
		case "BYMONTHDAY":
			spec.ByMonthDay, err = parseInts(value)
		case "BYHOUR":
			spec.ByHour, err = parseInts(value)
		case "BYMINUTE":
			spec.ByMinute, err = parseInts(value)
		case "BYDAY":
			for _, item := range strings.Split(value, ",") {
				code := item[len(item)-2:]
				weekday, ok := weekdayCodes[code]
				if !ok {
					return spec, fmt.Errorf("BYDAY item %q", item)
				}
				n := 0
				if ordinal := strings.TrimPrefix(item[:len(item)-2], "+"); ordinal != "" {
					if n, err = strconv.Atoi(ordinal); err != nil {
						return spec, err
					}
				}
				spec.ByDay = append(spec.ByDay, rrule.Day{Weekday: weekday, N: n})
			}
		default:
			return spec, fmt.Errorf("rule part %s is outside this model", key)
		}
		if err != nil {
			return spec, fmt.Errorf("%s: %w", key, err)
		}
	}
	return spec, nil
}

func parseInts(list string) ([]int, error) {
	var out []int
	for _, item := range strings.Split(list, ",") {
		v, err := strconv.Atoi(item)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// parseCivilList reads space-separated civil times in RFC 5545 basic form (19970902T090000).
func parseCivilList(t testing.TB, list string) []time.Time {
	t.Helper()
	var out []time.Time
	for _, item := range strings.Fields(list) {
		v, err := time.Parse("20060102T150405", item)
		require.NoError(t, err, item)
		out = append(out, v)
	}
	return out
}

// problemCodes lists the codes of a Compile error (nil when err is not an *rrule.Error).
func problemCodes(err error) []string {
	compileErr, ok := err.(*rrule.Error)
	if !ok {
		return nil
	}
	var codes []string
	for _, p := range compileErr.Problems {
		codes = append(codes, p.Code)
	}
	return codes
}

// civilInstant is civil time c's wall-clock reading held in UTC: read on UTC's clock, its
// Moment is the civil time itself.
func civilInstant(c time.Time) time.Time {
	return time.Date(c.Year(), c.Month(), c.Day(), c.Hour(), c.Minute(), c.Second(), c.Nanosecond(), time.UTC)
}

// containsCivil asks Contains about civil time c.
func containsCivil(r *rrule.Rule, c time.Time) bool { return containsIn(r, civilInstant(c), time.UTC) }

// nextChangeCivil asks NextChange from civil time c up to civil limit; the answer is civil.
func nextChangeCivil(r *rrule.Rule, c, limit time.Time) (time.Time, bool) {
	u, ok := nextChangeIn(r, civilInstant(c), time.UTC, civilInstant(limit))
	return u.UTC(), ok
}

// containsIn asks Contains about instant t on loc's clock.
func containsIn(r *rrule.Rule, t time.Time, loc *time.Location) bool {
	var mo rrule.Moment
	mo.SetIn(t, loc)
	return r.Contains(&mo)
}

// nextChangeIn asks NextChange from instant t on loc's clock.
func nextChangeIn(r *rrule.Rule, t time.Time, loc *time.Location, limit time.Time) (time.Time, bool) {
	var mo rrule.Moment
	mo.SetIn(t, loc)
	return r.NextChange(&mo, limit)
}
