package voicesched

import (
	"slices"
	"time"

	"github.com/voicesched/voicesched/condition"
	"github.com/voicesched/voicesched/schedule"
)

// build makes a snapshot from scratch. It checks ids, parents, loops and
// depth, recomputes breadcrumbs and compiles every schedule, parents first.
// The records are used as given and never modified (a breadcrumb that
// differs is set on a copy).
func build(cfg *config, customers []*CustomerInfo, endpoints []*Endpoint, tags []Tag, version uint64) (*Snapshot, error) {
	return buildWith(nil, false, cfg, customers, endpoints, tags, version)
}

// buildOwned is build for records the snapshot may take over and change
// (Load's copies): nodes with equal schedules share one record, and
// breadcrumbs are set in place.
func buildOwned(cfg *config, customers []*CustomerInfo, endpoints []*Endpoint, tags []Tag, version uint64) (*Snapshot, error) {
	return buildWith(nil, true, cfg, customers, endpoints, tags, version)
}

// buildFrom is build that reuses the compiled schedules of prev (when not
// nil) for records it still holds: a node whose record and environment are
// unchanged is not recompiled.
func buildFrom(prev *Snapshot, cfg *config, customers []*CustomerInfo, endpoints []*Endpoint, tags []Tag, version uint64) (*Snapshot, error) {
	return buildWith(prev, false, cfg, customers, endpoints, tags, version)
}

func buildWith(prev *Snapshot, owned bool, cfg *config, customers []*CustomerInfo, endpoints []*Endpoint, tags []Tag, version uint64) (*Snapshot, error) {
	var check checker
	shape := check.structure(customers, endpoints)
	if err := check.refusal(); err != nil {
		return nil, err
	}
	s := &Snapshot{cfg: cfg, index: shape.index, tags: make(map[string]Tag, len(tags)), version: version}
	for _, t := range tags {
		s.tags[t.ID] = t
	}
	total := len(customers) + len(endpoints)
	s.nodes = newNodeTable(total)
	for _, c := range customers {
		s.nodes.add(&node{customer: c})
	}
	for _, e := range endpoints {
		s.nodes.add(&node{endpoint: e})
	}
	// Children lists are slices of one array, a parent's in storage order
	// (capped, so a later write that adds a child copies its list).
	counts := make([]int32, total+1)
	for _, p := range shape.parents {
		if p >= 0 {
			counts[p+1]++
		}
	}
	for k := 1; k <= total; k++ {
		counts[k] += counts[k-1]
	}
	backing := make([]int32, counts[total])
	fill := slices.Clone(counts[:total])
	for i, p := range shape.parents {
		if p >= 0 {
			backing[fill[p]] = int32(i)
			fill[p]++
		} else {
			s.roots = append(s.roots, int32(i))
		}
	}
	for i := range int32(total) {
		n := s.nodes.at(i)
		n.parent = shape.parents[i]
		if owned && n.parent >= 0 {
			// One copy of each id: a record's parent id is its parent's.
			if n.customer != nil {
				n.customer.ParentCustomerID = s.nodes.at(n.parent).id()
			} else {
				n.endpoint.CustomerID = s.nodes.at(n.parent).id()
			}
		}
		var notes []string
		if prev != nil {
			if j, ok := prev.index.lookup(n.id()); ok {
				if old := prev.nodes.at(j); old.customer == n.customer && old.endpoint == n.endpoint {
					n.compiledFrom, n.compiled, n.subject, notes = old.compiledFrom, old.compiled, old.subject, old.notes()
				}
			}
		}
		n.setMore(backing[counts[i]:counts[i+1]:counts[i+1]], notes)
	}
	s.intern = newInterner()
	// Only records the build owns are shared or changed: a rebuild's are
	// shared with the snapshot before it, which readers may be using, and
	// ValidateTree's are the caller's.
	s.intern.shareRecords = owned
	for _, r := range s.roots {
		s.refresh(r, refreshSubtree, true)
	}
	s.intern = nil
	return s, nil
}

// refreshMode says how far refresh goes below the node it is given.
type refreshMode uint8

const (
	// refreshIfChanged refreshes the node, and its children only when
	// something they depend on changed.
	refreshIfChanged refreshMode = iota
	// refreshWritten is for the node a write replaced: its condition
	// subject is rebuilt and its children are refreshed.
	refreshWritten
	// refreshSubtree visits the whole subtree, as a build must.
	refreshSubtree
)

// refresh brings node i up to date with its place in the tree, then does
// the same for its children as mode says: the zone they cascade from, the
// breadcrumb, the condition subject (endpoints). A schedule is recompiled
// only when its record or its environment changed. Nodes are replaced,
// never modified, so older snapshots keep theirs — except while a snapshot
// is built from records it owns (buildOwned): its nodes and records are its
// own and nobody reads them yet, so they are brought up to date in place (a
// million fewer copies).
//
// parentChanged says whether the parent's answer may have changed. A node
// whose answer may have changed (its schedule, subject, notes, place or
// decider changed, or it inherits or reads a parent whose answer may have)
// gets a fresh memo and passes the news on to its children; a node left
// exactly as it was is not written at all, so a patch to a clinic copies
// the chunks of the nodes that decide below it, not of every endpoint.
func (s *Snapshot) refresh(i int32, mode refreshMode, parentChanged bool) {
	force := mode == refreshWritten
	childMode := refreshIfChanged
	if mode == refreshSubtree {
		childMode = refreshSubtree
	}
	// old is the node as it was (by value: the table may change its slot in
	// place below, when this table already owns the chunk).
	old := *s.nodes.at(i)
	n := s.nodes.at(i)
	fresh := s.intern != nil && s.intern.shareRecords // (an owned build)
	if !fresh {
		copied := old
		n = &copied
	}
	env := s.envFor(n.parent)
	n.depth = 1
	if n.parent >= 0 {
		n.depth = s.nodes.at(n.parent).depth + 1
	}
	if n.compiled == nil || !n.compiledIn(env) || n.compiledFrom != n.schedule() {
		compiled, equal := s.compile(n.schedule(), env)
		if equal != n.schedule() && s.intern.shareRecords {
			n.shareSchedule(equal)
		}
		n.setCompiled(n.schedule(), compiled)
	}
	if n.customer != nil {
		crumbs := s.breadcrumb(n.parent, n.customer.ID, n.customer.Name)
		switch {
		case slices.Equal(crumbs, n.customer.Breadcrumb):
		case fresh:
			n.customer.Breadcrumb = crumbs
		default:
			c := *n.customer
			c.Breadcrumb = crumbs
			n.customer = &c
		}
		if !s.needsSubject(n) {
			n.subject = nil
		} else if force || n.subject == nil {
			tagNames := make([]string, 0, len(n.customer.Tags))
			for _, t := range n.customer.Tags {
				tagNames = append(tagNames, t.Name)
			}
			c := n.customer
			n.subject = condition.NewSubject(c.ID, c.Name, c.ReferenceID, tagNames, c.Data.Plain())
		}
	} else if n.parent >= 0 {
		n.subject = s.nodes.at(n.parent).subject
	}
	answerChanged := force || mode == refreshSubtree || n.compiled != old.compiled || n.subject != old.subject || n.parent != old.parent ||
		n.noted != old.noted || n.more != old.more ||
		parentChanged && (n.inheritsParent() || n.compiled.DependsOnParent())
	s.resolve(i, n, &old, answerChanged)
	answerChanged = answerChanged || n.decider != old.decider
	if *n != old || fresh {
		s.nodes.set(i, n)
	}
	oldZone, _ := zoneOf(&old)
	newZone, _ := n.compiled.Zone()
	changed := answerChanged || oldZone != newZone || n.depth != old.depth ||
		n.customer != nil && !slices.Equal(n.customer.Breadcrumb, old.customer.Breadcrumb)
	if changed || mode == refreshSubtree {
		for _, ch := range n.children() {
			s.refresh(ch, childMode, answerChanged)
		}
	}
}

// setCompiled installs a compiled schedule and the notes every answer of
// the node reports (a zone id that did not resolve).
func (n *node) setCompiled(from *Schedule, compiled *schedule.Compiled) {
	n.compiledFrom, n.compiled = from, compiled
	var notes []string
	for _, p := range compiled.Problems() {
		if p.Code == CodeUnknownZone {
			notes = append(notes, n.id()+": schedule."+p.Path+": "+p.Message)
		}
	}
	if len(notes) > 0 || len(n.notes()) > 0 {
		n.setMore(n.children(), notes)
	}
}

// compile compiles sched against env, sharing the result with an equal
// schedule compiled earlier in the same build; equal is that schedule's
// record (sched itself when there was none).
func (s *Snapshot) compile(sched *Schedule, env schedule.Env) (compiled *schedule.Compiled, equal *Schedule) {
	if s.intern == nil {
		return schedule.Compile(sched, env), sched
	}
	return s.intern.compile(sched, env)
}

// envFor is what a node under parent (-1: a root) is compiled against.
func (s *Snapshot) envFor(parent int32) schedule.Env {
	env := s.cfg.rootEnv()
	if parent >= 0 {
		env.HasParent = true
		env.Zone, env.ZoneID = s.nodes.at(parent).compiled.Zone()
	}
	return env
}

func zoneOf(n *node) (*time.Location, string) {
	if n.compiled == nil {
		return nil, ""
	}
	return n.compiled.Zone()
}

// breadcrumb is the path from the root to a customer, the customer last.
func (s *Snapshot) breadcrumb(parent int32, id, name string) []CustomerBreadcrumb {
	var chain []CustomerBreadcrumb
	for at := parent; at >= 0 && len(chain) < MaxDepth; at = s.nodes.at(at).parent {
		chain = append(chain, CustomerBreadcrumb{ID: s.nodes.at(at).id(), Name: s.nodes.at(at).name()})
	}
	out := make([]CustomerBreadcrumb, 0, len(chain)+1)
	for k := len(chain) - 1; k >= 0; k-- {
		out = append(out, chain[k])
	}
	return append(out, CustomerBreadcrumb{ID: id, Name: name})
}

// clone returns a shallow copy whose node slice and index may be changed
// without affecting s (nodes themselves are replaced, never modified).
func (s *Snapshot) clone() *Snapshot {
	out := *s
	out.nodes = s.nodes.clone()
	out.version = s.version + 1
	return &out
}

// replace puts record c at node i under parent newParent and refreshes what
// depends on it. s must be a private clone.
func (s *Snapshot) replace(i int32, c *CustomerInfo, newParent int32, env schedule.Env, compiled *schedule.Compiled) {
	n := *s.nodes.at(i)
	n.customer = c
	n.setCompiled(c.Schedule, compiled)
	s.move(i, &n, newParent)
	s.nodes.set(i, &n)
	s.refresh(i, refreshWritten, true)
}

// move takes node i (n, a private copy the caller stores) out of its
// parent's children, or the roots, and into parent's (-1: the roots),
// keeping storage order. s must be a private clone. Nothing moves when the
// parent stays.
func (s *Snapshot) move(i int32, n *node, parent int32) {
	if parent == n.parent {
		return
	}
	if n.parent >= 0 {
		op := *s.nodes.at(n.parent)
		op.setMore(slices.DeleteFunc(slices.Clone(op.children()), func(x int32) bool { return x == i }), op.notes())
		s.nodes.set(n.parent, &op)
	} else {
		s.roots = slices.DeleteFunc(slices.Clone(s.roots), func(x int32) bool { return x == i })
	}
	if parent >= 0 {
		np := *s.nodes.at(parent)
		np.setMore(withChild(np.children(), i), np.notes())
		s.nodes.set(parent, &np)
	} else {
		s.roots = withChild(s.roots, i)
	}
	n.parent = parent
}

// precompiled is a patch's new schedule, copied and compiled outside the
// write lock against the environment it expected.
type precompiled struct {
	schedule *Schedule
	env      schedule.Env
	compiled *schedule.Compiled
}
