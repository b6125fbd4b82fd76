package voicesched

import (
	"iter"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

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
	kinds    []atomic.Uint32 // node index -> 1 + index into table
	table    *answerTable
}

// Len returns the number of answers (one a node).
func (a *Answers) Len() int { return len(a.kinds) }

// Get returns the answer for node id.
func (a *Answers) Get(id string) (Answer, bool) {
	i, ok := a.snapshot.index[id]
	if !ok {
		return Answer{}, false
	}
	return a.at(i), true
}

func (a *Answers) at(i int32) Answer {
	out := *a.table.get(a.kinds[i].Load() - 1)
	out.NodeID = a.snapshot.nodes.at(a.snapshot.answerSource(i)).id
	return out
}

// All yields every node id with its answer, parents before children.
func (a *Answers) All() iter.Seq2[string, Answer] {
	return func(yield func(string, Answer) bool) {
		a.snapshot.walkUntil(func(i int32) bool { return yield(a.snapshot.nodes.at(i).id, a.at(i)) })
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
// and parent's answer (and no notes of their own) share one evaluation. The
// nodes are shared out between the cores.
func (s *Snapshot) EvaluateAll(t time.Time) *Answers {
	n := s.nodes.len()
	all := &Answers{snapshot: s, kinds: make([]atomic.Uint32, n), table: newAnswerTable(2*n + 2)}
	const block = 4096
	workers := max(1, min(runtime.GOMAXPROCS(0), (n+block-1)/block))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w := &allWorker{s: s, all: all, t: t, seen: map[answerKey]uint32{}, contents: map[answerContent]uint32{}}
			for {
				start := int(next.Add(block)) - block
				if start >= n {
					return
				}
				for i := start; i < min(start+block, n); i++ {
					w.kindOf(int32(i))
				}
			}
		})
	}
	wg.Wait()
	return all
}

// answerKey is everything a deciding node's answer depends on at a given
// instant, besides the instant.
type answerKey struct {
	compiled  *schedule.Compiled
	subject   *condition.Subject
	parent    uint32
	node      int32 // the node itself when its answer carries its notes; else -1
	hasParent bool
}

// allWorker is one goroutine of EvaluateAll, with its own memo of the
// answers it has worked out.
type allWorker struct {
	s        *Snapshot
	all      *Answers
	t        time.Time
	seen     map[answerKey]uint32
	contents map[answerContent]uint32
}

// kindOf returns the table index of node i's answer, working it (and its
// ancestors' as needed) out when no worker has yet.
func (w *allWorker) kindOf(i int32) uint32 {
	if k := w.all.kinds[i].Load(); k != 0 {
		return k - 1
	}
	var k uint32
	if d := w.s.nodes.decider(i); d != i {
		k = w.kindOf(d) | 1 // the inherited twin of the decider's answer
	} else {
		k = w.own(i, w.s.nodes.at(i))
	}
	w.all.kinds[i].Store(k + 1)
	return k
}

// own works out the answer of node i, which decides (or passes its parent's
// answer on with notes).
func (w *allWorker) own(i int32, n *node) uint32 {
	c := n.compiled
	passes := n.inheritsParent()
	key := answerKey{compiled: c, subject: n.subject, node: -1, hasParent: n.parent >= 0}
	if passes || n.parent >= 0 && c.DependsOnParent() {
		key.parent = w.kindOf(n.parent)
	}
	if passes || len(n.notes()) > 0 {
		key.node = i
	}
	if k, ok := w.seen[key]; ok {
		return k
	}
	var a Answer
	if passes {
		a = *w.all.table.get(key.parent)
		inheritedBy(n, &a)
	} else {
		var parent *Answer
		if n.parent >= 0 && c.DependsOnParent() {
			parent = w.all.table.get(key.parent)
		}
		w.s.decide(&a, n, w.t, parent, false)
	}
	a.NodeID = ""
	// Alike answers from different schedules (every clinic's "Business
	// Hours" by its hours rule) share one entry too, so that the nodes that
	// follow them share their evaluations in turn.
	content := answerContent{state: a.StateName, zone: a.TimeZoneID, reason: a.Reason, rule: a.Rule, decider: a.decider}
	k, ok := w.contents[content]
	if !ok || len(a.Errors) > 0 {
		k = w.all.table.add(a)
		if len(a.Errors) == 0 {
			w.contents[content] = k
		}
	}
	w.seen[key] = k
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
