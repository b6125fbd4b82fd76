package ical

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkExportYear: a year of the clinic's effective schedule (some 1,800
// intervals) as a feed.
func BenchmarkExportYear(b *testing.B) {
	snap := sampleSnapshot(b)
	ny := mustZone(b, "America/New_York")
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, ny)
	b.ReportAllocs()
	for b.Loop() {
		_, err := Export(snap, "clinic-maple", from, from.AddDate(1, 0, 0), Stamp(from))
		require.NoError(b, err)
	}
}

// BenchmarkImport: each producer-shaped feed of testdata/ical.
func BenchmarkImport(b *testing.B) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range []string{"holidays_us", "outlook_berlin", "google_newyork"} {
		feed, err := os.ReadFile(filepath.Join("..", "testdata", "ical", name+".ics"))
		require.NoError(b, err)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := Import(feed, Start(start))
				require.NoError(b, err)
			}
		})
	}
}
