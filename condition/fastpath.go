package condition

import (
	"fmt"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm/runtime"
)

// The two lookups conditions make most, a tag test and a data key, go through
// reflection in expr (runtime.In and runtime.Fetch), which also allocates a
// copy of every value it reads from a map. Compile rewrites them, after the
// limits and names are checked and before types are, into calls of the plain
// Go functions below:
//
//	x in customer.tags   ->  hasTag(x, customer)
//	data.plan            ->  dataKey(data, "plan")      (also data["plan"])
//	data.plan.tier       ->  dataKey(dataKey(data, "plan"), "tier")
//
// The functions live in the environment (every evaluation state's map holds
// them from its creation) rather than in expr's function table, because expr
// calls an environment function whose signature it knows, such as
// func(any, any) bool, directly from its stack; a function-table call first
// copies its arguments into a freshly allocated slice.
//
// The names are internal: a condition that writes them itself is rejected as
// unknown before the rewrite runs. Semantics are expr's own: a missing key is
// nil, and a value that is not a map[string]any goes to expr's runtime, so its
// errors are unchanged. Failures panic, as expr's runtime does; the VM turns
// the panic into an error located at the rewritten expression.
const (
	hasTagFunction  = "hasTag"
	dataKeyFunction = "dataKey"
)

// hasTag is `needle in customer.tags`. It takes the whole customer so that
// reading the tags is a type assertion rather than a reflective field fetch.
// Like expr, it is false for nil and an error for a needle that cannot be a
// tag name.
func hasTag(needle, customer any) bool {
	view, _ := customer.(customerView)
	switch name := needle.(type) {
	case string:
		return view.Tags[name]
	case nil:
		return false
	default:
		panic(fmt.Errorf("cannot look for %T in customer.tags: tags are strings", needle))
	}
}

// dataKey is `object.key` for data: a map lookup for the plain maps data is
// made of (a missing key is nil), expr's reflective fetch for anything else.
func dataKey(object, key any) any {
	if plain, ok := object.(map[string]any); ok {
		if name, ok := key.(string); ok {
			return plain[name]
		}
	}
	return runtime.Fetch(object, key)
}

// rewriter is the ast.Visitor that performs the rewrite. ast.Walk visits
// children first, so in data.a.b the inner data.a is already a call when the
// outer member is seen, and chains rewrite bottom-up.
type rewriter struct{}

func (rewriter) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.BinaryNode:
		if n.Operator == "in" && isCustomerTags(n.Right) {
			replace(node, hasTagFunction, n.Left, n.Right.(*ast.MemberNode).Node)
		}
	case *ast.MemberNode:
		// Optional members (data?.a) keep expr's chain handling.
		if n.Optional || n.Method || !isDataRooted(n.Node) {
			return
		}
		if _, ok := n.Property.(*ast.StringNode); ok {
			replace(node, dataKeyFunction, n.Node, n.Property)
		}
	}
}

// replace swaps *node for a call of function on arguments, keeping the
// node's location so errors still point at the original text.
func replace(node *ast.Node, function string, arguments ...ast.Node) {
	location := (*node).Location()
	callee := &ast.IdentifierNode{Value: function}
	callee.SetLocation(location)
	call := &ast.CallNode{Callee: callee, Arguments: arguments}
	call.SetLocation(location)
	*node = call
}

// isCustomerTags reports whether node is customer.tags (or customer["tags"]).
func isCustomerTags(node ast.Node) bool {
	member, ok := node.(*ast.MemberNode)
	if !ok || member.Optional {
		return false
	}
	base, ok := member.Node.(*ast.IdentifierNode)
	property, isString := member.Property.(*ast.StringNode)
	return ok && isString && base.Value == "customer" && property.Value == "tags"
}

// isDataRooted reports whether node is data itself or an already rewritten
// lookup in it.
func isDataRooted(node ast.Node) bool {
	switch n := node.(type) {
	case *ast.IdentifierNode:
		return n.Value == "data"
	case *ast.CallNode:
		callee, ok := n.Callee.(*ast.IdentifierNode)
		return ok && callee.Value == dataKeyFunction
	}
	return false
}
