package voicesched

import (
	"testing"
	"unsafe"
)

// A node is stored by value a million times over: its size is part of the
// heap budget (issue 19, ≤ 300 bytes a node), and a field added carelessly
// shows here first.
func TestNodeSize(t *testing.T) {
	if size := unsafe.Sizeof(node{}); size > 96 {
		t.Errorf("node is %d bytes; keep it at most 96 (rare fields go in nodeMore)", size)
	}
}
