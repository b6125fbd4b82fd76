package schedule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func timeAt(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return at
}
