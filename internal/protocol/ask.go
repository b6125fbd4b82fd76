package protocol

import (
	"encoding/json"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/tz"
)

// LoneID is the id a lone schedule is stored under: it is evaluated as the
// schedule of a root customer with no other records, so the answers are the
// library's own. Answers about a lone schedule do not name this node.
const LoneID = "schedule"

// LoneSnapshot stores s as the only customer of a new engine.
func LoneSnapshot(s *voicesched.Schedule) (*voicesched.Snapshot, error) {
	engine := voicesched.New()
	record := &voicesched.CustomerInfo{EntityInfo: voicesched.EntityInfo{ID: LoneID}, Schedule: s}
	if err := engine.PutCustomer(record); err != nil {
		return nil, err
	}
	return engine.Snapshot(), nil
}

// ZoneOf returns the zone node id's answers are given in: the zone of the
// schedule that decides for it. The zone is fixed for a node (inheritance
// and forceClosed do not change with time), so one lookup serves every
// instant. An unknown node reads as UTC.
func ZoneOf(snap *voicesched.Snapshot, id string) (*time.Location, string) {
	eff, err := snap.EffectiveSchedule(id)
	if err != nil {
		return time.UTC, "UTC"
	}
	loc, err := tz.Load(eff.TimeZoneID)
	if err != nil {
		// Unreachable: the engine only reports zones it resolved.
		return time.UTC, eff.TimeZoneID
	}
	return loc, eff.TimeZoneID
}

// ScheduleErrors lists the errors of the schedule that decides for node id
// (its own, or the ancestor's it inherits), each as
// "<node>: schedule.<path>: <message>": the broken rules, which never
// match, so that an answer that reads like an ordinary default says why.
// An unknown zone is left out: the library reports it with every answer.
// Warnings are left out too (validation lists them).
func ScheduleErrors(snap *voicesched.Snapshot, id string) ([]string, error) {
	eff, err := snap.EffectiveSchedule(id)
	if err != nil {
		return nil, err
	}
	problems, err := snap.Problems(eff.NodeID)
	if err != nil {
		return nil, err
	}
	var notes []string
	for _, p := range problems.Errors() {
		if p.Code != voicesched.CodeUnknownZone {
			notes = append(notes, eff.NodeID+": "+p.Path+": "+p.Message)
		}
	}
	return notes, nil
}

// isoLayout prints an instant with its offset (never "Z"), fractions only
// when present.
const isoLayout = "2006-01-02T15:04:05.999999999-07:00"

// FormatInstant prints t on loc's clock with the offset, as answers give
// instants: "2026-11-27T00:00:00-05:00".
func FormatInstant(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(isoLayout)
}

// Question is one evaluation to make: node ID of Snap at instant At, in
// Zone for printing times, and what to add to the plain answer.
type Question struct {
	Snap *voicesched.Snapshot
	ID   string
	// Lone: Snap holds a lone schedule (LoneSnapshot); the answer names no node.
	Lone    bool
	Zone    *time.Location
	At      time.Time
	Explain bool // add the trace
	Next    bool // look for the next change
	// Notes are errors every answer about the node carries besides the
	// library's (ScheduleErrors).
	Notes []string
}

// Result is the answer to a Question.
type Result struct {
	// Answer is the library's answer. For a lone schedule its NodeID and
	// its trace's node ids are empty; a failed next-change search is the
	// last of its Errors.
	Answer voicesched.Answer
	// Change is the next change (when Next was asked and Changes is set),
	// its instant on Zone's clock.
	Change  voicesched.Change
	Changes bool
	Zone    *time.Location
}

// Ask answers q through the library's Snapshot methods, so that the
// protocol's answers are the library's.
func Ask(q Question) (Result, error) {
	r := Result{Zone: q.Zone}
	var err error
	if q.Explain {
		r.Answer, err = q.Snap.Explain(q.ID, q.At)
	} else {
		r.Answer, err = q.Snap.Evaluate(q.ID, q.At)
	}
	if err != nil {
		return r, err
	}
	if q.Lone {
		r.Answer.NodeID = ""
		for i := range r.Answer.Trace {
			r.Answer.Trace[i].NodeID = ""
		}
	}
	if len(q.Notes) > 0 {
		r.addError(q.Notes...)
	}
	if q.Next {
		change, ok, err := q.Snap.NextChange(q.ID, q.At)
		switch {
		case err != nil:
			r.addError(err.Error())
		case ok:
			change.At = change.At.In(q.Zone)
			r.Change, r.Changes = change, true
		}
	}
	return r, nil
}

// addError appends msg to the answer's errors without touching a slice the
// library may share.
func (r *Result) addError(msg ...string) {
	errs := r.Answer.Errors
	r.Answer.Errors = append(errs[:len(errs):len(errs)], msg...)
}

// AppendJSON appends the result as one answer line (no newline): id (raw,
// compact JSON; nil omits it), the answer, and the request's warnings.
func (r *Result) AppendJSON(dst []byte, id json.RawMessage, warnings []string) ([]byte, error) {
	extra := voicesched.AnswerExtras{ID: id, Warnings: warnings}
	if r.Changes {
		extra.NextChange, extra.NextState = FormatInstant(r.Change.At, r.Zone), r.Change.State
	}
	return r.Answer.AppendJSON(dst, extra)
}

// MarshalJSON encodes the result as an answer line without an id.
func (r Result) MarshalJSON() ([]byte, error) { return r.AppendJSON(nil, nil, nil) }
