package voicesched

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

func TestEffectiveSchedule(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	eff, err := s.EffectiveSchedule("dept-maple-billing")
	require.NoError(t, err)
	assert.Equal(t, "clinic-maple", eff.NodeID)
	assert.Equal(t, "America/New_York", eff.TimeZoneID)
	assert.Equal(t, s.Customer("clinic-maple").Schedule, eff.Schedule)

	eff, err = s.EffectiveSchedule("ep-maple-frontdesk") // no schedule: its customer's
	require.NoError(t, err)
	assert.Equal(t, "clinic-maple", eff.NodeID)

	eff, err = s.EffectiveSchedule("dept-maple-lab") // its own, zone from the clinic
	require.NoError(t, err)
	assert.Equal(t, "dept-maple-lab", eff.NodeID)
	assert.Equal(t, "America/New_York", eff.TimeZoneID)

	_, err = s.EffectiveSchedule("nobody")
	var nf *NotFoundError
	assert.ErrorAs(t, err, &nf)
}

func TestLoadRejectsBadShapes(t *testing.T) {
	chain := func(n int) Tree {
		var tree Tree
		for i := 0; i < n; i++ {
			c := &CustomerInfo{EntityInfo: EntityInfo{ID: fmt.Sprint(i)}, Name: "x"}
			if i > 0 {
				c.ParentCustomerID = fmt.Sprint(i - 1)
			}
			tree.Customers = append(tree.Customers, c)
		}
		return tree
	}
	cases := []struct {
		name string
		tree Tree
		code string
	}{
		{"duplicate id", Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "a"}}, {EntityInfo: EntityInfo{ID: "a"}}}}, "duplicate-id"},
		{"endpoint id clashes with a customer", Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "a"}}},
			Endpoints: []*Endpoint{{ID: "a", CustomerID: "a"}}}, "duplicate-id"},
		{"missing parent", Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "a"}, ParentCustomerID: "ghost"}}}, "parent-not-found"},
		{"endpoint without customer", Tree{Endpoints: []*Endpoint{{ID: "e"}}}, "parent-not-found"},
		{"parent loop in stored data", Tree{Customers: []*CustomerInfo{
			{EntityInfo: EntityInfo{ID: "a"}, ParentCustomerID: "b"}, {EntityInfo: EntityInfo{ID: "b"}, ParentCustomerID: "a"}}}, "parent-loop"},
		{"65 levels", chain(65), "too-deep"},
		{"empty id", Tree{Customers: []*CustomerInfo{{Name: "no id"}}}, "empty-id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := New()
			err := e.Load(tc.tree)
			var se *StructureError
			require.ErrorAs(t, err, &se)
			require.NotEmpty(t, se.Problems)
			assert.Equal(t, tc.code, se.Problems[0].Code)
			assert.Equal(t, 0, e.Snapshot().Len(), "nothing was loaded")
		})
	}
	e := New()
	require.NoError(t, e.Load(chain(64)), "64 levels are allowed")
	a, err := e.Snapshot().Evaluate("63", time.Now())
	require.NoError(t, err)
	assert.Equal(t, "Open", a.StateName)
}

func TestWritesKeepTheTreeConsistent(t *testing.T) {
	e := sampleEngine(t)
	require.Error(t, e.RemoveCustomer("clinic-maple"), "it has children")
	require.NoError(t, e.PutEndpoint(&Endpoint{ID: "ep-new", Name: "New phone", CustomerID: "clinic-harbour",
		Schedule: &Schedule{DefaultState: "Busy"}}))
	a, err := e.Snapshot().Evaluate("ep-new", time.Now())
	require.NoError(t, err)
	assert.Equal(t, "Busy", a.StateName)
	assert.Equal(t, "Australia/Sydney", a.TimeZoneID, "the zone cascades from its customer")
	require.NoError(t, e.RemoveEndpoint("ep-new"))
	assert.Nil(t, e.Snapshot().Endpoint("ep-new"))
	require.ErrorAs(t, e.RemoveEndpoint("clinic-maple"), new(*NotFoundError), "a customer is not an endpoint")

	require.NoError(t, e.RemoveEndpoint("ep-harbour-reception"))
	require.NoError(t, e.RemoveCustomer("dept-harbour-radiology"))
	require.NoError(t, e.RemoveCustomer("dept-harbour-oncall"))
	require.NoError(t, e.RemoveCustomer("clinic-harbour"))
	assert.Nil(t, e.Snapshot().Customer("clinic-harbour"))
	assert.Len(t, e.Snapshot().IDs(), e.Snapshot().Len())

	// A zone change recompiles the descendants that take their zone from it.
	require.NoError(t, e.PutCustomer(&CustomerInfo{EntityInfo: EntityInfo{ID: "clinic-maple"}, Name: "Maple", ParentCustomerID: "reseller-northwind",
		Schedule: &Schedule{TimeZoneID: "Europe/London", DefaultState: "Open"}}))
	lab, err := e.Snapshot().Evaluate("dept-maple-lab", time.Now())
	require.NoError(t, err)
	assert.Equal(t, "Europe/London", lab.TimeZoneID)
	assert.Equal(t, []CustomerBreadcrumb{{ID: "reseller-northwind", Name: "Northwind Voice"}, {ID: "clinic-maple", Name: "Maple"}, {ID: "dept-maple-lab", Name: "Maple Lab"}},
		e.Snapshot().Customer("dept-maple-lab").Breadcrumb)

	// Tree() gives back what was stored, and loads again to the same answers.
	tree := e.Snapshot().Tree()
	again := New()
	require.NoError(t, again.Load(tree))
	at := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	for _, id := range e.Snapshot().IDs() {
		want, _ := e.Snapshot().Evaluate(id, at)
		got, _ := again.Snapshot().Evaluate(id, at)
		assert.Equal(t, want.StateName, got.StateName, id)
	}
}

func TestProblemsAndUnknownMembers(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	problems, err := s.Problems("dept-maple-lab")
	require.NoError(t, err)
	assert.Empty(t, problems.Errors())
	assert.Empty(t, UnknownMembers([]byte(`{"customerId":"x","name":"y"}`), &PatchCustomer{}))
	unknown := UnknownMembers([]byte(`{"customerId":"x","nmae":"y","schedule":{"rules":[{"stat":"z"}]}}`), &PatchCustomer{})
	var paths []string
	for _, p := range unknown {
		paths = append(paths, p.Path)
		assert.Equal(t, SeverityWarning, p.Severity)
	}
	assert.Equal(t, []string{"nmae", "schedule.rules[0].stat"}, paths)
	assert.Empty(t, UnknownMembers([]byte(`{"customers":[{"id":"a","schedule":{}}]}`), &Tree{}))
}

func TestValidateTreeAndCustomer(t *testing.T) {
	tree := loadTreeFile(t, "testdata/sample/tree.json")
	assert.Empty(t, ValidateTree(tree).Errors(), "the sample is valid")
	tree.Customers[1].Schedule.Rules[0].ByMonth = []int{13}
	tree.Customers[1].Tags[0].Color = 11
	var got []string
	for _, p := range ValidateTree(tree).Errors() {
		got = append(got, p.Path)
	}
	assert.Equal(t, []string{"customers[1].schedule.rules[0].byMonth[0]", "customers[1].tags[0].color"}, got)

	e := sampleEngine(t)
	problems := e.ValidateCustomer(&CustomerInfo{EntityInfo: EntityInfo{ID: "new"}, ParentCustomerID: "ghost",
		Schedule: &Schedule{Rules: []SchedulingRule{{SimpleRuleType: model.RuleCustomerState, CustomerState: "Open", State: "x"}}}})
	got = nil
	for _, p := range problems {
		got = append(got, p.Severity.String()+" "+p.Path)
	}
	assert.ElementsMatch(t, []string{"error name", "error parentCustomerId", "warning schedule.rules[0].simpleRuleType", "warning schedule.defaultState"}, got)
	assert.Empty(t, ValidateSchedule(&Schedule{DefaultState: "Open"}, false))
}

// EvaluateTo gives Evaluate's answers for every node of the sample tree over
// a day, reusing one Answer, and resets it for an unknown id.
func TestEvaluateToMatchesEvaluate(t *testing.T) {
	s := sampleEngine(t).Snapshot()
	var a Answer
	asked := 0
	for id := range s.EvaluateAll(time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)).All() {
		for at := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC); at.Before(time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)); at = at.Add(37 * time.Minute) {
			want, err := s.Evaluate(id, at)
			require.NoError(t, err)
			require.NoError(t, s.EvaluateTo(&a, id, at))
			require.Equal(t, want, a, "%s at %s", id, at)
			asked++
		}
	}
	require.Greater(t, asked, 300)
	err := s.EvaluateTo(&a, "nobody", time.Now())
	var nf *NotFoundError
	assert.ErrorAs(t, err, &nf)
	assert.Equal(t, Answer{}, a)
}

// PutEndpoint refreshes only the endpoint and its customers: after each of
// many random puts — new endpoints, replacements, moves between customers,
// schedules with conditions on the customer's data (which give a customer
// a condition subject) or following the customer's state — every node
// answers as it does in an engine loaded afresh from the same tree, and a
// refused put changes nothing.
func TestPutEndpointMatchesALoadOfTheSameTree(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 29))
	schedules := []*Schedule{
		nil,
		{Inherit: true},
		{DefaultState: "Busy"},
		{DefaultState: "Open", Rules: []SchedulingRule{{ID: "late", State: "Late", SimpleRuleType: model.RuleAlways,
			Condition: `customer.data.lateHours == true`}}},
		{DefaultState: "Open", Rules: []SchedulingRule{{ID: "follow", State: "Closed", SimpleRuleType: model.RuleCustomerState,
			CustomerState: "Holiday"}}},
	}
	for round := range 4 {
		tree := smallPlatform(2)
		if round%2 == 1 {
			tree = randomTree(rng)
		}
		e := New()
		require.NoError(t, e.Load(tree))
		customers := e.Snapshot().Tree().Customers
		at := time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC)
		for step := range 40 {
			ep := &Endpoint{ID: fmt.Sprintf("put-%d", rng.IntN(12)), Name: "Put", CustomerID: customers[rng.IntN(len(customers))].ID,
				Schedule: schedules[rng.IntN(len(schedules))].Clone()}
			if rng.IntN(8) == 0 { // refused: a customer's id, or no such customer
				before := e.Snapshot()
				bad := *ep
				if rng.IntN(2) == 0 {
					bad.ID = customers[0].ID
				} else {
					bad.CustomerID = "no-such-customer"
				}
				require.Error(t, e.PutEndpoint(&bad))
				require.Same(t, before, e.Snapshot(), "a refused put changes nothing")
				continue
			}
			require.NoError(t, e.PutEndpoint(ep), "round %d step %d", round, step)
			s := e.Snapshot()
			fresh := New()
			require.NoError(t, fresh.Load(s.Tree()))
			fs := fresh.Snapshot()
			require.Equal(t, fs.IDs(), s.IDs())
			at = at.Add(time.Duration(rng.Int64N(int64(5 * time.Hour))))
			sameAnswersAt(t, fs, s, at, fmt.Sprintf("round %d step %d", round, step))
		}
	}
}
