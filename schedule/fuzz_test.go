package schedule

import (
	"encoding/json"
	"github.com/voicesched/voicesched/model"
	"testing"
	"time"
)

func FuzzParseText(f *testing.F) {
	for _, s := range []string{"09:00", "24:00", "08:00:00.0000000", "2026-11-30", "2026-11-30T00:00:00Z",
		"2026-11-30T10:00:00.123456789+05:30", "9999-12-31T23:59:59-23:59", "0001-01-01", "2026-02-29", "", "T", "::", "12:00:00.",
		"2026-11-30T10:00:00+", "\xff\xfe", "2026-11-30 10:00", "00:00:00.0000000000000000000000001"} {
		f.Add(s)
	}
	ny, _ := time.LoadLocation("America/New_York")
	f.Fuzz(func(t *testing.T, s string) {
		if sec, err := ParseClock("startTime", s, true); err == nil && (sec < 0 || sec > 86400) {
			t.Fatalf("ParseClock(%q) = %d", s, sec)
		} else if err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
		if d, err := ParseDate("startDate", s, ny); err == nil {
			if d.Location() != time.UTC || d.Hour() != 0 || d.Year() < 1 {
				t.Fatalf("ParseDate(%q) = %v", s, d)
			}
		}
		if u, dateOnly, err := ParseUntil("untilDate", s, ny); err == nil && dateOnly && u.Hour() != 23 {
			t.Fatalf("ParseUntil(%q) = %v", s, u)
		}
		_, _ = ParseInstant("at", s, ny)
	})
}

func FuzzDecodeSchedule(f *testing.F) {
	for _, s := range []string{
		`{"timeZoneId":"America/New_York","rules":[{"simpleRuleType":"Time","frequency":"Weekly","byDay":[{"dayOfWeek":"Monday"}],"startTime":"09:00","endTime":"17:00","state":"Open"}]}`,
		`{"rules":[{"frequency":7,"byDay":[{"offset":-2147483648,"dayOfWeek":4}],"byMonth":[11]}]}`,
		`{"rules":[{"flowParams":{"a":{"listValue":[null,{"b":{"structValue":{}}}]}}}]}`,
		`{"timeZoneId":null,"rules":null}`, `[]`, `{"rules":[{"frequency":"x"}]}`, `{"a":1,"a":2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var s model.Schedule
		if err := json.Unmarshal(raw, &s); err != nil {
			return
		}
		out, err := json.Marshal(&s)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		var back model.Schedule
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("decode of own output %s: %v", out, err)
		}
		again, _ := json.Marshal(&back)
		if string(again) != string(out) {
			t.Fatalf("round trip changed:\n%s\n%s", out, again)
		}
		_ = model.UnknownMembers(raw, &s)
	})
}

// FuzzCompileEvaluate: any schedule compiles without panicking, and
// evaluation and next-candidate searches answer quickly.
func FuzzCompileEvaluate(f *testing.F) {
	for _, s := range []string{
		`{"timeZoneId":"Europe/London","rules":[{"simpleRuleType":"Time","frequency":"Daily","startTime":"22:00","endTime":"06:00","state":"Night"}]}`,
		`{"rules":[{"simpleRuleType":2,"frequency":3,"interval":2,"byHour":[1],"startTime":"00:00","state":"x"}]}`,
		`{"rules":[{"simpleRuleType":2,"frequency":1,"byMinute":[0,1,2,3,4,5],"byHour":[0,23],"state":"x","endTime":"00:00:01"}]}`,
		`{"rules":[{"simpleRuleType":2,"frequency":7,"byYearDay":[-366,366],"byWeekNo":[53,-53],"byDay":[{"offset":53,"dayOfWeek":1}],"bySetPosition":[-1],"state":"x"}]}`,
		`{"rules":[{"simpleRuleType":2,"frequency":6,"interval":2147483647,"count":2147483647,"startDate":"9999-12-31","state":"x"}]}`,
		`{"rules":[{"simpleRuleType":0,"condition":"hour >= 12 && parentState == \"Open\"","state":"x"}]}`,
		`{"forceClosed":true}`, `{"inherit":true,"defaultState":"Open"}`,
	} {
		f.Add([]byte(s), int64(1796000000))
	}
	f.Fuzz(func(t *testing.T, raw []byte, unix int64) {
		var s model.Schedule
		if err := json.Unmarshal(raw, &s); err != nil {
			return
		}
		unix = unix % (200 * 365 * 86400) // around 1770..2170
		at := time.Unix(unix, 0)
		c := Compile(&s, Env{HasParent: unix%2 == 0})
		res := c.Evaluate(at, Input{HasParent: true, ParentState: "Open", Trace: unix%3 == 0})
		if res.State == "" {
			t.Fatalf("empty state with reason %s", res.Reason)
		}
		if u, ok := c.NextCandidate(at, at.Add(40*24*time.Hour), len(c.rules)); ok && !u.After(at) {
			t.Fatalf("next candidate %v not after %v", u, at)
		}
	})
}
