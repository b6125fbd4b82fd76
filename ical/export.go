package ical

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/rrule"
	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

// ExportOption configures Export and ExportRules.
type ExportOption func(*exportConfig)

type exportConfig struct {
	allStates bool
	stamp     time.Time
}

// AllStates makes Export write every interval of the timeline, including
// those in the deciding schedule's defaultState (by default they are left
// out: a calendar shows the exceptions, not the everyday state).
func AllStates() ExportOption { return func(c *exportConfig) { c.allStates = true } }

// Stamp sets the DTSTAMP of every event (default: the time of the export).
// Fixing it makes two exports of the same schedule byte for byte equal.
func Stamp(t time.Time) ExportOption { return func(c *exportConfig) { c.stamp = t } }

// ProductID is the PRODID of exported calendars.
const ProductID = "-//voicesched//iCalendar export//EN"

// PriorityProperty carries a rule's priority in ExportRules' events.
const PriorityProperty = "X-VOICESCHED-PRIORITY"

// Export writes node id's effective schedule over [from, to) as an
// iCalendar feed: one VEVENT per interval of snap.Timeline(id, from, to)
// whose state is not the deciding schedule's defaultState (nor the engine's
// fallback state when that schedule has none); AllStates writes them all.
// Intervals are cut at the window's edges. SUMMARY is the state;
// DESCRIPTION names the rule that decides at the interval's start, its
// schedule's node and its flow. The UID is a hash of the node id, the
// interval's start and end and the state, so re-exporting the same interval
// gives the same UID and a subscribed calendar updates in place.
// DTSTART and DTEND are wall-clock times with the node's zone as TZID (the
// feed carries a VTIMEZONE for it, generated from Go's zone data for the
// window); an instant the wall clock cannot name — the second pass through
// an autumn overlap — is written in UTC instead.
//
// Because it is the timeline, the export is exact: priorities, inheritance,
// rules that follow the parent's state and conditions are resolved.
func Export(snap *voicesched.Snapshot, id string, from, to time.Time, opts ...ExportOption) ([]byte, error) {
	cfg := newExportConfig(opts)
	loc, tzid, err := nodeZone(snap, id)
	if err != nil {
		return nil, err
	}
	if !to.After(from) {
		return nil, fmt.Errorf("ical: the window ends (%s) before it starts (%s)", to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	intervals, err := snap.Timeline(id, from, to)
	if err != nil {
		return nil, err
	}
	cal := newCalendar(snap, id, tzid, "effective schedule")
	cal.AddVTimezone(newVTimezone(loc, tzid, from, to))
	defaults := map[string]string{} // deciding node → its defaultState
	for _, iv := range intervals {
		answer, err := snap.Evaluate(id, iv.From)
		if err != nil {
			return nil, err
		}
		if !cfg.allStates && isDefaultState(snap, answer, defaults) {
			continue
		}
		event := cal.AddEvent(intervalUID(id, iv))
		event.SetProperty(ics.ComponentPropertyDtstamp, cfg.stamp.UTC().Format(utcLayout))
		setInstant(event, ics.ComponentPropertyDtStart, iv.From, loc, tzid)
		setInstant(event, ics.ComponentPropertyDtEnd, iv.To, loc, tzid)
		event.SetSummary(iv.State)
		event.SetDescription(describeAnswer(answer))
		event.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	}
	return []byte(cal.Serialize()), nil
}

// ExportRules writes each Time rule of node id's effective schedule as a
// VEVENT with its recurrence (the rrule package's rrule-go text: DTSTART on
// the schedule's wall clock with TZID, RRULE with UNTIL in UTC; all-day
// rules as DATE values), SUMMARY the rule's state, DESCRIPTION its name,
// condition and flow, and the priority in X-VOICESCHED-PRIORITY.
//
// It is a view of the rules, not of the outcome: overlapping rules all
// show, conditions and priorities are not applied, rules of other types
// (Always, CustomerState) and rules that do not compile are left out. Use
// Export for what callers will actually get. The VTIMEZONE covers
// [earliest rule start or from, to).
func ExportRules(snap *voicesched.Snapshot, id string, from, to time.Time, opts ...ExportOption) ([]byte, error) {
	cfg := newExportConfig(opts)
	loc, tzid, err := nodeZone(snap, id)
	if err != nil {
		return nil, err
	}
	eff, err := snap.EffectiveSchedule(id)
	if err != nil {
		return nil, err
	}
	cal := newCalendar(snap, id, tzid, "rules")
	zoneFrom := from
	var events []*ics.VEvent
	if eff.Schedule != nil {
		compiled := schedule.Compile(eff.Schedule, schedule.Env{Zone: loc, ZoneID: tzid, HasParent: true})
		for i := range eff.Schedule.Rules {
			rule := &eff.Schedule.Rules[i]
			window := compiled.Window(i)
			if rule.SimpleRuleType != model.RuleTime || window == nil {
				continue
			}
			event, start, ok := ruleEvent(eff.NodeID, i, rule, window, loc, tzid, cfg)
			if !ok {
				continue // it never opens a window
			}
			events = append(events, event)
			if instant := rrule.FromCivil(start, loc); instant.Before(zoneFrom) {
				zoneFrom = instant
			}
		}
	}
	cal.AddVTimezone(newVTimezone(loc, tzid, zoneFrom, to))
	for _, e := range events {
		cal.AddVEvent(e)
	}
	return []byte(cal.Serialize()), nil
}

// ruleEvent builds the VEVENT of one Time rule and returns it with its civil
// DTSTART; ok is false for a rule with no occurrence at all.
//
// DTSTART is the rule's first occurrence rather than its startDate: RFC 5545
// leaves a DTSTART that the RRULE does not produce undefined, and Outlook
// and Google show an extra event there, where python-dateutil and this
// library do not. The first occurrence lies in a period in phase with the
// interval and meets every default taken from DTSTART (weekday, day of the
// month, time), so the set of occurrences is unchanged; COUNT still counts
// from it, as nothing before it occurred.
func ruleEvent(nodeID string, index int, rule *model.SchedulingRule, window *rrule.Rule, loc *time.Location, tzid string, cfg exportConfig) (*ics.VEvent, time.Time, bool) {
	set := window.Set()
	first := window.Occurrences(set.GetDTStart(), lastCivil, 1)
	if len(first) == 0 {
		return nil, time.Time{}, false
	}
	start := first[0]
	recurrence := ""
	if rr := set.GetRRule(); rr != nil {
		options := rr.OrigOptions
		options.Dtstart = start
		until := options.Until
		options.Until = time.Time{}
		recurrence = options.RRuleString()
		if !until.IsZero() {
			if rule.IsAllDay {
				recurrence += ";UNTIL=" + until.Format(dateLayout)
			} else {
				recurrence += ";UNTIL=" + rrule.FromCivil(until, loc).UTC().Format(utcLayout)
			}
		}
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{nodeID, strconv.Itoa(index), rule.ID, rule.Name, rule.State,
		start.Format(localLayout), window.Length().String(), recurrence}, "\x00")))
	event := ics.NewEvent(hex.EncodeToString(sum[:16]) + "@voicesched")
	event.SetProperty(ics.ComponentPropertyDtstamp, cfg.stamp.UTC().Format(utcLayout))
	end := start.Add(window.Length())
	if rule.IsAllDay {
		event.SetProperty(ics.ComponentPropertyDtStart, start.Format(dateLayout), ics.WithValue(string(ics.ValueDataTypeDate)))
		event.SetProperty(ics.ComponentPropertyDtEnd, end.Format(dateLayout), ics.WithValue(string(ics.ValueDataTypeDate)))
	} else {
		event.SetProperty(ics.ComponentPropertyDtStart, start.Format(localLayout), ics.WithTZID(tzid))
		event.SetProperty(ics.ComponentPropertyDtEnd, end.Format(localLayout), ics.WithTZID(tzid))
	}
	if recurrence != "" {
		event.AddRrule(recurrence)
	}
	event.SetSummary(rule.State)
	var description []string
	if rule.Name != "" {
		description = append(description, "Rule: "+rule.Name)
	}
	description = append(description, fmt.Sprintf("Schedule of %s, rules[%d], priority %d", nodeID, index, rule.Priority))
	if rule.Condition != "" {
		description = append(description, "Only when: "+rule.Condition)
	}
	if rule.FlowID != "" {
		description = append(description, "Flow: "+rule.FlowID)
	}
	event.SetDescription(strings.Join(description, "\n"))
	event.SetProperty(PriorityProperty, strconv.Itoa(rule.Priority))
	event.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	return event, start, true
}

// lastCivil is the end of the civil calendar the rrule package covers.
var lastCivil = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)

func newExportConfig(opts []ExportOption) exportConfig {
	var cfg exportConfig
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.stamp.IsZero() {
		cfg.stamp = time.Now()
	}
	return cfg
}

// nodeZone returns the zone on whose clock a node's schedule is read: the
// effective schedule's zone (UTC when it cannot be resolved, as the engine
// does).
func nodeZone(snap *voicesched.Snapshot, id string) (*time.Location, string, error) {
	eff, err := snap.EffectiveSchedule(id)
	if err != nil {
		return nil, "", err
	}
	loc, err := tz.Load(eff.TimeZoneID)
	if err != nil || eff.TimeZoneID == "" {
		return time.UTC, "UTC", nil
	}
	return loc, loc.String(), nil
}

func newCalendar(snap *voicesched.Snapshot, id, tzid, what string) *ics.Calendar {
	cal := ics.NewCalendar()
	cal.SetProductId(ProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	name := id
	if c := snap.Customer(id); c != nil && c.Name != "" {
		name = c.Name
	} else if e := snap.Endpoint(id); e != nil && e.Name != "" {
		name = e.Name
	}
	cal.SetXWRCalName(name + " (" + what + ")")
	cal.SetXWRTimezone(tzid)
	return cal
}

// isDefaultState reports whether an answer is its deciding schedule's
// everyday state: its defaultState, or the engine's fallback when the
// schedule has none.
func isDefaultState(snap *voicesched.Snapshot, a voicesched.Answer, defaults map[string]string) bool {
	switch a.Reason {
	case schedule.ReasonDefault, schedule.ReasonFallback:
		return true
	case schedule.ReasonForceClosed:
		return false
	}
	def, seen := defaults[a.NodeID]
	if !seen {
		var s *voicesched.Schedule
		if c := snap.Customer(a.NodeID); c != nil {
			s = c.Schedule
		} else if e := snap.Endpoint(a.NodeID); e != nil {
			s = e.Schedule
		}
		if s != nil {
			def = s.DefaultState
		}
		defaults[a.NodeID] = def
	}
	return def != "" && def == a.StateName
}

// describeAnswer is the DESCRIPTION of an interval: which rule of which
// node decides at its start, and the flow.
func describeAnswer(a voicesched.Answer) string {
	var lines []string
	if a.Rule != nil {
		name := a.Rule.Name
		if name == "" {
			name = a.Rule.Path()
		}
		lines = append(lines, fmt.Sprintf("Rule: %s (%s %s, priority %d)", name, a.NodeID, a.Rule.Path(), a.Rule.Priority))
		if a.Rule.FlowID != "" {
			lines = append(lines, "Flow: "+a.Rule.FlowID)
		} else {
			lines = append(lines, "Flow: none")
		}
	}
	switch a.Reason {
	case schedule.ReasonForceClosed:
		lines = append(lines, a.NodeID+" is forced closed")
	case schedule.ReasonDefault:
		lines = append(lines, "Default state of "+a.NodeID)
	case schedule.ReasonFallback:
		lines = append(lines, "No rule matched and "+a.NodeID+" has no default state")
	case schedule.ReasonInherited:
		lines = append(lines, "Inherited from "+a.NodeID)
	}
	return strings.Join(lines, "\n")
}

// intervalUID is stable: the same node, span and state give the same UID.
func intervalUID(id string, iv voicesched.Interval) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d\x00%s", id, iv.From.Unix(), iv.To.Unix(), iv.State)))
	return hex.EncodeToString(sum[:16]) + "@voicesched"
}

// setInstant writes instant t as a wall-clock time in loc with TZID, or in
// UTC when that wall-clock reading would name an earlier instant (RFC 5545
// reads an ambiguous local time as its first occurrence).
func setInstant(event *ics.VEvent, prop ics.ComponentProperty, t time.Time, loc *time.Location, tzid string) {
	civil := rrule.ToCivil(t, loc)
	if rrule.FromCivil(civil, loc).Equal(t.Truncate(time.Second)) && t.Nanosecond() == 0 {
		event.SetProperty(prop, civil.Format(localLayout), ics.WithTZID(tzid))
		return
	}
	event.SetProperty(prop, t.UTC().Format(utcLayout))
}
