package schedule

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUnknownMembers(t *testing.T) {
	raw := []byte(`{"timeZoneId":"UTC","colour":"red","Rules":[{"id":"a","frequncy":"Daily","byDay":[{"dayOfWeek":1,"extra":true}],
		"flowParams":{"anything":{"stringValue":"x","bogus":1}}}]}`)
	got := UnknownMembers(raw, &Schedule{})
	paths := []string{}
	for _, p := range got {
		assert.Equal(t, CodeUnknownMember, p.Code)
		assert.Equal(t, SeverityWarning, p.Severity)
		paths = append(paths, p.Path)
	}
	assert.Equal(t, []string{"Rules[0].byDay[0].extra", "Rules[0].flowParams.anything.bogus", "Rules[0].frequncy", "colour"}, paths)
	assert.Empty(t, UnknownMembers([]byte(`{"timeZoneId":"UTC","rules":[]}`), Schedule{}))
	assert.Empty(t, UnknownMembers([]byte(`not json`), Schedule{}))
}
