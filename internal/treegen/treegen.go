// Package treegen generates customer trees shaped like a calling platform's,
// for benchmarks and load tests: one reseller, clinics under it, ten
// departments per clinic and ten endpoints per department.
//
// The trees are deterministic: the same seed and clinic count always yield
// the same nodes, in the same order (parents before children), with the same
// GUID ids. What a tree holds:
//
//   - the reseller: weekday business hours in New York;
//   - clinics: 8–12 rules each — 4 to 8 holidays, lunch, weekday hours, a
//     Saturday morning, and an evening rule with a condition on the clinic's
//     data — in one of six zones, one of them given as a Windows id. Clinics
//     draw their hours, holidays and zone from a small set of variations, as
//     clinics provisioned from templates do, so many schedules are equal;
//   - departments: 60% inherit their clinic's schedule, the others have three
//     rules, one of which follows the clinic's Holiday state;
//   - endpoints: 10% have a schedule that follows their department's state,
//     the rest have none (they follow their department).
//
// Nodes carries package schedule's records only, so that any layer (the
// root package's tests, the command line) can turn them into its own.
package treegen

import (
	"fmt"
	"iter"
	"math/rand/v2"

	"github.com/voicesched/voicesched/model"
)

// Kind is the role of a node in the platform's tree.
type Kind uint8

// The kinds of node, from the root down.
const (
	Reseller Kind = iota
	Clinic
	Department
	Endpoint // an endpoint record (the others are customers)
)

func (k Kind) String() string {
	return [...]string{"reseller", "clinic", "department", "endpoint"}[k]
}

// Shape of the tree.
const (
	DepartmentsPerClinic   = 10
	EndpointsPerDepartment = 10
	// NodesPerClinic counts a clinic, its departments and their endpoints.
	NodesPerClinic = 1 + DepartmentsPerClinic*(1+EndpointsPerDepartment)
)

// Node is one customer or endpoint. Customers (reseller, clinic,
// department) have ParentID ""/their parent's id; an endpoint's ParentID is
// its department's id.
type Node struct {
	Kind     Kind
	ID       string
	ParentID string
	Name     string
	// Data is the customer's data (clinics only): the evening rule's
	// condition reads data.lateHours.
	Data model.Struct
	// Schedule is nil when the node has none.
	Schedule *model.Schedule
}

// Size is one of the benchmark sizes.
type Size struct {
	Name    string
	Clinics int
}

// Nodes is the number of nodes a tree of this size has.
func (s Size) Nodes() int { return 1 + s.Clinics*NodesPerClinic }

// The benchmark sizes: about 11,000, 110,000 and 1,100,000 nodes.
var (
	Size11k  = Size{Name: "11k", Clinics: ClinicsFor(11_000)}
	Size110k = Size{Name: "110k", Clinics: ClinicsFor(110_000)}
	Size1M   = Size{Name: "1.1M", Clinics: ClinicsFor(1_100_000)}
)

// ClinicsFor returns the number of clinics whose tree comes closest to
// nodes nodes (at least one).
func ClinicsFor(nodes int) int {
	return max(1, (nodes-1+NodesPerClinic/2)/NodesPerClinic)
}

// Zones are the clinics' zones; "Alaskan Standard Time" is a Windows id.
var Zones = []string{"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
	"America/Los_Angeles", "Alaskan Standard Time"}

// Probabilities of the shape, in percent.
const (
	departmentOwnSchedulePercent = 40
	endpointSchedulePercent      = 10
)

// Nodes yields the tree of clinics clinics generated from seed, parents
// before their children.
func Nodes(seed uint64, clinics int) iter.Seq[Node] {
	return func(yield func(Node) bool) {
		g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
		reseller := g.guid()
		if !yield(Node{Kind: Reseller, ID: reseller, Name: "Reseller", Schedule: resellerSchedule()}) {
			return
		}
		for c := range clinics {
			clinic := g.guid()
			lateHours := g.rng.IntN(4) == 0
			if !yield(Node{Kind: Clinic, ID: clinic, ParentID: reseller, Name: fmt.Sprintf("Clinic %d", c+1),
				Data: model.Struct{"lateHours": &model.Value{BoolValue: &lateHours}}, Schedule: g.clinicSchedule()}) {
				return
			}
			for d := range DepartmentsPerClinic {
				department := g.guid()
				var sched *model.Schedule
				if g.rng.IntN(100) < departmentOwnSchedulePercent {
					sched = g.departmentSchedule()
				} else {
					sched = &model.Schedule{Inherit: true}
				}
				if !yield(Node{Kind: Department, ID: department, ParentID: clinic,
					Name: fmt.Sprintf("Clinic %d department %d", c+1, d+1), Schedule: sched}) {
					return
				}
				for e := range EndpointsPerDepartment {
					var sched *model.Schedule
					if g.rng.IntN(100) < endpointSchedulePercent {
						sched = endpointSchedule()
					}
					if !yield(Node{Kind: Endpoint, ID: g.guid(), ParentID: department,
						Name: fmt.Sprintf("Extension %d%02d", d+1, e+1), Schedule: sched}) {
						return
					}
				}
			}
		}
	}
}

type generator struct{ rng *rand.Rand }

// guid returns a random (version 4) GUID in its usual lower-case form.
func (g *generator) guid() string {
	hi, lo := g.rng.Uint64(), g.rng.Uint64()
	hi = hi&^0xf000 | 0x4000     // version 4
	lo = lo&^(0xc<<60) | 0x8<<60 // RFC 4122 variant
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, hi>>16&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff)
}

const startDate = "2021-01-01"

var weekdays = []model.ScheduleDay{{DayOfWeek: 1}, {DayOfWeek: 2}, {DayOfWeek: 3}, {DayOfWeek: 4}, {DayOfWeek: 5}}

func weekly(id, state string, priority int, start, end string, days []model.ScheduleDay) model.SchedulingRule {
	return model.SchedulingRule{ID: id, Name: id, Priority: priority, State: state, SimpleRuleType: model.RuleTime,
		Frequency: model.FrequencyWeekly, StartDate: startDate, StartTime: start, EndTime: end,
		ByDay: append([]model.ScheduleDay(nil), days...)}
}

// holiday is a yearly all-day closure: a fixed date (monthDay > 0) or the
// n-th weekday of a month.
type holiday struct {
	id              string
	month, monthDay int
	nth, weekday    int
}

// holidays are the closures clinics choose from, in the order they take them.
var holidays = []holiday{
	{id: "new-year", month: 1, monthDay: 1},
	{id: "thanksgiving", month: 11, nth: 4, weekday: 4},
	{id: "christmas", month: 12, monthDay: 25},
	{id: "independence-day", month: 7, monthDay: 4},
	{id: "memorial-day", month: 5, nth: -1, weekday: 1},
	{id: "labor-day", month: 9, nth: 1, weekday: 1},
	{id: "day-after-thanksgiving", month: 11, nth: 4, weekday: 5},
	{id: "christmas-eve", month: 12, monthDay: 24},
}

func (h holiday) rule() model.SchedulingRule {
	r := model.SchedulingRule{ID: h.id, Name: h.id, State: "Holiday", SimpleRuleType: model.RuleTime,
		Frequency: model.FrequencyYearly, IsAllDay: true, StartDate: startDate, ByMonth: []int{h.month}}
	if h.monthDay > 0 {
		r.ByMonthDay = []int{h.monthDay}
	} else {
		r.ByDay = []model.ScheduleDay{{Offset: h.nth, DayOfWeek: model.DayOfWeek(h.weekday)}}
	}
	return r
}

var (
	opening = []string{"07:00", "07:30", "08:00", "08:30", "09:00"}
	closing = []string{"16:00", "16:30", "17:00", "17:30", "18:00", "19:00"}
)

// clinicSchedule is 8–12 rules: 4–8 holidays, lunch, weekday hours, a
// Saturday morning and late hours for clinics whose data says so.
func (g *generator) clinicSchedule() *model.Schedule {
	s := &model.Schedule{TimeZoneID: Zones[g.rng.IntN(len(Zones))], DefaultState: "After Hours"}
	for _, h := range holidays[:4+g.rng.IntN(5)] {
		s.Rules = append(s.Rules, h.rule())
	}
	open, close := opening[g.rng.IntN(len(opening))], closing[g.rng.IntN(len(closing))]
	lateHours := weekly("late-hours", "Business Hours", 8, close, "21:00", []model.ScheduleDay{{DayOfWeek: 4}})
	lateHours.Condition = "data.lateHours == true"
	s.Rules = append(s.Rules,
		weekly("lunch", "Lunch", 5, "12:00", "13:00", weekdays),
		lateHours,
		weekly("hours", "Business Hours", 10, open, close, weekdays),
		weekly("saturday", "Business Hours", 10, "09:00", "12:00", []model.ScheduleDay{{DayOfWeek: 6}}),
	)
	return s
}

// departmentSchedule is three rules: closed when the clinic is on holiday,
// a department's own hours and a meeting block; the zone cascades from the
// clinic.
func (g *generator) departmentSchedule() *model.Schedule {
	open := opening[g.rng.IntN(len(opening))]
	return &model.Schedule{DefaultState: "Closed", Rules: []model.SchedulingRule{
		{ID: "clinic-holiday", Name: "clinic-holiday", State: "Closed", SimpleRuleType: model.RuleCustomerState,
			CustomerState: "Holiday"},
		weekly("team-meeting", "Meeting", 5, "08:00", "09:00", []model.ScheduleDay{{DayOfWeek: 1}}),
		weekly("hours", "Open", 10, open, "17:00", weekdays),
	}}
}

// endpointSchedule follows the department: available while it is open.
func endpointSchedule() *model.Schedule {
	return &model.Schedule{DefaultState: "Unavailable", Rules: []model.SchedulingRule{
		{ID: "department-open", Name: "department-open", State: "Available", SimpleRuleType: model.RuleCustomerState,
			CustomerState: "Open"},
		{ID: "clinic-open", Name: "clinic-open", State: "Available", SimpleRuleType: model.RuleCustomerState,
			CustomerState: "Business Hours"},
	}}
}

func resellerSchedule() *model.Schedule {
	return &model.Schedule{TimeZoneID: "America/New_York", DefaultState: "After Hours", Rules: []model.SchedulingRule{
		weekly("hours", "Business Hours", 10, "08:00", "18:00", weekdays),
	}}
}
