package rrule

import (
	"hash/maphash"
	"runtime"
	"sync"
	"weak"
)

// Rules whose day filters agree share one copy of their day masks: a tree of customers
// provisioned from a few templates holds thousands of "Monday to Friday" and "fourth
// Thursday of November" rules but only a handful of distinct mask sets. The pools hold
// their entries weakly, so a mask set no rule uses any more is collected as usual and
// its entry removed; a pool therefore never grows past the mask sets in use.
var (
	maskPool14 = newInternPool[[14]yearMask]()
	maskPool28 = newInternPool[[28]yearMask]()
)

// internPool hands out one shared copy of each distinct value of T.
type internPool[T comparable] struct {
	mu      sync.Mutex
	seed    maphash.Seed
	entries map[uint64][]weak.Pointer[T]
}

func newInternPool[T comparable]() *internPool[T] {
	return &internPool[T]{seed: maphash.MakeSeed(), entries: map[uint64][]weak.Pointer[T]{}}
}

// intern returns the pool's copy of *v, adding one when there is none. The
// result is shared: it must never be modified.
func (p *internPool[T]) intern(v *T) *T {
	h := maphash.Comparable(p.seed, *v)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, w := range p.entries[h] {
		if s := w.Value(); s != nil && *s == *v {
			return s
		}
	}
	s := new(T)
	*s = *v
	p.entries[h] = append(p.entries[h], weak.Make(s))
	runtime.AddCleanup(s, p.sweep, h)
	return s
}

// sweep drops the entries of hash h whose value was collected.
func (p *internPool[T]) sweep(h uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	live := p.entries[h][:0]
	for _, w := range p.entries[h] {
		if w.Value() != nil {
			live = append(live, w)
		}
	}
	if len(live) == 0 {
		delete(p.entries, h)
		return
	}
	clear(p.entries[h][len(live):])
	p.entries[h] = live
}

// size is the number of entries (for tests).
func (p *internPool[T]) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, list := range p.entries {
		n += len(list)
	}
	return n
}
