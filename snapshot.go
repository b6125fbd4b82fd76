package voicesched

import (
	"slices"
	"sort"
)

// Snapshot is one consistent, immutable version of the whole directory.
// Every read of a Snapshot sees the same tree, whatever writers do meanwhile.
type Snapshot struct {
	// intern shares one compiled schedule between nodes whose schedules
	// are equal, while a snapshot is built from scratch (a tree loaded from
	// a template-heavy provisioning system holds many identical schedules).
	// It is dropped when the build ends, so nothing outlives the snapshot.
	intern  *interner
	cfg     *config
	index   idIndex
	nodes   nodeTable
	roots   []int32
	tags    map[string]Tag
	version uint64
}

// Version increases by one with every successful write.
func (s *Snapshot) Version() uint64 { return s.version }

// Len returns the number of customers and endpoints.
func (s *Snapshot) Len() int { return s.nodes.len() }

// indexOr returns the index of id, or -1.
func (s *Snapshot) indexOr(id string) int32 {
	if i, ok := s.index.lookup(id); ok {
		return i
	}
	return -1
}

func (s *Snapshot) lookup(id string) (int32, error) {
	i, ok := s.index.lookup(id)
	if !ok {
		return -1, &NotFoundError{ID: id}
	}
	return i, nil
}

// Customer returns a copy of the stored customer (with its breadcrumb), or nil.
func (s *Snapshot) Customer(id string) *CustomerInfo {
	i, ok := s.index.lookup(id)
	if !ok || s.nodes.at(i).customer == nil {
		return nil
	}
	return s.nodes.at(i).customer.Clone()
}

// Endpoint returns a copy of the stored endpoint, or nil.
func (s *Snapshot) Endpoint(id string) *Endpoint {
	i, ok := s.index.lookup(id)
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
	s.walk(func(i int32) { out = append(out, s.nodes.at(i).id()) })
	return out
}

// Problems returns the problems of a node's schedule as it sits in the
// tree — its compile and lint problems, and CustomerState rules following a
// state its parent never has — paths starting at "schedule".
func (s *Snapshot) Problems(id string) (Problems, error) {
	i, err := s.lookup(id)
	if err != nil {
		return nil, err
	}
	n := s.nodes.at(i)
	problems := slices.Concat(n.compiled.Problems(), s.parentStateProblems(n.compiled, n.parent, stateMemo{}))
	return problems.WithPrefix("schedule"), nil
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
		if n.inheritsParent() {
			i = n.parent
			continue
		}
		_, zoneID := n.compiled.Zone()
		return EffectiveSchedule{NodeID: n.id(), TimeZoneID: zoneID, Schedule: n.schedule().Clone()}, nil
	}
}

func sortTags(tags []Tag) {
	sort.Slice(tags, func(a, b int) bool { return tags[a].ID < tags[b].ID })
}
