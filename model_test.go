package voicesched

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

// roundTrip decodes, encodes and decodes again, and requires both decoded
// values to be equal.
func roundTrip[T any](t *testing.T, raw []byte) T {
	t.Helper()
	var first T
	require.NoError(t, json.Unmarshal(raw, &first))
	encoded, err := json.Marshal(first)
	require.NoError(t, err)
	var second T
	require.NoError(t, json.Unmarshal(encoded, &second))
	require.Equal(t, first, second, "decode → encode → decode changed the value; encoded: %s", encoded)
	return first
}

func TestSeedSamplesRoundTrip(t *testing.T) {
	req, err := os.ReadFile(filepath.Join("testdata", "seed", "patch_request.json"))
	require.NoError(t, err)
	patch := roundTrip[PatchCustomer](t, req)
	assert.Equal(t, "String", patch.CustomerID)
	assert.True(t, patch.Name.HasValue())
	assert.Equal(t, []string{"String"}, patch.TagIDs.Value)
	require.True(t, patch.Schedule.HasValue())
	rule := patch.Schedule.Value.Rules[0]
	assert.Equal(t, model.RuleAlways, rule.SimpleRuleType)
	assert.Equal(t, model.FrequencyNone, rule.Frequency)
	assert.Equal(t, []model.ScheduleDay{{Offset: 0, DayOfWeek: 0}}, rule.ByDay)
	assert.True(t, patch.OverrideBillingSettings.Set)
	assert.False(t, patch.OverrideBillingSettings.Value)
	require.NotNil(t, patch.BillingSettings.Value.OutboundSmsMessages)
	nested := patch.Data.Value["String"].ListValue[0]["String"].StructValue["String"]
	require.NotNil(t, nested)
	assert.Equal(t, []Struct{nil}, nested.ListValue, "the sample's [null] list survives")

	resp, err := os.ReadFile(filepath.Join("testdata", "seed", "customer_response.json"))
	require.NoError(t, err)
	customer := roundTrip[CustomerInfo](t, resp)
	assert.Equal(t, "String", customer.ID)
	assert.Equal(t, "String", customer.LastModifiedBy)
	assert.Equal(t, []Tag{{ID: "String", Name: "String", Color: 0}}, customer.Tags)
	assert.Equal(t, "String", customer.IntegrationData["String"].ThirdPartyID)
	require.NotNil(t, customer.AppSettings)
	assert.Equal(t, "String", customer.AppSettings.PortMyNumberURL)
}

func TestTagColorsDecode(t *testing.T) {
	cases := []struct {
		in   string
		want TagColors
		bad  bool
	}{
		{`"Magenta"`, 0, false},
		{`"geekblue"`, 9, false},
		{`" PURPLE "`, 10, false},
		{`10`, 10, false},
		{`"3"`, 3, false},
		{`null`, 0, false},
		{`42`, 42, false}, // kept for Validate to report
		{`"Chartreuse"`, 0, true},
		{`1.5`, 0, true},
		{`true`, 0, true},
	}
	for _, tc := range cases {
		var c TagColors
		err := json.Unmarshal([]byte(tc.in), &c)
		if tc.bad {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, c, tc.in)
	}
	out, err := json.Marshal(Tag{Color: 9})
	require.NoError(t, err)
	assert.JSONEq(t, `{"color":"GeekBlue"}`, string(out))
}

// Every PatchCustomer member must tell absent, null and a value apart.
func TestPatchCustomerAbsentNullValue(t *testing.T) {
	members := map[string]string{
		"name":                    `"Clinic"`,
		"parentCustomerId":        `"p1"`,
		"referenceId":             `"ref"`,
		"data":                    `{"k":{"stringValue":"v"}}`,
		"tagIds":                  `["t1"]`,
		"schedule":                `{"timeZoneId":"UTC"}`,
		"overrideBillingSettings": `true`,
		"billingSettings":         `{"base":{"baseCost":1}}`,
		"overrideAppSettings":     `true`,
		"appSettings":             `{"pageTitle":"x"}`,
	}
	field := func(p *PatchCustomer, jsonName string) reflect.Value {
		v := reflect.ValueOf(p).Elem()
		for i := 0; i < v.NumField(); i++ {
			tag := v.Type().Field(i).Tag.Get("json")
			if len(tag) >= len(jsonName) && tag[:len(jsonName)] == jsonName && (len(tag) == len(jsonName) || tag[len(jsonName)] == ',') {
				return v.Field(i)
			}
		}
		t.Fatalf("no field %s", jsonName)
		return reflect.Value{}
	}
	for name, value := range members {
		t.Run(name, func(t *testing.T) {
			var absent, null, set PatchCustomer
			require.NoError(t, json.Unmarshal([]byte(`{"customerId":"c"}`), &absent))
			require.NoError(t, json.Unmarshal([]byte(`{"customerId":"c","`+name+`":null}`), &null))
			require.NoError(t, json.Unmarshal([]byte(`{"customerId":"c","`+name+`":`+value+`}`), &set))
			a, n, s := field(&absent, name), field(&null, name), field(&set, name)
			assert.False(t, a.FieldByName("Set").Bool(), "absent")
			assert.True(t, n.FieldByName("Set").Bool(), "null is present")
			assert.True(t, n.FieldByName("Null").Bool(), "null")
			assert.True(t, s.FieldByName("Set").Bool(), "value is present")
			assert.False(t, s.FieldByName("Null").Bool(), "value is not null")
			assert.False(t, s.FieldByName("Value").IsZero(), "value decoded")
			// Encoding keeps the three cases apart too.
			for _, p := range []PatchCustomer{absent, null, set} {
				out, err := json.Marshal(p)
				require.NoError(t, err)
				var back PatchCustomer
				require.NoError(t, json.Unmarshal(out, &back))
				assert.Equal(t, p, back, string(out))
			}
		})
	}
}
