package voicesched

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/voicesched/voicesched/schedule"
)

// Engine holds a directory of customers and endpoints and answers questions
// about their states. Reads (Snapshot, Evaluate, …) never wait for writers
// and always see one consistent version of the whole tree; writes (Load,
// PutCustomer, Patch, …) are serialised and publish a new version whole.
type Engine struct {
	cfg      config
	current  atomic.Pointer[Snapshot]
	writeMux sync.Mutex
}

// New returns an empty engine.
func New(opts ...Option) *Engine {
	e := &Engine{cfg: newConfig(opts)}
	s, _ := build(&e.cfg, nil, nil, nil, 0)
	e.current.Store(s)
	return e
}

// Err reports an option New could not apply (an *OptionError), or nil.
// While it is not nil every write (Load, PutCustomer, PutEndpoint, Patch,
// RemoveCustomer, RemoveEndpoint) returns it and changes nothing.
func (e *Engine) Err() error { return e.cfg.err }

// Snapshot returns the current version of the directory. Hold on to it to
// ask several questions of one consistent tree.
func (e *Engine) Snapshot() *Snapshot { return e.current.Load() }

// Load replaces the whole directory with tree. The tree is copied; on error
// nothing changes.
func (e *Engine) Load(tree Tree) error {
	if e.cfg.err != nil {
		return e.cfg.err
	}
	// Checked before copying: copying data that contains itself would
	// never end. The tree's shape is checked by build.
	var check checker
	check.treeSizes(tree)
	if err := check.refusal(); err != nil {
		return err
	}
	// Equal schedules are copied once and shared (a tree provisioned from
	// templates holds thousands of each); ids and names are copied into an
	// arena and endpoints into one array: at a million nodes, a heap object
	// each would cost a third more. (A record's parent id shares its
	// parent's id, set by the build.)
	copies := newScheduleCopier()
	var strs stringArena
	customers := make([]*CustomerInfo, len(tree.Customers))
	for i, c := range tree.Customers {
		if c != nil {
			record := *c
			record.Schedule = nil
			customers[i] = record.Clone()
			customers[i].ID, customers[i].Name = strs.copy(c.ID), strs.copy(c.Name)
			customers[i].Schedule = copies.copy(c.Schedule)
		}
	}
	endpoints := make([]*Endpoint, len(tree.Endpoints))
	records := make([]Endpoint, len(tree.Endpoints))
	for i, ep := range tree.Endpoints {
		if ep != nil {
			records[i] = Endpoint{ID: strs.copy(ep.ID), Name: strs.copy(ep.Name), CustomerID: ep.CustomerID, Schedule: copies.copy(ep.Schedule)}
			endpoints[i] = &records[i]
		}
	}
	tags := append([]Tag(nil), tree.Tags...)
	e.writeMux.Lock()
	defer e.writeMux.Unlock()
	s, err := buildOwned(&e.cfg, customers, endpoints, tags, e.current.Load().version+1)
	if err != nil {
		return err
	}
	e.current.Store(s)
	return nil
}

// rebuild makes a new snapshot from s's records with edit applied to copies
// of the record lists; used by writes that add or remove nodes.
func (e *Engine) rebuild(s *Snapshot, edit func(customers *[]*CustomerInfo, endpoints *[]*Endpoint, tags *[]Tag) error) (*Snapshot, error) {
	var customers []*CustomerInfo
	var endpoints []*Endpoint
	for _, n := range s.nodes.all {
		if n.customer != nil {
			customers = append(customers, n.customer)
		} else {
			endpoints = append(endpoints, n.endpoint)
		}
	}
	tags := make([]Tag, 0, len(s.tags))
	for _, t := range s.tags {
		tags = append(tags, t)
	}
	sortTags(tags)
	if err := edit(&customers, &endpoints, &tags); err != nil {
		return nil, err
	}
	return buildFrom(s, &e.cfg, customers, endpoints, tags, s.version+1)
}

// refuseRecord is what a write of one record checks before copying it:
// the engine's options, then the record's data and flow parameters
// (copying data that contains itself would never end).
func (e *Engine) refuseRecord(data Struct, sched *Schedule) error {
	if e.cfg.err != nil {
		return e.cfg.err
	}
	var check checker
	check.records("", data, sched)
	return check.refusal()
}

// PutCustomer adds c, or replaces the stored customer with the same id
// (moving it when its parent changes). c is copied and its breadcrumb
// recomputed; only what depends on it is recompiled. Only the tree's shape
// is checked (parent exists, no loop, depth): a schedule with errors is
// stored, and its broken rules never match — use ValidateCustomer or Patch
// to refuse them. On error nothing changes.
func (e *Engine) PutCustomer(c *CustomerInfo) error {
	if c == nil {
		return fmt.Errorf("put customer: nil customer")
	}
	if err := e.refuseRecord(c.Data, c.Schedule); err != nil {
		return err
	}
	c = c.Clone()
	// Compiled outside the write lock (see Patch); used if still current.
	var pre *precompiled
	before := e.current.Load()
	if parent, ok := before.placeUnder(&checker{}, before.indexOr(c.ID), c.ID, c.ParentCustomerID); ok {
		env := before.envFor(parent)
		pre = &precompiled{schedule: c.Schedule, env: env, compiled: schedule.Compile(c.Schedule, env)}
	}
	e.writeMux.Lock()
	defer e.writeMux.Unlock()
	next, err := e.current.Load().put(c, pre)
	if err != nil {
		return err
	}
	e.current.Store(next)
	return nil
}

// RemoveCustomer removes a customer that has no children and no endpoints.
func (e *Engine) RemoveCustomer(id string) error {
	return e.remove(id, true)
}

// RemoveEndpoint removes an endpoint.
func (e *Engine) RemoveEndpoint(id string) error {
	return e.remove(id, false)
}

func (e *Engine) remove(id string, customer bool) error {
	if e.cfg.err != nil {
		return e.cfg.err
	}
	e.writeMux.Lock()
	defer e.writeMux.Unlock()
	s := e.current.Load()
	i, ok := s.index.lookup(id)
	if !ok || (s.nodes.at(i).customer != nil) != customer {
		return &NotFoundError{ID: id}
	}
	if len(s.nodes.at(i).children()) > 0 {
		return fmt.Errorf("remove %q: it still has %d children or endpoints; move or remove them first", id, len(s.nodes.at(i).children()))
	}
	next, err := e.rebuild(s, func(customers *[]*CustomerInfo, endpoints *[]*Endpoint, _ *[]Tag) error {
		if customer {
			*customers = deleteWhere(*customers, func(c *CustomerInfo) bool { return c.ID == id })
		} else {
			*endpoints = deleteWhere(*endpoints, func(ep *Endpoint) bool { return ep.ID == id })
		}
		return nil
	})
	if err != nil {
		return err
	}
	e.current.Store(next)
	return nil
}

func deleteWhere[T any](list []T, match func(T) bool) []T {
	out := make([]T, 0, len(list))
	for _, v := range list {
		if !match(v) {
			out = append(out, v)
		}
	}
	return out
}

// PutEndpoint adds ep, or replaces the stored endpoint with the same id
// (moving it when its customer changes). ep is copied; only the endpoint,
// and its customers' condition subjects when its conditions need one, are
// refreshed, so the cost does not grow with the tree. The checks are the
// tree's: a good id that is not a customer's, and a customer to belong to
// within the depth limit. On error nothing changes.
func (e *Engine) PutEndpoint(ep *Endpoint) error {
	if ep == nil {
		return fmt.Errorf("put endpoint: nil endpoint")
	}
	if err := e.refuseRecord(nil, ep.Schedule); err != nil {
		return err
	}
	ep = ep.Clone()
	e.writeMux.Lock()
	defer e.writeMux.Unlock()
	next, err := e.current.Load().putEndpoint(ep)
	if err != nil {
		return err
	}
	e.current.Store(next)
	return nil
}

// putEndpoint adds or replaces endpoint record ep (owned by the caller) in
// a new snapshot.
func (s *Snapshot) putEndpoint(ep *Endpoint) (*Snapshot, error) {
	var check checker
	check.id("id", ep.ID, false)
	check.id("customerId", ep.CustomerID, true)
	if check.failed() {
		return nil, check.refusal()
	}
	i, exists := s.index.lookup(ep.ID)
	if exists && s.nodes.at(i).endpoint == nil {
		check.errorf("id", CodeDuplicateID, "id %q is a customer's", ep.ID)
	}
	parent, found := int32(-1), false
	if ep.CustomerID != "" {
		parent, found = s.index.lookup(ep.CustomerID)
	}
	if check.parentCustomer("customerId", ep.CustomerID, true, found, found && s.nodes.at(parent).customer != nil) &&
		s.nodes.at(parent).depth+1 > MaxDepth {
		check.errorf("customerId", CodeTooDeep, "placing it under %q would make the tree %d levels deep; at most %d are allowed",
			ep.CustomerID, s.nodes.at(parent).depth+1, MaxDepth)
	}
	if err := check.refusal(); err != nil {
		return nil, err
	}
	next := s.clone()
	if !exists {
		// The id is new: insert appends it as the node add appends.
		next.index = s.index.clone()
		next.index.insert(ep.ID)
		i = next.nodes.add(&node{endpoint: ep, parent: -1})
	}
	n := *next.nodes.at(i)
	oldParent := n.parent
	n.endpoint, n.compiledFrom, n.compiled = ep, nil, nil
	// (A new endpoint comes with parent -1 and is in no list yet, so the
	// roots lose nothing.)
	next.move(i, &n, parent)
	next.nodes.set(i, &n)
	// A customer keeps a condition subject only while its schedule or one
	// of its endpoints' has a condition: the customers the endpoint leaves
	// and joins may gain or lose theirs (and pass it to their endpoints).
	if oldParent >= 0 && oldParent != parent {
		next.refresh(oldParent, refreshIfChanged, false)
	}
	next.refresh(parent, refreshIfChanged, false)
	next.refresh(i, refreshWritten, true)
	return next, nil
}

// PutTag adds or replaces a tag known to the directory (patches resolve
// tagIds against these).
func (e *Engine) PutTag(t Tag) {
	e.writeMux.Lock()
	defer e.writeMux.Unlock()
	s := e.current.Load().clone()
	s.tags = make(map[string]Tag, len(s.tags)+1)
	for k, v := range e.current.Load().tags {
		s.tags[k] = v
	}
	s.tags[t.ID] = t
	e.current.Store(s)
}

// put adds or replaces customer record c (owned by the caller) in a new
// snapshot, recompiling only what depends on it.
func (s *Snapshot) put(c *CustomerInfo, pre *precompiled) (*Snapshot, error) {
	var check checker
	i, newParent, _ := s.place(&check, c)
	if err := check.refusal(); err != nil {
		return nil, err
	}
	next := s.clone()
	if i < 0 {
		// place has checked that c.ID is new, so insert appends it as the
		// node add appends.
		next.index = s.index.clone()
		next.index.insert(c.ID)
		i = next.nodes.add(&node{customer: c, parent: -1})
		next.roots = append(slices.Clone(s.roots), i)
	}
	env := next.envFor(newParent)
	compiled := (*schedule.Compiled)(nil)
	if pre != nil && pre.schedule == c.Schedule && pre.env == env {
		compiled = pre.compiled
	} else {
		compiled = schedule.Compile(c.Schedule, env)
	}
	next.replace(i, c, newParent, env, compiled)
	return next, nil
}
