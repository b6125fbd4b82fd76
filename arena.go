package voicesched

import (
	"strings"
	"unsafe"
)

// stringArena copies short strings into shared blocks, so that the ids and
// names of a million records cost their bytes and not a heap object each
// (a 36-byte GUID alone is a 48-byte allocation). Bytes once handed out are
// never written again; a block lives as long as any string in it.
type stringArena struct{ block []byte }

const (
	arenaBlock   = 64 << 10
	arenaLongest = 256 // longer strings get a block of their own
)

// copy returns a copy of s held by the arena.
func (a *stringArena) copy(s string) string {
	switch {
	case s == "":
		return ""
	case len(s) > arenaLongest:
		return strings.Clone(s)
	case cap(a.block)-len(a.block) < len(s):
		a.block = make([]byte, 0, arenaBlock)
	}
	start := len(a.block)
	a.block = append(a.block, s...)
	return unsafe.String(&a.block[start], len(s))
}
