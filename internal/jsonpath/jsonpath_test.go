package jsonpath

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolve(t *testing.T) {
	var doc any
	require.NoError(t, json.Unmarshal([]byte(`{
		"schedule": {"rules": [{"byDay": [{"offset": 5, "dayOfWeek": "Friday"}]}, {"StartTime": "9am"}]},
		"data": {"a.b": {"stringValue": "dotted"}, "x[1]": {"boolValue": true}}
	}`), &doc))
	tests := []struct {
		scenario string
		path     string
		want     any
		exists   bool
	}{
		{"a byDay offset", "schedule.rules[0].byDay[0].offset", 5.0, true},
		{"a member spelt in another case, as decoding accepts it", "schedule.rules[1].startTime", "9am", true},
		{"a data key with a dot", "data.a.b.stringValue", "dotted", true},
		{"a data key with brackets", "data.x[1].boolValue", true, true},
		{"a quoted key", `data["a.b"].stringValue`, "dotted", true},
		{"a quoted key that is not there", `data["a.c"]`, nil, false},
		{"an index past the end", "schedule.rules[2]", nil, false},
		{"an absent member", "schedule.rules[0].frequency", nil, false},
		{"an index on an object", "schedule[0]", nil, false},
		{"a member of a list", "schedule.rules.byDay", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			got, ok := Resolve(doc, tt.path)
			assert.Equal(t, tt.exists, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParent(t *testing.T) {
	for path, want := range map[string]string{
		"rules[2].frequency": "rules[2]",
		"defaultState":       "",
		"schedule.inherit":   "schedule",
	} {
		got, ok := Parent(path)
		assert.True(t, ok, path)
		assert.Equal(t, want, got, path)
	}
	_, ok := Parent("rules[2]")
	assert.False(t, ok, "a list element is not a member")
}
