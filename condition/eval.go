package condition

import (
	"time"

	"github.com/expr-lang/expr/vm"
)

// evalState is what one evaluation borrows from the pool: a VM (which keeps
// its stack between runs and must not be shared) and the environment map
// handed to it.
//
// The map outlives an evaluation, so it is also a cache: fill writes a variable only when its value differs from the one the
// map already holds. Consecutive evaluations nearly always share the subject
// and fall in the same day and minute, so most evaluations write nothing, and
// the costs of writing (a map assignment; boxing, which allocates for strings
// and integers above 255; formatting date and time) are paid when a value
// changes. Only now, a new instant each time, is written on every evaluation
// that uses it.
type evalState struct {
	machine vm.VM
	env     map[string]any

	written variable // variables written at least once; the fields below hold their values

	now                           time.Time
	dayKey                        int // year*10000 + month*100 + day, the key of date
	clockKey                      int // hour*60 + minute, the key of time
	year, month, day, dayOfYear   int
	hour, minute, second, weekday int
	subject                       *Subject
	parentState                   string
	noCustomer                    any // customerView{}, for a nil or zero Subject
	noData                        any // map[string]any(nil)
}

func newEvalState() any {
	env := make(map[string]any, len(variables)+2)
	env[hasTagFunction], env[dataKeyFunction] = hasTag, dataKey
	return &evalState{env: env, noCustomer: customerView{}, noData: map[string]any(nil)}
}

// weekdays are the weekday values, boxed once; the table is never written.
var weekdays = [7]any{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// fill brings the variables the program uses (uses) in s.env up to date for
// in. Entries the program does not use are never written; the program cannot
// read them, because Compile admits only known names and no dynamic access to
// the environment ($env).
func (s *evalState) fill(in Input, uses variable) {
	const calendar = varDate | varYear | varMonth | varDay | varWeekday | varDayOfYear
	const clock = varTime | varHour | varMinute | varSecond

	if uses&varNow != 0 && (s.written&varNow == 0 || s.now != in.Now) {
		s.now = in.Now
		s.env["now"] = in.Now
		s.written |= varNow
	}
	if uses&calendar != 0 {
		year, month, day := in.Now.Date()
		if uses&varDate != 0 {
			key := year*10000 + int(month)*100 + day // month*100+day is 101..1231: keys are unique
			if s.written&varDate == 0 || s.dayKey != key {
				s.dayKey = key
				s.env["date"] = time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
				s.written |= varDate
			}
		}
		s.putInt(uses, varYear, "year", &s.year, year)
		s.putInt(uses, varMonth, "month", &s.month, int(month))
		s.putInt(uses, varDay, "day", &s.day, day)
		if uses&varDayOfYear != 0 {
			s.putInt(uses, varDayOfYear, "dayOfYear", &s.dayOfYear, in.Now.YearDay())
		}
		if uses&varWeekday != 0 {
			weekday := int(in.Now.Weekday())
			if s.written&varWeekday == 0 || s.weekday != weekday {
				s.weekday = weekday
				s.env["weekday"] = weekdays[weekday]
				s.written |= varWeekday
			}
		}
	}
	if uses&clock != 0 {
		hour, minute, second := in.Now.Clock()
		if uses&varTime != 0 {
			key := hour*60 + minute
			if s.written&varTime == 0 || s.clockKey != key {
				s.clockKey = key
				s.env["time"] = string([]byte{
					byte('0' + hour/10), byte('0' + hour%10), ':', byte('0' + minute/10), byte('0' + minute%10),
				})
				s.written |= varTime
			}
		}
		s.putInt(uses, varHour, "hour", &s.hour, hour)
		s.putInt(uses, varMinute, "minute", &s.minute, minute)
		s.putInt(uses, varSecond, "second", &s.second, second)
	}
	const subjectParts = varCustomer | varData
	if uses&subjectParts != 0 && (s.written&subjectParts == 0 || s.subject != in.Subject) {
		s.subject = in.Subject
		customer, data := s.noCustomer, s.noData
		if in.Subject != nil && in.Subject.customer != nil {
			customer, data = in.Subject.customer, in.Subject.data
		}
		s.env["customer"], s.env["data"] = customer, data
		s.written |= subjectParts
	}
	if uses&varParentState != 0 && (s.written&varParentState == 0 || s.parentState != in.ParentState) {
		s.parentState = in.ParentState
		s.env["parentState"] = in.ParentState
		s.written |= varParentState
	}
}

// putInt writes the integer variable bit under name when the program uses it
// and its value differs from *last.
func (s *evalState) putInt(uses, bit variable, name string, last *int, value int) {
	if uses&bit == 0 || (s.written&bit != 0 && *last == value) {
		return
	}
	*last = value
	s.env[name] = value
	s.written |= bit
}
