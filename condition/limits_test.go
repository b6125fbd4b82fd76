package condition

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompileSurvivesAMillionNestedBrackets feeds the inputs that make expr's
// parser overflow the goroutine stack, which would kill this test binary, and
// expects an ordinary error instead.
func TestCompileSurvivesAMillionNestedBrackets(t *testing.T) {
	const million = 1_000_000
	for _, opener := range []string{"(", "-", "!", "[", "{", "+", "not ", "-(", "!["} {
		t.Run(opener, func(t *testing.T) {
			text := strings.Repeat(opener, million) + "true"
			_, err := Compile(text)
			problem := requireCode(t, err, CodeTooLong)
			assert.Equal(t, MaxLength, problem.Pos)
			assert.Contains(t, problem.Message, "4096")
		})
	}
}

// TestCompileBoundsNestingWithinTheLengthLimit checks the depth limit on
// texts short enough to pass the length limit.
func TestCompileBoundsNestingWithinTheLengthLimit(t *testing.T) {
	nested := func(opener, closer string, depth int) string {
		return strings.Repeat(opener, depth) + "true" + strings.Repeat(closer, depth)
	}
	tests := []struct {
		scenario string
		text     string
		at       int // byte offset of the first token past the limit
	}{
		{"parentheses", nested("(", ")", 4000/5), 64},
		{"lists", nested("[", "]", 4000/5) + ` == nil`, 64},
		{"maps", nested("{a: ", "}", 800) + ` == nil`, 64 * 4},
		{"unary minus", strings.Repeat("-", 4000) + "1 > 0", 64},
		{"unary plus", strings.Repeat("+", 4000) + "1 > 0", 64},
		{"negation", strings.Repeat("!", 4000) + "true", 64},
		{"word negation", strings.Repeat("not ", 1000) + "true", 64 * 4},
		{"negation and parentheses alternate", nested("!(", ")", 1000), 64},
		{"minus and lists alternate", nested("-[", "]", 1000) + ` == nil`, 64},
		// Each all([1], { opens two levels that stay open: ( and {.
		{"predicate bodies", nested("all([1], {", "})", 300), 32*len("all([1], {") + len("all")},
		{"one bracket past the limit", nested("(", ")", MaxDepth+1), MaxDepth},
		{"one negation past the limit", strings.Repeat("!", MaxDepth+1) + "true", MaxDepth},
	}
	for _, test := range tests {
		t.Run(test.scenario, func(t *testing.T) {
			require.LessOrEqual(t, len(test.text), MaxLength)
			_, err := Compile(test.text)
			problem := requireCode(t, err, CodeTooDeep)
			assert.Equal(t, test.at, problem.Pos, "%s", problem)
		})
	}
}

func TestCompileAcceptsNestingUpToTheLimit(t *testing.T) {
	texts := []string{
		strings.Repeat("(", MaxDepth) + "true" + strings.Repeat(")", MaxDepth),
		strings.Repeat("!", MaxDepth) + "true",
		strings.Repeat("!(", MaxDepth/2) + "true" + strings.Repeat(")", MaxDepth/2),
		// Unary operators apply to one operand; the next operand starts over.
		strings.Repeat("-", MaxDepth) + "1 < " + strings.Repeat("-", MaxDepth) + "2",
		// Brackets in strings and comments are not nesting.
		`weekday != "` + strings.Repeat("(", 500) + `"`,
		`/* ` + strings.Repeat("[", 500) + ` */ true`,
		`// ` + strings.Repeat("{", 500) + "\ntrue",
		// Binary minus and not in are not unary.
		strings.Repeat("1 - ", 60) + "1 < 0 || weekday not in [\"Sunday\"]",
	}
	for _, text := range texts {
		_, err := Compile(text)
		assert.NoError(t, err, "%.60s", text)
	}
}

func TestCompileBoundsLength(t *testing.T) {
	padded := "true" + strings.Repeat(" ", MaxLength-len("true"))
	_, err := Compile(padded)
	assert.NoError(t, err, "exactly MaxLength bytes")

	_, err = Compile(padded + " ")
	problem := requireCode(t, err, CodeTooLong)
	assert.Equal(t, MaxLength, problem.Pos)
}

// TestCompileRejectsEveryAmplifier covers each construct left out because it
// lets a short condition build a value that exhausts memory.
func TestCompileRejectsEveryAmplifier(t *testing.T) {
	tests := []struct {
		text string
		code string
	}{
		{`len(repeat(repeat("x", 999999), 999999)) > 0`, CodeUnknownName},
		{`len(replace(replace("ab", "", "ab"), "", "ab")) > 0`, CodeUnknownName},
		{`len(join(split(customer.name, ""), "xxxx")) > 0`, CodeUnknownName},
		{`len(string(splitAfter(customer.name, ""))) > 0`, CodeUnknownName},
		{`len(toJSON(toJSON("<<<"))) > 0`, CodeUnknownName},
		{`len(toBase64(toBase64(customer.name))) > 0`, CodeUnknownName},
		{`fromJSON("[1]") != nil`, CodeUnknownName},
		{`fromBase64("eA==") != ""`, CodeUnknownName},
		{`len(reduce([1, 1, 1], #acc + #acc, "x")) > 0`, CodeUnknownName},
		{`let a = "xx"; let b = a + a; let c = b + b; len(c) > 0`, CodeSyntax},
		{`len(map(map(["x"], # + #), # + #)) > 0`, CodeNestedPredicate},
		{`len(keys(groupBy(map(["x"], # + #), # + #))) > 0`, CodeNestedPredicate},
		{`now() > now`, CodeType},
	}
	for _, test := range tests {
		t.Run(test.text, func(t *testing.T) {
			_, err := Compile(test.text)
			requireCode(t, err, test.code)
		})
	}
}

// TestCompileHandlesLongChains covers constructs that recurse in expr's
// parser without brackets (right-associative **, ternaries, else-if chains).
// The length limit bounds them to a depth the stack handles easily; the node
// limit then rejects them.
func TestCompileHandlesLongChains(t *testing.T) {
	fill := func(unit, tail string) string {
		return strings.Repeat(unit, (MaxLength-len(tail))/len(unit)) + tail
	}
	texts := []string{
		fill("1 ** ", "1 > 0"),
		fill("hour > 1 ? true : ", "false"),
		fill("if hour > 1 { true } else ", "{ false }"),
		fill("hour ?? ", "(1 > 0)"),
		"data" + fill(".a", " == nil")[len("data"):],
	}
	for _, text := range texts {
		t.Run(text[:20], func(t *testing.T) {
			require.LessOrEqual(t, len(text), MaxLength)
			_, err := Compile(text)
			requireCode(t, err, CodeTooManyNodes)
		})
	}
}
