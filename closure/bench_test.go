package closure_test

import (
	"testing"
	"time"

	"github.com/voicesched/voicesched/closure"
)

// BenchmarkSpan makes the three rules of a closure across a DST change.
func BenchmarkSpan(b *testing.B) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2026, 10, 30, 14, 0, 0, 0, ny)
	to := time.Date(2026, 11, 3, 8, 0, 0, 0, ny)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := closure.Span(from, to, ny, closure.Options{Reason: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
