package voicesched

import (
	"fmt"
	"sort"
	"strings"

	"github.com/voicesched/voicesched/internal/suggest"
)

// NodeRef names a node for people: its id and its name (empty when it has
// none).
type NodeRef struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

func (r NodeRef) String() string {
	if r.Name == "" {
		return r.ID
	}
	return fmt.Sprintf("%s %q", r.ID, r.Name)
}

// LookupError reports a query Find could not turn into one node: it names
// none (Suggestions holds up to three nodes it may have meant), or it is the
// name or referenceId of several (Ambiguous lists them). A query that names
// none unwraps to a *NotFoundError.
type LookupError struct {
	Query       string
	Suggestions []NodeRef
	Ambiguous   []NodeRef
}

// maxSuggestions bounds the "did you mean" list of a LookupError.
const maxSuggestions = 3

func (e *LookupError) Error() string {
	if len(e.Ambiguous) > 0 {
		return fmt.Sprintf("%q names %d nodes (%s); give the id", e.Query, len(e.Ambiguous), joinRefs(e.Ambiguous, ", "))
	}
	msg := fmt.Sprintf("no customer or endpoint has the id, name or referenceId %q", e.Query)
	if len(e.Suggestions) > 0 {
		msg += " (did you mean " + joinRefs(e.Suggestions, " or ") + "?)"
	}
	return msg
}

// Unwrap makes a query that names no node a *NotFoundError.
func (e *LookupError) Unwrap() error {
	if len(e.Ambiguous) > 0 {
		return nil
	}
	return &NotFoundError{ID: e.Query}
}

func joinRefs(refs []NodeRef, sep string) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = r.String()
	}
	return strings.Join(parts, sep)
}

// Find returns the id of the node a person means by query: a customer or
// endpoint with that id; else the one node whose name or a customer's
// referenceId is exactly query; else the one whose name or referenceId is
// query in another letter case. A query that names several nodes, or none,
// is a *LookupError; for none it suggests up to three nodes whose id, name
// or referenceId is a few edits away or contains the query, nearest first.
//
// An id is found in constant time; a name or referenceId costs a pass over
// the snapshot, which suits a person at a prompt, not a hot path.
func (s *Snapshot) Find(query string) (string, error) {
	if _, ok := s.index.lookup(query); ok {
		return query, nil
	}
	trimmed := strings.TrimSpace(query)
	if _, ok := s.index.lookup(trimmed); ok && trimmed != "" {
		return trimmed, nil
	}
	if trimmed == "" {
		return "", &LookupError{Query: query}
	}
	var exact, folded []int32
	for i, n := range s.nodes.all {
		name, ref := n.name(), n.referenceID()
		switch {
		case name == trimmed || ref == trimmed:
			exact = append(exact, i)
		case strings.EqualFold(name, trimmed) || strings.EqualFold(ref, trimmed):
			folded = append(folded, i)
		}
	}
	for _, found := range [][]int32{exact, folded} {
		switch {
		case len(found) == 1:
			return s.nodes.at(found[0]).id(), nil
		case len(found) > 1:
			return "", &LookupError{Query: query, Ambiguous: s.refs(found)}
		}
	}
	return "", &LookupError{Query: query, Suggestions: s.suggest(trimmed)}
}

func (s *Snapshot) refs(indexes []int32) []NodeRef {
	out := make([]NodeRef, len(indexes))
	for k, i := range indexes {
		n := s.nodes.at(i)
		out[k] = NodeRef{ID: n.id(), Name: n.name()}
	}
	return out
}

// suggest ranks the nodes query may have meant: those with an id, name or
// referenceId within suggest.Close's distance, nearest first, then those
// whose name or id contains query (ignoring case); ties keep the stored
// order.
func (s *Snapshot) suggest(query string) []NodeRef {
	type candidate struct {
		index    int32
		distance int
	}
	const containsDistance = 1 << 20 // after every near spelling
	folded := strings.ToLower(query)
	var found []candidate
	for i, n := range s.nodes.all {
		best := -1
		for _, word := range [...]string{n.id(), n.name(), n.referenceID()} {
			if d, ok := suggest.Close(query, word); ok && (best < 0 || d < best) {
				best = d
			}
		}
		if best < 0 && len(folded) >= 3 &&
			(strings.Contains(strings.ToLower(n.name()), folded) || strings.Contains(strings.ToLower(n.id()), folded)) {
			best = containsDistance
		}
		if best >= 0 {
			found = append(found, candidate{i, best})
		}
	}
	sort.SliceStable(found, func(a, b int) bool { return found[a].distance < found[b].distance })
	indexes := make([]int32, 0, maxSuggestions)
	for _, c := range found[:min(len(found), maxSuggestions)] {
		indexes = append(indexes, c.index)
	}
	return s.refs(indexes)
}

// referenceID is a customer's referenceId (endpoints have none).
func (n *node) referenceID() string {
	if n.customer != nil {
		return n.customer.ReferenceID
	}
	return ""
}
