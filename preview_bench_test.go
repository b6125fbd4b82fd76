package voicesched

import (
	"testing"
	"time"

	"github.com/voicesched/voicesched/internal/treegen"
	"github.com/voicesched/voicesched/model"
)

// BenchmarkPreviewPatch previews a clinic's schedule patch (business hours
// start at 06:45, and a training day closes the clinic on Wednesday
// December 9) on the 11k-node platform tree over 14 days: the clinic, its
// ten departments and their hundred endpoints change. The target is at most
// 10 ms an operation. Besides the wall time it reports cpu-ns/op, the CPU
// time the process spent an operation (garbage collection included), which
// does not grow when other processes keep the machine busy.
func BenchmarkPreviewPatch(b *testing.B) {
	p := platformFor(b, treegen.Size11k)
	sched := p.clinic.Schedule.Clone()
	for k := range sched.Rules {
		if sched.Rules[k].ID == "hours" {
			sched.Rules[k].StartTime = "06:45"
		}
	}
	sched.Rules = append([]SchedulingRule{{ID: "training-day", Name: "Staff training", State: "Holiday",
		SimpleRuleType: model.RuleTime, StartDate: "2026-12-09", IsAllDay: true}}, sched.Rules...)
	patch := PatchCustomer{CustomerID: p.clinic.ID, Schedule: Some(sched)}
	s := p.engine.Snapshot()
	from := benchQuery
	to := from.Add(14 * 24 * time.Hour)
	preview, err := s.PreviewPatch(&patch, from, to)
	if err != nil || !preview.Applies || len(preview.Cut) > 0 {
		b.Fatalf("the preview failed: %v %v", err, preview.Problems)
	}
	changed := map[string]bool{}
	for _, c := range preview.Changes {
		changed[c.NodeID] = true
	}
	if len(changed) < 100 {
		b.Fatalf("the patch changes %d nodes, want at least 100", len(changed))
	}
	b.ReportAllocs()
	cpuStart, ops := adversarialCPUTime(), 0
	for b.Loop() {
		if _, err := s.PreviewPatch(&patch, from, to); err != nil {
			b.Fatal(err)
		}
		ops++
	}
	b.ReportMetric(float64((adversarialCPUTime()-cpuStart).Nanoseconds())/float64(ops), "cpu-ns/op")
	b.ReportMetric(float64(len(changed)), "nodes")
	b.ReportMetric(float64(len(preview.Changes)), "changes")
}
