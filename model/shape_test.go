package model

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
	assert.Equal(t, []string{"rules[0].byDay[0].extra", "rules[0].flowParams.anything.bogus", "rules[0].frequncy", "colour"}, paths)
	assert.Empty(t, UnknownMembers([]byte(`{"timeZoneId":"UTC","rules":[]}`), Schedule{}))
	assert.Empty(t, UnknownMembers([]byte(`not json`), Schedule{}))
}

func TestShapeProblemsLooksThroughPatchMembers(t *testing.T) {
	raw := []byte(`{"customerId":"c","name":7,"tagIds":["a",2],"schedule":{"rules":[{"frequency":"Weekely"}]},"colour":1}`)
	got := ShapeProblems(raw, &PatchCustomer{})
	type row struct{ path, code string }
	var rows []row
	for _, p := range got {
		rows = append(rows, row{p.Path, p.Code})
	}
	assert.Equal(t, []row{
		{"colour", CodeUnknownMember},
		{"name", CodeWrongType},
		{"schedule.rules[0].frequency", CodeBadValue},
		{"tagIds[1]", CodeWrongType},
	}, rows)
	assert.Equal(t, "should be a string, not the number 7", got[1].Message)
	assert.True(t, got.HasErrors())
	assert.Empty(t, ShapeProblems([]byte(`{"customerId":"c","name":null}`), &PatchCustomer{}), "null leaves a member unset")
	assert.Nil(t, ShapeProblems([]byte(`{`), &PatchCustomer{}), "not JSON")
}
