package condition

import (
	"testing"
	"time"
)

// typicalConditions are the shapes the engine evaluates most: a clock
// comparison, a weekday with a tag, a data lookup.
var typicalConditions = []struct{ name, text string }{
	{"hour", `hour >= 12`},
	{"weekday-and-tag", `weekday == "Friday" && "vip" in customer.tags`},
	{"data-lookup", `data.plan == "gold"`},
}

func benchmarkInput() Input {
	subject := NewSubject("c-1", "Acme Dental", "ref-9", []string{"vip", "dental", "west"},
		map[string]any{"plan": "gold", "seats": 12.0, "flags": map[string]any{"beta": true}})
	return Input{
		Now:         time.Date(2026, time.November, 27, 14, 5, 9, 0, time.UTC),
		Subject:     subject,
		ParentState: "open",
	}
}

// BenchmarkCompile is a fresh compilation (the cache of live programs is
// bypassed); BenchmarkCompileCached the cost when a live program of the same
// text exists, as for a schedule provisioned from a template.
func BenchmarkCompile(b *testing.B) {
	for _, condition := range typicalConditions {
		b.Run(condition.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := compile(condition.text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCompileCached(b *testing.B) {
	for _, condition := range typicalConditions {
		b.Run(condition.name, func(b *testing.B) {
			live, err := Compile(condition.text)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if p, _ := Compile(condition.text); p != live {
					b.Fatal("the live program was not shared")
				}
			}
		})
	}
}

func BenchmarkEval(b *testing.B) {
	in := benchmarkInput()
	for _, condition := range typicalConditions {
		program, err := Compile(condition.text)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(condition.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if ok, err := program.Eval(in); err != nil || !ok {
					b.Fatal(ok, err)
				}
			}
		})
	}
}

// BenchmarkEvalParallel shows the pooled VMs serving concurrent callers of
// one program.
func BenchmarkEvalParallel(b *testing.B) {
	in := benchmarkInput()
	program, err := Compile(typicalConditions[1].text)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if ok, err := program.Eval(in); err != nil || !ok {
				b.Error(ok, err)
				return
			}
		}
	})
}

// BenchmarkNewSubject is the per-customer-version cost.
func BenchmarkNewSubject(b *testing.B) {
	data := map[string]any{"plan": "gold", "seats": 12, "flags": map[string]any{"beta": true}, "list": []any{"a", "b", "c"}}
	tags := []string{"vip", "dental", "west"}
	b.ReportAllocs()
	for b.Loop() {
		NewSubject("c-1", "Acme Dental", "ref-9", tags, data)
	}
}
