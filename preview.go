package voicesched

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// PatchPreview is what a patch would do, computed without applying it.
type PatchPreview struct {
	CustomerID string
	// Applies tells whether Patch would apply the patch.
	Applies bool
	// Problems are the errors Patch would report (when it does not apply),
	// or the warnings of a patch that applies: those of its new schedule
	// and those particular to patches (CodePatchDropsRules, …).
	Problems Problems
	// Summary lists, member by member, what the patch changes in the
	// stored customer (empty when it does not apply).
	Summary []PatchSummaryLine
	// Changes and Cut are the comparison of the directory before and after
	// the patch over the window asked for (see Compare), restricted to the
	// nodes whose answer can differ: the customer and everything below it.
	Changes []StateChange
	Cut     []string
	// After is the snapshot the patch would publish (nil when it does not
	// apply). It is not published: the directory is unchanged.
	After *Snapshot
}

// PatchSummaryLine is one member a patch changes: the path of the member,
// its value before and after in words, and a sentence saying what that
// means ("10 → 1 rules: dropped …").
type PatchSummaryLine struct {
	Path   string `json:"path"`
	Before string `json:"before"`
	After  string `json:"after"`
	Text   string `json:"text"`
}

// MarshalJSON writes the public shape {"customerId", "applies", "problems",
// "summary", "changes", "cut"}; lists are [] when empty, never null.
func (p *PatchPreview) MarshalJSON() ([]byte, error) {
	out := struct {
		CustomerID string             `json:"customerId"`
		Applies    bool               `json:"applies"`
		Problems   Problems           `json:"problems"`
		Summary    []PatchSummaryLine `json:"summary"`
		Changes    []StateChange      `json:"changes"`
		Cut        []string           `json:"cut"`
	}{p.CustomerID, p.Applies, p.Problems, p.Summary, p.Changes, p.Cut}
	if out.Problems == nil {
		out.Problems = Problems{}
	}
	if out.Summary == nil {
		out.Summary = []PatchSummaryLine{}
	}
	if out.Changes == nil {
		out.Changes = []StateChange{}
	}
	if out.Cut == nil {
		out.Cut = []string{}
	}
	return json.Marshal(out)
}

// PreviewOption configures PreviewPatch.
type PreviewOption func(*previewConfig)

type previewConfig struct {
	lookup TagLookup
}

// PreviewTagLookup resolves the patch's tagIds through lookup, as Patch's
// lookup argument does (default: the directory's own tags).
func PreviewTagLookup(lookup TagLookup) PreviewOption {
	return func(c *previewConfig) { c.lookup = lookup }
}

// PreviewPatch shows what Patch would do with p on this snapshot, and
// publishes nothing: the problems Patch would report and whether it would
// apply (it runs the very checks and the very apply step Patch runs, into a
// snapshot it keeps to itself), a member-by-member summary of the changes
// to the stored customer, the warnings particular to patches, and the
// state changes over [from, to) of every node whose answer can differ —
// the customer, its descendants and their endpoints, and so every rule
// that follows its state. The state changes are Compare's: exact to the
// second, bounded by the search budgets, with cut searches listed.
//
// An empty window (from equal to to) previews the members only. A patch
// that does not apply is not an error: Applies is false and Problems says
// why. The error is for a nil patch or a window that ends before it starts.
// See docs/semantics.md#patch-preview.
func (s *Snapshot) PreviewPatch(p *PatchCustomer, from, to time.Time, opts ...PreviewOption) (*PatchPreview, error) {
	if p == nil {
		return nil, errors.New("preview patch: no patch")
	}
	if to.Before(from) {
		return nil, fmt.Errorf("preview patch: the window ends (%s) before it starts (%s)", to.UTC().Format(time.RFC3339), from.UTC().Format(time.RFC3339))
	}
	var cfg previewConfig
	for _, o := range opts {
		o(&cfg)
	}
	out := &PatchPreview{CustomerID: p.CustomerID}
	next, _, warnings, err := s.patched(*p, "", cfg.lookup, s.cfg.now(), nil)
	if err != nil {
		out.Problems = refusalProblems(err)
		return out, nil
	}
	out.Applies, out.After = true, next
	i := s.indexOr(p.CustomerID) // patched found it
	out.Problems = append(out.Problems, warnings...)
	delta := newPatchDelta(s, next, i)
	out.Summary = delta.summary()
	out.Problems = append(out.Problems, delta.warnings()...)
	ids := make([]string, 0, len(delta.subtree))
	for _, k := range delta.subtree {
		ids = append(ids, next.nodes.at(k).id())
	}
	cmp, err := Compare(s, next, from, to, CompareOnly(ids...))
	if err != nil {
		return nil, err
	}
	out.Changes, out.Cut = cmp.Changes, cmp.Cut
	return out, nil
}

// refusalProblems turns the error of a patch that does not apply into the
// problems it reports.
func refusalProblems(err error) Problems {
	var patchErr *PatchError
	if errors.As(err, &patchErr) {
		return patchErr.Problems
	}
	return Problems{{Path: "customerId", Code: CodePatchRefused, Severity: SeverityError, Message: err.Error()}}
}

// patchDelta is one customer before and after a patch, in the snapshots
// before and after it.
type patchDelta struct {
	before, after *Snapshot
	i             int32
	old, new      *CustomerInfo
	// subtree is the customer and every node below it (in after), parents
	// first.
	subtree []int32
	// zoneMoved counts the nodes strictly below the customer whose zone
	// differs between the snapshots.
	zoneMoved int
}

func newPatchDelta(before, after *Snapshot, i int32) *patchDelta {
	d := &patchDelta{before: before, after: after, i: i, old: before.nodes.at(i).customer, new: after.nodes.at(i).customer}
	stack := []int32{i}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		d.subtree = append(d.subtree, k)
		children := after.nodes.at(k).children()
		for c := len(children) - 1; c >= 0; c-- {
			stack = append(stack, children[c])
		}
	}
	for _, k := range d.subtree[1:] {
		if zoneID(before, k) != zoneID(after, k) {
			d.zoneMoved++
		}
	}
	return d
}

// zoneID is the id of the zone node i's schedule is evaluated in.
func zoneID(s *Snapshot, i int32) string {
	_, id := s.nodes.at(i).compiled.Zone()
	return id
}

// recordSchedule is a customer's schedule, a customer without one being
// one that inherits (docs/semantics.md#inheritance).
func recordSchedule(c *CustomerInfo) *Schedule {
	if c.Schedule == nil {
		return &Schedule{Inherit: true}
	}
	return c.Schedule
}

func (d *patchDelta) summary() []PatchSummaryLine {
	var out []PatchSummaryLine
	line := func(path, before, after, text string) {
		out = append(out, PatchSummaryLine{Path: path, Before: before, After: after, Text: text})
	}
	old, new := d.old, d.new
	if old.Name != new.Name {
		line("name", quoteOrAbsent(old.Name), quoteOrAbsent(new.Name), fmt.Sprintf("renamed from %q to %q", old.Name, new.Name))
	}
	if old.ReferenceID != new.ReferenceID {
		line("referenceId", quoteOrAbsent(old.ReferenceID), quoteOrAbsent(new.ReferenceID), "the reference id changes")
	}
	if old.ParentCustomerID != new.ParentCustomerID {
		text := fmt.Sprintf("moves from %s to %s", parentWords(old.ParentCustomerID), parentWords(new.ParentCustomerID))
		if d.zoneMoved > 0 {
			text += fmt.Sprintf("; %s below it change time zone", countNodes(d.zoneMoved))
		}
		line("parentCustomerId", quoteOrAbsent(old.ParentCustomerID), quoteOrAbsent(new.ParentCustomerID), text)
	}
	oldSched, newSched := recordSchedule(old), recordSchedule(new)
	if oldSched != newSched {
		out = append(out, d.scheduleLines(oldSched, newSched)...)
	}
	if added, removed := tagChanges(old.Tags, new.Tags); len(added)+len(removed) > 0 {
		var parts []string
		if len(added) > 0 {
			parts = append(parts, "added "+strings.Join(added, ", "))
		}
		if len(removed) > 0 {
			parts = append(parts, "removed "+strings.Join(removed, ", "))
		}
		line("tags", tagNames(old.Tags), tagNames(new.Tags), "tags "+strings.Join(parts, "; "))
	}
	keys := slices.Sorted(maps.Keys(old.Data))
	for k := range new.Data {
		if _, ok := old.Data[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		before, after := valueWords(old.Data[k]), valueWords(new.Data[k])
		switch {
		case before == after:
		case old.Data[k] == nil:
			line("data."+k, before, after, fmt.Sprintf("data key %q added", k))
		case new.Data[k] == nil:
			line("data."+k, before, after, fmt.Sprintf("data key %q removed", k))
		default:
			line("data."+k, before, after, fmt.Sprintf("data key %q changed", k))
		}
	}
	if old.OverrideBillingSettings != new.OverrideBillingSettings {
		line("overrideBillingSettings", fmt.Sprint(old.OverrideBillingSettings), fmt.Sprint(new.OverrideBillingSettings), overrideText("billing", new.OverrideBillingSettings))
	}
	if b, a := jsonWords(old.BillingSettings), jsonWords(new.BillingSettings); b != a {
		line("billingSettings", b, a, "the billing settings are replaced")
	}
	if old.OverrideAppSettings != new.OverrideAppSettings {
		line("overrideAppSettings", fmt.Sprint(old.OverrideAppSettings), fmt.Sprint(new.OverrideAppSettings), overrideText("app", new.OverrideAppSettings))
	}
	if b, a := jsonWords(old.AppSettings), jsonWords(new.AppSettings); b != a {
		line("appSettings", b, a, "the app settings are replaced")
	}
	return out
}

func (d *patchDelta) scheduleLines(oldSched, newSched *Schedule) []PatchSummaryLine {
	var out []PatchSummaryLine
	line := func(path, before, after, text string) {
		out = append(out, PatchSummaryLine{Path: path, Before: before, After: after, Text: text})
	}
	if oldSched.TimeZoneID != newSched.TimeZoneID {
		before, after := zoneWords(oldSched.TimeZoneID, zoneID(d.before, d.i), false), zoneWords(newSched.TimeZoneID, zoneID(d.after, d.i), true)
		line("schedule.timeZoneId", before, after, "timeZoneId "+before+" → "+after)
	}
	if oldSched.DefaultState != newSched.DefaultState {
		before := defaultWords(oldSched.DefaultState, d.before.cfg.fallbackState, false)
		after := defaultWords(newSched.DefaultState, d.after.cfg.fallbackState, true)
		line("schedule.defaultState", before, after, "defaultState "+before+" → "+after)
	}
	if oldSched.Inherit != newSched.Inherit {
		text := "inherit switched off: the customer's own rules decide"
		if newSched.Inherit {
			text = "inherit switched on: the customer answers as its parent does, its own rules unused"
		}
		line("schedule.inherit", fmt.Sprint(oldSched.Inherit), fmt.Sprint(newSched.Inherit), text)
	}
	if oldSched.ForceClosed != newSched.ForceClosed {
		text := "forceClosed switched off"
		if newSched.ForceClosed {
			text = fmt.Sprintf("forceClosed switched on: the customer and %s below it answer %q at every instant", countNodes(d.closedBelow()), d.after.cfg.closedState)
		}
		line("schedule.forceClosed", fmt.Sprint(oldSched.ForceClosed), fmt.Sprint(newSched.ForceClosed), text)
	}
	if text, changed := ruleChanges(oldSched.Rules, newSched.Rules); changed {
		line("schedule.rules", countRules(len(oldSched.Rules)), countRules(len(newSched.Rules)), text)
	}
	return out
}

// warnings are the warnings particular to this patch.
func (d *patchDelta) warnings() Problems {
	var out Problems
	warn := func(path, code, format string, args ...any) {
		out = append(out, Problem{Path: path, Code: code, Severity: SeverityWarning, Message: fmt.Sprintf(format, args...)})
	}
	oldSched, newSched := recordSchedule(d.old), recordSchedule(d.new)
	if oldSched != newSched {
		if len(newSched.Rules) < len(oldSched.Rules) {
			gone := dropRules(oldSched.Rules, newSched.Rules)
			warn("schedule.rules", CodePatchDropsRules, "the new schedule has %s where the old one had %d; these disappear: %s",
				countRules(len(newSched.Rules)), len(oldSched.Rules), strings.Join(gone, ", "))
		}
		if oldSched.TimeZoneID != "" && newSched.TimeZoneID == "" {
			warn("schedule.timeZoneId", CodePatchDropsZone, "the new schedule names no time zone: instead of %q the customer now inherits %q",
				oldSched.TimeZoneID, zoneID(d.after, d.i))
		}
		if oldSched.DefaultState != "" && newSched.DefaultState == "" && !newSched.Inherit && !newSched.ForceClosed {
			warn("schedule.defaultState", CodePatchDropsDefaultState, "the new schedule has no defaultState: when no rule matches the state is now the fallback %q instead of %q",
				d.after.cfg.fallbackState, oldSched.DefaultState)
		}
		if !oldSched.ForceClosed && newSched.ForceClosed {
			warn("schedule.forceClosed", CodePatchForcesClosed, "forceClosed is switched on: the customer and %s below it answer %q at every instant",
				countNodes(d.closedBelow()), d.after.cfg.closedState)
		}
	}
	if d.old.ParentCustomerID != d.new.ParentCustomerID && d.zoneMoved > 0 {
		warn("parentCustomerId", CodePatchMoveChangesZone, "the move to %s changes the time zone of %s below this customer",
			parentWords(d.new.ParentCustomerID), countNodes(d.zoneMoved))
	}
	return out
}

// closedBelow counts the nodes below the customer that answer as it does
// (they inherit from it, directly or through inheriting nodes).
func (d *patchDelta) closedBelow() int {
	n := 0
	for _, k := range d.subtree[1:] {
		if d.after.inheritedFrom(k) == d.i {
			n++
		}
	}
	return n
}

// ruleKey identifies a rule across two versions of a schedule: its id, or
// its whole content when it has none.
func ruleKey(r *SchedulingRule) string {
	if r.ID != "" {
		return "id:" + r.ID
	}
	raw, _ := json.Marshal(r)
	return "json:" + string(raw)
}

// ruleWords names a rule for people: its id and name, or its position.
func ruleWords(r *SchedulingRule, index int) string {
	label := r.ID
	if label == "" {
		label = fmt.Sprintf("rules[%d]", index)
	}
	if r.Name != "" {
		return fmt.Sprintf("%s %q", label, r.Name)
	}
	return label
}

// dropRules names the rules of old that new does not have.
func dropRules(old, new []SchedulingRule) []string {
	kept := map[string]bool{}
	for k := range new {
		kept[ruleKey(&new[k])] = true
	}
	var out []string
	for k := range old {
		if !kept[ruleKey(&old[k])] {
			out = append(out, ruleWords(&old[k], k))
		}
	}
	return out
}

// ruleChanges describes how a rule list changes; changed is false when the
// two lists are equal.
func ruleChanges(old, new []SchedulingRule) (text string, changed bool) {
	oldRaw, _ := json.Marshal(old)
	newRaw, _ := json.Marshal(new)
	if string(oldRaw) == string(newRaw) {
		return "", false
	}
	oldByKey := map[string]int{}
	for k := range old {
		oldByKey[ruleKey(&old[k])] = k
	}
	var added, edited []string
	for k := range new {
		j, ok := oldByKey[ruleKey(&new[k])]
		switch {
		case !ok:
			added = append(added, ruleWords(&new[k], k))
		default:
			a, _ := json.Marshal(old[j])
			b, _ := json.Marshal(new[k])
			if string(a) != string(b) {
				edited = append(edited, ruleWords(&new[k], k))
			}
		}
	}
	dropped := dropRules(old, new)
	parts := []string{fmt.Sprintf("%d → %d rules", len(old), len(new))}
	if len(dropped) > 0 {
		parts = append(parts, "dropped "+strings.Join(dropped, ", "))
	}
	if len(added) > 0 {
		parts = append(parts, "added "+strings.Join(added, ", "))
	}
	if len(edited) > 0 {
		parts = append(parts, "changed "+strings.Join(edited, ", "))
	}
	if len(parts) == 1 {
		parts = append(parts, "the same rules in another order")
	}
	return parts[0] + ": " + strings.Join(parts[1:], "; "), true
}

func countRules(n int) string {
	if n == 1 {
		return "1 rule"
	}
	return fmt.Sprintf("%d rules", n)
}

func countNodes(n int) string {
	if n == 1 {
		return "1 node"
	}
	return fmt.Sprintf("%d nodes", n)
}

func quoteOrAbsent(s string) string {
	if s == "" {
		return "absent"
	}
	return fmt.Sprintf("%q", s)
}

func parentWords(id string) string {
	if id == "" {
		return "the root"
	}
	return fmt.Sprintf("%q", id)
}

// zoneWords is a timeZoneId for people: the id, or what an absent one
// means (the zone it inherits).
func zoneWords(own, effective string, now bool) string {
	if own != "" {
		return fmt.Sprintf("%q", own)
	}
	if now {
		return fmt.Sprintf("absent (now inherits %q)", effective)
	}
	return fmt.Sprintf("absent (inherits %q)", effective)
}

func defaultWords(own, fallback string, now bool) string {
	if own != "" {
		return fmt.Sprintf("%q", own)
	}
	if now {
		return fmt.Sprintf("absent (now falls back to %q)", fallback)
	}
	return fmt.Sprintf("absent (falls back to %q)", fallback)
}

func overrideText(what string, on bool) string {
	if on {
		return "the customer's own " + what + " settings now apply"
	}
	return "the " + what + " settings are now inherited"
}

func tagNames(tags []Tag) string {
	if len(tags) == 0 {
		return "none"
	}
	names := make([]string, len(tags))
	for k, t := range tags {
		names[k] = t.Name
	}
	return strings.Join(names, ", ")
}

// tagChanges names the tags added and removed, by name.
func tagChanges(old, new []Tag) (added, removed []string) {
	has := func(tags []Tag, id string) bool {
		return slices.ContainsFunc(tags, func(t Tag) bool { return t.ID == id })
	}
	for _, t := range new {
		if !has(old, t.ID) {
			added = append(added, t.Name)
		}
	}
	for _, t := range old {
		if !has(new, t.ID) {
			removed = append(removed, t.Name)
		}
	}
	return added, removed
}

// valueWords is a data value as compact JSON of its plain form.
func valueWords(v *Value) string {
	if v == nil {
		return "absent"
	}
	raw, err := json.Marshal(v.Plain())
	if err != nil {
		return "?"
	}
	return string(raw)
}

// jsonWords is a settings record as compact JSON.
func jsonWords[T any](v *T) string {
	if v == nil {
		return "absent"
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(raw)
}
