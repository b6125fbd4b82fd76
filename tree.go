package voicesched

import (
	"slices"

	"github.com/voicesched/voicesched/condition"
	"github.com/voicesched/voicesched/schedule"
)

// node is one customer or endpoint of a snapshot. Nodes are immutable once
// published; they refer to each other by index into Snapshot.nodes, so that
// a write can replace a node without touching the nodes that point at it.
// It is kept small (80 bytes, stored by value in nodeTable's chunks): at a
// million nodes every field costs a megabyte, and the fields most nodes
// leave empty live in nodeMore. Its id is its record's (the id index keeps
// them by node too).
type node struct {
	customer     *CustomerInfo // nil for an endpoint
	endpoint     *Endpoint     // nil for a customer
	more         *nodeMore     // nil when the node has no children and no notes
	compiledFrom *Schedule     // the record compiled was compiled from
	compiled     *schedule.Compiled
	subject      *condition.Subject
	// memo remembers the answer of the node that decides for this one:
	// its own, or its decider's when it passes its parent's answer on
	// (see resolve).
	memo   *answerMemo
	parent int32 // -1 for a root
	depth  int32
	// decider is the node whose answer this one gives (see memo.go).
	decider int32
	// noted says whether more holds notes, so that the common question
	// "does this node add notes?" reads no further than the node.
	noted bool
}

// nodeMore holds what only some nodes have. It is immutable: a node whose
// children or notes change gets a new one.
type nodeMore struct {
	children []int32
	// notes are compile-time problems every answer reports (an unknown zone).
	notes []string
}

// children returns the node's children (customers and endpoints), in the
// order they were stored.
func (n *node) children() []int32 {
	if n.more == nil {
		return nil
	}
	return n.more.children
}

// notes returns the problems every answer of the node reports.
func (n *node) notes() []string {
	if !n.noted {
		return nil
	}
	return n.more.notes
}

// withChild returns a copy of children with i added in its place: children
// are kept in storage order, as a build makes them, whatever order the
// writes came in.
func withChild(children []int32, i int32) []int32 {
	at, _ := slices.BinarySearch(children, i)
	return slices.Insert(slices.Clone(children), at, i)
}

// setMore gives the node children and notes (a new nodeMore, or none).
func (n *node) setMore(children []int32, notes []string) {
	n.more, n.noted = nil, len(notes) > 0
	if len(children) > 0 || len(notes) > 0 {
		n.more = &nodeMore{children: children, notes: notes}
	}
}

// compiledIn reports whether n's schedule was compiled against env.
func (n *node) compiledIn(env schedule.Env) bool {
	return n.compiled != nil && n.compiled.Env() == env
}

// inheritsParent reports whether node n's answer is its parent's: its
// schedule inherits (or it has none), it is not force-closed, and it has a
// parent (docs/semantics.md#inheritance).
func (n *node) inheritsParent() bool {
	return n.parent >= 0 && n.compiled.Inherits() && !n.compiled.ForceClosed()
}

func (n *node) schedule() *Schedule {
	if n.customer != nil {
		return n.customer.Schedule
	}
	return n.endpoint.Schedule
}

func (n *node) id() string {
	if n.customer != nil {
		return n.customer.ID
	}
	return n.endpoint.ID
}

func (n *node) name() string {
	if n.customer != nil {
		return n.customer.Name
	}
	return n.endpoint.Name
}

// walk visits every node, parents before their children.
func (s *Snapshot) walk(visit func(int32)) {
	s.walkUntil(func(i int32) bool { visit(i); return true })
}

// walkUntil is walk that stops when visit returns false. It uses an explicit
// stack: depth is bounded by MaxDepth, but width is not.
func (s *Snapshot) walkUntil(visit func(int32) bool) {
	stack := make([]int32, 0, 64)
	for k := len(s.roots) - 1; k >= 0; k-- {
		stack = append(stack, s.roots[k])
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !visit(i) {
			return
		}
		children := s.nodes.at(i).children()
		for k := len(children) - 1; k >= 0; k-- {
			stack = append(stack, children[k])
		}
	}
}

// placeUnder checks that node i (-1 for a new node) with id may have the
// customer parentID ("" for none) as its parent, and returns the parent's
// index; ok is false when check was given an error.
func (s *Snapshot) placeUnder(check *checker, i int32, id, parentID string) (parent int32, ok bool) {
	const path = "parentCustomerId"
	if parentID == "" {
		return -1, true
	}
	if !check.selfParent(path, id, parentID) {
		return -1, false
	}
	j, found := s.index.lookup(parentID)
	switch {
	case !found || s.nodes.at(j).customer == nil:
		check.errorf(path, CodeParentNotFound, "customer %q does not exist", parentID)
		return -1, false
	case i >= 0 && s.isAncestor(i, j):
		check.errorf(path, CodeParentLoop, "%q is below this customer; moving there would make a loop", parentID)
		return -1, false
	}
	height := 1
	if i >= 0 {
		height = s.height(i)
	}
	if depth := int(s.nodes.at(j).depth) + height; depth > MaxDepth {
		check.errorf(path, CodeTooDeep, "placing it under %q would make the tree %d levels deep; at most %d are allowed", parentID, depth, MaxDepth)
		return -1, false
	}
	return j, true
}

// place checks where customer record c would go in s: its id, its parent's
// id, that the id is not an endpoint's, and its parent. It returns the
// node's index (-1 for a new customer) and the parent's.
func (s *Snapshot) place(check *checker, c *CustomerInfo) (i, parent int32, ok bool) {
	before := len(check.problems)
	check.id("id", c.ID, false)
	check.id("parentCustomerId", c.ParentCustomerID, true)
	if check.errorsSince(before) {
		return -1, -1, false
	}
	i, exists := s.index.lookup(c.ID)
	if !exists {
		i = -1
	} else if s.nodes.at(i).customer == nil {
		check.errorf("id", CodeDuplicateID, "id %q is an endpoint's", c.ID)
		return -1, -1, false
	}
	parent, ok = s.placeUnder(check, i, c.ID, c.ParentCustomerID)
	return i, parent, ok
}

// isAncestor reports whether a is an ancestor of d.
func (s *Snapshot) isAncestor(a, d int32) bool {
	for at, steps := s.nodes.at(d).parent, 0; at >= 0 && steps <= MaxDepth; at, steps = s.nodes.at(at).parent, steps+1 {
		if at == a {
			return true
		}
	}
	return false
}

// height is the number of levels of the subtree rooted at i (1 for a leaf).
func (s *Snapshot) height(i int32) int {
	h := 0
	for _, ch := range s.nodes.at(i).children() {
		h = max(h, s.height(ch))
	}
	return h + 1
}
