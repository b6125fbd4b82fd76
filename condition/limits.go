package condition

import (
	"errors"
	"io"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser/lexer"
)

// Limits on a condition, enforced by Compile (see the package documentation
// for why each exists).
const (
	// MaxLength is the longest condition text accepted, in bytes.
	MaxLength = 4096
	// MaxDepth is the deepest nesting accepted, counting brackets ( [ { and
	// unary operators - + ! not, each of which is one level of recursion in
	// expr's parser.
	MaxDepth = 64
	// MaxNodes is the most AST nodes a parsed condition may have.
	MaxNodes = 200
	// MaxPlus is the most + operations with a non-literal side: + joins
	// strings, and a chain of joins over customer data allocates the sum of
	// its growing prefixes on every evaluation.
	MaxPlus = 8
)

// checkText enforces the limits that must hold before expr's parser sees the
// text: its length and its nesting depth. expr's parser is recursive descent
// with no depth limit, so text nested a million deep overflows the goroutine
// stack, which kills the process (recover cannot catch it). This scan is a
// loop over expr's own lexer (which is iterative), so it sees strings,
// comments and operators exactly as the parser will, and it uses constant
// stack whatever the input.
//
// Depth model: every open bracket is one level below the level it appears
// at; a run of unary operators adds one level per operator until the operand
// they apply to ends (an identifier, literal, pointer or closing bracket).
// This over-approximates the parser's recursion, never under-approximates it.
func checkText(text string) *Error {
	if len(text) > MaxLength {
		return newError(CodeTooLong, MaxLength,
			"the condition is %d bytes long; at most %d bytes are allowed", len(text), MaxLength)
	}

	tokens := lexer.New()
	tokens.Reset(file.NewSource(text))

	// enclosing holds, for each open bracket, the depth outside it.
	var enclosing [MaxDepth + 1]int
	open := 0     // brackets currently open (indexes enclosing)
	depth := 0    // depth of the innermost open bracket
	unaryRun := 0 // unary operators applied to the operand being read
	expectOperand := true

	for {
		token, err := tokens.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fromExprError(CodeSyntax, text, err)
		}
		switch token.Kind {
		case lexer.EOF:
			return nil
		case lexer.Bracket:
			switch token.Value {
			case "(", "[", "{":
				inner := depth + unaryRun + 1
				if inner > MaxDepth {
					return tooDeep(text, token)
				}
				enclosing[open] = depth
				open++
				depth = inner
				unaryRun = 0
				expectOperand = true
			default: // ) ] }
				if open > 0 {
					open--
					depth = enclosing[open]
				}
				unaryRun = 0
				expectOperand = false
			}
		case lexer.Operator:
			switch {
			case expectOperand && isUnary(token.Value):
				unaryRun++
				if depth+unaryRun > MaxDepth {
					return tooDeep(text, token)
				}
			case token.Value == "#":
				unaryRun = 0
				expectOperand = false
			default:
				expectOperand = true
			}
		default: // identifiers and literals
			unaryRun = 0
			expectOperand = false
		}
	}
}

func isUnary(operator string) bool {
	switch operator {
	case "-", "+", "!", "not":
		return true
	}
	return false
}

func tooDeep(text string, token lexer.Token) *Error {
	return newError(CodeTooDeep, runeToByte(text, token.From),
		"brackets and unary operators are nested more than %d deep here", MaxDepth)
}
