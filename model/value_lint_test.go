package model

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEmptyStructAndListValuesSurviveARoundTrip(t *testing.T) {
	const text = `{"noSites":{"listValue":[]},"noOffice":{"structValue":{}},"tier":{"stringValue":"gold"}}`
	var data Struct
	require.NoError(t, json.Unmarshal([]byte(text), &data))
	out, err := json.Marshal(data)
	require.NoError(t, err)
	assert.JSONEq(t, text, string(out))
	cloned, err := json.Marshal(data.Clone())
	require.NoError(t, err)
	assert.JSONEq(t, text, string(cloned), "Clone keeps them too")
	assert.Equal(t, map[string]any{}, data["noOffice"].Plain())
	assert.Equal(t, []any{}, data["noSites"].Plain())
}

func TestAValueWithTwoMembersIsReportedWithTheOneThatWins(t *testing.T) {
	var data Struct
	require.NoError(t, json.Unmarshal([]byte(`{
		"vip": {"boolValue": true, "stringValue": "yes"},
		"office": {"structValue": {"city": {"stringValue": "Austin", "numberValue": 3}}},
		"sites": {"listValue": [{"name": {"stringValue": "a", "listValue": []}}]},
		"fine": {"numberValue": 2},
		"gone": null
	}`), &data))
	problems := data.OneOfProblems("data")
	var paths []string
	for _, p := range problems {
		paths = append(paths, p.Path)
		assert.Equal(t, CodeSeveralValueMembers, p.Code)
		assert.Equal(t, SeverityWarning, p.Severity)
	}
	assert.Equal(t, []string{"data.office.structValue.city", "data.sites.listValue[0].name", "data.vip"}, paths)
	assert.Contains(t, problems[2].Message, "sets boolValue and stringValue")
	assert.Contains(t, problems[2].Message, "conditions read only boolValue")
	assert.Contains(t, problems[0].Message, "conditions read only stringValue")
}

func TestOneMemberValuesDrawNothing(t *testing.T) {
	var data Struct
	require.NoError(t, json.Unmarshal([]byte(`{"a":{"boolValue":false},"b":{"structValue":{"c":{"listValue":[{"d":{"numberValue":1}}]}}}}`), &data))
	assert.Empty(t, data.OneOfProblems("data"))
}

func TestASharedValueIsLookedAtOnce(t *testing.T) {
	yes, word := true, "yes"
	shared := &Value{BoolValue: &yes, StringValue: &word}
	level := Struct{"a": shared, "b": shared}
	for range 200 { // 2^200 paths, 400 distinct values
		next := &Value{StructValue: level}
		level = Struct{"left": next, "right": next}
	}
	problems := level.OneOfProblems("data")
	require.Len(t, problems, 1)
}

func TestAMisspeltMemberGetsADidYouMean(t *testing.T) {
	problems := UnknownMembers([]byte(`{"rules":[{"stratTime":"09:00","colour":"red"}]}`), &Schedule{})
	require.Len(t, problems, 2)
	assert.Equal(t, "rules[0].colour", problems[0].Path)
	assert.NotContains(t, problems[0].Message, "did you mean", "nothing is near colour")
	assert.Equal(t, "rules[0].stratTime", problems[1].Path)
	assert.Contains(t, problems[1].Message, `so startTime keeps its value; did you mean "startTime"?`)
}
