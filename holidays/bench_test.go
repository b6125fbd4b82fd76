package holidays

import "testing"

// BenchmarkRules makes a ten-year German state set (Easter-heavy: many dated rules).
func BenchmarkRules(b *testing.B) {
	set, err := Find("DE", "BY")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := set.rules(Options{FromYear: 2026, ToYear: 2035}, fixedNow); err != nil {
			b.Fatal(err)
		}
	}
}
