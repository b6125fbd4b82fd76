package model

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnumsDecodeNamesIntegersAnyCase(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want SchedulingRule
	}{
		{"names", `{"frequency":"Weekly","simpleRuleType":"CustomerState"}`,
			SchedulingRule{Frequency: FrequencyWeekly, SimpleRuleType: RuleCustomerState}},
		{"any case", `{"frequency":"yEARLY","simpleRuleType":"time"}`,
			SchedulingRule{Frequency: FrequencyYearly, SimpleRuleType: RuleTime}},
		{".NET integers", `{"frequency":2,"simpleRuleType":2}`,
			SchedulingRule{Frequency: FrequencyMinutely, SimpleRuleType: RuleTime}},
		{"absent members take the .NET zero value", `{}`,
			SchedulingRule{Frequency: FrequencyNone, SimpleRuleType: RuleAlways}},
		{"null is the zero value", `{"frequency":null,"simpleRuleType":null}`,
			SchedulingRule{}},
		{"out-of-range integers are kept for Validate", `{"frequency":9}`,
			SchedulingRule{Frequency: 9}},
		{"byDay with names and integers", `{"byDay":[{"offset":4,"dayOfWeek":"thursday"},{"offset":-2147483648,"dayOfWeek":1},{"dayOfWeek":"Sunday"}]}`,
			SchedulingRule{ByDay: []ScheduleDay{{4, 4}, {NoOffset, 1}, {0, 0}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got SchedulingRule
			require.NoError(t, json.Unmarshal([]byte(tc.in), &got))
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestEnumsRejectUnknownNames(t *testing.T) {
	for _, in := range []string{
		`{"frequency":"Fortnightly"}`,
		`{"simpleRuleType":"Sometimes"}`,
		`{"byDay":[{"dayOfWeek":"Funday"}]}`,
		`{"frequency":1.5}`,
		`{"frequency":99999999999}`,
		`{"frequency":true}`,
	} {
		var r SchedulingRule
		err := json.Unmarshal([]byte(in), &r)
		assert.Error(t, err, in)
	}
}

func TestEnumsEncodeNames(t *testing.T) {
	out, err := json.Marshal(SchedulingRule{Frequency: FrequencyMonthly, SimpleRuleType: RuleTime,
		ByDay: []ScheduleDay{{Offset: -1, DayOfWeek: 5}}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"priority":0,"simpleRuleType":"Time","isAllDay":false,"byDay":[{"offset":-1,"dayOfWeek":"Friday"}],"interval":0,"count":0,"frequency":"Monthly"}`, string(out))
	out, err = json.Marshal(Frequency(12))
	require.NoError(t, err)
	assert.Equal(t, "12", string(out), "a value outside the enum is written as its integer")
}

func TestScheduleDayOrdinal(t *testing.T) {
	assert.Equal(t, 0, ScheduleDay{Offset: NoOffset}.Ordinal())
	assert.Equal(t, 0, ScheduleDay{Offset: 0}.Ordinal())
	assert.Equal(t, -1, ScheduleDay{Offset: -1}.Ordinal())
	assert.Equal(t, 4, ScheduleDay{Offset: 4}.Ordinal())
}

func TestValuePlain(t *testing.T) {
	var s Struct
	require.NoError(t, json.Unmarshal([]byte(`{
		"vip": {"boolValue": true},
		"tier": {"stringValue": "gold"},
		"seats": {"numberValue": 12},
		"office": {"structValue": {"city": {"stringValue": "Austin"}}},
		"sites": {"listValue": [{"name": {"stringValue": "a"}}, null]},
		"empty": {},
		"gone": null
	}`), &s))
	assert.Equal(t, map[string]any{
		"vip":    true,
		"tier":   "gold",
		"seats":  12.0,
		"office": map[string]any{"city": "Austin"},
		"sites":  []any{map[string]any{"name": "a"}, nil},
		"empty":  nil,
		"gone":   nil,
	}, s.Plain())
	clone := s.Clone()
	assert.Equal(t, s, clone)
	*clone["tier"].StringValue = "silver"
	assert.Equal(t, "gold", *s["tier"].StringValue, "Clone is deep")
}
