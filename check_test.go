package voicesched

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// problemRows renders problems as "severity path code" for comparison.
func problemRows(ps Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Severity.String()+" "+p.Path+" "+p.Code)
	}
	return out
}

func TestABrokenTreeIsRefusedWithEveryStructuralProblemAtOnce(t *testing.T) {
	tree := Tree{
		Customers: []*CustomerInfo{
			{EntityInfo: EntityInfo{ID: "root"}, Name: "Root"},
			{EntityInfo: EntityInfo{ID: "a"}, Name: "A", ParentCustomerID: "b"},
			{EntityInfo: EntityInfo{ID: "b"}, Name: "B", ParentCustomerID: "a"},
			{EntityInfo: EntityInfo{ID: "root"}, Name: "Root again"},
			nil,
		},
		Endpoints: []*Endpoint{{ID: "desk", CustomerID: "ghost"}, {ID: "phone"}},
	}
	err := New().Load(tree)
	var refused *StructureError
	require.ErrorAs(t, err, &refused)
	assert.Equal(t, []string{
		"error customers[3].id duplicate-id",
		"error customers[4] null",
		"error endpoints[0].customerId parent-not-found",
		"error endpoints[1].customerId parent-not-found",
		"error customers[1].parentCustomerId parent-loop",
		"error customers[2].parentCustomerId parent-loop",
	}, problemRows(refused.Problems))
	assert.True(t, strings.HasPrefix(err.Error(), `customers[3].id: id "root" is already used by customers[0] (and 5 more errors)`), err.Error())

	// ValidateTree finds the same, sorted by path, and what Load lets
	// through (names, tag colours) too.
	tree.Customers[0].Name = " "
	tree.Customers[0].Tags = []Tag{{ID: "vip", Color: 11}}
	rows := problemRows(ValidateTree(tree))
	assert.Subset(t, rows, append(problemRows(refused.Problems), "error customers[0].name empty-name", "error customers[0].tags[0].color enum-out-of-range"))
	assert.Equal(t, "error customers[0].name empty-name", rows[0], "sorted by path")
}

func TestATreeWithAnUnnamedCustomerStillHasItsSchedulesCheckedInTheirCascadedZone(t *testing.T) {
	tree := Tree{Customers: []*CustomerInfo{
		{EntityInfo: EntityInfo{ID: "clinic"}, Name: "", Schedule: &Schedule{TimeZoneID: "America/New_York", DefaultState: "Open"}},
		{EntityInfo: EntityInfo{ID: "lab"}, Name: "Lab", ParentCustomerID: "clinic", Schedule: &Schedule{DefaultState: "Open",
			Rules: []SchedulingRule{{ID: "r", State: "Closed", SimpleRuleType: RuleType(2), Frequency: Frequency(6), StartDate: "2026-03-08", StartTime: "02:30", EndTime: "03:00"}}}},
	}}
	require.NoError(t, New().Load(tree), "an empty name does not stop a load")
	problems := ValidateTree(tree)
	assert.Contains(t, problemRows(problems), "error customers[0].name empty-name")
	for _, p := range problems {
		assert.NotEqual(t, CodeInheritOnRoot, p.Code, "the lab is checked as the clinic's child")
	}
}

func TestACustomerIsValidatedAloneOrInTheDirectory(t *testing.T) {
	lone := &CustomerInfo{EntityInfo: EntityInfo{ID: "maple"}, ParentCustomerID: "maple", Tags: []Tag{{Color: 3}}}
	assert.Equal(t, []string{
		"error name empty-name",
		"error parentCustomerId parent-loop",
		"error tags[0].id empty-id",
	}, problemRows(ValidateCustomer(lone)), "no schedule: it inherits, nothing to warn about")
	assert.Equal(t, []string{"error  null"}, problemRows(ValidateCustomer(nil)))

	e := sampleEngine(t)
	inTree := &CustomerInfo{EntityInfo: EntityInfo{ID: "ep-maple-dr-lee"}, Name: "Dr Lee"}
	assert.Equal(t, []string{"error id duplicate-id"}, problemRows(e.ValidateCustomer(inTree).Errors()),
		"an endpoint's id cannot become a customer's")
	err := e.PutCustomer(inTree)
	var refused *StructureError
	require.ErrorAs(t, err, &refused, "PutCustomer runs the same check")
	assert.Equal(t, CodeDuplicateID, refused.Problems[0].Code)
}

func TestAPatchIsValidatedAloneOrAgainstItsCustomer(t *testing.T) {
	patch := decodePatch(t, `{"customerId":"clinic-maple","name":"","parentCustomerId":"clinic-maple","schedule":{"rules":[{"state":"x","simpleRuleType":"Time","startTime":"25:00"}]}}`)
	alone := problemRows(ValidatePatch(patch).Errors())
	assert.Equal(t, []string{"error name empty-name", "error schedule.rules[0].startTime bad-time"}, alone,
		"alone, the parent cannot be judged")
	against := problemRows(sampleEngine(t).ValidatePatch(patch, nil).Errors())
	assert.Equal(t, []string{"error name empty-name", "error parentCustomerId parent-loop", "error schedule.rules[0].startTime bad-time"}, against)
	assert.Equal(t, []string{"error customerId empty-id"}, problemRows(ValidatePatch(PatchCustomer{Name: Some("x")})))
}

func TestRecordsTooLargeAreRefusedBeforeTheyAreCopied(t *testing.T) {
	loop := Struct{}
	loop["self"] = &Value{StructValue: loop}
	tree := Tree{Customers: []*CustomerInfo{
		{EntityInfo: EntityInfo{ID: "a"}, Name: "A", Data: loop},
		{EntityInfo: EntityInfo{ID: "b"}, Name: "B", Schedule: &Schedule{Rules: []SchedulingRule{{State: "x", FlowParams: loop}}}},
	}}
	err := New().Load(tree)
	var refused *StructureError
	require.True(t, errors.As(err, &refused))
	assert.Equal(t, []string{
		"error customers[0].data data-not-a-tree",
		"error customers[1].schedule.rules[0].flowParams data-not-a-tree",
	}, problemRows(refused.Problems))
}

func TestALoopIsFoundOnceForEveryRecordOnItOrBelowIt(t *testing.T) {
	// 0 and 1 are each other's parent, 2 hangs below the loop, 3 is a
	// root with child 4.
	assert.Equal(t, []bool{true, true, true, false, false}, reachesLoop([]int32{1, 0, 0, -1, 3}))
}

func TestAnUnknownDefaultZoneIsReportedNotReplacedByUTC(t *testing.T) {
	e := New(WithDefaultZone("America/New_Yrok"))
	var optionErr *OptionError
	require.ErrorAs(t, e.Err(), &optionErr)
	assert.Equal(t, "WithDefaultZone", optionErr.Option)
	tree := Tree{Customers: []*CustomerInfo{{EntityInfo: EntityInfo{ID: "clinic"}, Name: "Clinic"}}}
	assert.ErrorIs(t, e.Load(tree), e.Err(), "no write is accepted in a zone nobody chose")
	assert.ErrorIs(t, e.PutCustomer(tree.Customers[0]), e.Err())
	assert.Zero(t, e.Snapshot().Len())
	assert.Contains(t, problemRows(ValidateTree(tree, WithDefaultZone("America/New_Yrok"))), "error (options) unknown-zone")

	good := New(WithDefaultZone("America/New_York"))
	require.NoError(t, good.Err())
	require.NoError(t, good.Load(tree))
	answer, err := good.Snapshot().Evaluate("clinic", time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, "America/New_York", answer.TimeZoneID)
}
