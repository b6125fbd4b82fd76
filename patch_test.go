package voicesched

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/model"
)

var patchClock = time.Date(2026, 11, 30, 15, 4, 5, 0, time.UTC)

func sampleEngine(t testing.TB, opts ...Option) *Engine {
	t.Helper()
	e := New(append([]Option{WithClock(func() time.Time { return patchClock })}, opts...)...)
	require.NoError(t, e.Load(loadTreeFile(t, "testdata/sample/tree.json")))
	return e
}

func decodePatch(t testing.TB, raw string) PatchCustomer {
	t.Helper()
	var p PatchCustomer
	require.NoError(t, json.Unmarshal([]byte(raw), &p))
	return p
}

func treeJSON(t testing.TB, e *Engine) string {
	t.Helper()
	out, err := json.Marshal(e.Snapshot().Tree())
	require.NoError(t, err)
	return string(out)
}

func TestPatchAbsentAndNullLeaveMembersUnchanged(t *testing.T) {
	e := sampleEngine(t)
	before := e.Snapshot().Customer("clinic-maple")
	nulls := `{"customerId":"clinic-maple","name":null,"parentCustomerId":null,"referenceId":null,"data":null,"tagIds":null,
		"schedule":null,"overrideBillingSettings":null,"billingSettings":null,"overrideAppSettings":null,"appSettings":null}`
	for _, raw := range []string{`{"customerId":"clinic-maple"}`, nulls} {
		got, err := e.Patch(decodePatch(t, raw), "ops@example", nil)
		require.NoError(t, err)
		want := before.Clone()
		want.DateLastModified = "2026-11-30T15:04:05Z"
		want.LastModifiedBy = "ops@example"
		assert.Equal(t, want, got, raw)
	}
}

func TestPatchValuesReplace(t *testing.T) {
	e := sampleEngine(t)
	got, err := e.Patch(decodePatch(t, `{"customerId":"clinic-maple","name":"Maple Clinic","referenceId":"MSC-18",
		"overrideBillingSettings":true,"billingSettings":{"base":{"baseCost":9}},
		"overrideAppSettings":true,"appSettings":{"pageTitle":"Maple"},
		"schedule":{"timeZoneId":"America/Chicago","defaultState":"Closed"}}`), "ops", nil)
	require.NoError(t, err)
	assert.Equal(t, "Maple Clinic", got.Name)
	assert.Equal(t, "MSC-18", got.ReferenceID)
	assert.True(t, got.OverrideBillingSettings)
	assert.Equal(t, 9.0, got.BillingSettings.Base.BaseCost)
	assert.Nil(t, got.BillingSettings.LocalNumbers, "whole objects replace")
	assert.Equal(t, "Maple", got.AppSettings.PageTitle)
	assert.Equal(t, &Schedule{TimeZoneID: "America/Chicago", DefaultState: "Closed"}, got.Schedule)
	assert.Equal(t, []CustomerBreadcrumb{{ID: "reseller-northwind", Name: "Northwind Voice"}, {ID: "clinic-maple", Name: "Maple Clinic"}}, got.Breadcrumb)
	// The new schedule is what answers now, in its new zone, and the
	// inheriting department follows.
	a, err := e.Snapshot().Evaluate("dept-maple-billing", time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, "Closed", a.StateName)
	assert.Equal(t, "America/Chicago", a.TimeZoneID)
	// The department's breadcrumb shows the new name.
	assert.Equal(t, "Maple Clinic", e.Snapshot().Customer("dept-maple-billing").Breadcrumb[1].Name)
}

func TestPatchDataMergesByKey(t *testing.T) {
	e := sampleEngine(t)
	got, err := e.Patch(decodePatch(t, `{"customerId":"clinic-maple","data":{"seats":{"numberValue":14},"region":null,"new":{"stringValue":"x"}}}`), "ops", nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"seats": 14.0, "afterHoursLine": true, "new": "x"}, got.Data.Plain())
}

func TestPatchTags(t *testing.T) {
	e := sampleEngine(t)
	got, err := e.Patch(decodePatch(t, `{"customerId":"clinic-harbour","tagIds":["tag-vip","tag-24x7","tag-vip"]}`), "ops", nil)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{ID: "tag-vip", Name: "vip", Color: 4}, {ID: "tag-24x7", Name: "24x7", Color: 10}}, got.Tags, "resolved, duplicates collapse")

	before := treeJSON(t, e)
	_, err = e.Patch(decodePatch(t, `{"customerId":"clinic-harbour","tagIds":["tag-vip","tag-nope"]}`), "ops", nil)
	var perr *PatchError
	require.ErrorAs(t, err, &perr)
	require.Len(t, perr.Problems, 1)
	assert.Equal(t, "tagIds[1]", perr.Problems[0].Path)
	assert.Equal(t, CodeUnknownTag, perr.Problems[0].Code)
	assert.Equal(t, before, treeJSON(t, e), "a failed patch changes nothing")

	// A caller-supplied lookup replaces the directory's tags.
	lookup := func(id string) (Tag, bool) { return Tag{ID: id, Name: "ext-" + id, Color: 7}, id == "x1" }
	got, err = e.Patch(decodePatch(t, `{"customerId":"clinic-harbour","tagIds":["x1"]}`), "ops", lookup)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{ID: "x1", Name: "ext-x1", Color: 7}}, got.Tags)
}

func TestPatchMovesThatWouldLoopAreRejected(t *testing.T) {
	e := sampleEngine(t)
	// A grandchild to make the chain three deep below the reseller.
	require.NoError(t, e.PutCustomer(&CustomerInfo{EntityInfo: EntityInfo{ID: "team-lab-night"}, Name: "Lab night team", ParentCustomerID: "dept-maple-lab"}))
	before := treeJSON(t, e)
	for _, target := range []string{"clinic-maple", "dept-maple-lab", "team-lab-night"} {
		_, err := e.Patch(decodePatch(t, fmt.Sprintf(`{"customerId":"clinic-maple","parentCustomerId":%q}`, target)), "ops", nil)
		var perr *PatchError
		require.ErrorAs(t, err, &perr, target)
		assert.Equal(t, CodeParentLoop, perr.Problems[0].Code, target)
		assert.Equal(t, "parentCustomerId", perr.Problems[0].Path)
	}
	_, err := e.Patch(decodePatch(t, `{"customerId":"clinic-maple","parentCustomerId":"nobody"}`), "ops", nil)
	var perr *PatchError
	require.ErrorAs(t, err, &perr)
	assert.Equal(t, CodeParentNotFound, perr.Problems[0].Code)
	assert.Equal(t, before, treeJSON(t, e))
}

func TestPatchMoveRecomputesBreadcrumbsThreeLevelsDown(t *testing.T) {
	e := sampleEngine(t)
	require.NoError(t, e.PutCustomer(&CustomerInfo{EntityInfo: EntityInfo{ID: "team-lab-night"}, Name: "Lab night team", ParentCustomerID: "dept-maple-lab"}))
	// Move the Maple clinic under the Harbour clinic.
	_, err := e.Patch(decodePatch(t, `{"customerId":"clinic-maple","parentCustomerId":"clinic-harbour"}`), "ops", nil)
	require.NoError(t, err)
	got := e.Snapshot().Customer("team-lab-night").Breadcrumb
	assert.Equal(t, []CustomerBreadcrumb{
		{ID: "reseller-northwind", Name: "Northwind Voice"},
		{ID: "clinic-harbour", Name: "Harbour Clinic Sydney"},
		{ID: "clinic-maple", Name: "Maple Street Clinic"},
		{ID: "dept-maple-lab", Name: "Maple Lab"},
		{ID: "team-lab-night", Name: "Lab night team"},
	}, got)
	// "" moves to the root.
	moved, err := e.Patch(decodePatch(t, `{"customerId":"clinic-maple","parentCustomerId":""}`), "ops", nil)
	require.NoError(t, err)
	assert.Equal(t, []CustomerBreadcrumb{{ID: "clinic-maple", Name: "Maple Street Clinic"}}, moved.Breadcrumb)
	assert.Len(t, e.Snapshot().Customer("team-lab-night").Breadcrumb, 3)
}

func TestPatchWithOneBadRuleChangesNothing(t *testing.T) {
	e := sampleEngine(t)
	before := treeJSON(t, e)
	snapBefore := e.Snapshot()
	_, err := e.Patch(decodePatch(t, `{"customerId":"clinic-maple","name":"Renamed","data":{"x":{"boolValue":true}},
		"schedule":{"timeZoneId":"America/New_York","rules":[
			{"id":"ok","state":"Open","simpleRuleType":"Always"},
			{"id":"bad","state":"Holiday","simpleRuleType":"Time","frequency":"Yearly","byMonth":[2],"byMonthDay":[30]}]}}`), "ops", nil)
	var perr *PatchError
	require.ErrorAs(t, err, &perr)
	errs := perr.Problems.Errors()
	require.NotEmpty(t, errs)
	assert.True(t, strings.HasPrefix(errs[0].Path, "schedule.rules[1]"), "%v", errs)
	assert.Equal(t, before, treeJSON(t, e), "the whole tree is as it was")
	assert.Same(t, snapBefore, e.Snapshot(), "no new version was published")
}

func TestPatchEmptyNameAndEveryProblemAtOnce(t *testing.T) {
	e := sampleEngine(t)
	_, err := e.Patch(decodePatch(t, `{"customerId":"clinic-maple","name":"  ","tagIds":["nope"],"parentCustomerId":"ghost",
		"schedule":{"timeZoneId":"Nowhere/City"}}`), "ops", nil)
	var perr *PatchError
	require.ErrorAs(t, err, &perr)
	codes := map[string]string{}
	for _, p := range perr.Problems.Errors() {
		codes[p.Path] = p.Code
	}
	assert.Equal(t, map[string]string{
		"name":                "empty-name",
		"tagIds[0]":           "unknown-tag",
		"parentCustomerId":    "parent-not-found",
		"schedule.timeZoneId": "unknown-zone",
	}, codes)
}

func TestPatchConflictOnStaleDateLastModified(t *testing.T) {
	e := sampleEngine(t)
	_, err := e.Patch(decodePatch(t, `{"customerId":"clinic-maple","name":"A","expectedDateLastModified":"2026-11-02T16:30:00Z"}`), "ops", nil)
	require.NoError(t, err, "matches the stored value")
	_, err = e.Patch(decodePatch(t, `{"customerId":"clinic-maple","name":"B","expectedDateLastModified":"2026-11-02T16:30:00Z"}`), "ops", nil)
	var conflict *ConflictError
	require.ErrorAs(t, err, &conflict)
	assert.Equal(t, "2026-11-30T15:04:05Z", conflict.Stored)
	assert.Equal(t, "A", e.Snapshot().Customer("clinic-maple").Name)
}

func TestPatchUnknownCustomerAndEndpoint(t *testing.T) {
	e := sampleEngine(t)
	_, err := e.Patch(PatchCustomer{CustomerID: "nobody"}, "ops", nil)
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	_, err = e.Patch(PatchCustomer{CustomerID: "ep-maple-dr-lee"}, "ops", nil)
	var perr *PatchError
	require.ErrorAs(t, err, &perr)
	assert.Equal(t, CodeNotACustomer, perr.Problems[0].Code)
}

func TestEffectiveSettings(t *testing.T) {
	defaults := &BillingSettings{Base: &BillingItem{BaseCost: 1}}
	e := sampleEngine(t, WithDefaultSettings(defaults, &AppSettings{PageTitle: "Default"}))
	s := e.Snapshot()
	billing, app, err := s.EffectiveSettings("dept-maple-lab")
	require.NoError(t, err)
	assert.Equal(t, 25.0, billing.Base.BaseCost, "the reseller overrides billing")
	assert.Equal(t, "Northwind Voice", app.PageTitle)
	_, err = e.Patch(decodePatch(t, `{"customerId":"clinic-maple","overrideAppSettings":true,"appSettings":{"pageTitle":"Maple portal"}}`), "ops", nil)
	require.NoError(t, err)
	_, app, err = e.Snapshot().EffectiveSettings("dept-maple-lab")
	require.NoError(t, err)
	assert.Equal(t, "Maple portal", app.PageTitle, "the nearest overriding ancestor wins")
	// A root that does not override gets the engine defaults.
	require.NoError(t, e.PutCustomer(&CustomerInfo{EntityInfo: EntityInfo{ID: "lone"}, Name: "Lone"}))
	billing, app, err = e.Snapshot().EffectiveSettings("lone")
	require.NoError(t, err)
	assert.Equal(t, defaults, billing)
	assert.Equal(t, "Default", app.PageTitle)
}

// Many goroutines patch and move customers at random while readers
// evaluate: no loop can appear, every successful patch is visible, and
// -race stays quiet.
func TestPatchConcurrentMovesAndReaders(t *testing.T) {
	e := New()
	var customers []*CustomerInfo
	for i := 0; i < 40; i++ {
		c := &CustomerInfo{EntityInfo: EntityInfo{ID: fmt.Sprintf("c%02d", i)}, Name: fmt.Sprintf("C%d", i),
			Schedule: &Schedule{DefaultState: "Open", Rules: []SchedulingRule{{ID: "r", State: "Lunch", SimpleRuleType: model.RuleTime,
				Frequency: model.FrequencyDaily, StartTime: "12:00", EndTime: "13:00"}}}}
		if i > 0 {
			c.ParentCustomerID = fmt.Sprintf("c%02d", (i-1)/3)
		}
		customers = append(customers, c)
	}
	require.NoError(t, e.Load(Tree{Customers: customers}))
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for r := 0; r < 2; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				s := e.Snapshot()
				for _, id := range s.IDs() {
					a, err := s.Evaluate(id, time.Date(2026, 11, 30, 12, 30, 0, 0, time.UTC))
					if err != nil || (a.StateName != "Lunch" && a.StateName != "Open") {
						t.Errorf("evaluate %s: %v %q", id, err, a.StateName)
						return
					}
				}
			}
		}()
	}
	var writers sync.WaitGroup
	// Moves race freely; each writer renames only its own customers, so the
	// last name it wrote successfully is the one that must be visible.
	succeeded := make([]map[string]string, 4)
	for w := 0; w < 4; w++ {
		succeeded[w] = map[string]string{}
		writers.Add(1)
		go func(w int) {
			defer writers.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for k := 0; k < 150; k++ {
				mover := fmt.Sprintf("c%02d", 1+rng.IntN(39))
				parent := fmt.Sprintf("c%02d", rng.IntN(40))
				_, _ = e.Patch(PatchCustomer{CustomerID: mover, ParentCustomerID: Some(parent)}, "w", nil)
				own := fmt.Sprintf("c%02d", 4*rng.IntN(10)+w)
				name := fmt.Sprintf("w%d-%d", w, k)
				if _, err := e.Patch(PatchCustomer{CustomerID: own, Name: Some(name)}, "w", nil); err == nil {
					succeeded[w][own] = name
				} else {
					t.Errorf("rename %s: %v", own, err)
				}
			}
		}(w)
	}
	writers.Wait()
	close(stop)
	readers.Wait()
	s := e.Snapshot()
	for _, names := range succeeded {
		for id, name := range names {
			assert.Equal(t, name, s.Customer(id).Name, "the last successful patch of %s is visible", id)
		}
	}
	// No loop: every customer reaches the root within MaxDepth steps.
	for _, id := range s.IDs() {
		seen := map[string]bool{}
		for at := s.Customer(id); at != nil && at.ParentCustomerID != ""; at = s.Customer(at.ParentCustomerID) {
			require.False(t, seen[at.ID], "loop through %s", at.ID)
			seen[at.ID] = true
		}
	}
	assert.Len(t, s.IDs(), 40, "every customer is still reachable from a root")
}

func TestPatchWithGoValuesThatAreNotTrees(t *testing.T) {
	e := sampleEngine(t)
	before := treeJSON(t, e)
	loop := Struct{}
	loop["self"] = &Value{StructValue: loop}
	sched := &Schedule{Rules: []SchedulingRule{{State: "x", SimpleRuleType: model.RuleAlways, FlowParams: loop}}}
	_, err := e.Patch(PatchCustomer{CustomerID: "clinic-maple", Schedule: Some(sched)}, "ops", nil)
	var perr *PatchError
	require.ErrorAs(t, err, &perr)
	assert.Equal(t, "data-not-a-tree", perr.Problems[0].Code)
	assert.Equal(t, "schedule.rules[0].flowParams", perr.Problems[0].Path)
	assert.NotEmpty(t, e.ValidatePatch(PatchCustomer{CustomerID: "clinic-maple", Schedule: Some(sched)}, nil), "validation does not copy it either")
	_, err = e.Patch(PatchCustomer{CustomerID: "clinic-maple", Data: Some(loop)}, "ops", nil)
	require.ErrorAs(t, err, &perr)
	assert.Equal(t, before, treeJSON(t, e))
	// From Go, a present but nil schedule (JSON cannot say this: null is
	// "unchanged") removes the schedule, so the customer inherits.
	_, err = e.Patch(PatchCustomer{CustomerID: "dept-maple-lab", Schedule: Some[*Schedule](nil)}, "ops", nil)
	require.NoError(t, err)
	assert.Nil(t, e.Snapshot().Customer("dept-maple-lab").Schedule)
	require.ErrorAs(t, e.PutCustomer(&CustomerInfo{EntityInfo: EntityInfo{ID: "z"}, Name: "z", Data: loop}), new(*StructureError))
}
