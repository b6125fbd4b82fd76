package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/protocol"
)

const timelineDescription = `Prints the states of a customer or endpoint (--customer) or of a lone schedule
file (--schedule) over [--from, --to): a table of the intervals, then a week
grid with one row a day and one column a clock hour (the letter of the state
that held the whole hour, or the lower-case letter of the state it changed to
within the hour) and a legend. Each interval says what decided it: the rule
(id and name) of which node's schedule, or the default, and the flow its
calls take; an interval ends where the state or what decides it changes.
--format json prints the intervals for machines.

--from and --to are ISO-8601; without Z or an offset they are wall-clock times
in the schedule's zone. The default is the seven days from today's midnight in
the schedule's zone; --from alone means seven days from then. The range may
span at most 400 days. --tz adds the intervals' times on another zone's
clock to the table.

The problems of the schedule that decides come first (a rule with an error
never matches); --strict makes them exit 1. A --schedule file holding a
tree, or a --tree file holding a schedule, is refused.`

const timelineExample = `  voicesched timeline --customer clinic-maple --from 2026-11-23 --to 2026-11-30
  voicesched timeline --customer dept-harbour-oncall --format json
  voicesched timeline --schedule week.json --from 2026-03-02T00:00:00-05:00`

// maxTimelineSpan bounds a timeline's range (the engine's default horizon).
const maxTimelineSpan = 400 * 24 * time.Hour

func (c *cli) cmdTimeline(args []string) int {
	fs := c.flagSet("timeline", "[--tree FILE] (--customer ID | --schedule FILE) [--from ISO] [--to ISO] [--tz ZONE] [--strict] [--format text|json]", timelineDescription, timelineExample)
	treePath := fs.String("tree", "", "tree `file` (default: the embedded sample tree)")
	id := fs.String("customer", "", "`id` of a customer or endpoint of the tree")
	schedulePath := fs.String("schedule", "", "a schedule `file` to evaluate alone, as a root customer's")
	fromText := fs.String("from", "", "start of the range, ISO-8601 `instant` (default: today's midnight)")
	toText := fs.String("to", "", "end of the range (excluded), ISO-8601 `instant` (default: seven days after --from)")
	zoneText := fs.String("tz", "", "also show times in this time `zone`")
	strict := fs.Bool("strict", false, "exit 1 when the schedule that decides has problems (errors or warnings)")
	formatFlag := fs.String("format", "text", "output `format`: text or json")
	format, other, status, ok := c.parseViewFlags(fs, "timeline", args, formatFlag, zoneText)
	if !ok {
		return status
	}
	sub, status, ok := c.subjectFromFlags(*treePath, *id, *schedulePath)
	if !ok {
		return status
	}
	from, to, status, ok := c.parseRange(*fromText, *toText, sub.zone, func(from time.Time) time.Time { return from.AddDate(0, 0, 7) }, "range")
	if !ok {
		return status
	}
	decisions, searchErr := sub.snap.Decisions(sub.id, from, to)
	var err error
	if format == formatJSON {
		err = writeTimelineJSON(c.stdout, sub, from, to, decisions, searchErr)
	} else {
		err = writeTimelineText(c.stdout, sub, other, from, to, decisions)
	}
	if err != nil {
		return c.fail(err)
	}
	if searchErr != nil {
		return c.fail(fmt.Errorf("the timeline is incomplete: %v", searchErr))
	}
	return c.strictStatus(*strict, sub)
}

type intervalJSON struct {
	From     string `json:"from"`
	To       string `json:"to"`
	State    string `json:"state"`
	Reason   string `json:"reason"`
	NodeID   string `json:"nodeId,omitempty"`
	RuleID   string `json:"ruleId,omitempty"`
	RuleName string `json:"ruleName,omitempty"`
	FlowID   string `json:"flowId,omitempty"`
}

type timelineJSON struct {
	NodeID     string         `json:"nodeId,omitempty"`
	TimeZoneID string         `json:"timeZoneId"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	Intervals  []intervalJSON `json:"intervals"`
	Errors     []string       `json:"errors,omitempty"`
}

func writeTimelineJSON(w io.Writer, sub *subject, from, to time.Time, decisions []voicesched.Decision, searchErr error) error {
	out := timelineJSON{TimeZoneID: sub.zoneID, From: protocol.FormatInstant(from, sub.zone), To: protocol.FormatInstant(to, sub.zone), Intervals: []intervalJSON{}}
	if !sub.lone {
		out.NodeID = sub.id
	}
	for _, d := range decisions {
		iv := intervalJSON{From: protocol.FormatInstant(d.From, sub.zone), To: protocol.FormatInstant(d.To, sub.zone), State: d.State, Reason: string(d.Reason)}
		if !sub.lone {
			iv.NodeID = d.NodeID
		}
		if d.Rule != nil {
			iv.RuleID, iv.RuleName, iv.FlowID = d.Rule.ID, d.Rule.Name, d.Rule.FlowID
		}
		out.Intervals = append(out.Intervals, iv)
	}
	out.Errors = append(append(out.Errors, sub.zoneNotes...), sub.notes...)
	if searchErr != nil {
		out.Errors = append(out.Errors, searchErr.Error())
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func writeTimelineText(w io.Writer, sub *subject, other *otherZone, from, to time.Time, decisions []voicesched.Decision) error {
	sub.writeProblems(w)
	fmt.Fprintf(w, "%s\n", sub.label)
	fmt.Fprintf(w, "zone %s, from %s to %s\n\n", sub.zoneID, humanInstant(from, sub.zone), humanInstant(to, sub.zone))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "FROM\tTO\tSTATE\tFOR\tDECIDED BY\tFLOW")
	if other != nil {
		fmt.Fprintf(tw, "\tFROM (%s)\tTO (%s)", other.id, other.id)
	}
	fmt.Fprintln(tw)
	var intervals []voicesched.Interval // the states alone, for the grid
	for _, d := range decisions {
		flow := ""
		if d.Rule != nil {
			flow = d.Rule.FlowID
		}
		decider := ""
		if !sub.lone {
			decider = d.NodeID
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s", humanInstant(d.From, sub.zone), humanInstant(d.To, sub.zone), d.State, humanDuration(d.To.Sub(d.From)),
			decisionText(sub.id, decider, d.Reason, d.Rule), flow)
		if other != nil {
			fmt.Fprintf(tw, "\t%s\t%s", humanInstant(d.From, other.loc), humanInstant(d.To, other.loc))
		}
		fmt.Fprintln(tw)
		if n := len(intervals); n > 0 && intervals[n-1].State == d.State {
			intervals[n-1].To = d.To
		} else {
			intervals = append(intervals, voicesched.Interval{From: d.From, To: d.To, State: d.State})
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return writeGrid(w, sub.zone, sub.zoneID, from, to, intervals)
}
