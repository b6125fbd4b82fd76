package condition

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// Granularity is the finest calendar or clock unit a program's result can
// depend on, judged from the variables it references. A program of
// granularity Hour gives the same result for every instant within one wall
// clock hour of its zone (for a fixed subject and parent state), so a search
// for the next time a condition can flip on its own needs to look only at
// hour boundaries. Never means the result depends on no time variable at all
// (only customer.*, data, parentState). The values are ordered: a larger one
// is finer.
type Granularity int

// Granularities, coarsest first.
const (
	Never  Granularity = iota // only customer.*, data, parentState
	Year                      // year
	Month                     // month
	Day                       // date, day, weekday, dayOfYear
	Hour                      // hour
	Minute                    // minute, time
	Second                    // second, now
)

// String returns the unit's name ("never", "year", ... "second"), or
// "Granularity(n)" for a value outside the constants.
func (g Granularity) String() string {
	switch g {
	case Never:
		return "never"
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	case Hour:
		return "hour"
	case Minute:
		return "minute"
	case Second:
		return "second"
	}
	return fmt.Sprintf("Granularity(%d)", int(g))
}

// Program is a compiled condition. It is immutable after Compile and safe for
// concurrent use by any number of goroutines.
type Program struct {
	source   string
	bytecode *vm.Program
	analysis analysis
}

// states is the pool of evaluation states, shared by every program: a state
// holds no program's data, only a VM and the variables last written (see
// evalState), so any program can borrow any state.
var states = sync.Pool{New: newEvalState}

// Compile checks and compiles a condition.
//
// It enforces, in this order: the text limits (MaxLength bytes, MaxDepth
// nesting) before any parsing; then the syntax; then the tree limits
// (MaxNodes nodes, no ranges, no nested predicates, no let) and that every
// name is known; then the types, including that the result is a bool. The
// result may also be of unknown type (data.flag), in which case Eval checks
// the value. On failure the error is an *Error whose Code says which rule
// broke and whose Pos points at the offending byte. Compile never panics.
//
// Programs are shared: compiling a text that a live program was compiled from
// returns that program (see cache.go), so a tree of customers provisioned
// from templates keeps one program per distinct condition.
func Compile(text string) (*Program, error) {
	if p := cached(text); p != nil {
		return p, nil
	}
	p, err := compile(text)
	if err != nil {
		return nil, err
	}
	return remember(p), nil
}

func compile(text string) (program *Program, err error) {
	defer func() {
		// expr is not expected to panic past its own recovers; this keeps
		// Compile's promise if a future version does.
		if r := recover(); r != nil {
			program, err = nil, newError(CodeSyntax, -1, "the condition could not be compiled: %v", r)
		}
	}()

	if problem := checkText(text); problem != nil {
		return nil, problem
	}

	config := configs.Get().(*conf.Config)
	program, err = compileWith(text, config)
	configs.Put(config) // not reached when expr panicked: that configuration is dropped
	return program, err
}

// compileWith is compile with a configuration of its own.
func compileWith(text string, config *conf.Config) (*Program, error) {
	tree, parseErr := parser.ParseWithConfig(text, config)
	if parseErr != nil {
		return nil, fromExprError(CodeSyntax, text, parseErr)
	}
	facts, problem := inspect(text, tree)
	if problem != nil {
		return nil, problem
	}

	ast.Walk(&tree.Node, rewriter{})

	resultType, checkErr := checker.Check(tree, config)
	if checkErr != nil {
		return nil, fromExprError(CodeType, text, checkErr)
	}
	if kind := resultType.Kind(); kind != reflect.Bool && kind != reflect.Interface {
		return nil, newError(CodeNotBool, 0,
			"the condition must be true or false, but it gives a value of type %s", resultType)
	}

	if optimizeErr := optimizer.Optimize(&tree.Node, config); optimizeErr != nil {
		return nil, fromExprError(CodeType, text, optimizeErr)
	}
	bytecode, compileErr := compiler.Compile(tree, config)
	if compileErr != nil {
		return nil, fromExprError(CodeType, text, compileErr)
	}

	return &Program{source: text, bytecode: bytecode, analysis: facts}, nil
}

// configs pools expr configurations. expr caches type information in a
// configuration while it checks and compiles, so one may serve one
// compilation at a time; reusing it lets the programs compiled with it share
// that information (the type data of the environment's structs) instead of
// each keeping its own copy, which halves what a compiled condition keeps.
var configs = sync.Pool{New: func() any { return newConfig() }}

// newConfig returns expr's configuration for compiling: the typed
// environment, the allowed builtins, the default node limit (the pre-parse
// text limits keep the parser far below it), optimisation on. What
// configurations share, the builtin table, expr only reads. Building the
// configuration this way rather than with conf.New, which rebuilds a table of
// every builtin, halves the cost of a typical Compile.
func newConfig() *conf.Config {
	config := &conf.Config{
		Optimize:     true,
		ShortCircuit: true,
		MaxNodes:     conf.DefaultMaxNodes,
		Builtins:     builtinTable,
	}
	config.WithEnv(envShape())
	return config
}

// builtinTable holds expr's definitions of the allowed builtins. It is built
// once and only ever read.
var builtinTable = func() conf.FunctionsTable {
	table := make(conf.FunctionsTable, len(allowedBuiltins))
	for _, function := range builtin.Builtins {
		if _, ok := allowedBuiltins[function.Name]; ok {
			table[function.Name] = function
		}
	}
	return table
}()

// String returns the condition's source text, exactly as given to Compile.
func (p *Program) String() string { return p.source }

// Granularity returns the finest unit the program's result can depend on;
// see [Granularity]. It is Second when the program uses now, because now can
// be taken apart to any precision (now.Unix(), now.Nanosecond()).
func (p *Program) Granularity() Granularity { return p.analysis.granularity }

// Nodes returns the number of AST nodes of the condition (at most
// MaxNodes): a measure of what one evaluation costs.
func (p *Program) Nodes() int { return p.analysis.nodes }

// UsesParentState reports whether the program references parentState, so its
// result can change when the parent's state does.
func (p *Program) UsesParentState() bool { return p.analysis.uses&varParentState != 0 }

// Eval evaluates the condition for one input.
//
// It never panics. A failure during evaluation (ordering a missing data key
// as in data.missing > 3, comparing a string with a number, indexing past the
// end of a list, exceeding expr's memory budget) is returned as an *Error
// with Code [CodeRuntime]; a result that is not a bool (data.flag holding a
// string, or missing so that it is nil) as an *Error with Code [CodeNotBool].
// The result is false whenever the error is not nil.
func (p *Program) Eval(in Input) (result bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			result, err = false, newError(CodeRuntime, -1, "evaluation failed: %v", r)
		}
	}()

	state := states.Get().(*evalState)
	state.fill(in, p.analysis.uses)
	value, runErr := state.machine.Run(p.bytecode, state.env)
	states.Put(state)

	if runErr != nil {
		return false, fromExprError(CodeRuntime, p.source, runErr)
	}
	truth, ok := value.(bool)
	if !ok {
		return false, newError(CodeNotBool, -1,
			"the condition must give true or false, but it gave %s", describe(value))
	}
	return truth, nil
}

// describe names a value for an error message, briefly: it is on the error
// path of the hot path, so it never formats a whole collection.
func describe(value any) string {
	switch v := value.(type) {
	case nil:
		return "nil (a missing data key?)"
	case string:
		const longest = 40
		if len(v) > longest {
			return fmt.Sprintf("the string %q...", v[:longest])
		}
		return fmt.Sprintf("the string %q", v)
	case int, float64:
		return fmt.Sprintf("the number %v", v)
	default:
		return fmt.Sprintf("a value of type %T", v)
	}
}
