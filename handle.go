package voicesched

import "time"

// Handle is a node resolved once, for callers that ask about the same nodes
// again and again (a call router keeping its customers' handles): asking by
// handle skips the id lookup, which on a large tree costs more than the
// answer itself.
//
// A handle stays usable across versions of the directory. Asked of a
// snapshot where its node sits elsewhere (the tree was rebuilt after a
// removal) it falls back to the id; one whose id is gone gives a
// *NotFoundError, as the id would.
type Handle struct {
	id    string
	index int32
}

// ID returns the id the handle was made for.
func (h Handle) ID() string { return h.id }

// Lookup resolves id to a handle; the error is a *NotFoundError for an id
// that is neither a customer nor an endpoint.
func (s *Snapshot) Lookup(id string) (Handle, error) {
	i, err := s.lookup(id)
	if err != nil {
		return Handle{}, err
	}
	return Handle{id: s.index.id(i), index: i}, nil
}

// handleIndex returns h's node index in s. The id comparison is cheap when the
// handle came from s or a version sharing its id (the strings are one).
func (s *Snapshot) handleIndex(h Handle) (int32, error) {
	if h.index >= 0 && int(h.index) < s.nodes.len() && s.index.id(h.index) == h.id {
		return h.index, nil
	}
	return s.lookup(h.id)
}

// EvaluateHandle is EvaluateTo for a node resolved by Lookup.
func (s *Snapshot) EvaluateHandle(a *Answer, h Handle, t time.Time) error {
	i, err := s.handleIndex(h)
	if err != nil {
		*a = Answer{}
		return err
	}
	s.resolvedAnswer(a, i, t, true)
	return nil
}

// NextChangeHandle is NextChange for a node resolved by Lookup.
func (s *Snapshot) NextChangeHandle(h Handle, t time.Time) (Change, bool, error) {
	i, err := s.handleIndex(h)
	if err != nil {
		return Change{}, false, err
	}
	return s.nextChangeOf(i, t)
}
