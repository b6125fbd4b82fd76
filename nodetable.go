package voicesched

import "slices"

// nodeTable holds a snapshot's nodes in fixed-size chunks, so that a write
// copies only the table of chunks and the chunks it changes, not every node
// pointer: a patch to one customer of a 100,000-node tree copies a few
// hundred pointers instead of 100,000. Reads are two index operations.
type nodeTable struct {
	chunks [][]*node
	// deciders mirrors every node's decider in flat chunks, so that a pass
	// over the whole tree (EvaluateAll) need not read each node.
	deciders [][]int32
	n        int
	// owned marks the chunks this (not yet published) table may change in
	// place; nil for a published table, which is never changed.
	owned []bool
}

const (
	chunkBits = 8
	chunkSize = 1 << chunkBits
	chunkMask = chunkSize - 1
)

// newNodeTable makes a table of nodes, all of it owned.
func newNodeTable(nodes []*node) nodeTable {
	t := nodeTable{n: len(nodes)}
	for start := 0; start < len(nodes); start += chunkSize {
		chunk := make([]*node, min(chunkSize, len(nodes)-start), chunkSize)
		copy(chunk, nodes[start:])
		t.chunks = append(t.chunks, chunk)
		deciders := make([]int32, len(chunk), chunkSize)
		for k, n := range chunk {
			deciders[k] = n.decider
		}
		t.deciders = append(t.deciders, deciders)
		t.owned = append(t.owned, true)
	}
	return t
}

func (t *nodeTable) at(i int32) *node { return t.chunks[i>>chunkBits][i&chunkMask] }

// decider is at(i).decider, read from the flat copy.
func (t *nodeTable) decider(i int32) int32 { return t.deciders[i>>chunkBits][i&chunkMask] }

func (t *nodeTable) len() int { return t.n }

// clone returns a table that shares every chunk with t until it changes one.
func (t *nodeTable) clone() nodeTable {
	return nodeTable{chunks: slices.Clone(t.chunks), deciders: slices.Clone(t.deciders), n: t.n, owned: make([]bool, len(t.chunks))}
}

// own makes chunk c private to t.
func (t *nodeTable) own(c int) {
	if !t.owned[c] {
		t.chunks[c] = append(make([]*node, 0, chunkSize), t.chunks[c]...)
		t.deciders[c] = append(make([]int32, 0, chunkSize), t.deciders[c]...)
		t.owned[c] = true
	}
}

// set replaces node i; t must be a table being written (from clone or
// newNodeTable).
func (t *nodeTable) set(i int32, n *node) {
	c := int(i >> chunkBits)
	t.own(c)
	t.chunks[c][i&chunkMask] = n
	t.deciders[c][i&chunkMask] = n.decider
}

// add appends a node and returns its index.
func (t *nodeTable) add(n *node) int32 {
	i := int32(t.n)
	if t.n&chunkMask == 0 {
		t.chunks = append(t.chunks, make([]*node, 0, chunkSize))
		t.deciders = append(t.deciders, make([]int32, 0, chunkSize))
		t.owned = append(t.owned, true)
	}
	c := len(t.chunks) - 1
	t.own(c)
	t.chunks[c] = append(t.chunks[c], n)
	t.deciders[c] = append(t.deciders[c], n.decider)
	t.n++
	return i
}

// all yields every node in index order.
func (t *nodeTable) all(yield func(int32, *node) bool) {
	for c, chunk := range t.chunks {
		for k, n := range chunk {
			if !yield(int32(c<<chunkBits+k), n) {
				return
			}
		}
	}
}
