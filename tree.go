package voicesched

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/voicesched/voicesched/condition"
	"github.com/voicesched/voicesched/schedule"
)

// MaxDepth is the deepest a parent chain may be (a root is depth 1).
const MaxDepth = 64

// node is one customer or endpoint of a snapshot. Nodes are immutable;
// they refer to each other by index into Snapshot.nodes, so that a write can
// replace a node without touching the nodes that point at it.
type node struct {
	id           string
	customer     *CustomerInfo // nil for an endpoint
	endpoint     *Endpoint     // nil for a customer
	parent       int32         // -1 for a root
	children     []int32
	depth        int
	env          schedule.Env // what compiled was compiled against
	compiledFrom *Schedule    // the record compiled was compiled from
	compiled     *schedule.Compiled
	subject      *condition.Subject
	// notes are compile-time problems every answer reports (an unknown zone).
	notes []string
}

func (n *node) schedule() *Schedule {
	if n.customer != nil {
		return n.customer.Schedule
	}
	return n.endpoint.Schedule
}

func (n *node) name() string {
	if n.customer != nil {
		return n.customer.Name
	}
	return n.endpoint.Name
}

// Snapshot is one consistent, immutable version of the whole directory.
// Every read of a Snapshot sees the same tree, whatever writers do meanwhile.
type Snapshot struct {
	// intern shares one compiled schedule between nodes whose schedules
	// are equal, while a snapshot is built from scratch (a tree loaded from
	// a template-heavy provisioning system holds many identical schedules).
	// It is dropped when the build ends, so nothing outlives the snapshot.
	intern  map[internKey]*schedule.Compiled
	cfg     *config
	index   map[string]int32
	nodes   nodeTable
	roots   []int32
	tags    map[string]Tag
	version uint64
}

// Version increases by one with every successful write.
func (s *Snapshot) Version() uint64 { return s.version }

// Len returns the number of customers and endpoints.
func (s *Snapshot) Len() int { return s.nodes.len() }

// build makes a snapshot from scratch. It checks ids, parents, loops and
// depth, recomputes breadcrumbs and compiles every schedule, parents first.
// The records are used as given (callers pass copies they own).
func build(cfg *config, customers []*CustomerInfo, endpoints []*Endpoint, tags []Tag, version uint64) (*Snapshot, error) {
	return buildFrom(nil, cfg, customers, endpoints, tags, version)
}

// buildFrom is build that reuses the compiled schedules of prev (when not
// nil) for records it still holds: a node whose record and environment are
// unchanged is not recompiled.
func buildFrom(prev *Snapshot, cfg *config, customers []*CustomerInfo, endpoints []*Endpoint, tags []Tag, version uint64) (*Snapshot, error) {
	var check checker
	shape := check.structure(customers, endpoints)
	if err := check.refusal(); err != nil {
		return nil, err
	}
	s := &Snapshot{cfg: cfg, index: shape.index, tags: make(map[string]Tag, len(tags)), version: version}
	for _, t := range tags {
		s.tags[t.ID] = t
	}
	nodes := make([]*node, 0, len(customers)+len(endpoints))
	for _, c := range customers {
		nodes = append(nodes, &node{id: c.ID, customer: c})
	}
	for _, e := range endpoints {
		nodes = append(nodes, &node{id: e.ID, endpoint: e})
	}
	for i, n := range nodes {
		n.parent = shape.parents[i]
		if n.parent >= 0 {
			nodes[n.parent].children = append(nodes[n.parent].children, int32(i))
		} else {
			s.roots = append(s.roots, int32(i))
		}
	}
	s.nodes = newNodeTable(nodes)
	if prev != nil {
		for _, n := range nodes {
			if j, ok := prev.index[n.id]; ok {
				old := prev.nodes.at(j)
				if old.customer == n.customer && old.endpoint == n.endpoint {
					n.env, n.compiledFrom, n.compiled, n.notes, n.subject = old.env, old.compiledFrom, old.compiled, old.notes, old.subject
				}
			}
		}
	}
	s.intern = map[internKey]*schedule.Compiled{}
	for _, r := range s.roots {
		s.refresh(r, false, true)
	}
	s.intern = nil
	return s, nil
}

// refresh brings node i up to date with its place in the tree, then does
// the same for its children when something they depend on changed: the zone
// they cascade from, the breadcrumb, the condition subject (endpoints).
// A schedule is recompiled only when its record or its environment changed;
// force rebuilds node i's condition subject and refreshes its children (used
// for the node a write changed); whole visits the whole subtree, as a build
// must. Nodes are replaced, never modified, so older
// snapshots keep theirs.
func (s *Snapshot) refresh(i int32, force, whole bool) {
	old := s.nodes.at(i)
	n := *old
	env := s.envFor(n.parent)
	n.depth = 1
	if n.parent >= 0 {
		n.depth = s.nodes.at(n.parent).depth + 1
	}
	if n.compiled == nil || env != n.env || n.compiledFrom != n.schedule() {
		n.setCompiled(env, n.schedule(), s.compile(n.schedule(), env))
	}
	if n.customer != nil {
		crumbs := s.breadcrumb(n.parent, n.customer.ID, n.customer.Name)
		if !slices.Equal(crumbs, n.customer.Breadcrumb) {
			c := *n.customer
			c.Breadcrumb = crumbs
			n.customer = &c
		}
		if force || n.subject == nil {
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
	s.nodes.set(i, &n)
	oldZone, _ := zoneOf(old)
	newZone, _ := n.compiled.Zone()
	changed := force || oldZone != newZone || n.subject != old.subject ||
		n.customer != nil && !slices.Equal(n.customer.Breadcrumb, old.customer.Breadcrumb)
	for _, ch := range n.children {
		if changed || whole {
			s.refresh(ch, false, whole)
		}
	}
}

// setCompiled installs a compiled schedule and the notes every answer of
// the node reports (a zone id that did not resolve).
func (n *node) setCompiled(env schedule.Env, from *Schedule, compiled *schedule.Compiled) {
	n.env, n.compiledFrom, n.compiled, n.notes = env, from, compiled, nil
	for _, p := range compiled.Problems() {
		if p.Code == CodeUnknownZone {
			n.notes = append(n.notes, n.id+": schedule."+p.Path+": "+p.Message)
		}
	}
}

type internKey struct {
	schedule string // the schedule's JSON
	env      schedule.Env
}

// compile compiles sched against env, sharing the result with an equal
// schedule compiled earlier in the same build.
func (s *Snapshot) compile(sched *Schedule, env schedule.Env) *schedule.Compiled {
	if s.intern == nil || sched == nil {
		return schedule.Compile(sched, env)
	}
	raw, err := json.Marshal(sched)
	if err != nil {
		return schedule.Compile(sched, env)
	}
	key := internKey{schedule: string(raw), env: env}
	if c, ok := s.intern[key]; ok {
		return c
	}
	c := schedule.Compile(sched, env)
	s.intern[key] = c
	return c
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
		chain = append(chain, CustomerBreadcrumb{ID: s.nodes.at(at).id, Name: s.nodes.at(at).name()})
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

// indexOr returns the index of id, or -1.
func (s *Snapshot) indexOr(id string) int32 {
	if i, ok := s.index[id]; ok {
		return i
	}
	return -1
}

func (s *Snapshot) lookup(id string) (int32, error) {
	i, ok := s.index[id]
	if !ok {
		return -1, &NotFoundError{ID: id}
	}
	return i, nil
}

// NotFoundError reports an id that is neither a customer nor an endpoint.
type NotFoundError struct{ ID string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("no customer or endpoint %q", e.ID) }

// Customer returns a copy of the stored customer (with its breadcrumb), or nil.
func (s *Snapshot) Customer(id string) *CustomerInfo {
	i, ok := s.index[id]
	if !ok || s.nodes.at(i).customer == nil {
		return nil
	}
	return s.nodes.at(i).customer.Clone()
}

// Endpoint returns a copy of the stored endpoint, or nil.
func (s *Snapshot) Endpoint(id string) *Endpoint {
	i, ok := s.index[id]
	if !ok || s.nodes.at(i).endpoint == nil {
		return nil
	}
	return s.nodes.at(i).endpoint.Clone()
}

// Tree returns a copy of the whole directory in file form, customers and
// endpoints in the order they were stored.
func (s *Snapshot) Tree() Tree {
	var t Tree
	for _, n := range s.nodes.all {
		if n.customer != nil {
			t.Customers = append(t.Customers, n.customer.Clone())
		} else {
			t.Endpoints = append(t.Endpoints, n.endpoint.Clone())
		}
	}
	for _, tag := range s.tags {
		t.Tags = append(t.Tags, tag)
	}
	sortTags(t.Tags)
	return t
}

// IDs returns every customer and endpoint id, parents before children.
func (s *Snapshot) IDs() []string {
	out := make([]string, 0, s.nodes.len())
	s.walk(func(i int32) { out = append(out, s.nodes.at(i).id) })
	return out
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
		children := s.nodes.at(i).children
		for k := len(children) - 1; k >= 0; k-- {
			stack = append(stack, children[k])
		}
	}
}

// Problems returns the compile problems of a node's schedule, paths
// starting at "schedule".
func (s *Snapshot) Problems(id string) (Problems, error) {
	i, err := s.lookup(id)
	if err != nil {
		return nil, err
	}
	return s.nodes.at(i).compiled.Problems().WithPrefix("schedule"), nil
}

// EffectiveSchedule is the schedule that decides for a node (the API's
// GetInheritedSchedule): the node's own, or the nearest ancestor's when it
// inherits, with the zone it is evaluated in.
type EffectiveSchedule struct {
	NodeID     string    `json:"nodeId"`
	TimeZoneID string    `json:"timeZoneId"`
	Schedule   *Schedule `json:"schedule,omitempty"`
}

// EffectiveSchedule returns the schedule that decides for id.
func (s *Snapshot) EffectiveSchedule(id string) (EffectiveSchedule, error) {
	i, err := s.lookup(id)
	if err != nil {
		return EffectiveSchedule{}, err
	}
	for {
		n := s.nodes.at(i)
		if n.compiled.Inherits() && !n.compiled.ForceClosed() && n.parent >= 0 {
			i = n.parent
			continue
		}
		_, zoneID := n.compiled.Zone()
		return EffectiveSchedule{NodeID: n.id, TimeZoneID: zoneID, Schedule: n.schedule().Clone()}, nil
	}
}
