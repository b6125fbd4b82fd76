package condition

import (
	"runtime"
	"sync"
	"weak"
)

// The compiled programs of live conditions, by source text. Entries are
// weak: a program no schedule uses any more is collected as usual and its
// entry removed, so the cache never holds more than the programs in use.
var cache = struct {
	sync.Mutex
	programs map[string]weak.Pointer[Program]
}{programs: map[string]weak.Pointer[Program]{}}

// cached returns the live program compiled from text, or nil.
func cached(text string) *Program {
	cache.Lock()
	defer cache.Unlock()
	return cache.programs[text].Value()
}

// remember records p, unless another goroutine compiled the same text in
// the meantime: then that program is returned and p dropped.
func remember(p *Program) *Program {
	cache.Lock()
	defer cache.Unlock()
	if q := cache.programs[p.source].Value(); q != nil {
		return q
	}
	cache.programs[p.source] = weak.Make(p)
	runtime.AddCleanup(p, forget, p.source)
	return p
}

// forget drops the entry of text once its program was collected.
func forget(text string) {
	cache.Lock()
	defer cache.Unlock()
	if cache.programs[text].Value() == nil {
		delete(cache.programs, text)
	}
}

// cacheSize is the number of entries (for tests).
func cacheSize() int {
	cache.Lock()
	defer cache.Unlock()
	return len(cache.programs)
}
