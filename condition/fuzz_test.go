package condition

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fuzzBudget is the most one compile plus evaluation may take.
const fuzzBudget = 50 * time.Millisecond

// fuzzSubject has enough data for predicates to iterate and lookups to miss.
func fuzzSubject() *Subject {
	list := make([]any, 100)
	for i := range list {
		list[i] = float64(i)
	}
	words := make([]any, 50)
	for i := range words {
		words[i] = strings.Repeat("w", i)
	}
	return NewSubject("c-1", "Acme Dental", "ref-9", []string{"vip", "dental", "west"}, map[string]any{
		"plan": "gold", "seats": 12.0, "flags": map[string]any{"beta": true}, "list": list, "words": words,
		"long": strings.Repeat("abc", 1000),
	})
}

// FuzzCompileEval feeds arbitrary text to Compile and, when it compiles, to
// Eval. Neither may panic (a panic fails the fuzz run by itself), every
// failure must be an *Error with a code and a position inside the text, and
// compile plus evaluation must stay within fuzzBudget.
func FuzzCompileEval(f *testing.F) {
	for _, seed := range []string{
		`hour >= 12`,
		`weekday == "Friday" && "vip" in customer.tags`,
		`data.plan == "gold"`,
		`date >= "2026-12-24" && time < "17:00" && parentState != "closed"`,
		`any(data.list, # > 98) && count(data.words, len(#) > 10) == 39`,
		`all(data.list, # in data.list)`,
		`sum(map(data.words, # + # + # + #), len(#)) > 0`,
		`sortBy(data.words, -len(#))[0] != ""`,
		`len(string(data)) > 0`,
		`upper(data.long) contains "ABC" && data.long matches "(abc)+"`,
		`now.Add(duration("1h")).Hour() == 15`,
		`data?.flags?.beta ?? false`,
		`all(0..199, {all(0..199, {all(0..199, {# >= 0})})})`,
		`reduce(data.list, #acc + #acc, "x") != ""`,
		`let x = 1; x > 0`,
		strings.Repeat("(", 70) + "true" + strings.Repeat(")", 70),
		strings.Repeat("!", 65) + "true",
		strings.Repeat("-", 200),
		`"é" == weekday`,
		"\xff\xfe",
		`customer.tags[0]`,
		`data.list[-1] == 99`,
		`1 / 0 > 0 || 1 % 0 == 0`,
		`bitshl(1, 64) > 0`,
		`[1, 2, 3] | filter(# > 1) | len() == 2`,
	} {
		f.Add(seed)
	}
	in := Input{Now: time.Date(2026, time.November, 30, 14, 5, 9, 0, time.UTC), Subject: fuzzSubject(), ParentState: "open"}

	f.Fuzz(func(t *testing.T, text string) {
		run := compileEval(text, in)
		if run.elapsed > fuzzBudget {
			// A loaded machine can stall any goroutine; only a second slow
			// run is the input's fault.
			run = compileEval(text, in)
		}
		if run.elapsed > fuzzBudget {
			t.Errorf("compile and eval took %v (budget %v): %q", run.elapsed, fuzzBudget, text)
		}
		// A pooled expr configuration (warm with earlier compilations) and a
		// fresh one judge the text alike.
		if checkText(text) == nil {
			_, fresh := compileWith(text, newConfig())
			if pooled := run.compileErr; (pooled == nil) != (fresh == nil) || (pooled != nil && pooled.Error() != fresh.Error()) {
				t.Fatalf("pooled configuration says %v, a fresh one %v: %q", pooled, fresh, text)
			}
		}
		for _, err := range []error{run.compileErr, run.evalErr} {
			if err == nil {
				continue
			}
			var problem *Error
			if !errors.As(err, &problem) {
				t.Fatalf("error of type %T, not *Error: %v", err, err)
			}
			if problem.Code == "" || problem.Message == "" {
				t.Fatalf("error without code or message: %#v", problem)
			}
			if problem.Pos < -1 || problem.Pos > len(text) {
				t.Fatalf("position %d outside the text (%d bytes): %v", problem.Pos, len(text), problem)
			}
		}
	})
}

type fuzzRun struct {
	elapsed             time.Duration
	compileErr, evalErr error
}

func compileEval(text string, in Input) fuzzRun {
	start := time.Now()
	program, err := Compile(text)
	if err != nil {
		return fuzzRun{elapsed: time.Since(start), compileErr: err}
	}
	_, err = program.Eval(in)
	return fuzzRun{elapsed: time.Since(start), evalErr: err}
}
