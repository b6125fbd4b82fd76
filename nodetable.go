package voicesched

import (
	"slices"
	"sync/atomic"
)

// nodeTable holds a snapshot's nodes by value, in chunks of chunkSize nodes
// gathered in pages of pageSize chunks. A write copies the short list of
// pages, then only the pages and chunks it changes: a patch to one clinic of
// a 1.1M-node tree copies a few kilobytes, not a pointer a node. Reads are
// three index operations and touch no node but the one asked for.
//
// Ownership: every table being written has a generation of its own; a page
// it made (or copied) carries that generation, and the chunks it made or
// copied are in its owned set (all of them, for a table built from
// scratch); those it may change in place; anything else is shared with
// published tables and is copied first. A published table is never
// changed, so readers need no lock.
type nodeTable struct {
	pages []*nodePage
	n     int
	gen   uint64
	// owned is the set of chunks a clone made or copied; nil for a table
	// built from scratch, which owns every chunk.
	owned map[*nodeChunk]struct{}
}

// nodeChunk is chunkSize nodes, with their deciders mirrored in a flat array
// so that a pass over the whole tree (EvaluateAll) need not read each node.
// It holds nothing else: 64 nodes of 80 bytes and their deciders make
// exactly 5376 bytes, one of the allocator's size classes.
type nodeChunk struct {
	nodes    [chunkSize]node
	deciders [chunkSize]int32
}

type nodePage struct {
	gen    uint64
	chunks [pageSize]*nodeChunk
}

const (
	chunkBits = 6
	chunkSize = 1 << chunkBits
	chunkMask = chunkSize - 1
	pageBits  = 8
	pageSize  = 1 << pageBits
	pageMask  = pageSize - 1
)

// tableGens hands out table generations; 0 is never used, so a zero page
// is owned by nobody.
var tableGens atomic.Uint64

// newNodeTable makes an empty table to be written.
func newNodeTable(capacity int) nodeTable {
	return nodeTable{pages: make([]*nodePage, 0, (capacity+chunkSize*pageSize-1)/(chunkSize*pageSize)), gen: tableGens.Add(1)}
}

func (t *nodeTable) at(i int32) *node {
	return &t.pages[i>>(chunkBits+pageBits)].chunks[(i>>chunkBits)&pageMask].nodes[i&chunkMask]
}

// decider is at(i).decider, read from the flat copy.
func (t *nodeTable) decider(i int32) int32 {
	return t.pages[i>>(chunkBits+pageBits)].chunks[(i>>chunkBits)&pageMask].deciders[i&chunkMask]
}

// chunkDeciders returns the deciders of the chunk holding node i (from its
// first node on), for passes over every node.
func (t *nodeTable) chunkDeciders(i int32) []int32 {
	c := t.pages[i>>(chunkBits+pageBits)].chunks[(i>>chunkBits)&pageMask]
	return c.deciders[:min(chunkSize, t.n-int(i&^chunkMask))]
}

func (t *nodeTable) len() int { return t.n }

// clone returns a table to be written that shares every page and chunk
// with t until it changes one.
func (t *nodeTable) clone() nodeTable {
	return nodeTable{pages: slices.Clone(t.pages), n: t.n, gen: tableGens.Add(1), owned: map[*nodeChunk]struct{}{}}
}

// owns reports whether t may change chunk in place.
func (t *nodeTable) owns(chunk *nodeChunk) bool {
	if t.owned == nil {
		return true
	}
	_, ok := t.owned[chunk]
	return ok
}

// newChunk returns a chunk t owns.
func (t *nodeTable) newChunk(from *nodeChunk) *nodeChunk {
	chunk := new(nodeChunk)
	if from != nil {
		*chunk = *from
	}
	if t.owned != nil {
		t.owned[chunk] = struct{}{}
	}
	return chunk
}

// pageFor returns the page holding node i, made private to t.
func (t *nodeTable) pageFor(i int32) *nodePage {
	p := i >> (chunkBits + pageBits)
	page := t.pages[p]
	if page.gen != t.gen {
		copied := *page
		copied.gen = t.gen
		page = &copied
		t.pages[p] = page
	}
	return page
}

// chunkFor returns the chunk holding node i, made private to t.
func (t *nodeTable) chunkFor(i int32) *nodeChunk {
	page := t.pageFor(i)
	c := (i >> chunkBits) & pageMask
	chunk := page.chunks[c]
	if !t.owns(chunk) {
		chunk = t.newChunk(chunk)
		page.chunks[c] = chunk
	}
	return chunk
}

// set stores n as node i; t must be a table being written (from clone or
// newNodeTable). n may point at node i itself.
func (t *nodeTable) set(i int32, n *node) {
	chunk := t.chunkFor(i)
	chunk.nodes[i&chunkMask] = *n
	chunk.deciders[i&chunkMask] = n.decider
}

// add appends a node and returns its index.
func (t *nodeTable) add(n *node) int32 {
	i := int32(t.n)
	if t.n&(chunkSize*pageSize-1) == 0 {
		t.pages = append(t.pages, &nodePage{gen: t.gen})
	}
	if t.n&chunkMask == 0 {
		t.pageFor(i).chunks[(i>>chunkBits)&pageMask] = t.newChunk(nil)
	}
	t.n++
	t.set(i, n)
	return i
}

// all yields every node in index order.
func (t *nodeTable) all(yield func(int32, *node) bool) {
	for i := range int32(t.n) {
		if !yield(i, t.at(i)) {
			return
		}
	}
}
