package condition

import (
	"slices"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// variable identifies one name of the environment; a program records the set
// it references as a bit mask so Eval fills only those fields.
type variable uint16

const (
	varNow variable = 1 << iota
	varDate
	varTime
	varYear
	varMonth
	varDay
	varHour
	varMinute
	varSecond
	varWeekday
	varDayOfYear
	varCustomer
	varData
	varParentState
)

// variables maps every top-level name to its bit and to the finest calendar
// unit its value changes with. The order is the one error messages list.
var variables = []struct {
	name        string
	bit         variable
	granularity Granularity
}{
	{"now", varNow, Second},
	{"date", varDate, Day},
	{"time", varTime, Minute},
	{"year", varYear, Year},
	{"month", varMonth, Month},
	{"day", varDay, Day},
	{"hour", varHour, Hour},
	{"minute", varMinute, Minute},
	{"second", varSecond, Second},
	{"weekday", varWeekday, Day},
	{"dayOfYear", varDayOfYear, Day},
	{"customer", varCustomer, Never},
	{"data", varData, Never},
	{"parentState", varParentState, Never},
}

// customerFields are the names customer.* may use.
var customerFields = []string{"id", "name", "referenceId", "tags"}

// allowedBuiltins are the expr builtins conditions may call. The others are
// left out because they do not belong in a condition or because they let a
// short text build an enormous value:
//
//   - reduce: #acc + #acc doubles a value per element;
//   - repeat, replace, join, split, splitAfter, toJSON, fromJSON, toBase64,
//     fromBase64: each multiplies the size of its input (replace(s, "", s)
//     squares it; split then join or string re-grows it), so a chain of them
//     exhausts memory before expr's memory budget, which counts elements
//     rather than bytes, notices;
//   - now, date, timezone: they read the machine's clock and zone, which a
//     condition must take from its Input (now, date are variables instead).
//
// true marks predicate builtins: those that take a body evaluated per element.
var allowedBuiltins = map[string]bool{
	"all": true, "none": true, "any": true, "one": true, "filter": true, "map": true,
	"find": true, "findIndex": true, "findLast": true, "findLastIndex": true,
	"count": true, "sum": true, "groupBy": true, "sortBy": true,

	"len": false, "type": false, "abs": false, "ceil": false, "floor": false, "round": false,
	"int": false, "float": false, "string": false, "trim": false, "trimPrefix": false,
	"trimSuffix": false, "upper": false, "lower": false, "indexOf": false, "lastIndexOf": false,
	"hasPrefix": false, "hasSuffix": false, "max": false, "min": false, "mean": false,
	"median": false, "duration": false, "first": false, "last": false, "get": false,
	"take": false, "keys": false, "values": false, "toPairs": false, "fromPairs": false,
	"reverse": false, "uniq": false, "concat": false, "flatten": false, "sort": false,
	"bitand": false, "bitor": false, "bitxor": false, "bitnand": false, "bitshl": false,
	"bitshr": false, "bitushr": false, "bitnot": false,
}

// analysis is what Compile learns from the AST besides its validity.
type analysis struct {
	uses        variable
	granularity Granularity
	nodes       int
}

// inspect enforces the limits that need the parsed tree: the node count, no
// ranges, no let, no nested predicates, and only known names. When several
// problems exist it reports the node count first, then the one earliest in
// the text.
func inspect(text string, tree *parser.Tree) (analysis, *Error) {
	walker := &inspector{}
	ast.Walk(&tree.Node, walker)
	if walker.nodes > MaxNodes {
		return analysis{}, newError(CodeTooManyNodes, -1,
			"the condition has %d parts (names, literals, operators); at most %d are allowed", walker.nodes, MaxNodes)
	}
	for _, outer := range walker.predicates {
		for i := range outer.Arguments {
			inner := ast.Find(outer.Arguments[i], isPredicateCall)
			if inner != nil {
				walker.report(inner, newError(CodeNestedPredicate, 0,
					"%s(...) is used inside the arguments of %s(...); predicates (all, any, map, filter, ...) cannot be nested",
					inner.(*ast.BuiltinNode).Name, outer.Name))
			}
		}
	}
	for _, unknown := range walker.unknownIdentifiers {
		if slices.Contains(walker.callees, unknown) {
			walker.report(unknown, newError(CodeUnknownName, 0,
				"unknown function %q; known functions: %s", unknown.Value, knownFunctions()))
		} else {
			walker.report(unknown, newError(CodeUnknownName, 0,
				"unknown name %q; known names: %s", unknown.Value, knownNames()))
		}
	}
	if walker.problem != nil {
		walker.problem.Pos = runeToByte(text, walker.problemAt)
		return analysis{}, walker.problem
	}
	result := analysis{uses: walker.uses, nodes: walker.nodes}
	for _, v := range variables {
		if walker.uses&v.bit != 0 {
			result.granularity = max(result.granularity, v.granularity)
		}
	}
	return result, nil
}

// inspector is the ast.Visitor behind inspect. ast.Walk visits children
// before their parent.
type inspector struct {
	nodes              int
	pluses             int
	uses               variable
	predicates         []*ast.BuiltinNode
	unknownIdentifiers []*ast.IdentifierNode
	callees            []*ast.IdentifierNode
	problem            *Error
	problemAt          int // rune index of problem, as expr locates nodes
}

func (w *inspector) Visit(node *ast.Node) {
	w.nodes++
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		if bit, ok := variableBit(n.Value); ok {
			w.uses |= bit
		} else {
			w.unknownIdentifiers = append(w.unknownIdentifiers, n)
		}
	case *ast.CallNode:
		if callee, ok := n.Callee.(*ast.IdentifierNode); ok {
			w.callees = append(w.callees, callee)
		}
	case *ast.MemberNode:
		if base, ok := n.Node.(*ast.IdentifierNode); ok && base.Value == "customer" {
			if field, ok := n.Property.(*ast.StringNode); ok && !slices.Contains(customerFields, field.Value) {
				w.report(n.Property, newError(CodeUnknownName, 0,
					"customer has no field %q; known fields: customer.%s", field.Value,
					strings.Join(customerFields, ", customer.")))
			}
		}
	case *ast.BinaryNode:
		if n.Operator == ".." {
			w.report(n, newError(CodeRangeNotAllowed, 0,
				"ranges (a..b) are not allowed in conditions; compare with >= and <= instead"))
		}
		// "+" may join strings: a chain of them over customer data allocates
		// the sum of the growing prefixes on every evaluation, so only a few
		// are allowed unless both sides are literals.
		if n.Operator == "+" && !isConstant(n) {
			w.pluses++
			if w.pluses == MaxPlus+1 {
				w.report(n, newError(CodeTooManyNodes, 0,
					"at most %d + operations on variables are allowed in a condition", MaxPlus))
			}
		}
	case *ast.VariableDeclaratorNode:
		w.report(n, newError(CodeSyntax, 0, "let declarations are not allowed in conditions"))
	case *ast.BuiltinNode:
		predicate, allowed := allowedBuiltins[n.Name]
		switch {
		case !allowed:
			w.report(n, newError(CodeUnknownName, 0,
				"unknown function %q; known functions: %s", n.Name, knownFunctions()))
		case predicate && isPredicateCall(n):
			w.predicates = append(w.predicates, n)
		}
	}
}

// report keeps the problem earliest in the text.
func (w *inspector) report(node ast.Node, problem *Error) {
	at := node.Location().From
	if w.problem == nil || at < w.problemAt {
		w.problem, w.problemAt = problem, at
	}
}

// isConstant reports whether node is built from literals alone (such as
// "a" + "b" + "c"). The tree is small and shallow: Compile has already
// enforced MaxDepth and, before inspection ends, MaxNodes.
func isConstant(node ast.Node) bool {
	switch n := node.(type) {
	case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NilNode:
		return true
	case *ast.BinaryNode:
		return isConstant(n.Left) && isConstant(n.Right)
	case *ast.UnaryNode:
		return isConstant(n.Node)
	}
	return false
}

// isPredicateCall reports whether node is a builtin call with a body
// evaluated per element, such as all(list, # > 1) or map(list, #.x).
func isPredicateCall(node ast.Node) bool {
	call, ok := node.(*ast.BuiltinNode)
	if !ok {
		return false
	}
	for _, argument := range call.Arguments {
		if _, ok := argument.(*ast.PredicateNode); ok {
			return true
		}
	}
	return false
}

func variableBit(name string) (variable, bool) {
	for _, v := range variables {
		if v.name == name {
			return v.bit, true
		}
	}
	return 0, false
}

// knownNames lists the variables as a condition writes them.
func knownNames() string {
	names := make([]string, 0, len(variables)+len(customerFields))
	for _, v := range variables {
		if v.bit == varCustomer {
			for _, field := range customerFields {
				names = append(names, "customer."+field)
			}
			continue
		}
		names = append(names, v.name)
	}
	return strings.Join(names, ", ")
}

// knownFunctions lists the allowed builtins alphabetically.
func knownFunctions() string {
	names := make([]string, 0, len(allowedBuiltins))
	for name := range allowedBuiltins {
		names = append(names, name)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
