package condition

import (
	"time"

	"github.com/expr-lang/expr/vm"
)

// evalState is what one evaluation borrows from a program's pool: a VM (which
// keeps its stack between runs and must not be shared), the environment map
// handed to it, and values boxed by earlier evaluations.
//
// Putting a value in the map boxes it into an interface, which allocates for
// strings and for integers above 255. Consecutive evaluations nearly always
// fall on the same day and minute, so the state keeps the boxed date, year,
// dayOfYear, time and parentState of the last evaluation and reuses them when
// they are unchanged. Only now (a new instant each time) costs an allocation.
type evalState struct {
	machine vm.VM
	env     map[string]any

	dayKey    int // year*10000 + month*100 + day the three below were boxed for; 0: none
	date      any // "2026-11-30"
	year      any
	dayOfYear any

	clockKey int // hour*60 + minute of clock; -1: none
	clock    any // "14:05"

	parentStateText string
	parentState     any

	noCustomer any // customerView{}, for a nil or zero Subject
	noData     any // map[string]any(nil)
}

func newEvalState() any {
	env := make(map[string]any, len(variables)+2)
	env[hasTagFunction], env[dataKeyFunction] = hasTag, dataKey
	return &evalState{
		env:         env,
		clockKey:    -1,
		parentState: "",
		noCustomer:  customerView{},
		noData:      map[string]any(nil),
	}
}

// weekdays are the weekday values, boxed once; the table is never written.
var weekdays = [7]any{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// fill sets in s.env the variables the program uses (uses) from in; each
// map assignment costs about as much as the rest of a simple evaluation, so
// unused ones are skipped. Entries the program does not use may hold stale
// values from an earlier evaluation; the program cannot read them, because
// Compile admits only known names and no dynamic access to the environment
// ($env).
func (s *evalState) fill(in Input, uses variable) {
	const calendar = varDate | varYear | varMonth | varDay | varWeekday | varDayOfYear
	const clock = varTime | varHour | varMinute | varSecond
	env := s.env

	if uses&varNow != 0 {
		env["now"] = in.Now
	}
	if uses&calendar != 0 {
		year, month, day := in.Now.Date()
		if uses&(varDate|varYear|varDayOfYear) != 0 {
			s.boxDay(in.Now, year, int(month), day)
			if uses&varDate != 0 {
				env["date"] = s.date
			}
			if uses&varYear != 0 {
				env["year"] = s.year
			}
			if uses&varDayOfYear != 0 {
				env["dayOfYear"] = s.dayOfYear
			}
		}
		// Values below 256 box without allocating.
		if uses&varMonth != 0 {
			env["month"] = int(month)
		}
		if uses&varDay != 0 {
			env["day"] = day
		}
		if uses&varWeekday != 0 {
			env["weekday"] = weekdays[in.Now.Weekday()]
		}
	}
	if uses&clock != 0 {
		hour, minute, second := in.Now.Clock()
		if uses&varHour != 0 {
			env["hour"] = hour
		}
		if uses&varMinute != 0 {
			env["minute"] = minute
		}
		if uses&varSecond != 0 {
			env["second"] = second
		}
		if uses&varTime != 0 {
			s.boxClock(hour, minute)
			env["time"] = s.clock
		}
	}
	if uses&(varCustomer|varData) != 0 {
		customer, data := s.noCustomer, s.noData
		if in.Subject != nil && in.Subject.customer != nil {
			customer, data = in.Subject.customer, in.Subject.data
		}
		if uses&varCustomer != 0 {
			env["customer"] = customer
		}
		if uses&varData != 0 {
			env["data"] = data
		}
	}
	if uses&varParentState != 0 {
		if in.ParentState != s.parentStateText {
			s.parentStateText, s.parentState = in.ParentState, in.ParentState
		}
		env["parentState"] = s.parentState
	}
}

// boxDay refreshes date, year and dayOfYear when the civil day changed.
// Years outside 0..9999 are written with as many digits as they need (and a
// minus sign when negative), as time.Format writes "2006".
func (s *evalState) boxDay(now time.Time, year, month, day int) {
	key := year*10000 + month*100 + day // month*100+day is in 101..1231, so keys are unique and never 0
	if key == s.dayKey {
		return
	}
	s.dayKey = key
	s.date = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	s.year = year
	s.dayOfYear = now.YearDay()
}

// boxClock refreshes clock when the wall-clock minute changed.
func (s *evalState) boxClock(hour, minute int) {
	key := hour*60 + minute
	if key == s.clockKey {
		return
	}
	s.clockKey = key
	s.clock = string([]byte{
		byte('0' + hour/10), byte('0' + hour%10), ':', byte('0' + minute/10), byte('0' + minute%10),
	})
}
