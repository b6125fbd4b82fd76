package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProblemsSortReadsPathsAsAPersonWould(t *testing.T) {
	paths := []string{"rules[10].state", "rules[2].byDay[10]", "rules[2].byDay[9]", "rules[2]", "timeZoneId", "(document)", "rules[02].a", "data.x"}
	var ps Problems
	for _, p := range paths {
		ps = append(ps, Problem{Path: p})
	}
	ps.Sort()
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	assert.Equal(t, []string{"(document)", "data.x", "rules[2]", "rules[02].a", "rules[2].byDay[9]", "rules[2].byDay[10]", "rules[10].state", "timeZoneId"}, got)
}

func TestJoinPath(t *testing.T) {
	assert.Equal(t, "customers[2].schedule", JoinPath("customers[2]", "schedule"))
	assert.Equal(t, "tags[3].id", JoinPath("tags", "[3].id"))
	assert.Equal(t, "name", JoinPath("", "name"))
	assert.Equal(t, "customers[0]", JoinPath("customers[0]", ""))
}
