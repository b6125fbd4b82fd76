package condition

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// eastern is a fixed zone so tests do not depend on the machine's tzdata.
var eastern = time.FixedZone("EST", -5*60*60)

// mondayAfternoon is Monday 30 November 2026, 14:05:09 in eastern: day 334
// of the year.
var mondayAfternoon = time.Date(2026, time.November, 30, 14, 5, 9, 0, eastern)

func dentalClinic() *Subject {
	return NewSubject("c-1", "Acme Dental", "ref-9", []string{"vip", "dental"}, map[string]any{
		"plan":  "gold",
		"seats": 12,
		"flags": map[string]any{"beta": true, "trial": false},
		"list":  []any{"a", "b", "c"},
		"nil":   nil,
	})
}

func clinicInput() Input {
	return Input{Now: mondayAfternoon, Subject: dentalClinic(), ParentState: "open"}
}

// compileAndEval is the common path of the table tests.
func compileAndEval(t *testing.T, text string, in Input) (bool, error) {
	t.Helper()
	program, err := Compile(text)
	require.NoError(t, err, "compile %q", text)
	return program.Eval(in)
}

func TestEvalSeesEveryVariable(t *testing.T) {
	tests := []struct {
		scenario string
		text     string
	}{
		{"now is the input instant in its zone", `now.Year() == 2026 && now.Hour() == 14 && now.Location().String() == "EST"`},
		{"date is the civil date", `date == "2026-11-30"`},
		{"dates compare as strings", `date >= "2026-11-01" && date < "2026-12-01"`},
		{"time is hours and minutes", `time == "14:05"`},
		{"times compare as strings", `time >= "09:00" && time < "17:30"`},
		{"year", `year == 2026`},
		{"month counts from 1", `month == 11`},
		{"day of month", `day == 30`},
		{"hour of the wall clock", `hour == 14`},
		{"minute", `minute == 5`},
		{"second", `second == 9`},
		{"weekday is the English name", `weekday == "Monday"`},
		{"weekday membership in a list", `weekday in ["Saturday", "Sunday"] == false`},
		{"day of year", `dayOfYear == 334`},
		{"customer id", `customer.id == "c-1"`},
		{"customer name", `customer.name == "Acme Dental"`},
		{"customer reference id", `customer.referenceId == "ref-9"`},
		{"tag membership", `"vip" in customer.tags`},
		{"tag absence", `"wholesale" not in customer.tags`},
		{"tag as a field", `customer.tags.dental && !customer.tags.wholesale`},
		{"tag by index", `customer.tags["vip"]`},
		{"tag count", `len(customer.tags) == 2`},
		{"tag names as a list", `"dental" in keys(customer.tags)`},
		{"data string", `data.plan == "gold"`},
		{"data index syntax", `data["plan"] == "gold"`},
		{"data numbers are float64 and compare with ints", `data.seats == 12 && data.seats > 10.5`},
		{"nested data", `data.flags.beta && !data.flags.trial`},
		{"data list", `data.list[0] == "a" && len(data.list) == 3`},
		{"data list membership", `"b" in data.list`},
		{"missing data key is nil", `data.missing == nil && data.nil == nil`},
		{"missing nested key through optional chaining", `data.missing?.deeper == nil`},
		{"data key test", `"plan" in data`},
		{"parent state", `parentState == "open"`},
		{"one predicate over data", `any(data.list, # == "b") && count(data.list, # != "") == 3`},
		{"builtins on strings", `upper(customer.name) == "ACME DENTAL" && customer.name startsWith "Acme"`},
		{"regular expression", `customer.referenceId matches "^ref-[0-9]+$"`},
		{"ternary", `(hour < 12 ? "morning" : "afternoon") == "afternoon"`},
		{"durations", `duration("1h") > duration("59m")`},
	}
	for _, test := range tests {
		t.Run(test.scenario, func(t *testing.T) {
			got, err := compileAndEval(t, test.text, clinicInput())
			require.NoError(t, err)
			assert.True(t, got, test.text)
		})
	}
}

func TestEvalUsesTheWallClockOfNowsZone(t *testing.T) {
	program, err := Compile(`hour == 14 && weekday == "Monday" && date == "2026-11-30"`)
	require.NoError(t, err)

	open, err := program.Eval(Input{Now: mondayAfternoon})
	require.NoError(t, err)
	assert.True(t, open, "14:05 Monday in EST")

	open, err = program.Eval(Input{Now: mondayAfternoon.UTC()})
	require.NoError(t, err)
	assert.False(t, open, "the same instant is 19:05 in UTC")
}

func TestEvalWithoutSubject(t *testing.T) {
	tests := []struct {
		scenario string
		subject  *Subject
	}{
		{"nil subject", nil},
		{"zero subject", &Subject{}},
		{"subject with nothing", NewSubject("", "", "", nil, nil)},
	}
	for _, test := range tests {
		t.Run(test.scenario, func(t *testing.T) {
			in := Input{Now: mondayAfternoon, Subject: test.subject}
			got, err := compileAndEval(t,
				`customer.name == "" && "vip" not in customer.tags && !customer.tags.vip && data.plan == nil && len(data) == 0 && parentState == ""`, in)
			require.NoError(t, err)
			assert.True(t, got)
		})
	}
}

func TestEvalDoesNotReuseAnotherInputsValues(t *testing.T) {
	// One program, one goroutine: every evaluation reuses the same pooled
	// state, so stale strings or customers would show here.
	program, err := Compile(`date == "2026-11-30" && time == "14:05" && customer.name == "Acme Dental" && parentState == "open"`)
	require.NoError(t, err)
	steps := []struct {
		in   Input
		want bool
	}{
		{clinicInput(), true},
		{Input{Now: mondayAfternoon.Add(time.Minute), Subject: dentalClinic(), ParentState: "open"}, false},
		{clinicInput(), true},
		{Input{Now: mondayAfternoon.AddDate(0, 0, 1), Subject: dentalClinic(), ParentState: "open"}, false},
		{clinicInput(), true},
		{Input{Now: mondayAfternoon, Subject: nil, ParentState: "open"}, false},
		{clinicInput(), true},
		{Input{Now: mondayAfternoon, Subject: dentalClinic(), ParentState: "closed"}, false},
		{clinicInput(), true},
		{Input{Now: mondayAfternoon.AddDate(1, 0, 0), Subject: dentalClinic(), ParentState: "open"}, false},
	}
	for i, step := range steps {
		got, err := program.Eval(step.in)
		require.NoError(t, err)
		assert.Equal(t, step.want, got, "step %d", i)
	}

	everything, err := Compile(fmt.Sprintf(`now.Unix() == %d && year == 2026 && month == 11 && day == 30 && hour == 14 && minute == 5 && second == 9 && weekday == "Monday"`,
		mondayAfternoon.Unix()))
	require.NoError(t, err)
	for _, change := range []time.Duration{time.Second, time.Minute, time.Hour, 24 * time.Hour, 31 * 24 * time.Hour, 365 * 24 * time.Hour} {
		for _, now := range []time.Time{mondayAfternoon, mondayAfternoon.Add(change), mondayAfternoon} {
			got, err := everything.Eval(Input{Now: now})
			require.NoError(t, err)
			assert.Equal(t, now.Equal(mondayAfternoon), got, "%v", now)
		}
	}

	yearly, err := Compile(`year == 2026 && dayOfYear == 334`)
	require.NoError(t, err)
	for i, now := range []time.Time{mondayAfternoon, mondayAfternoon.AddDate(0, 0, 1), mondayAfternoon.AddDate(1, 0, 0), mondayAfternoon} {
		got, err := yearly.Eval(Input{Now: now})
		require.NoError(t, err)
		assert.Equal(t, now.Equal(mondayAfternoon), got, "step %d", i)
	}
}

func TestCompileRejectsTypeErrors(t *testing.T) {
	tests := []struct {
		scenario string
		text     string
		at       string // the text the error points at
	}{
		{"adding a string to a number", `hour + "x" == 1`, `+`},
		{"comparing a number with a string", `hour == "14"`, `==`},
		{"ordering a set", `customer.tags > 3`, `>`},
		{"boolean operator on a number", `year && true`, `&&`},
		{"calling a variable", `date("2026-01-01") == now`, `date`},
		{"now is not a function", `now() > now`, `now`},
		{"negating a string", `!weekday`, `!`},
		{"predicate over a number", `all(hour, # > 1)`, `hour`},
		{"unknown method", `now.Tomorrow() == now`, `Tomorrow`},
	}
	for _, test := range tests {
		t.Run(test.scenario, func(t *testing.T) {
			_, err := Compile(test.text)
			problem := requireCode(t, err, CodeType)
			assert.Equal(t, strings.Index(test.text, test.at), problem.Pos, "%s", problem)
		})
	}
}

func TestCompileRequiresABool(t *testing.T) {
	for _, text := range []string{`hour`, `"open"`, `customer.name`, `1 + 2`, `now`, `customer.tags`, `[true]`} {
		t.Run(text, func(t *testing.T) {
			_, err := Compile(text)
			problem := requireCode(t, err, CodeNotBool)
			assert.Equal(t, 0, problem.Pos)
		})
	}
}

func TestCompileRejectsUnknownNames(t *testing.T) {
	tests := []struct {
		scenario string
		text     string
		at       string
		listed   string // something the message must list
	}{
		{"misspelt variable", `weekDay == "Monday"`, `weekDay`, "weekday"},
		{"Go field name", `Hour > 9`, `Hour`, "hour"},
		{"unknown customer field", `customer.email == ""`, `email`, "customer.referenceId"},
		{"customer field by index", `customer["email"] == ""`, `"email"`, "customer.tags"},
		{"Go field name of customer", `customer.ID == ""`, `ID`, "customer.id"},
		{"whole environment", `$env.hour > 1`, `$env`, "parentState"},
		{"unknown function", `isHoliday(date)`, `isHoliday`, "all"},
		{"builtin left out: repeat", `repeat("a", 3) == "aaa"`, `repeat`, "upper"},
		{"builtin left out: reduce", `reduce(data.list, #acc + #, "") == "abc"`, `reduce`, "filter"},
		{"builtin left out: replace", `replace(customer.name, "", "x") != ""`, `replace`, "trim"},
		{"builtin left out: split", `"a" in split(data.csv, ",")`, `split`, "len"},
		{"builtin left out: toJSON", `toJSON(data) != ""`, `toJSON`, "string"},
		{"machine clock builtin", `timezone("UTC") != nil`, `timezone`, "duration"},
		{"internal tag function", `hasTag("vip", customer)`, `hasTag`, "all"},
		{"internal data function", `dataKey(data, "plan") == "gold"`, `dataKey`, "all"},
		{"earliest of several", `hour > 1 && foo && bar`, `foo`, "minute"},
	}
	for _, test := range tests {
		t.Run(test.scenario, func(t *testing.T) {
			_, err := Compile(test.text)
			problem := requireCode(t, err, CodeUnknownName)
			assert.Equal(t, strings.Index(test.text, test.at), problem.Pos, "%s", problem)
			assert.Contains(t, problem.Message, test.listed)
		})
	}
}

func TestCompileEnforcesTreeLimits(t *testing.T) {
	manyNodes := strings.TrimSuffix(strings.Repeat("hour == 1 || ", 51), " || ")
	require.Less(t, len(manyNodes), MaxLength)
	fewEnough := strings.TrimSuffix(strings.Repeat("hour == 1 || ", 50), " || ")

	tests := []struct {
		scenario string
		text     string
		code     string
		at       string // "" for a limit with no position
	}{
		{"more than 200 nodes", manyNodes, CodeTooManyNodes, ""},
		{"range in a predicate", `all(0..199, {# >= 0})`, CodeRangeNotAllowed, `..`},
		{"range membership", `hour in 9..17`, CodeRangeNotAllowed, `..`},
		{"the CPU bomb of the issue stops at its first range", `all(0..199, {all(0..199, {all(0..199, {# >= 0})})})`, CodeRangeNotAllowed, `..`},
		{"predicate in a predicate body", `any(data.list, all(data.list, # != ""))`, CodeNestedPredicate, `all`},
		{"predicate in a predicate collection", `all(filter(data.list, # != ""), # != "x")`, CodeNestedPredicate, `filter`},
		{"chained doubling", `len(first(map(map(["x"], # + #), # + #))) > 3`, CodeNestedPredicate, `map(["x"]`},
		{"pipes nest too", `data.list | filter(# != "") | all(# != "x")`, CodeNestedPredicate, `filter`},
		{"let declarations", `let open = hour > 9; open`, CodeSyntax, `open`},
	}
	for _, test := range tests {
		t.Run(test.scenario, func(t *testing.T) {
			_, err := Compile(test.text)
			problem := requireCode(t, err, test.code)
			want := -1
			if test.at != "" {
				want = strings.Index(test.text, test.at)
			}
			assert.Equal(t, want, problem.Pos, "%s", problem)
		})
	}

	_, err := Compile(fewEnough)
	assert.NoError(t, err, "%d-part condition", 50*4-1)
	_, err = Compile(`any(data.list, # == "a") && all(data.list, # != "") && count(data.list, # == "b") == 1`)
	assert.NoError(t, err, "predicates side by side are fine")
	_, err = Compile(`sum(map(data.list, 1)) == 3`)
	assert.NoError(t, err, "a predicate inside a plain builtin is fine")
}

func TestCompileReportsSyntaxErrorsWithBytePositions(t *testing.T) {
	tests := []struct {
		scenario string
		text     string
		at       int
	}{
		// expr places an unexpected end at the last character.
		{"unclosed bracket", `(hour > 9`, 8},
		{"dangling operator", `hour >`, 5},
		{"multibyte text before the error", `"été" == weekday &&& true`, strings.Index(`"été" == weekday &&& true`, "& true")},
		{"unterminated string", `weekday == "Mon`, 15},
		{"unrecognised character", `hour > 9 @`, 9},
		{"empty", ``, 0},
	}
	for _, test := range tests {
		t.Run(test.scenario, func(t *testing.T) {
			_, err := Compile(test.text)
			problem := requireCode(t, err, CodeSyntax)
			assert.Equal(t, test.at, problem.Pos, "%s", problem)
		})
	}
}

func TestEvalReturnsRuntimeErrors(t *testing.T) {
	tests := []struct {
		scenario string
		text     string
		code     string
		at       string // "" when the error has no position
	}{
		{"ordering a missing data key", `data.missing > 3`, CodeRuntime, `>`},
		{"ordering a string and a number", `data.plan > 3`, CodeRuntime, `>`},
		{"adding a number to a string", `data.plan + 1 == 2`, CodeRuntime, `+`},
		{"index past the end", `data.list[10] == "a"`, CodeRuntime, `[`},
		{"field of a string", `data.plan.tier == "x"`, CodeRuntime, `tier`},
		{"non-string tag", `data.seats in customer.tags`, CodeRuntime, `in`},
		{"converting a word to a number", `int(data.plan) > 0`, CodeRuntime, `int`},
		{"missing data key as the result", `data.missing`, CodeNotBool, ""},
		{"string data as the result", `data.plan`, CodeNotBool, ""},
		{"predicate over a number", `any(data.seats, # > 1)`, CodeRuntime, `any`},
		{"nil literal as the result", `nil`, CodeNotBool, ""},
	}
	for _, test := range tests {
		t.Run(test.scenario, func(t *testing.T) {
			got, err := compileAndEval(t, test.text, clinicInput())
			assert.False(t, got)
			problem := requireCode(t, err, test.code)
			if test.at == "" {
				assert.Equal(t, -1, problem.Pos)
			} else {
				assert.Equal(t, strings.Index(test.text, test.at), problem.Pos, "%s", problem)
			}
		})
	}
}

func TestGranularity(t *testing.T) {
	tests := []struct {
		text        string
		granularity Granularity
		parentState bool
	}{
		{`true`, Never, false},
		{`customer.name == "x" && data.plan == "gold" && "vip" in customer.tags`, Never, false},
		{`parentState == "open"`, Never, true},
		{`year == 2026`, Year, false},
		{`month == 12 && year == 2026`, Month, false},
		{`day == 25`, Day, false},
		{`date == "2026-12-25"`, Day, false},
		{`weekday == "Friday"`, Day, false},
		{`dayOfYear > 300 && month == 11`, Day, false},
		{`hour >= 9 && weekday != "Sunday"`, Hour, false},
		{`minute == 30`, Minute, false},
		{`time >= "09:30" && parentState != "closed"`, Minute, true},
		{`second < 30`, Second, false},
		{`now.Unix() > 0`, Second, false},
		{`any(data.list, # == weekday)`, Day, false},
	}
	for _, test := range tests {
		t.Run(test.text, func(t *testing.T) {
			program, err := Compile(test.text)
			require.NoError(t, err)
			assert.Equal(t, test.granularity, program.Granularity())
			assert.Equal(t, test.parentState, program.UsesParentState())
			assert.Equal(t, test.text, program.String())
		})
	}
	assert.True(t, Never < Year && Year < Month && Month < Day && Day < Hour && Hour < Minute && Minute < Second)
	assert.Equal(t, "minute", Minute.String())
	assert.Equal(t, "Granularity(9)", Granularity(9).String())
}

// TestGranularityIsSound checks the promise behind Granularity: within one
// unit of the reported granularity, the result does not change.
func TestGranularityIsSound(t *testing.T) {
	day := time.Date(2026, time.November, 29, 0, 0, 0, 0, eastern)
	tests := []struct {
		text     string
		from, to time.Time
	}{
		{`hour >= 9 && hour < 17 && weekday != "Sunday"`, day, day.Add(72 * time.Hour)},
		{`time >= "09:30" && time < "12:15"`, day.Add(9 * time.Hour), day.Add(13 * time.Hour)},
		{`day == 1 || dayOfYear == 335`, day, day.Add(96 * time.Hour)},
		{`month == 11 && year == 2026`, day, day.Add(96 * time.Hour)},
		{`"vip" in customer.tags`, day, day.Add(96 * time.Hour)},
	}
	// Sampling at the next finer unit sees every change at the instant it happens.
	step := map[Granularity]time.Duration{
		Never: time.Hour, Year: time.Hour, Month: time.Hour, Day: time.Hour, Hour: time.Minute, Minute: time.Second,
	}
	for _, test := range tests {
		program, err := Compile(test.text)
		require.NoError(t, err)
		g := program.Granularity()
		changes := 0
		var previous bool
		for now := test.from; now.Before(test.to); now = now.Add(step[g]) {
			got, err := program.Eval(Input{Now: now, Subject: dentalClinic()})
			require.NoError(t, err)
			if now != test.from && got != previous {
				changes++
				assert.True(t, startsUnit(now, g), "%q (granularity %v) changed at %v", test.text, g, now)
			}
			previous = got
		}
		if g != Never {
			assert.Positive(t, changes, "%q should change within its window", test.text)
		}
	}
}

// startsUnit reports whether t is the first instant of a unit g.
func startsUnit(t time.Time, g Granularity) bool {
	_, month, day := t.Date()
	hour, minute, second := t.Clock()
	switch g {
	case Never:
		return false
	case Year:
		return month == 1 && day == 1 && hour == 0 && minute == 0 && second == 0
	case Month:
		return day == 1 && hour == 0 && minute == 0 && second == 0
	case Day:
		return hour == 0 && minute == 0 && second == 0
	case Hour:
		return minute == 0 && second == 0
	case Minute:
		return second == 0
	}
	return true
}

func TestProgramIsSafeForConcurrentUse(t *testing.T) {
	program, err := Compile(`hour >= 12 && "vip" in customer.tags && data.plan == "gold" && parentState == "open"`)
	require.NoError(t, err)
	vip := dentalClinic()
	plain := NewSubject("c-2", "Plain", "", nil, map[string]any{"plan": "gold"})

	var group sync.WaitGroup
	failures := make(chan string, 8)
	for worker := range 8 {
		group.Add(1)
		go func() {
			defer group.Done()
			for i := range 500 {
				hour := (worker + i) % 24
				subject, state := vip, "open"
				if i%3 == 0 {
					subject = plain
				}
				if i%5 == 0 {
					state = "closed"
				}
				in := Input{Now: time.Date(2026, 11, 30, hour, i%60, 0, 0, eastern), Subject: subject, ParentState: state}
				want := hour >= 12 && subject == vip && state == "open"
				got, err := program.Eval(in)
				if err != nil || got != want {
					failures <- fmt.Sprintf("worker %d step %d: got %v, %v; want %v", worker, i, got, err, want)
					return
				}
			}
		}()
	}
	group.Wait()
	close(failures)
	for failure := range failures {
		t.Error(failure)
	}
}

func TestErrorFormat(t *testing.T) {
	positioned := &Error{Code: CodeUnknownName, Pos: 7, Message: `unknown name "foo"`}
	assert.Equal(t, `condition: unknown name "foo" (unknown-name at byte 7)`, positioned.Error())
	whole := &Error{Code: CodeTooManyNodes, Pos: -1, Message: "too many parts"}
	assert.Equal(t, `condition: too many parts (too-many-nodes)`, whole.Error())
}

// requireCode asserts err is an *Error with code and returns it.
func requireCode(t *testing.T, err error, code string) *Error {
	t.Helper()
	var problem *Error
	require.True(t, errors.As(err, &problem), "want an *Error with code %s, got %v", code, err)
	require.Equal(t, code, problem.Code, "%s", problem)
	assert.NotEmpty(t, problem.Message)
	return problem
}

func TestCompileIsSafeForConcurrentUse(t *testing.T) {
	texts := []string{
		`hour >= 12`, `weekday == "Friday" && "vip" in customer.tags`, `data.plan == "gold"`,
		`any(data.list, # == "b")`, `upper(customer.name) startsWith "ACME"`, `foo > 1`, `hour + "x" == 1`,
	}
	var group sync.WaitGroup
	for worker := range 4 {
		group.Add(1)
		go func() {
			defer group.Done()
			for i := range 50 {
				text := texts[(worker+i)%len(texts)]
				program, err := Compile(text)
				if err != nil {
					continue
				}
				if _, err := program.Eval(clinicInput()); err != nil {
					t.Errorf("%q: %v", text, err)
					return
				}
			}
		}()
	}
	group.Wait()
}
