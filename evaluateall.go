package voicesched

import (
	"iter"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/voicesched/voicesched/condition"
	"github.com/voicesched/voicesched/schedule"
)

// Answers holds one answer for every node of a snapshot at one instant.
//
// It is compact: nodes whose answers are alike share one stored answer, and
// each node keeps only the number of its own (4 bytes). The node an answer
// came from (NodeID) is filled in when it is read.
type Answers struct {
	snapshot *Snapshot
	kinds    []uint32 // node index -> 1 + index into table
	table    *answerTable
}

// Len returns the number of answers (one a node).
func (a *Answers) Len() int { return len(a.kinds) }

// Get returns the answer for node id.
func (a *Answers) Get(id string) (Answer, bool) {
	i, ok := a.snapshot.index.lookup(id)
	if !ok {
		return Answer{}, false
	}
	return a.at(i), true
}

func (a *Answers) at(i int32) Answer {
	out := *a.table.get(a.kinds[i] - 1)
	out.NodeID = a.snapshot.nodes.at(a.snapshot.answerSource(i)).id()
	return out
}

// All yields every node id with its answer, parents before children.
func (a *Answers) All() iter.Seq2[string, Answer] {
	return func(yield func(string, Answer) bool) {
		a.snapshot.walkUntil(func(i int32) bool { return yield(a.snapshot.nodes.at(i).id(), a.at(i)) })
	}
}

// answerSource is the node whose schedule gives node i its answer (the
// Answer's NodeID): its decider, or above a decider that passes its
// parent's answer on with notes, that parent's source.
func (s *Snapshot) answerSource(i int32) int32 {
	for {
		d := s.nodes.at(i).decider
		n := s.nodes.at(d)
		if !n.inheritsParent() {
			return d
		}
		i = n.parent
	}
}

// EvaluateAll answers for every node at instant t. Each distinct answer is
// worked out once: a node that passes its parent's answer on takes its
// deciding node's; deciding nodes with the same compiled schedule, subject
// and parent's state (and no notes of their own) share one evaluation; a
// deciding node whose memo holds t answers from it, and one that works its
// answer out remembers it there, as Evaluate does.
//
// It runs in two passes over the node table, each shared out between the
// cores by blocks of chunks: the first works out the answers of the
// deciding nodes (about one node in seven on a platform's tree), reading
// only those nodes; the second gives every other node its decider's answer
// from the flat decider arrays, without reading a node. Only the first
// pass needs atomic access to the answer numbers (a decider may need its
// parent's, which another core may be working out); the second reads what
// the first wrote, after it.
func (s *Snapshot) EvaluateAll(t time.Time) *Answers {
	n := s.nodes.len()
	all := &Answers{snapshot: s, kinds: make([]uint32, n), table: newAnswerTable(2*n + 2)}
	workers := make([]*allWorker, max(1, min(runtime.GOMAXPROCS(0), (n+allBlock-1)/allBlock)))
	for k := range workers {
		tableBits := uint(min(maxRecentBits, max(4, bits.Len(uint(n/32)))))
		workers[k] = &allWorker{s: s, all: all, t: t, contents: map[answerContent]uint32{},
			recent: make([]recentAnswer, 1<<tableBits), recentBits: tableBits}
	}
	s.allPass(workers, func(w *allWorker, i int32, deciders []int32) {
		// The deciding nodes' first reads are made together, before any
		// is worked out, so that their cache misses overlap instead of
		// queueing behind each evaluation.
		var at [chunkSize]int32
		m := 0
		for k, d := range deciders {
			if d == i+int32(k) {
				c := s.nodes.at(d).compiled
				w.touched[m] = c.ForceClosed()
				at[m] = d
				m++
			}
		}
		for _, d := range at[:m] {
			w.kindOf(d)
		}
	})
	s.allPass(workers, func(w *allWorker, i int32, deciders []int32) {
		kinds := all.kinds[i : int(i)+len(deciders)]
		for k, d := range deciders {
			if d != i+int32(k) {
				kinds[k] = (all.kinds[d] - 1) | 1 + 1 // the inherited twin of the decider's answer
			}
		}
	})
	return all
}

// allBlock is how many nodes an EvaluateAll worker takes at a time (whole
// chunks).
const allBlock = 64 * chunkSize

// allPass calls visit for every chunk of the node table, with the index of
// its first node and its deciders, sharing the chunks out between the
// workers.
func (s *Snapshot) allPass(workers []*allWorker, visit func(w *allWorker, first int32, deciders []int32)) {
	n := s.nodes.len()
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(func() {
			for {
				start := int(next.Add(allBlock)) - allBlock
				if start >= n {
					return
				}
				for i := start; i < min(start+allBlock, n); i += chunkSize {
					visit(w, int32(i), s.nodes.chunkDeciders(int32(i)))
				}
			}
		})
	}
	wg.Wait()
}

// answerKey is everything a deciding node's answer depends on at a given
// instant, besides the instant. A schedule that reads its parent's state
// reads only the state's name (CustomerState rules, the parentState
// variable), so nodes under parents that are in the same state share a key
// whatever rule put each parent there; the parent's whole answer is part of
// the key only when it carries over (a node passing it on with notes, or
// the parent's errors, which the answer repeats).
type answerKey struct {
	compiled    *schedule.Compiled
	subject     *condition.Subject
	parentState string
	parent      uint32 // the parent's answer + 1 when it carries over; else 0
	node        int32  // the node itself when its answer carries its notes; else -1
	hasParent   bool
}

// allWorker is one goroutine of EvaluateAll, with its own memo of the
// answers it has worked out.
type allWorker struct {
	s        *Snapshot
	all      *Answers
	t        time.Time
	contents map[answerContent]uint32
	// touched keeps the first reads of a chunk's deciding nodes alive (see
	// EvaluateAll).
	touched [chunkSize]bool
	// recent remembers the answers worked out, by key, in a direct-mapped
	// table: a platform's deciding nodes share a few dozen keys besides
	// the clinics' own, and a key pushed out is only worked out again.
	// Its size grows with the tree, up to 1<<maxRecentBits entries (a
	// small tree would spend more on the table than on its answers).
	recent     []recentAnswer
	recentBits uint
}

const maxRecentBits = 12

type recentAnswer struct {
	key   answerKey
	kind  uint32
	known bool
}

// slot is k's place in a table of 1<<bits entries: a multiplicative hash
// of its fields (the pointers by address, which the garbage collector does
// not move; the state by its length and end bytes).
func (k answerKey) slot(bits uint) uint {
	h := uint64(uintptr(unsafe.Pointer(k.compiled)))*0x9e3779b97f4a7c15 ^
		uint64(uintptr(unsafe.Pointer(k.subject)))*0xc2b2ae3d27d4eb4f ^
		(uint64(k.parent)<<32|uint64(uint32(k.node)))*0x165667b19e3779f9
	if n := len(k.parentState); n > 0 {
		// Its length and first and last bytes tell the few states of a
		// tree apart well enough for a cache.
		h ^= (uint64(n)<<16 | uint64(k.parentState[0])<<8 | uint64(k.parentState[n-1])) * 0x27d4eb2f165667c5
	}
	return uint(h >> (64 - bits))
}

// kindOf returns the table index of node i's answer, working it (and its
// ancestors' as needed) out when no worker has yet.
func (w *allWorker) kindOf(i int32) uint32 {
	if k := atomic.LoadUint32(&w.all.kinds[i]); k != 0 {
		return k - 1
	}
	var k uint32
	if d := w.s.nodes.decider(i); d != i {
		k = w.kindOf(d) | 1 // the inherited twin of the decider's answer
	} else {
		k = w.own(i, w.s.nodes.at(i))
	}
	atomic.StoreUint32(&w.all.kinds[i], k+1)
	return k
}

// own works out the answer of node i, which decides (or passes its parent's
// answer on with notes).
func (w *allWorker) own(i int32, n *node) uint32 {
	c := n.compiled
	passes := n.inheritsParent()
	key := answerKey{compiled: c, subject: n.subject, node: -1, hasParent: n.parent >= 0}
	var parent *Answer
	if passes || n.parent >= 0 && c.DependsOnParent() {
		pk := w.kindOf(n.parent)
		parent = w.all.table.get(pk)
		key.parentState = parent.StateName
		if passes || len(parent.Errors) > 0 {
			key.parent = pk + 1
		}
	}
	if passes || len(n.notes()) > 0 {
		key.node = i
	}
	slot := &w.recent[key.slot(w.recentBits)]
	if slot.known && slot.key == key {
		return slot.kind
	}
	var a Answer
	switch {
	case passes:
		a = *parent
		inheritedBy(n, &a)
	case n.memo != nil:
		// As Evaluate does: the node's memo answers when it holds the
		// instant, and remembers what is worked out, so that asking
		// again at the same "now" (a status page refreshing) is a
		// comparison for each deciding node.
		w.s.memoAnswer(&a, i, n, w.t, true)
	default:
		w.s.decide(&a, n, w.t, parent, false)
	}
	a.NodeID = ""
	// Alike answers share one entry, so that the nodes that follow them
	// share their evaluations in turn.
	content := answerContent{state: a.StateName, zone: a.TimeZoneID, reason: a.Reason, rule: a.Rule, decider: a.decider}
	k, ok := w.contents[content]
	if !ok || len(a.Errors) > 0 {
		k = w.all.table.add(a)
		if len(a.Errors) == 0 {
			w.contents[content] = k
		}
	}
	*slot = recentAnswer{key: key, kind: k, known: true}
	return k
}

// answerContent is an answer without errors, as a map key.
type answerContent struct {
	state, zone string
	reason      schedule.Reason
	rule        *schedule.RuleInfo
	decider     int
}

// answerTable stores the distinct answers of one EvaluateAll, each with its
// inherited twin right after it (even: as the deciding node gives it; odd:
// as a node passing it on gives it). Workers append under a lock; anyone
// who has read an index (atomically, from kinds) reads the entry without one.
type answerTable struct {
	mu     sync.Mutex
	n      uint32
	chunks []atomic.Pointer[[tableChunk]Answer]
}

const tableChunk = 256

func newAnswerTable(capacity int) *answerTable {
	return &answerTable{chunks: make([]atomic.Pointer[[tableChunk]Answer], capacity/tableChunk+2)}
}

func (t *answerTable) add(a Answer) uint32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	k := t.n
	for _, at := range []uint32{k, k + 1} {
		if t.chunks[at/tableChunk].Load() == nil {
			t.chunks[at/tableChunk].Store(new([tableChunk]Answer))
		}
	}
	inherited := a
	inheritedBy(&node{}, &inherited)
	t.chunks[k/tableChunk].Load()[k%tableChunk] = a
	t.chunks[(k+1)/tableChunk].Load()[(k+1)%tableChunk] = inherited
	t.n += 2
	return k
}

func (t *answerTable) get(k uint32) *Answer {
	return &t.chunks[k/tableChunk].Load()[k%tableChunk]
}
