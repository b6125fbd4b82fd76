package voicesched

import (
	"encoding/binary"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// checkIndex fails t unless x holds exactly the ids of want (id -> node)
// and names every node as ids does ("" for a skipped node).
func checkIndex(t *testing.T, x *idIndex, want map[string]int32, ids []string) {
	t.Helper()
	if x.len() != len(ids) {
		t.Fatalf("len() = %d, want %d", x.len(), len(ids))
	}
	for i, id := range ids {
		if got := x.id(int32(i)); got != id {
			t.Fatalf("id(%d) = %q, want %q", i, got, id)
		}
	}
	for id, i := range want {
		if got, ok := x.lookup(id); !ok || got != i {
			t.Fatalf("lookup(%q) = %d, %v; want %d", id, got, ok, i)
		}
	}
}

func TestIDIndexInsertLookupAndDuplicates(t *testing.T) {
	x := newIDIndex(0)
	for k, id := range []string{"a", "b", "c"} {
		if i, dup := x.insert(id); dup || i != int32(k) {
			t.Fatalf("insert(%q) = %d, %v", id, i, dup)
		}
	}
	if i, dup := x.insert("b"); !dup || i != 1 {
		t.Fatalf("insert of a present id = %d, %v; want 1, true", i, dup)
	}
	checkIndex(t, &x, map[string]int32{"a": 0, "b": 1, "c": 2}, []string{"a", "b", "c"})
	for _, id := range []string{"", "d", "a ", "B"} {
		if i, ok := x.lookup(id); ok {
			t.Errorf("lookup(%q) = %d, true for an absent id", id, i)
		}
	}
}

func TestIDIndexSkippedNodesAreNeverFound(t *testing.T) {
	x := newIDIndex(4)
	x.insert("a")
	x.skip()
	x.insert("")
	// Growth rebuilds the table; the skipped node must stay unfindable
	// though the id "" is present.
	for k := range 100 {
		x.insert(strconv.Itoa(k))
	}
	if i, ok := x.lookup(""); !ok || i != 2 {
		t.Fatalf(`lookup("") = %d, %v; want 2, true`, i, ok)
	}
	if i, ok := x.lookup("a"); !ok || i != 0 {
		t.Fatalf(`lookup("a") = %d, %v; want 0, true`, i, ok)
	}
	if x.len() != 103 || x.id(1) != "" || x.id(3) != "0" {
		t.Fatalf("len() = %d, id(1) = %q, id(3) = %q", x.len(), x.id(1), x.id(3))
	}
}

func TestIDIndexZeroValue(t *testing.T) {
	var x idIndex
	if _, ok := x.lookup("a"); ok || x.len() != 0 {
		t.Fatal("the zero index is not empty")
	}
	c := x.clone()
	x.skip()
	if i, dup := x.insert("a"); dup || i != 1 {
		t.Fatalf("insert = %d, %v", i, dup)
	}
	checkIndex(t, &x, map[string]int32{"a": 1}, []string{"", "a"})
	if _, ok := c.lookup("a"); ok || c.len() != 0 {
		t.Fatal("a clone of the zero index sees what the original added")
	}
}

// TestIDIndexGrowth adds far more ids than the first table holds and checks
// the load factor and every id after each doubling.
func TestIDIndexGrowth(t *testing.T) {
	x := newIDIndex(0)
	want := map[string]int32{}
	var ids []string
	slots := int(x.mask) + 1
	for k := range 3 * slotsPerPage {
		id := "node-" + strconv.Itoa(k)
		x.insert(id)
		want[id] = int32(k)
		ids = append(ids, id)
		if now := int(x.mask) + 1; now != slots {
			if now != 2*slots {
				t.Fatalf("the table grew from %d to %d slots", slots, now)
			}
			slots = now
			checkIndex(t, &x, want, ids)
		}
		if x.used*5 > slots*3 {
			t.Fatalf("%d ids in %d slots: over the load factor", x.used, slots)
		}
	}
	if len(x.pages) < 2 {
		t.Fatalf("%d slots in %d pages; the test should span several", slots, len(x.pages))
	}
	checkIndex(t, &x, want, ids)
}

// TestIDIndexSizedForItsCapacity: an index made for n ids holds them
// without growing.
func TestIDIndexSizedForItsCapacity(t *testing.T) {
	for _, n := range []int{0, 1, 5, 6, 1000, 2458, 2459, 10000} {
		x := newIDIndex(n)
		slots := x.mask + 1
		for k := range n {
			x.insert(strconv.Itoa(k))
		}
		if x.mask+1 != slots {
			t.Errorf("newIDIndex(%d) grew from %d to %d slots", n, slots, x.mask+1)
		}
	}
}

func TestIDIndexCloneIsolation(t *testing.T) {
	x := newIDIndex(0)
	var ids []string
	want := map[string]int32{}
	for k := range 5000 {
		id := fmt.Sprintf("c%04d", k)
		x.insert(id)
		ids = append(ids, id)
		want[id] = int32(k)
	}
	// A clone adds to a shared page and a shared chunk, then grows past the
	// load factor; another clone of the same original adds other ids.
	a := x.clone()
	b := x.clone()
	var aIDs []string
	for k := range 5000 {
		id := fmt.Sprintf("a%04d", k)
		if i, dup := a.insert(id); dup || int(i) != 5000+k {
			t.Fatalf("clone insert(%q) = %d, %v", id, i, dup)
		}
		aIDs = append(aIDs, id)
	}
	if i, dup := b.insert("b"); dup || i != 5000 {
		t.Fatalf("second clone insert = %d, %v", i, dup)
	}
	checkIndex(t, &x, want, ids)
	for _, id := range append(aIDs, "b") {
		if _, ok := x.lookup(id); ok {
			t.Fatalf("the original finds %q, added to a clone", id)
		}
	}
	for _, id := range aIDs {
		if _, ok := b.lookup(id); ok {
			t.Fatalf("one clone finds %q, added to the other", id)
		}
	}
	if b.id(5000) != "b" || a.id(5000) != "a0000" {
		t.Fatalf("clones share a chunk: %q, %q", b.id(5000), a.id(5000))
	}
	// A clone of a clone that has grown.
	c := a.clone()
	c.insert("c")
	if _, ok := a.lookup("c"); ok {
		t.Fatal("a clone's addition shows in the clone it was made from")
	}
	if i, ok := c.lookup("a4999"); !ok || i != 9999 {
		t.Fatalf("lookup in a clone of a clone = %d, %v", i, ok)
	}
}

// TestIDIndexTagMatchIsNotEnough forges a slot whose tag is that of an
// absent id: the lookup must compare the ids, not trust the tag.
func TestIDIndexTagMatchIsNotEnough(t *testing.T) {
	x := newIDIndex(0)
	x.insert("present")
	h := x.hash("absent")
	s := h & x.mask
	for x.slot(s) != 0 {
		s = (s + 1) & x.mask
	}
	x.pages[s>>slotPageBits][s&slotPageMask] = h>>32<<32 | 1 // node 0, "present"
	if i, ok := x.lookup("absent"); ok {
		t.Fatalf("lookup of an absent id whose tag matches = %d, true", i)
	}
	if i, ok := x.lookup("present"); !ok || i != 0 {
		t.Fatalf("lookup(present) = %d, %v", i, ok)
	}
}

// TestIDIndexAgainstAMap inserts many random GUID-like ids, some repeated,
// and checks every answer against a map, including ids never inserted.
func TestIDIndexAgainstAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 2))
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	ids := guidLikeIDs(rng, n)
	x := newIDIndex(n / 4) // grows several times on the way
	want := make(map[string]int32, n)
	var order []string
	for k := range n {
		id := ids[k]
		if k%10 == 9 {
			id = ids[rng.IntN(k)] // a duplicate
		}
		first, seen := want[id]
		got, dup := x.insert(id)
		switch {
		case dup != seen:
			t.Fatalf("insert(%q): dup = %v, want %v", id, dup, seen)
		case seen && got != first:
			t.Fatalf("insert(%q) = %d, want the first, %d", id, got, first)
		case !seen:
			want[id] = int32(len(order))
			order = append(order, id)
		}
	}
	checkIndex(t, &x, want, order)
	for _, id := range guidLikeIDs(rand.New(rand.NewPCG(19, 3)), 10_000) {
		if _, ok := want[id]; ok {
			continue
		}
		if i, ok := x.lookup(id); ok {
			t.Fatalf("lookup(%q) = %d for an absent id", id, i)
		}
	}
}

// guidLikeIDs returns n random ids shaped like GUIDs (36 bytes), each its
// own allocation as decoded ids are.
func guidLikeIDs(rng *rand.Rand, n int) []string {
	ids := make([]string, n)
	var raw [16]byte
	for k := range ids {
		binary.LittleEndian.PutUint64(raw[:8], rng.Uint64())
		binary.LittleEndian.PutUint64(raw[8:], rng.Uint64())
		ids[k] = fmt.Sprintf("%x-%x-%x-%x-%x", raw[0:4], raw[4:6], raw[6:8], raw[8:10], raw[10:16])
	}
	return ids
}

// FuzzIDIndex runs the operations the bytes spell on an index and its
// clones, checking each against a map kept beside it. Ids come from a small
// alphabet so that duplicates are common.
func FuzzIDIndex(f *testing.F) {
	f.Add([]byte{0, 'a', 0, 'b', 0, 'a', 1, 'a', 1, 'c'})
	f.Add([]byte{3, 0, 'a', 2, 0, 'b', 4, 0, 'b', 1, 'b'})
	f.Add([]byte{0, 'x', 2, 0, 'y', 2, 0, 'z', 4, 4, 0, 'z', 1, 'y'})
	f.Add([]byte(strings.Repeat("\x00\x41\x00\x42\x00\x43\x02", 40)))
	f.Fuzz(func(t *testing.T, ops []byte) {
		type model struct {
			x    idIndex
			want map[string]int32
			ids  []string
		}
		// versions[len-1] is written; the others are published clones,
		// which must never change.
		versions := []*model{{x: newIDIndex(len(ops) % 7), want: map[string]int32{}}}
		next := func() byte {
			if len(ops) == 0 {
				return 0
			}
			b := ops[0]
			ops = ops[1:]
			return b
		}
		for len(ops) > 0 {
			m := versions[len(versions)-1]
			switch next() % 5 {
			case 0: // insert an id of one to three bytes
				id := strings.Repeat(string(rune('a'+next()%8)), 1+int(next()%3))
				first, seen := m.want[id]
				got, dup := m.x.insert(id)
				if dup != seen || (seen && got != first) || (!seen && int(got) != len(m.ids)) {
					t.Fatalf("insert(%q) = %d, %v; model says %d, %v", id, got, dup, first, seen)
				}
				if !seen {
					m.want[id] = got
					m.ids = append(m.ids, id)
				}
			case 1: // look up an id that may be absent
				id := strings.Repeat(string(rune('a'+next()%8)), 1+int(next()%3))
				got, ok := m.x.lookup(id)
				if want, seen := m.want[id]; ok != seen || (ok && got != want) {
					t.Fatalf("lookup(%q) = %d, %v; model says %d, %v", id, got, ok, want, seen)
				}
			case 2: // publish and write a clone
				c := &model{x: m.x.clone(), want: make(map[string]int32, len(m.want)), ids: append([]string(nil), m.ids...)}
				for id, i := range m.want {
					c.want[id] = i
				}
				versions = append(versions, c)
			case 3: // skip a node
				m.x.skip()
				m.ids = append(m.ids, "")
			case 4: // insert enough ids to make the table grow
				for k := range int(next()%16) * 8 {
					id := "g" + strconv.Itoa(len(m.ids)) + "-" + strconv.Itoa(k)
					got, dup := m.x.insert(id)
					if dup {
						t.Fatalf("insert(%q) is a dup", id)
					}
					m.want[id] = got
					m.ids = append(m.ids, id)
				}
			}
		}
		for _, m := range versions {
			checkIndex(t, &m.x, m.want, m.ids)
		}
	})
}

// BenchmarkIDIndex compares the index with the map it replaced, at 1.1
// million GUID-like ids: looking up uniformly random ids that are copies, as
// an id from a request is ("lookup"), or the stored strings themselves, so
// that the comparison stops at the pointers ("lookup-same"); and adding an
// id to a published version, as PutCustomer does ("add").
func BenchmarkIDIndex(b *testing.B) {
	const n = 1_100_000
	if testing.Short() {
		b.Skip("1.1 million ids are skipped under -short")
	}
	rng := rand.New(rand.NewPCG(19, 4))
	ids := guidLikeIDs(rng, n)
	copies := make([]string, n)
	for k, id := range ids {
		copies[k] = strings.Clone(id)
	}
	rng.Shuffle(n, func(i, j int) { copies[i], copies[j] = copies[j], copies[i] })
	same := slices.Clone(ids)
	rng.Shuffle(n, func(i, j int) { same[i], same[j] = same[j], same[i] })
	x := newIDIndex(n)
	m := make(map[string]int32, n)
	for i, id := range ids {
		x.insert(id)
		m[id] = int32(i)
	}
	lookups := func(b *testing.B, queries []string, lookup func(string) bool) {
		k := 0
		for b.Loop() {
			if !lookup(queries[k]) {
				b.Fatal(queries[k])
			}
			if k++; k == n {
				k = 0
			}
		}
	}
	for _, q := range []struct {
		name    string
		queries []string
	}{{"lookup", copies}, {"lookup-same", same}} {
		b.Run(q.name+"/index", func(b *testing.B) {
			lookups(b, q.queries, func(id string) bool { _, ok := x.lookup(id); return ok })
		})
		b.Run(q.name+"/map", func(b *testing.B) {
			lookups(b, q.queries, func(id string) bool { _, ok := m[id]; return ok })
		})
	}
	b.Run("add/index", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			next := x.clone()
			if _, dup := next.insert("new"); dup {
				b.Fatal("dup")
			}
		}
	})
	b.Run("add/map", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			next := maps.Clone(m)
			next["new"] = n
		}
	})
}
