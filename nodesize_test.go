package voicesched

import (
	"testing"
	"unsafe"
)

// A node is stored by value a million times over: its size is part of the
// heap budget (issue 19, ≤ 300 bytes a node), and a field added carelessly
// shows here first.
func TestNodeSize(t *testing.T) {
	if size := unsafe.Sizeof(node{}); size > 80 {
		t.Errorf("node is %d bytes; keep it at most 80 (rare fields go in nodeMore)", size)
	}
	// 5376 bytes is one of the allocator's size classes: a chunk a few
	// bytes bigger would take 6144.
	if size := unsafe.Sizeof(nodeChunk{}); size > 5376 {
		t.Errorf("a node chunk is %d bytes; keep it within 5376", size)
	}
}
