package voicesched

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/schedule"
)

// changeField sets field v (of a schedule or rule) to a value other than
// the one it holds, whatever its type.
func changeField(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		n := 1.5
		m.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf(&Value{NumberValue: &n}))
		v.Set(m)
	default:
		t.Fatalf("no way to change a %s", v.Type())
	}
}

// Every member of a schedule and of a rule takes part in the comparison
// that shares compiled schedules: a member added later and forgotten there
// would make two different schedules share one compiled schedule.
func TestSchedulesThatDifferInAnyMemberAreNotShared(t *testing.T) {
	base := func() *Schedule {
		s := typicalSchedule("2021-12-01")
		s.Rules[0].FlowParams = Struct{"k": &Value{StringValue: new(string)}}
		return s
	}
	in := newInterner()
	require.True(t, equalSchedules(base(), base()))
	assert.Equal(t, in.hash(base()), in.hash(base()), "equal schedules hash alike")

	scheduleType := reflect.TypeFor[Schedule]()
	for k := range scheduleType.NumField() {
		field := scheduleType.Field(k)
		if field.Name == "Rules" {
			continue
		}
		t.Run("schedule."+field.Name, func(t *testing.T) {
			changed := base()
			changeField(t, reflect.ValueOf(changed).Elem().Field(k))
			assert.False(t, equalSchedules(base(), changed))
		})
	}
	ruleType := reflect.TypeFor[SchedulingRule]()
	for k := range ruleType.NumField() {
		t.Run("rule."+ruleType.Field(k).Name, func(t *testing.T) {
			changed := base()
			changeField(t, reflect.ValueOf(&changed.Rules[0]).Elem().Field(k))
			assert.False(t, equalSchedules(base(), changed))
		})
	}
	t.Run("a flow parameter's value", func(t *testing.T) {
		changed := base()
		other := "other"
		changed.Rules[0].FlowParams["k"] = &Value{StringValue: &other}
		assert.False(t, equalSchedules(base(), changed))
	})
	assert.False(t, equalSchedules(nil, base()))
	assert.True(t, equalSchedules(nil, nil))
}

func TestEqualSchedulesShareOneCompiledScheduleAndNoScheduleCompilesOnce(t *testing.T) {
	in := newInterner()
	env := schedule.Env{HasParent: true}
	compile := func(sched *Schedule, env schedule.Env) *schedule.Compiled {
		c, _ := in.compile(sched, env)
		return c
	}
	first := typicalSchedule("2021-12-01")
	a := compile(first, env)
	b, equal := in.compile(typicalSchedule("2021-12-01"), env)
	assert.Same(t, a, b)
	assert.Same(t, first, equal, "the first record of its kind is the one shared")
	assert.NotSame(t, a, compile(typicalSchedule("2021-12-02"), env))
	assert.NotSame(t, a, compile(typicalSchedule("2021-12-01"), schedule.Env{}), "another environment")
	assert.Same(t, compile(nil, env), compile(nil, env))
	assert.True(t, compile(nil, env).Inherits())
}

// A loaded tree keeps one record of equal schedules, yet every node still
// reads as its own: changing one's copy changes nothing stored.
func TestALoadedTreeSharesEqualScheduleRecords(t *testing.T) {
	e := New()
	tree := bigTree(200)
	require.NoError(t, e.Load(tree))
	s := e.Snapshot()
	a, b := s.nodes.at(s.indexOr("c24")), s.nodes.at(s.indexOr("c25"))
	require.True(t, equalSchedules(a.schedule(), b.schedule()))
	assert.Same(t, a.schedule(), b.schedule())
	copyOf := s.Customer("c24")
	copyOf.Schedule.Rules[0].State = "changed"
	assert.NotEqual(t, "changed", s.Customer("c25").Schedule.Rules[0].State)
	assert.NotEqual(t, "changed", s.Customer("c24").Schedule.Rules[0].State)
}

// ValidateTree builds from the caller's own records: it must leave them as
// they were (no shared schedule records, no breadcrumbs set).
func TestValidatingATreeLeavesTheCallersRecordsAlone(t *testing.T) {
	tree := bigTree(200)
	before := make([]*Schedule, len(tree.Customers))
	for k, c := range tree.Customers {
		before[k] = c.Schedule
		require.Nil(t, c.Breadcrumb)
	}
	ValidateTree(tree)
	for k, c := range tree.Customers {
		assert.Same(t, before[k], c.Schedule, "customer %d's schedule record", k)
		assert.Nil(t, c.Breadcrumb, "customer %d's breadcrumb", k)
	}
}

// Load copies equal schedules once, but never keeps the caller's records.
func TestLoadKeepsItsOwnCopiesOfEqualSchedules(t *testing.T) {
	tree := bigTree(200)
	e := New()
	require.NoError(t, e.Load(tree))
	for _, c := range tree.Customers {
		if c.Schedule != nil && len(c.Schedule.Rules) > 0 {
			c.Schedule.Rules[0].State = "changed by the caller"
		}
	}
	for _, c := range e.Snapshot().Tree().Customers {
		if c.Schedule != nil && len(c.Schedule.Rules) > 0 {
			assert.NotEqual(t, "changed by the caller", c.Schedule.Rules[0].State, c.ID)
		}
	}
}
