package tz

import (
	"testing"
	"time"
)

// The cached benchmarks warm the cache first and then measure the steady
// state the schedule engine sees: the target is well under 100 ns
// and zero allocations per lookup.

func benchmarkCachedLoad(b *testing.B, id string) {
	if _, err := Load(id); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(id); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadCachedIANA(b *testing.B) { benchmarkCachedLoad(b, "America/New_York") }

func BenchmarkLoadCachedWindows(b *testing.B) { benchmarkCachedLoad(b, "Eastern Standard Time") }

// BenchmarkLoadCachedWindowsFolded takes the slow cached path: no exact
// match, so the id is trimmed and case-folded into a stack buffer.
func BenchmarkLoadCachedWindowsFolded(b *testing.B) {
	benchmarkCachedLoad(b, " eastern standard time ")
}

func BenchmarkLoadCachedParallel(b *testing.B) {
	ids := []string{"America/New_York", "Europe/London", "Eastern Standard Time", "tokyo standard time"}
	for _, id := range ids {
		if _, err := Load(id); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := Load(ids[i%len(ids)]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

// BenchmarkTimeLoadLocation is the baseline Load replaces: the standard
// library re-reads and re-parses the zone on every call.
func BenchmarkTimeLoadLocation(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := time.LoadLocation("America/New_York"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadUnknown measures the rejection path, suggestions included.
func BenchmarkLoadUnknown(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("America/New_Yrok"); err == nil {
			b.Fatal("want an error")
		}
	}
}

// BenchmarkLoadUnknownWorstCase feeds the longest id that still gets a
// suggestion search, to show the cap on hostile input.
func BenchmarkLoadUnknownWorstCase(b *testing.B) {
	id := "Central Brazilian Standard Time Central Brazilian Standard Time ab"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(id); err == nil {
			b.Fatal("want an error")
		}
	}
}
