package condition

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConstantConditions(t *testing.T) {
	tests := []struct {
		scenario string
		text     string
		constant bool
		value    bool
		fails    bool
	}{
		{"an admin tested a rule off with 1 == 2", "1 == 2", true, false, false},
		{"a placeholder true", "true", true, true, false},
		{"arithmetic on literals", "2 + 2 == 4", true, true, false},
		{"a list literal", "'b' in ['a', 'b']", true, true, false},
		{"an hour test reads the clock", "hour >= 9", false, false, false},
		{"a data flag reads the customer", "data.vip == true", false, false, false},
		{"the parent's state", "parentState == 'Holiday'", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			program, err := Compile(tt.text)
			require.NoError(t, err)
			constant, value, evalErr := program.Constant()
			assert.Equal(t, tt.constant, constant)
			assert.Equal(t, tt.value, value)
			assert.Equal(t, tt.fails, evalErr != nil)
		})
	}
}
