package voicesched

import (
	"hash/maphash"
	"slices"

	"github.com/voicesched/voicesched/schedule"
)

// interner shares one compiled schedule between nodes whose schedules are
// equal and compiled against the same environment, while a snapshot is
// built from scratch: a tree provisioned from templates holds many equal
// schedules, and every node without a schedule compiles to the same empty
// one. Schedules are compared by content: a structural hash finds the
// candidates, a field-by-field comparison decides.
type interner struct {
	seed    maphash.Seed
	entries map[internKey][]internEntry
	// shareRecords lets nodes with equal schedules share one schedule
	// record too (see buildFrom).
	shareRecords bool
}

type internKey struct {
	hash uint64
	env  schedule.Env
}

type internEntry struct {
	source   *Schedule
	compiled *schedule.Compiled
}

func newInterner() *interner {
	return &interner{seed: maphash.MakeSeed(), entries: map[internKey][]internEntry{}}
}

// compile compiles sched against env, or returns the compiled schedule of an
// equal one compiled earlier, with that one's record (equal; sched when it
// is the first of its kind).
func (in *interner) compile(sched *Schedule, env schedule.Env) (compiled *schedule.Compiled, equal *Schedule) {
	key := internKey{hash: in.hash(sched), env: env}
	for _, e := range in.entries[key] {
		if equalSchedules(e.source, sched) {
			return e.compiled, e.source
		}
	}
	c := schedule.Compile(sched, env)
	in.entries[key] = append(in.entries[key], internEntry{source: sched, compiled: c})
	return c, sched
}

// shareSchedule makes node n's record use sched, a record equal to its own
// schedule. Only for records the build owns (interner.shareRecords).
func (n *node) shareSchedule(sched *Schedule) {
	if n.customer != nil {
		n.customer.Schedule = sched
	} else {
		n.endpoint.Schedule = sched
	}
}

// needsSubject reports whether customer node n needs a condition subject:
// when its schedule or one of its endpoints' schedules has a condition.
// The others do without one (a subject with the customer's data copied is
// most of a customer's memory).
func (s *Snapshot) needsSubject(n *node) bool {
	if hasCondition(n.customer.Schedule) {
		return true
	}
	for _, ch := range n.children() {
		if c := s.nodes.at(ch); c.endpoint != nil && hasCondition(c.endpoint.Schedule) {
			return true
		}
	}
	return false
}

func hasCondition(sched *Schedule) bool {
	if sched == nil {
		return false
	}
	for i := range sched.Rules {
		if sched.Rules[i].Condition != "" {
			return true
		}
	}
	return false
}

// hash is a structural hash of s: equal schedules hash alike. It leaves out
// the flow parameters' contents (their count stands for them), which
// equalSchedules still compares.
func (in *interner) hash(s *Schedule) uint64 {
	if s == nil {
		return 0
	}
	var h maphash.Hash
	h.SetSeed(in.seed)
	h.WriteString(s.TimeZoneID)
	h.WriteString(s.DefaultState)
	writeBool(&h, s.Inherit)
	writeBool(&h, s.ForceClosed)
	writeInt(&h, len(s.Rules))
	for i := range s.Rules {
		r := &s.Rules[i]
		for _, text := range []string{r.ID, r.Name, r.State, r.Source, r.Condition, r.CustomerState, r.FlowID,
			r.StartDate, r.StartTime, r.EndTime, r.UntilDate} {
			h.WriteString(text)
			h.WriteByte(0)
		}
		for _, n := range []int{r.Priority, int(r.SimpleRuleType), len(r.FlowParams), r.Interval, r.Count, int(r.Frequency)} {
			writeInt(&h, n)
		}
		writeBool(&h, r.IsAllDay)
		for _, list := range [][]int{r.BySetPosition, r.ByMonth, r.ByWeekNo, r.ByYearDay, r.ByMonthDay, r.ByHour, r.ByMinute} {
			writeInt(&h, len(list))
			for _, n := range list {
				writeInt(&h, n)
			}
		}
		writeInt(&h, len(r.ByDay))
		for _, d := range r.ByDay {
			writeInt(&h, d.Offset)
			writeInt(&h, int(d.DayOfWeek))
		}
	}
	return h.Sum64()
}

func writeInt(h *maphash.Hash, n int) {
	var b [8]byte
	for k := range b {
		b[k] = byte(n >> (8 * k))
	}
	h.Write(b[:])
}

func writeBool(h *maphash.Hash, v bool) {
	if v {
		h.WriteByte(1)
	} else {
		h.WriteByte(0)
	}
}

// scheduleCopier deep-copies schedules, one copy for all equal ones.
type scheduleCopier struct {
	hashes *interner // for its hash
	copies map[uint64][]*Schedule
}

func newScheduleCopier() *scheduleCopier {
	return &scheduleCopier{hashes: newInterner(), copies: map[uint64][]*Schedule{}}
}

// copy returns a deep copy of sched, the same one for equal schedules.
func (c *scheduleCopier) copy(sched *Schedule) *Schedule {
	if sched == nil {
		return nil
	}
	h := c.hashes.hash(sched)
	for _, done := range c.copies[h] {
		if equalSchedules(done, sched) {
			return done
		}
	}
	out := sched.Clone()
	c.copies[h] = append(c.copies[h], out)
	return out
}

// equalSchedules reports whether a and b are equal member by member, as
// their JSON would be (a nil schedule equals only nil; an empty list or
// object equals a missing one).
func equalSchedules(a, b *Schedule) bool {
	if a == nil || b == nil || a == b {
		return a == b
	}
	return a.TimeZoneID == b.TimeZoneID && a.Inherit == b.Inherit && a.ForceClosed == b.ForceClosed &&
		a.DefaultState == b.DefaultState && slices.EqualFunc(a.Rules, b.Rules, equalRules)
}

func equalRules(a, b SchedulingRule) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Priority == b.Priority && a.State == b.State && a.Source == b.Source &&
		a.Condition == b.Condition && a.SimpleRuleType == b.SimpleRuleType && a.CustomerState == b.CustomerState &&
		a.FlowID == b.FlowID && equalStructs(a.FlowParams, b.FlowParams) && a.IsAllDay == b.IsAllDay &&
		a.StartDate == b.StartDate && a.StartTime == b.StartTime && a.EndTime == b.EndTime &&
		slices.Equal(a.BySetPosition, b.BySetPosition) && slices.Equal(a.ByMonth, b.ByMonth) &&
		slices.Equal(a.ByWeekNo, b.ByWeekNo) && slices.Equal(a.ByYearDay, b.ByYearDay) &&
		slices.Equal(a.ByMonthDay, b.ByMonthDay) && slices.Equal(a.ByDay, b.ByDay) &&
		slices.Equal(a.ByHour, b.ByHour) && slices.Equal(a.ByMinute, b.ByMinute) &&
		a.Interval == b.Interval && a.Count == b.Count && a.UntilDate == b.UntilDate && a.Frequency == b.Frequency
}

func equalStructs(a, b Struct) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok || !equalValues(va, vb) {
			return false
		}
	}
	return true
}

func equalValues(a, b *Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	return equalPointed(a.BoolValue, b.BoolValue) && equalPointed(a.StringValue, b.StringValue) &&
		equalPointed(a.NumberValue, b.NumberValue) && equalStructs(a.StructValue, b.StructValue) &&
		slices.EqualFunc(a.ListValue, b.ListValue, func(x, y Struct) bool { return equalStructs(x, y) && (x == nil) == (y == nil) })
}

func equalPointed[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
