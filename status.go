package voicesched

import "time"

// NodeKind says whether a node is a customer or an endpoint.
type NodeKind string

// The kinds of node.
const (
	KindCustomer NodeKind = "customer"
	KindEndpoint NodeKind = "endpoint"
)

// NodeState is one node of a Status listing: who it is, where it hangs in
// the tree, and its answer.
type NodeState struct {
	ID       string
	Name     string
	ParentID string // "" for a root
	Kind     NodeKind
	// Depth is 0 for the top of the listing (a root, or the node Status
	// was asked about), one more for each level below.
	Depth  int
	Answer Answer
}

// Status answers for every node of the subtree under id at t — the whole
// directory when id is "" — in tree order: each node right before its
// children, siblings in the order they were stored. Each answer is the one
// Evaluate gives for the node; a node that inherits or reads its parent's
// state reuses the parent's answer, so the whole tree costs one evaluation
// a node.
func (s *Snapshot) Status(id string, t time.Time) ([]NodeState, error) {
	type pending struct {
		index     int32
		parentPos int // position of the parent's entry in out, -1 for the top
		depth     int
	}
	var stack []pending
	capacity := s.nodes.len()
	if id == "" {
		for k := len(s.roots) - 1; k >= 0; k-- {
			stack = append(stack, pending{s.roots[k], -1, 0})
		}
	} else {
		i, err := s.lookup(id)
		if err != nil {
			return nil, err
		}
		stack = append(stack, pending{i, -1, 0})
		capacity = 16
	}
	out := make([]NodeState, 0, capacity)
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := s.nodes.at(p.index)
		entry := NodeState{ID: n.id(), Name: n.name(), Kind: KindCustomer, Depth: p.depth}
		if n.endpoint != nil {
			entry.Kind = KindEndpoint
		}
		if n.parent >= 0 {
			entry.ParentID = s.nodes.at(n.parent).id()
		}
		if p.parentPos < 0 {
			s.answerTo(&entry.Answer, p.index, t, false)
		} else {
			s.answerBelow(&entry.Answer, n, t, &out[p.parentPos].Answer)
		}
		out = append(out, entry)
		pos := len(out) - 1
		for k := len(n.children()) - 1; k >= 0; k-- {
			stack = append(stack, pending{n.children()[k], pos, p.depth + 1})
		}
	}
	return out, nil
}

// AppendJSON appends n as one object of the status listing (the public
// shape of "voicesched status --format json"): id, name, parentId, kind,
// stateName, reason, nodeId, ruleId, ruleName, flowId, timeZoneId, every
// member always present, "" when there is nothing to say (a root's
// parentId, the rule members when no rule decided).
func (n *NodeState) AppendJSON(dst []byte) []byte {
	var ruleID, ruleName, flowID string
	if rule := n.Answer.Rule; rule != nil && rule.SchedulingRule != nil {
		ruleID, ruleName, flowID = rule.ID, rule.Name, rule.FlowID
	}
	w := objectWriter{dst: append(dst, '{')}
	for _, m := range [...]struct{ name, value string }{
		{"id", n.ID}, {"name", n.Name}, {"parentId", n.ParentID}, {"kind", string(n.Kind)},
		{"stateName", n.Answer.StateName}, {"reason", string(n.Answer.Reason)}, {"nodeId", n.Answer.NodeID},
		{"ruleId", ruleID}, {"ruleName", ruleName}, {"flowId", flowID}, {"timeZoneId", n.Answer.TimeZoneID},
	} {
		w.member(m.name)
		w.dst = appendJSONString(w.dst, m.value)
	}
	return append(w.dst, '}')
}

// MarshalJSON encodes n as AppendJSON does.
func (n NodeState) MarshalJSON() ([]byte, error) { return n.AppendJSON(nil), nil }
