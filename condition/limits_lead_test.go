package condition

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlusChainsAreLimited(t *testing.T) {
	ok := "len(" + strings.Repeat("data.s + ", MaxPlus) + "data.s) > 0"
	_, err := Compile(ok)
	require.NoError(t, err, "%d joins are allowed", MaxPlus)
	tooMany := "len(" + strings.Repeat("data.s + ", MaxPlus+1) + "data.s) > 0"
	_, err = Compile(tooMany)
	var cerr *Error
	require.ErrorAs(t, err, &cerr)
	assert.Contains(t, cerr.Message, "+ operations")
	_, err = Compile(`"a" + "b" + "c" + "d" + "e" + "f" + "g" + "h" + "i" + "j" + "k" == "abcdefghijk"`)
	assert.NoError(t, err, "literal joins cost nothing at run time")
}
