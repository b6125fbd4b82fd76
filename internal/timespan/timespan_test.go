package timespan

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestTheEarlierAndTheLaterOfTwoInstants(t *testing.T) {
	nine := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	five := time.Date(2026, 11, 26, 17, 0, 0, 0, time.UTC)
	assert.Equal(t, nine, Min(nine, five))
	assert.Equal(t, nine, Min(five, nine))
	assert.Equal(t, five, Max(nine, five))
	assert.Equal(t, five, Max(five, nine))

	paris, err := time.LoadLocation("Europe/Paris")
	assert.NoError(t, err)
	sameInParis := nine.In(paris)
	assert.Same(t, paris, Min(sameInParis, nine).Location(), "the same instant: the first is kept, with its zone")
	assert.Same(t, paris, Max(sameInParis, nine).Location())
}
