package treegen

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/schedule"
)

func collect(seed uint64, clinics int) []Node {
	var out []Node
	for n := range Nodes(seed, clinics) {
		out = append(out, n)
	}
	return out
}

func TestTheSameSeedGivesTheSameTree(t *testing.T) {
	a, err := json.Marshal(collect(7, 20))
	require.NoError(t, err)
	b, err := json.Marshal(collect(7, 20))
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b))
	c, err := json.Marshal(collect(8, 20))
	require.NoError(t, err)
	assert.NotEqual(t, string(a), string(c), "another seed gives another tree")
}

func TestTheSizesComeCloseToTheirNames(t *testing.T) {
	for _, tc := range []struct {
		size   Size
		target int
	}{{Size11k, 11_000}, {Size110k, 110_000}, {Size1M, 1_100_000}} {
		nodes := tc.size.Nodes()
		assert.InDelta(t, tc.target, nodes, NodesPerClinic/2+1, tc.size.Name)
	}
	assert.Equal(t, 1, ClinicsFor(0), "at least one clinic")
}

var guid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestAPlatformTreeHasTheShapeOfAPlatform(t *testing.T) {
	const clinics = 200
	nodes := collect(1, clinics)
	require.Len(t, nodes, Size{Clinics: clinics}.Nodes())

	kinds := map[Kind]int{}
	seen := map[string]Kind{}
	zones := map[string]bool{}
	inheriting, followingHoliday, endpointsWithSchedule := 0, 0, 0
	for i, n := range nodes {
		kinds[n.Kind]++
		require.Regexp(t, guid, n.ID)
		_, dup := seen[n.ID]
		require.False(t, dup, "id %s used twice", n.ID)
		if i == 0 {
			require.Equal(t, Reseller, n.Kind)
			require.Empty(t, n.ParentID)
		} else {
			parent, ok := seen[n.ParentID]
			require.True(t, ok, "node %d's parent comes before it", i)
			require.Equal(t, n.Kind-1, parent, "a %s sits under a %s", n.Kind, n.Kind-1)
		}
		seen[n.ID] = n.Kind
		if n.Schedule != nil {
			require.False(t, schedule.Validate(n.Schedule, schedule.Env{HasParent: i > 0}).HasErrors(),
				"node %d's schedule is valid: %v", i, schedule.Validate(n.Schedule, schedule.Env{HasParent: i > 0}))
		}
		switch n.Kind {
		case Clinic:
			zones[n.Schedule.TimeZoneID] = true
			assert.GreaterOrEqual(t, len(n.Schedule.Rules), 8)
			assert.LessOrEqual(t, len(n.Schedule.Rules), 12)
			states := map[string]bool{}
			hasDataCondition := false
			for _, r := range n.Schedule.Rules {
				states[r.State] = true
				hasDataCondition = hasDataCondition || regexp.MustCompile(`\bdata\.`).MatchString(r.Condition)
			}
			assert.True(t, states["Holiday"] && states["Lunch"] && states["Business Hours"], "clinic %d states %v", i, states)
			assert.True(t, hasDataCondition, "a clinic has a rule with a data condition")
			assert.NotNil(t, n.Data["lateHours"])
		case Department:
			if n.Schedule.Inherit {
				inheriting++
				continue
			}
			assert.Len(t, n.Schedule.Rules, 3)
			if slices.ContainsFunc(n.Schedule.Rules, func(r model.SchedulingRule) bool {
				return r.SimpleRuleType == model.RuleCustomerState && r.CustomerState == "Holiday"
			}) {
				followingHoliday++
			}
		case Endpoint:
			if n.Schedule != nil {
				endpointsWithSchedule++
				assert.Equal(t, model.RuleCustomerState, n.Schedule.Rules[0].SimpleRuleType, "it follows its department")
			}
		}
	}
	assert.Equal(t, map[Kind]int{Reseller: 1, Clinic: clinics, Department: clinics * DepartmentsPerClinic,
		Endpoint: clinics * DepartmentsPerClinic * EndpointsPerDepartment}, kinds)
	assert.Len(t, zones, len(Zones), "every zone is used")
	departments := clinics * DepartmentsPerClinic
	assert.InDelta(t, 0.6, float64(inheriting)/float64(departments), 0.05, "60%% of departments inherit")
	assert.Equal(t, departments-inheriting, followingHoliday, "every other department follows the clinic's Holiday")
	assert.InDelta(t, 0.1, float64(endpointsWithSchedule)/float64(departments*EndpointsPerDepartment), 0.02)
}

func TestStoppingEarlyStops(t *testing.T) {
	count := 0
	for range Nodes(1, 1000) {
		count++
		if count == 5 {
			break
		}
	}
	assert.Equal(t, 5, count)
}
