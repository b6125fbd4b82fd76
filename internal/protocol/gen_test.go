package protocol

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
)

// Generators of eval requests shared by the end-to-end tests, the
// benchmark and the fuzz seeds. They are deterministic for a given seed.

var (
	genZones  = []string{"America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Pacific Standard Time", "UTC", "America/Sao_Paulo"}
	genStates = []string{"Open", "Closed", "Lunch", "After Hours", "Holiday", "On Call"}
	genDays   = []model.DayOfWeek{0, 1, 2, 3, 4, 5, 6}
)

// weeklySchedule makes a schedule of one to four Weekly Time rules (some
// crossing midnight, some all day) and a default state, in a random zone.
func weeklySchedule(rng *rand.Rand) *voicesched.Schedule {
	s := &voicesched.Schedule{
		TimeZoneID:   genZones[rng.IntN(len(genZones))],
		DefaultState: genStates[rng.IntN(len(genStates))],
	}
	for k := range 1 + rng.IntN(4) {
		rule := voicesched.SchedulingRule{
			ID:             fmt.Sprintf("r%d", k),
			Name:           fmt.Sprintf("rule %d", k),
			Priority:       rng.IntN(3),
			State:          genStates[rng.IntN(len(genStates))],
			SimpleRuleType: model.RuleTime,
			Frequency:      model.FrequencyWeekly,
			StartDate:      "2025-12-29",
		}
		if rng.IntN(5) == 0 {
			rule.IsAllDay = true
		} else {
			start := rng.IntN(24*4) * 15
			length := 15 + rng.IntN(16*4)*15
			end := (start + length) % (24 * 60)
			rule.StartTime = fmt.Sprintf("%02d:%02d", start/60, start%60)
			rule.EndTime = fmt.Sprintf("%02d:%02d", end/60, end%60)
		}
		for _, d := range genDays {
			if rng.IntN(2) == 0 {
				rule.ByDay = append(rule.ByDay, model.ScheduleDay{DayOfWeek: d})
			}
		}
		if len(rule.ByDay) == 0 {
			rule.ByDay = []model.ScheduleDay{{DayOfWeek: genDays[rng.IntN(7)]}}
		}
		if rng.IntN(4) == 0 {
			rule.FlowID = "flow-" + rule.ID
			n := float64(rng.IntN(10))
			rule.FlowParams = model.Struct{"n": {NumberValue: &n}}
		}
		s.Rules = append(s.Rules, rule)
	}
	return s
}

// genInstant is a random instant in 2026, whole seconds, half of them on
// quarter hours (where windows open and close).
func genInstant(rng *rand.Rand) time.Time {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if rng.IntN(2) == 0 {
		return base.Add(time.Duration(rng.IntN(365*24*4)) * 15 * time.Minute)
	}
	return base.Add(time.Duration(rng.IntN(365*86400)) * time.Second)
}

// genRequest is one generated request and what the test needs to check it.
type genRequest struct {
	line     string
	id       int
	schedule *voicesched.Schedule // a lone schedule, or nil
	node     string               // a node of the sample tree, when schedule is nil
	at       string               // as written in the line
	explain  bool
	next     bool
}

// genOptions says what genRequests makes.
type genOptions struct {
	n, pool  int     // requests, and distinct lone schedules among them
	treeRate float64 // share of questions about the sample tree's nodes
	explain  float64 // share with "explain": true
	next     float64 // share with "next": true
}

var sampleNodes = []string{"reseller-northwind", "clinic-maple", "dept-maple-billing", "dept-maple-lab", "clinic-harbour",
	"dept-harbour-radiology", "dept-harbour-oncall", "ep-maple-frontdesk", "ep-maple-dr-lee", "ep-harbour-reception"}

// genRequests makes requests: lone weekly schedules drawn from a pool (so
// that the cache is exercised) and questions about the sample tree's nodes.
// "at" is written in UTC, with an offset, or without one (a wall-clock time
// in the schedule's zone).
func genRequests(rng *rand.Rand, o genOptions) []genRequest {
	raw := make([]string, o.pool)
	schedules := make([]*voicesched.Schedule, o.pool)
	for i := range schedules {
		schedules[i] = weeklySchedule(rng)
		b, err := json.Marshal(schedules[i])
		if err != nil {
			panic(err)
		}
		raw[i] = string(b)
	}
	out := make([]genRequest, o.n)
	for i := range out {
		at := genInstant(rng)
		r := genRequest{id: i, explain: rng.Float64() < o.explain, next: rng.Float64() < o.next}
		switch rng.IntN(3) {
		case 0:
			r.at = at.Format(time.RFC3339)
		case 1:
			r.at = at.In(time.FixedZone("", -7*3600)).Format(time.RFC3339)
		default:
			r.at = at.Format("2006-01-02T15:04:05")
		}
		var b strings.Builder
		fmt.Fprintf(&b, `{"id":%d,`, i)
		if rng.Float64() < o.treeRate {
			r.node = sampleNodes[rng.IntN(len(sampleNodes))]
			fmt.Fprintf(&b, `"customerId":%q`, r.node)
		} else {
			k := rng.IntN(o.pool)
			r.schedule = schedules[k]
			fmt.Fprintf(&b, `"schedule":%s`, raw[k])
		}
		fmt.Fprintf(&b, `,"at":%q`, r.at)
		if r.explain {
			b.WriteString(`,"explain":true`)
		}
		if r.next {
			b.WriteString(`,"next":true`)
		}
		b.WriteString("}")
		r.line = b.String()
		out[i] = r
	}
	return out
}

// joinLines makes NDJSON of the requests' lines.
func joinLines(reqs []genRequest) []byte {
	var b strings.Builder
	for _, r := range reqs {
		b.WriteString(r.line)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
