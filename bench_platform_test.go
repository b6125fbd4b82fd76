package voicesched

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voicesched/voicesched/internal/treegen"
)

// Benchmarks on trees shaped like a platform's (see package treegen): a
// reseller, clinics, ten departments per clinic, ten endpoints per
// department, at about 11,000, 110,000 and 1,100,000 nodes. The biggest is
// skipped under -short. Trees and loaded engines are built once per process
// and shared by the read-only benchmarks.

const platformSeed = 19

var platformSizes = []treegen.Size{treegen.Size11k, treegen.Size110k, treegen.Size1M}

// platformTree converts a generated tree into the file form Load reads.
func platformTree(size treegen.Size) Tree {
	var t Tree
	t.Customers = make([]*CustomerInfo, 0, 1+size.Clinics*(1+treegen.DepartmentsPerClinic))
	t.Endpoints = make([]*Endpoint, 0, size.Clinics*treegen.DepartmentsPerClinic*treegen.EndpointsPerDepartment)
	for n := range treegen.Nodes(platformSeed, size.Clinics) {
		if n.Kind == treegen.Endpoint {
			t.Endpoints = append(t.Endpoints, &Endpoint{ID: n.ID, Name: n.Name, CustomerID: n.ParentID, Schedule: n.Schedule})
			continue
		}
		t.Customers = append(t.Customers, &CustomerInfo{EntityInfo: EntityInfo{ID: n.ID}, Name: n.Name,
			ParentCustomerID: n.ParentID, Data: n.Data, Schedule: n.Schedule})
	}
	return t
}

// platform is a loaded platform tree with what the benchmarks pick from.
type platform struct {
	size   treegen.Size
	tree   Tree
	engine *Engine
	// ids is every node id in a random order; handles the same, resolved.
	ids     []string
	handles []Handle
	// hot is an endpoint without a schedule under a department that
	// inherits: the commonest kind of node.
	hot string
	// clinic is a clinic the patch benchmark rewrites.
	clinic *CustomerInfo
}

var platforms sync.Map // treegen.Size -> *platform

func platformFor(b *testing.B, size treegen.Size) *platform {
	b.Helper()
	if size == treegen.Size1M && testing.Short() {
		b.Skip("the 1.1M-node tree is skipped under -short")
	}
	if p, ok := platforms.Load(size); ok {
		return p.(*platform)
	}
	p := &platform{size: size, tree: platformTree(size), engine: New()}
	if err := p.engine.Load(p.tree); err != nil {
		b.Fatal(err)
	}
	inherits := map[string]bool{}
	for _, c := range p.tree.Customers {
		inherits[c.ID] = c.Schedule != nil && c.Schedule.Inherit
		p.ids = append(p.ids, c.ID)
		if p.clinic == nil && c.ParentCustomerID != "" && !inherits[c.ParentCustomerID] && len(p.tree.Customers) > 2 {
			p.clinic = c
		}
	}
	for _, ep := range p.tree.Endpoints {
		p.ids = append(p.ids, ep.ID)
		if p.hot == "" && ep.Schedule == nil && inherits[ep.CustomerID] {
			p.hot = ep.ID
		}
	}
	rng := rand.New(rand.NewPCG(platformSeed, 1))
	rng.Shuffle(len(p.ids), func(a, b int) { p.ids[a], p.ids[b] = p.ids[b], p.ids[a] })
	s := p.engine.Snapshot()
	for _, id := range p.ids {
		h, err := s.Lookup(id)
		if err != nil {
			b.Fatal(err)
		}
		p.handles = append(p.handles, h)
	}
	platforms.Store(size, p)
	return p
}

func forEachPlatform(b *testing.B, run func(b *testing.B, size treegen.Size)) {
	for _, size := range platformSizes {
		b.Run("platform-"+size.Name, func(b *testing.B) { run(b, size) })
	}
}

// cpuMeter measures the CPU time the process spends over a benchmark loop
// and reports it per op as "cpu-ns/op": on a shared machine whose other
// tenants keep the cores busy, the wall-clock ns/op mostly measures waiting
// for a core, the CPU time the work itself (summed over the cores a
// parallel benchmark uses, and including garbage collection).
type cpuMeterState struct {
	b     *testing.B
	start time.Duration
}

func cpuMeter(b *testing.B) cpuMeterState { return cpuMeterState{b: b, start: adversarialCPUTime()} }

func (m cpuMeterState) report() {
	m.b.ReportMetric(float64(adversarialCPUTime()-m.start)/float64(m.b.N), "cpu-ns/op")
}

// benchPlatformEvaluate: Evaluate at a uniformly random node, and at the
// same node again and again.
func benchPlatformEvaluate(b *testing.B) {
	forEachPlatform(b, func(b *testing.B, size treegen.Size) {
		b.Run("random", func(b *testing.B) {
			p := platformFor(b, size)
			s := p.engine.Snapshot()
			var a Answer
			b.ReportAllocs()
			cpu := cpuMeter(b)
			k := 0
			for b.Loop() {
				if err := s.EvaluateTo(&a, p.ids[k], benchQuery); err != nil {
					b.Fatal(err)
				}
				k++
				if k == len(p.ids) {
					k = 0
				}
			}
			cpu.report()
		})
		// The same, by handles resolved beforehand (Lookup): no id lookup.
		b.Run("random-handle", func(b *testing.B) {
			p := platformFor(b, size)
			s := p.engine.Snapshot()
			var a Answer
			b.ReportAllocs()
			cpu := cpuMeter(b)
			k := 0
			for b.Loop() {
				if err := s.EvaluateHandle(&a, p.handles[k], benchQuery); err != nil {
					b.Fatal(err)
				}
				k++
				if k == len(p.handles) {
					k = 0
				}
			}
			cpu.report()
		})
		b.Run("hot", func(b *testing.B) {
			p := platformFor(b, size)
			s := p.engine.Snapshot()
			var a Answer
			if err := s.EvaluateTo(&a, p.hot, benchQuery); err != nil || a.Reason != "inherited" {
				b.Fatalf("%v %+v", err, a)
			}
			b.ReportAllocs()
			cpu := cpuMeter(b)
			for b.Loop() {
				_ = s.EvaluateTo(&a, p.hot, benchQuery)
			}
			cpu.report()
		})
	})
}

// benchPlatformEvaluateAll answers for the whole tree and reports the time
// and bytes allocated per node.
func benchPlatformEvaluateAll(b *testing.B) {
	forEachPlatform(b, func(b *testing.B, size treegen.Size) {
		p := platformFor(b, size)
		s := p.engine.Snapshot()
		n := s.Len()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		b.ReportAllocs()
		b.ResetTimer()
		cpu := cpuMeter(b)
		for b.Loop() {
			if all := s.EvaluateAll(benchQuery); all.Len() != n {
				b.Fatal(all.Len())
			}
		}
		cpu.report()
		b.StopTimer()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/node")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(n), "B/node")
	})
}

// benchPlatformNextChange asks for the next change at a uniformly random node.
func benchPlatformNextChange(b *testing.B) {
	forEachPlatform(b, func(b *testing.B, size treegen.Size) {
		p := platformFor(b, size)
		s := p.engine.Snapshot()
		b.ReportAllocs()
		cpu := cpuMeter(b)
		k := 0
		for b.Loop() {
			if _, _, err := s.NextChange(p.ids[k], benchQuery); err != nil {
				b.Fatal(err)
			}
			k++
			if k == len(p.ids) {
				k = 0
			}
		}
		cpu.report()
	})
}

// BenchmarkLoad loads a platform tree into a new engine (the tree is already
// decoded); it reports the time per node.
func BenchmarkLoad(b *testing.B) {
	forEachPlatform(b, func(b *testing.B, size treegen.Size) {
		p := platformFor(b, size)
		b.ReportAllocs()
		cpu := cpuMeter(b)
		for b.Loop() {
			if err := New().Load(p.tree); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report()
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(size.Nodes()), "ns/node")
	})
}

// BenchmarkLoadHeap reports the heap an engine keeps per node after loading
// a platform tree, once the decoded tree is dropped (as a service does after
// reading its file): live heap after GC, minus the live heap before the tree
// was built.
func BenchmarkLoadHeap(b *testing.B) {
	forEachPlatform(b, func(b *testing.B, size treegen.Size) {
		if size == treegen.Size1M && testing.Short() {
			b.Skip("the 1.1M-node tree is skipped under -short")
		}
		for b.Loop() {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			e := New()
			if err := e.Load(platformTree(size)); err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(size.Nodes()), "B/node")
			runtime.KeepAlive(e)
		}
	})
}

// benchPlatformPatch patches a clinic (its name and schedule) while readers
// evaluate random nodes on every core but one (the writer's), and reports
// the 99th percentile of the patch latency.
func benchPlatformPatch(b *testing.B) {
	forEachPlatform(b, func(b *testing.B, size treegen.Size) {
		p := platformFor(b, size)
		schedules := []*Schedule{p.clinic.Schedule.Clone(), p.clinic.Schedule.Clone()}
		for k := range schedules[1].Rules {
			if schedules[1].Rules[k].ID == "hours" {
				schedules[1].Rules[k].StartTime = "06:45"
			}
		}
		var stop atomic.Bool
		var wg sync.WaitGroup
		var reads atomic.Int64
		for r := range max(1, runtime.GOMAXPROCS(0)-1) {
			wg.Go(func() {
				var a Answer
				for k := r * 7919; !stop.Load(); k++ {
					_ = p.engine.Snapshot().EvaluateTo(&a, p.ids[k%len(p.ids)], benchQuery)
					reads.Add(1)
				}
			})
		}
		latencies := make([]time.Duration, 0, 1024)
		k := 0
		b.ReportAllocs()
		for b.Loop() {
			k++
			start := time.Now()
			_, err := p.engine.Patch(PatchCustomer{CustomerID: p.clinic.ID, Name: Some(fmt.Sprintf("Clinic renamed %d", k%2)),
				Schedule: Some(schedules[k%2])}, "bench", nil)
			latencies = append(latencies, time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
		}
		stop.Store(true)
		wg.Wait()
		slices.Sort(latencies)
		b.ReportMetric(float64(latencies[len(latencies)*99/100].Nanoseconds()), "p99-ns")
		if reads.Load() == 0 {
			b.Fatal("the readers never ran")
		}
	})
}

// BenchmarkMemoryLatency follows a chain of indexes through arrays of
// several sizes, one dependent load a step at a random place, as a lookup
// in a tree of a million nodes does: the time a step is this machine's
// latency for a random read from that much memory, the floor under any
// uniformly-random-node benchmark above (a hot node's data is in the
// nearest cache; a random node's is not).
func BenchmarkMemoryLatency(b *testing.B) {
	for _, mb := range []int{1, 16, 128, 512} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			const stride = 16 // int32s: one 64-byte cache line a step
			steps := mb << 20 / (4 * stride)
			next := make([]int32, steps*stride)
			order := rand.New(rand.NewPCG(19, 1)).Perm(steps)
			for k, at := range order {
				next[at*stride] = int32(order[(k+1)%steps] * stride)
			}
			at := int32(0)
			for b.Loop() {
				at = next[at]
			}
			runtime.KeepAlive(at)
		})
	}
}

// BenchmarkPutEndpoint replaces an endpoint of a platform tree (its
// schedule alternating), as a provisioning system does: the cost should
// not grow with the tree.
func BenchmarkPutEndpoint(b *testing.B) {
	forEachPlatform(b, func(b *testing.B, size treegen.Size) {
		p := platformFor(b, size)
		ep := *p.tree.Endpoints[len(p.tree.Endpoints)/2]
		schedules := []*Schedule{nil, {DefaultState: "Busy"}}
		b.ReportAllocs()
		k := 0
		for b.Loop() {
			k++
			ep.Schedule = schedules[k%2]
			if err := p.engine.PutEndpoint(&ep); err != nil {
				b.Fatal(err)
			}
		}
	})
}
