package voicesched

import (
	"hash/maphash"
	"slices"
)

// idIndex maps node ids to node indexes and back; it is the one place that
// knows which id is which node.
//
// It replaces a map[string]int32, which took about 33 bytes a node and had
// to be copied whole when a customer was added. Here a slot is 8 bytes,
// 32 bits of the id's hash beside the node index, and the ids are kept once,
// in node order, for the comparison that decides a match (the hash bits
// spare it for nearly every other id on the probe path) and for id(i).
//
// The table uses open addressing with linear probing. Slots live in pages
// and ids in chunks, so that a write copies the small tables of pages and
// chunks and the page or chunk it changes, never the whole index: adding a
// customer to a million-node snapshot copies some tens of kilobytes where
// cloning the map copied tens of megabytes. A published index is never
// changed (readers on other goroutines may be using it); a writer works on
// a clone.
type idIndex struct {
	seed maphash.Seed
	// pages holds the slots, slotsPerPage a page (fewer when the whole
	// table is smaller). A slot is the high 32 bits of the id's hash
	// above the node index plus one; zero marks an empty slot.
	pages [][]uint64
	mask  uint64 // the number of slots minus one (a power of two)
	used  int    // slots filled, which decides when the table grows
	// ids holds every node's id, idsPerChunk a chunk; index i is
	// ids[i>>idChunkBits][i&idChunkMask].
	ids [][]string
	n   int
	// ownedPages and ownedIDs mark what this (not yet published) index may
	// change in place; a clone owns nothing until it writes.
	ownedPages []bool
	ownedIDs   []bool
}

const (
	slotPageBits = 12
	slotsPerPage = 1 << slotPageBits
	slotPageMask = slotsPerPage - 1

	idChunkBits = 10
	idsPerChunk = 1 << idChunkBits
	idChunkMask = idsPerChunk - 1

	// minSlots keeps the table of a tiny tree from being resized at every
	// one of its first few additions.
	minSlots = 8
)

// slotsFor returns the size of a table that holds n ids at a load factor of
// at most 0.6: linear probing slows sharply as the table fills, and 0.6
// keeps a lookup of a missing id to a few probes, mostly in one cache line.
func slotsFor(n int) int {
	slots := minSlots
	for !fits(n, slots) {
		slots *= 2
	}
	return slots
}

// fits reports whether a table of slots slots may hold n ids.
func fits(n, slots int) bool { return n*5 <= slots*3 }

// newIDIndex returns an empty index sized for capacity ids (it grows past
// that), all of it owned.
func newIDIndex(capacity int) idIndex {
	x := idIndex{seed: maphash.MakeSeed()}
	x.allocSlots(slotsFor(capacity))
	x.ids = make([][]string, 1, max(1, (capacity+idChunkMask)>>idChunkBits))
	// A small tree's only chunk starts at its size and grows by append.
	x.ids[0] = make([]string, 0, min(idsPerChunk, max(capacity, minSlots)))
	x.ownedIDs = []bool{true}
	return x
}

// allocSlots gives x an empty, owned table of slots slots.
func (x *idIndex) allocSlots(slots int) {
	pageSize := min(slots, slotsPerPage)
	x.pages = make([][]uint64, slots/pageSize)
	x.ownedPages = make([]bool, len(x.pages))
	for p := range x.pages {
		x.pages[p] = make([]uint64, pageSize)
		x.ownedPages[p] = true
	}
	x.mask = uint64(slots - 1)
	x.used = 0
}

func (x *idIndex) len() int { return x.n }

// id returns node i's id.
func (x *idIndex) id(i int32) string { return x.ids[i>>idChunkBits][i&idChunkMask] }

func (x *idIndex) slot(s uint64) uint64 { return x.pages[s>>slotPageBits][s&slotPageMask] }

func (x *idIndex) hash(id string) uint64 { return maphash.String(x.seed, id) }

// lookup returns the index of the node whose id is id.
func (x *idIndex) lookup(id string) (int32, bool) {
	if x.pages == nil {
		return -1, false // the zero idIndex is empty
	}
	_, i, found := x.find(id, x.hash(id))
	return i, found
}

// find walks the probe path of id, whose hash is h: it returns the node
// that has id (found), or else the empty slot where id would go.
func (x *idIndex) find(id string, h uint64) (s uint64, i int32, found bool) {
	tag := h >> 32
	for s = h & x.mask; ; s = (s + 1) & x.mask {
		v := x.slot(s)
		if v == 0 {
			return s, -1, false
		}
		// The tag spares a read of the ids of all but about one in four
		// billion of the other ids on the probe path; the comparison of
		// the ids themselves is what decides.
		if v>>32 == tag {
			if i := int32(uint32(v)) - 1; x.id(i) == id {
				return s, i, true
			}
		}
	}
}

// insert appends id as node x.len() unless the index already has it, in
// which case it returns the existing node and dup; nothing is added then.
// x must be owned by the caller (from newIDIndex or clone).
func (x *idIndex) insert(id string) (existing int32, dup bool) {
	// Growing first lets one probe find either the id or its empty slot
	// (an insert of a present id may then grow the table one id early).
	if x.pages == nil || !fits(x.used+1, int(x.mask)+1) {
		x.grow()
	}
	h := x.hash(id)
	s, i, found := x.find(id, h)
	if found {
		return i, true
	}
	i = x.appendID(id)
	x.set(s, h, i)
	return i, false
}

// skip appends a node that no id finds: structure keeps the place of a
// record it refuses (a null record, a bad or duplicate id), so that the
// indexes of the records after it stay their positions in the input.
func (x *idIndex) skip() {
	x.appendID("")
}

// appendID stores id as node x.n.
func (x *idIndex) appendID(id string) int32 {
	i := int32(x.n)
	c := x.n >> idChunkBits
	if c == len(x.ids) {
		x.ids = append(x.ids, make([]string, 0, idsPerChunk))
		x.ownedIDs = append(x.ownedIDs, true)
	}
	if !x.ownedIDs[c] {
		chunk := x.ids[c]
		x.ids[c] = append(make([]string, 0, min(idsPerChunk, max(2*len(chunk), minSlots))), chunk...)
		x.ownedIDs[c] = true
	}
	x.ids[c] = append(x.ids[c], id)
	x.n++
	return i
}

// place puts node i, whose id hashes to h, in the first empty slot of its
// probe path; the table must have room and not hold the id.
func (x *idIndex) place(h uint64, i int32) {
	s := h & x.mask
	for x.slot(s) != 0 {
		s = (s + 1) & x.mask
	}
	x.set(s, h, i)
}

// set fills empty slot s with node i, whose id hashes to h, first copying
// the slot's page if a published index shares it.
func (x *idIndex) set(s, h uint64, i int32) {
	p := s >> slotPageBits
	if !x.ownedPages[p] {
		x.pages[p] = slices.Clone(x.pages[p])
		x.ownedPages[p] = true
	}
	x.pages[p][s&slotPageMask] = h>>32<<32 | uint64(uint32(i+1))
	x.used++
}

// grow rebuilds the slots into a table twice the size (or a first one).
// It walks the old slots rather than the ids, so that skipped nodes stay
// unfindable. The old pages may be shared with published indexes, so new
// ones are always made.
func (x *idIndex) grow() {
	old := x.pages
	if old == nil {
		// The zero idIndex (no seed yet), perhaps with skipped nodes.
		x.seed = maphash.MakeSeed()
		x.allocSlots(minSlots)
		return
	}
	x.allocSlots(2 * (int(x.mask) + 1))
	for _, page := range old {
		for _, v := range page {
			if v != 0 {
				i := int32(uint32(v)) - 1
				x.place(x.hash(x.id(i)), i)
			}
		}
	}
}

// clone returns an index that shares every page and chunk with x until it
// changes one. x must not change afterwards (it is published).
func (x *idIndex) clone() idIndex {
	out := *x
	out.pages = slices.Clone(x.pages)
	out.ids = slices.Clone(x.ids)
	out.ownedPages = make([]bool, len(x.pages))
	out.ownedIDs = make([]bool, len(x.ids))
	return out
}
