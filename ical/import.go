package ical

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"
	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/rrule"
	"github.com/voicesched/voicesched/tz"
)

// Limits of Import (see SECURITY.md): a feed is outside input.
const (
	// MaxFeedBytes is the largest feed Import reads.
	MaxFeedBytes = 8 << 20
	// MaxDatedOccurrences is the most occurrences of one event Import turns
	// into dated rules; the rest are reported in a Warning.
	MaxDatedOccurrences = 2000
	// DefaultHorizonYears is how far past the start of the import dated rules
	// reach when a recurrence must be spelled out occurrence by occurrence.
	DefaultHorizonYears = 3
	// DefaultState is the state imported rules give.
	DefaultState = "Holiday"
)

// Warning is something of one event that Import could not hold exactly.
type Warning struct {
	UID     string `json:"uid"`
	Summary string `json:"summary,omitempty"`
	Message string `json:"message"`
}

// String reads "UID u (SUMMARY s): message", one line.
func (w Warning) String() string {
	return fmt.Sprintf("UID %s (SUMMARY %q): %s", w.UID, w.Summary, w.Message)
}

// Result is what Import made of a feed.
type Result struct {
	// Rules hold the events, in the feed's order, for a schedule in zone
	// ZoneID.
	Rules []model.SchedulingRule `json:"rules"`
	// Warnings name each event that was not held exactly, and what was left out.
	Warnings []Warning `json:"warnings,omitempty"`
	// ZoneID is the zone on whose clock the rules are written.
	ZoneID string `json:"zoneId"`
}

// ImportOption configures Import.
type ImportOption func(*importConfig)

type importConfig struct {
	state            string
	stateFromSummary bool
	zone             *time.Location
	start            time.Time
	years            int
	feed             string
	priority         int
}

// State sets the state every imported rule gives (default "Holiday").
func State(name string) ImportOption { return func(c *importConfig) { c.state = name } }

// StateFromSummary makes each event's SUMMARY its rules' state (State for an
// event without one): a feed written by Export reads back this way.
func StateFromSummary() ImportOption { return func(c *importConfig) { c.stateFromSummary = true } }

// Zone sets the zone of the schedule the rules are for. Without it Import
// uses the feed's X-WR-TIMEZONE, else the zone of its first event with a
// TZID, else UTC; Result.ZoneID says which.
func Zone(loc *time.Location) ImportOption { return func(c *importConfig) { c.zone = loc } }

// Start sets the start of the horizon (default: now). Occurrences that end
// before it are not imported: they can no longer route a call.
func Start(t time.Time) ImportOption { return func(c *importConfig) { c.start = t } }

// HorizonYears sets how many years after Start dated rules reach where a
// recurrence must be spelled out (default 3).
func HorizonYears(n int) ImportOption { return func(c *importConfig) { c.years = n } }

// FeedName names the feed in the rules' source ("<feed>#<UID>").
func FeedName(name string) ImportOption { return func(c *importConfig) { c.feed = name } }

// Priority sets the priority of the imported rules (default 0). An event
// with an X-VOICESCHED-PRIORITY (as ExportRules writes) keeps its own.
func Priority(p int) ImportOption { return func(c *importConfig) { c.priority = p } }

// Import reads an iCalendar feed into scheduling rules that give one state
// (State) while an event is on:
//
//   - An event with an RRULE the model can hold (FREQ, INTERVAL, COUNT,
//     UNTIL, BYDAY with ordinals, BYMONTH, BYMONTHDAY, BYYEARDAY, BYWEEKNO,
//     BYHOUR, BYMINUTE, BYSETPOS; WKST other than MO only where it does not
//     change the occurrences; BYSECOND only DTSTART's second), lasting at
//     most 24 hours (or exactly one day when all-day), on a clock equal to
//     the schedule's over the horizon, becomes one rule with the same
//     recurrence — unbounded rules stay unbounded. python-dateutil's reading
//     is the reference: a DTSTART the RRULE does not produce is no
//     occurrence (a Warning says so).
//   - Other single events, all-day or spanning days, become the rules of
//     their exact span (at most three, package closure).
//   - EXDATE, RDATE and RECURRENCE-ID overrides: the occurrences up to the
//     last exception become dated rules and the recurrence carries on as
//     one rule from the next occurrence after it (COUNT reduced). An
//     exception past the horizon stops the dated rules at the horizon, with
//     a Warning.
//   - A recurrence the model cannot hold (another zone's clock, longer than
//     a day, WKST that matters, …) becomes dated rules for its occurrences
//     up to Start + HorizonYears, and a Warning names what lies beyond.
//   - TZID may be an IANA name, a Windows id, or a VTIMEZONE of the feed
//     (matched to a known zone whose offsets agree over the horizon). DATE
//     values and floating
//     times are read on the schedule's clock; an unknown TZID too, with a
//     Warning.
//   - Occurrences that end before Start are left out; an event with none
//     left gets a Warning, as does a cancelled one or one that takes no time.
//
// Every rule's source is "<feed>#<UID>" and its name the SUMMARY. Import
// fails only when the feed as a whole cannot be read.
func Import(feed []byte, opts ...ImportOption) (*Result, error) {
	cfg := importConfig{state: DefaultState, years: DefaultHorizonYears, feed: "ical"}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.start.IsZero() {
		cfg.start = time.Now()
	}
	if cfg.years < 1 {
		cfg.years = 1
	}
	if cfg.years > 100 {
		cfg.years = 100
	}
	if len(feed) > MaxFeedBytes {
		return nil, fmt.Errorf("ical: the feed is %d bytes; at most %d are read", len(feed), MaxFeedBytes)
	}
	cal, err := ics.ParseCalendarWithOptions(bytes.NewReader(feed), ics.WithUnknownPropertyHandler(ics.AcceptUnknownPropertyHandler))
	if err != nil {
		return nil, fmt.Errorf("ical: the feed cannot be read: %w", err)
	}
	imp := &importer{cfg: cfg, result: &Result{}}
	imp.horizonEnd = cfg.start.AddDate(cfg.years, 0, 0)
	imp.zones = &zoneResolver{vtimezone: map[string]*ics.VTimezone{}, cache: map[string]zoneAnswer{},
		from: cfg.start, to: imp.horizonEnd}
	for _, vtz := range cal.Timezones() {
		if p := vtz.GetProperty(ics.ComponentPropertyTzid); p != nil {
			imp.zones.vtimezone[strings.TrimSpace(p.Value)] = vtz
		}
	}
	imp.target = imp.targetZone(cal)
	imp.zones.target = imp.target
	imp.result.ZoneID = imp.target.String()

	masters, overrides, order := groupEvents(cal.Events())
	for _, uid := range order {
		imp.importEvent(uid, masters[uid], overrides[uid])
	}
	return imp.result, nil
}

type importer struct {
	cfg        importConfig
	result     *Result
	target     *time.Location
	zones      *zoneResolver
	horizonEnd time.Time
}

// targetZone picks the schedule's zone: the option, X-WR-TIMEZONE, the first
// event's TZID, UTC.
func (imp *importer) targetZone(cal *ics.Calendar) *time.Location {
	if imp.cfg.zone != nil {
		return imp.cfg.zone
	}
	for _, p := range cal.CalendarProperties {
		if strings.EqualFold(p.IANAToken, "X-WR-TIMEZONE") {
			if loc, err := tz.Load(p.Value); err == nil {
				return loc
			}
		}
	}
	imp.zones.target = time.UTC
	for _, e := range cal.Events() {
		if p := e.GetProperty(ics.ComponentPropertyDtStart); p != nil {
			if tzid := param(p, "TZID"); tzid != "" {
				if loc, err := imp.zones.resolve(tzid); err == nil {
					imp.zones.cache = map[string]zoneAnswer{} // matched against a provisional target
					return named(loc)
				}
			}
		}
	}
	return time.UTC
}

// named returns loc when it is a zone the schedule can name, else UTC.
func named(loc *time.Location) *time.Location {
	if _, err := tz.Load(loc.String()); err == nil {
		return loc
	}
	return time.UTC
}

// groupEvents splits events into masters and RECURRENCE-ID overrides by UID,
// keeping the feed's order of first appearance. Events without a UID get
// one made of their position.
func groupEvents(events []*ics.VEvent) (map[string]*ics.VEvent, map[string][]*ics.VEvent, []string) {
	masters := map[string]*ics.VEvent{}
	overrides := map[string][]*ics.VEvent{}
	var order []string
	seen := map[string]bool{}
	for i, e := range events {
		uid := ""
		if p := e.GetProperty(ics.ComponentPropertyUniqueId); p != nil {
			uid = strings.TrimSpace(p.Value)
		}
		if uid == "" {
			uid = fmt.Sprintf("(event %d without UID)", i+1)
		}
		if !seen[uid] {
			seen[uid] = true
			order = append(order, uid)
		}
		if e.GetProperty(ics.ComponentPropertyRecurrenceId) != nil {
			overrides[uid] = append(overrides[uid], e)
			continue
		}
		if _, dup := masters[uid]; dup {
			// A second master with the same UID: keep it as an event of its own.
			uid2 := fmt.Sprintf("%s (copy %d)", uid, i+1)
			masters[uid2] = e
			order = append(order, uid2)
			continue
		}
		masters[uid] = e
	}
	return masters, overrides, order
}

// span is a stretch of time: civil start and end on a clock (nil: the
// schedule's own clock, for DATE values and floating times).
type span struct {
	start, end time.Time
	clock      *time.Location
}

// eventCtx is one event being imported.
type eventCtx struct {
	imp          *importer
	uid, summary string
	rules        []model.SchedulingRule
	endedBefore  bool            // some occurrence ended before the horizon's start
	warned       map[string]bool // messages given, each once
	priority     int
}

func (ev *eventCtx) warn(format string, args ...any) {
	message := fmt.Sprintf(format, args...)
	if ev.warned[message] {
		return
	}
	if ev.warned == nil {
		ev.warned = map[string]bool{}
	}
	ev.warned[message] = true
	ev.imp.result.Warnings = append(ev.imp.result.Warnings, Warning{UID: ev.uid, Summary: ev.summary, Message: message})
}

func textOf(e *ics.VEvent, prop ics.ComponentProperty) string {
	if p := e.GetProperty(prop); p != nil {
		return strings.TrimSpace(strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, p.Value))
	}
	return ""
}

func (imp *importer) importEvent(uid string, master *ics.VEvent, overrides []*ics.VEvent) {
	ev := &eventCtx{imp: imp, uid: uid, priority: imp.cfg.priority}
	if master != nil {
		if text := textOf(master, PriorityProperty); text != "" {
			if p, err := strconv.Atoi(text); err == nil {
				ev.priority = p
			}
		}
	}
	if master == nil { // overrides whose master is not in the feed: events of their own
		for _, o := range overrides {
			ev.summary = textOf(o, ics.ComponentPropertySummary)
			if s, ok := ev.single(o); ok {
				ev.addSpan(s)
			}
		}
		ev.finish()
		return
	}
	ev.summary = textOf(master, ics.ComponentPropertySummary)
	if strings.EqualFold(textOf(master, ics.ComponentPropertyStatus), "CANCELLED") {
		ev.warn("the event is cancelled (STATUS:CANCELLED); nothing imported")
		return
	}
	first, ok := ev.single(master)
	if !ok {
		ev.finish()
		return
	}
	ev.recurring(master, first, overrides)
	ev.finish()
}

// finish adds the event's rules to the result, or warns that it has none.
func (ev *eventCtx) finish() {
	if len(ev.rules) == 0 && ev.endedBefore {
		ev.warn("every occurrence ended before %s, the start of the import; nothing imported", ev.imp.cfg.start.UTC().Format(time.RFC3339))
	}
	ev.imp.result.Rules = append(ev.imp.result.Rules, ev.rules...)
}

// single reads an event's first occurrence: DTSTART and DTEND, DURATION or
// the default length.
func (ev *eventCtx) single(e *ics.VEvent) (span, bool) {
	startProp := e.GetProperty(ics.ComponentPropertyDtStart)
	if startProp == nil {
		ev.warn("the event has no DTSTART; nothing imported")
		return span{}, false
	}
	starts, err := propertyDates(startProp)
	if err != nil || len(starts) != 1 {
		ev.warn("DTSTART %q cannot be read (%v); nothing imported", startProp.Value, err)
		return span{}, false
	}
	start := starts[0]
	s := span{start: start.civil}
	if !start.date {
		s.clock = ev.clockOf(start)
		if s.clock != nil && start.utc {
			s.start = rrule.ToCivil(start.civil, s.clock)
		}
	}
	switch {
	case e.GetProperty(ics.ComponentPropertyDtEnd) != nil:
		p := e.GetProperty(ics.ComponentPropertyDtEnd)
		ends, err := propertyDates(p)
		if err != nil || len(ends) != 1 {
			ev.warn("DTEND %q cannot be read (%v); read as the default length", p.Value, err)
			s.end = defaultEnd(start, s.start)
			break
		}
		end := ends[0]
		if start.date != end.date {
			ev.warn("DTSTART is a %s but DTEND a %s; DTEND read on DTSTART's clock", kind(start), kind(end))
		}
		s.end = ev.onClock(end, s.clock)
	case e.GetProperty(ics.ComponentPropertyDuration) != nil:
		p := e.GetProperty(ics.ComponentPropertyDuration)
		d, err := parseDuration(p.Value)
		if err != nil {
			ev.warn("DURATION %q cannot be read (%v); read as the default length", p.Value, err)
			s.end = defaultEnd(start, s.start)
			break
		}
		s.end = d.add(s.start)
	default:
		s.end = defaultEnd(start, s.start)
	}
	if !s.end.After(s.start) {
		if start.date {
			ev.warn("DTEND is not after DTSTART; read as one day")
			s.end = s.start.AddDate(0, 0, 1)
		} else {
			ev.warn("the event takes no time (it ends when it starts), so it covers no instant; nothing imported")
			return span{}, false
		}
	}
	return s, true
}

func kind(v dateValue) string {
	if v.date {
		return "DATE"
	}
	return "DATE-TIME"
}

// defaultEnd is RFC 5545's end of an event with neither DTEND nor DURATION:
// a DATE lasts the day, a DATE-TIME takes no time.
func defaultEnd(v dateValue, start time.Time) time.Time {
	if v.date {
		return start.AddDate(0, 0, 1)
	}
	return start
}

// clockOf returns the clock of a DATE-TIME (nil for a floating time).
func (ev *eventCtx) clockOf(v dateValue) *time.Location {
	switch {
	case v.utc:
		return time.UTC
	case v.tzid != "":
		loc, err := ev.imp.zones.resolve(v.tzid)
		if err != nil {
			ev.warn("%v; its times are read on the schedule's clock (%s)", err, ev.imp.target)
			return nil
		}
		return loc
	}
	return nil
}

// onClock returns value v as a civil time on clock (nil: the schedule's).
func (ev *eventCtx) onClock(v dateValue, clock *time.Location) time.Time {
	if v.date {
		return v.civil
	}
	from := ev.clockOf(v)
	if from == nil || from == clock {
		if v.utc && clock == nil {
			return rrule.ToCivil(v.civil, ev.imp.target)
		}
		return v.civil
	}
	instant := v.civil
	if !v.utc {
		instant = rrule.FromCivil(v.civil, from)
	}
	if clock == nil {
		clock = ev.imp.target
	}
	return rrule.ToCivil(instant, clock)
}

// instant returns when a civil time on clock happens.
func (ev *eventCtx) instant(civil time.Time, clock *time.Location) time.Time {
	if clock == nil {
		clock = ev.imp.target
	}
	return rrule.FromCivil(civil, clock)
}

// addSpan adds the dated rules covering s, unless it ended before the horizon.
func (ev *eventCtx) addSpan(s span) {
	imp := ev.imp
	if !ev.instant(s.end, s.clock).After(imp.cfg.start) {
		ev.endedBefore = true
		return
	}
	opts := closure.Options{State: ev.state(), Name: ev.name(), Priority: ev.priority}
	var rules []model.SchedulingRule
	var err error
	if s.clock == nil || s.clock == imp.target {
		rules, err = closure.Civil(s.start, s.end, opts)
	} else {
		rules, err = closure.Span(ev.instant(s.start, s.clock), ev.instant(s.end, s.clock), imp.target, opts)
	}
	if err != nil {
		ev.warn("the occurrence %s cannot be held: %v", s.start.Format("2006-01-02T15:04:05"), err)
		return
	}
	for i := range rules {
		rules[i].Source = ev.source()
	}
	ev.rules = append(ev.rules, rules...)
}

func (ev *eventCtx) state() string {
	if ev.imp.cfg.stateFromSummary && ev.summary != "" {
		return ev.summary
	}
	return ev.imp.cfg.state
}

func (ev *eventCtx) name() string {
	if ev.summary != "" {
		return ev.summary
	}
	return ev.uid
}

func (ev *eventCtx) source() string { return ev.imp.cfg.feed + "#" + ev.uid }

// recurring imports an event with its first occurrence read: RRULE, RDATE,
// EXDATE and overrides.
func (ev *eventCtx) recurring(master *ics.VEvent, first span, overrides []*ics.VEvent) {
	imp := ev.imp
	clock := first.clock
	length := first.end.Sub(first.start)
	allDay := first.clock == nil && isMidnight(first.start) && isMidnight(first.end) && dateValued(master)

	// Exceptions: removed starts (civil on the event's clock) and added spans.
	removed := map[time.Time]bool{}
	removedDays := map[time.Time]bool{} // EXDATE as DATE on a timed event: the whole day's occurrences
	var added []span
	for _, p := range master.GetProperties(ics.ComponentPropertyExdate) {
		dates, err := propertyDates(p)
		if err != nil {
			ev.warn("EXDATE %q cannot be read (%v); those occurrences stay", p.Value, err)
			continue
		}
		for _, d := range dates {
			if d.date && !allDay {
				removedDays[d.civil] = true
				continue
			}
			removed[ev.onClock(d, clock)] = true
		}
	}
	for _, p := range master.GetProperties(ics.ComponentPropertyRdate) {
		if strings.EqualFold(param(p, "VALUE"), "PERIOD") {
			for _, text := range strings.Split(p.Value, ",") {
				s, err := ev.period(text, param(p, "TZID"), clock)
				if err != nil {
					ev.warn("RDATE period %q cannot be read (%v); left out", text, err)
					continue
				}
				added = append(added, s)
			}
			continue
		}
		dates, err := propertyDates(p)
		if err != nil {
			ev.warn("RDATE %q cannot be read (%v); left out", p.Value, err)
			continue
		}
		for _, d := range dates {
			start := ev.onClock(d, clock)
			added = append(added, span{start: start, end: start.Add(length), clock: clock})
		}
	}
	for _, o := range overrides {
		p := o.GetProperty(ics.ComponentPropertyRecurrenceId)
		ids, err := propertyDates(p)
		if err != nil || len(ids) != 1 {
			ev.warn("RECURRENCE-ID %q cannot be read (%v); the override is imported as an event of its own", p.Value, err)
		} else {
			if strings.EqualFold(param(p, "RANGE"), "THISANDFUTURE") {
				ev.warn("RECURRENCE-ID %s has RANGE=THISANDFUTURE, which is read as this occurrence only", p.Value)
			}
			removed[ev.onClock(ids[0], clock)] = true
		}
		if strings.EqualFold(textOf(o, ics.ComponentPropertyStatus), "CANCELLED") {
			continue
		}
		if s, ok := ev.single(o); ok {
			added = append(added, s)
		}
	}
	if n := len(master.GetProperties(ics.ComponentPropertyRrule)); n > 1 {
		ev.warn("the event has %d RRULEs; only the first is imported (RFC 5545 allows one)", n)
	}
	if len(master.GetProperties("EXRULE")) > 0 {
		ev.warn("EXRULE (withdrawn from iCalendar in RFC 5545) is not applied; its occurrences stay")
	}

	rrProp := master.GetProperty(ics.ComponentPropertyRrule)
	if rrProp == nil {
		if !removed[first.start] && !removedDays[day(first.start)] {
			ev.addSpan(first)
		}
		for _, s := range added {
			ev.addSpan(s)
		}
		return
	}
	rec, err := splitRecur(rrProp.Value)
	if err != nil {
		ev.warn("RRULE %q cannot be read (%v); only the first occurrence is imported", rrProp.Value, err)
		ev.addSpan(first)
		for _, s := range added {
			ev.addSpan(s)
		}
		return
	}

	// The rule the model would hold.
	rule := model.SchedulingRule{Name: ev.name(), State: ev.state(), Source: ev.source(), Priority: ev.priority,
		SimpleRuleType: model.RuleTime, StartDate: first.start.Format("2006-01-02")}
	effective := clock
	if effective == nil {
		effective = imp.target
	}
	why := recurRule(&rule, rec, first.start, effective)
	modelReads := why == "" // the model's reading of the rule's fields is the RRULE's
	switch {
	case allDay && length == 24*time.Hour:
		rule.IsAllDay = true
	case allDay || length > 24*time.Hour:
		if why == "" {
			why = fmt.Sprintf("each occurrence lasts %s, and the model's windows last at most a day", describeLength(length, allDay))
		}
		fallthrough
	default:
		rule.StartTime = clockText(first.start)
		rule.EndTime = clockText(first.start.Add(length))
	}
	if why == "" && clock != nil && !sameClock(clock, imp.target, imp.cfg.start, imp.horizonEnd) {
		why = fmt.Sprintf("its zone %s keeps another clock than the schedule's %s", clock, imp.target)
	}

	var occurrences occurrenceSource
	never, problem := false, ""
	if modelReads {
		occurrences, never, problem = compiledOccurrences(rule, effective)
	}
	if never {
		ev.warn("the RRULE %q never produces an occurrence; only RDATEs and overrides are imported", rec.text)
		for _, s := range added {
			ev.addSpan(s)
		}
		return
	}
	if occurrences == nil {
		if why == "" {
			why = problem
		}
		occurrences, err = rrulegoOccurrences(rec, first.start, effective)
		if err != nil {
			ev.warn("the RRULE %q cannot be expanded (%v; %s); only the first occurrence is imported", rec.text, err, why)
			ev.addSpan(first)
			for _, s := range added {
				ev.addSpan(s)
			}
			return
		}
	}
	if got := occurrences(first.start, first.start.Add(time.Second), 1); len(got) == 0 {
		ev.warn("DTSTART %s is not an occurrence of the RRULE; as in python-dateutil (and RFC 5545 leaves it undefined) it is not imported as one",
			first.start.Format("2006-01-02T15:04:05"))
	}

	isRemoved := func(c time.Time) bool { return removed[c] || removedDays[day(c)] }
	spanAt := func(c time.Time) span { return span{start: c, end: c.Add(length), clock: clock} }
	if allDay {
		spanAt = func(c time.Time) span { return span{start: c, end: c.Add(length)} }
	}
	horizonCivil := rrule.ToCivil(imp.horizonEnd, effective)
	startCivil := rrule.ToCivil(imp.cfg.start, effective).Add(-length - 24*time.Hour)
	if startCivil.Before(first.start) {
		startCivil = first.start
	}

	if why == "" && len(removed)+len(removedDays)+len(added) == 0 {
		if len(occurrences(startCivil, endOfCalendar, 1)) == 0 {
			ev.endedBefore = true // a COUNT or UNTIL that ran out before the import
			return
		}
		ev.rules = append(ev.rules, rule)
		return
	}
	if why == "" {
		// Dated rules up to the last exception, then the recurrence again.
		var last time.Time
		for c := range removed {
			last = laterOf(last, ev.instant(c, clock))
		}
		for d := range removedDays {
			last = laterOf(last, ev.instant(d.AddDate(0, 0, 1), clock))
		}
		for _, s := range added {
			last = laterOf(last, ev.instant(s.start, s.clock))
		}
		if !last.After(imp.horizonEnd) {
			lastCivil := rrule.ToCivil(last, effective)
			next := occurrences(lastCivil.Add(time.Second), endOfCalendar, 1)
			cut := endOfCalendar
			if len(next) > 0 {
				cut = next[0]
			}
			ev.dated(occurrences, startCivil, cut, isRemoved, spanAt, clock, added)
			if len(next) > 0 {
				cont := rule
				cont.StartDate = cut.Format("2006-01-02")
				if !rule.IsAllDay {
					cont.StartTime = clockText(cut)
					cont.EndTime = clockText(cut.Add(length))
				}
				if rule.Count > 0 {
					before := len(occurrences(first.start, cut, rule.Count))
					cont.Count = rule.Count - before
				}
				// Kept unless every occurrence from the cut on ended before the import.
				if len(occurrences(laterOf(cut, startCivil), endOfCalendar, 1)) > 0 && (rule.Count == 0 || cont.Count > 0) {
					ev.rules = append(ev.rules, cont)
				}
			}
			return
		}
		ev.warn("it has exceptions (EXDATE, RDATE or RECURRENCE-ID) after %s, the end of the horizon; occurrences after it were left out",
			imp.horizonEnd.UTC().Format("2006-01-02"))
		ev.dated(occurrences, startCivil, horizonCivil, isRemoved, spanAt, clock, added)
		return
	}
	more := ev.dated(occurrences, startCivil, horizonCivil, isRemoved, spanAt, clock, added)
	if more {
		ev.warn("the model cannot hold this recurrence as one rule (%s); its occurrences up to %s were imported as dated rules and later ones were left out",
			why, imp.horizonEnd.UTC().Format("2006-01-02"))
	}
}

// dated adds rules for the recurrence's occurrences in [from, to) (civil),
// skipping removed ones, and for the added spans starting before to. It
// reports whether occurrences remain at or after to.
func (ev *eventCtx) dated(occurrences occurrenceSource, from, to time.Time, isRemoved func(time.Time) bool,
	spanAt func(time.Time) span, clock *time.Location, added []span) bool {
	list := occurrences(from, to, MaxDatedOccurrences+1)
	if len(list) > MaxDatedOccurrences {
		ev.warn("more than %d occurrences fall before the horizon's end; those after %s were left out",
			MaxDatedOccurrences, list[MaxDatedOccurrences-1].Format("2006-01-02T15:04:05"))
		list = list[:MaxDatedOccurrences]
	}
	var spans []span
	for _, c := range list {
		if !isRemoved(c) {
			spans = append(spans, spanAt(c))
		}
	}
	cutInstant := ev.instant(to, clock)
	for _, s := range added {
		if ev.instant(s.start, s.clock).Before(cutInstant) {
			spans = append(spans, s)
		}
	}
	sort.SliceStable(spans, func(i, j int) bool {
		return ev.instant(spans[i].start, spans[i].clock).Before(ev.instant(spans[j].start, spans[j].clock))
	})
	for _, s := range spans {
		ev.addSpan(s)
	}
	return len(occurrences(to, endOfCalendar, 1)) > 0
}

// period reads an RDATE PERIOD (start/end or start/duration).
func (ev *eventCtx) period(text, tzid string, clock *time.Location) (span, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(text), "/")
	if !ok {
		return span{}, fmt.Errorf("a PERIOD needs start/end or start/duration")
	}
	start, err := parseDateText(a)
	if err != nil || start.date {
		return span{}, fmt.Errorf("bad period start %q", a)
	}
	if !start.utc {
		start.tzid = tzid
	}
	s := span{start: ev.onClock(start, clock), clock: clock}
	if strings.HasPrefix(strings.ToUpper(strings.TrimLeft(b, "+-")), "P") {
		d, err := parseDuration(b)
		if err != nil {
			return span{}, err
		}
		s.end = d.add(s.start)
	} else {
		end, err := parseDateText(b)
		if err != nil || end.date {
			return span{}, fmt.Errorf("bad period end %q", b)
		}
		if !end.utc {
			end.tzid = tzid
		}
		s.end = ev.onClock(end, clock)
	}
	if !s.end.After(s.start) {
		return span{}, fmt.Errorf("the period ends before it starts")
	}
	return s, nil
}

var endOfCalendar = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func day(c time.Time) time.Time {
	y, m, d := c.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func isMidnight(c time.Time) bool { return c.Equal(day(c)) }

func dateValued(e *ics.VEvent) bool {
	p := e.GetProperty(ics.ComponentPropertyDtStart)
	if p == nil {
		return false
	}
	v, err := propertyDates(p)
	return err == nil && len(v) == 1 && v[0].date
}

// clockText writes a time of day as the model's HH:mm or HH:mm:ss.
func clockText(c time.Time) string {
	if c.Second() != 0 {
		return c.Format("15:04:05")
	}
	return c.Format("15:04")
}

func describeLength(d time.Duration, allDay bool) string {
	if allDay {
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	}
	return d.String()
}
