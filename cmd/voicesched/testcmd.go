package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/voicesched/voicesched/internal/protocol"
	"github.com/voicesched/voicesched/schedule"
)

const testDescription = `Prints the state of a customer or endpoint (--customer, from --tree or the
embedded sample tree) or of a lone schedule file (--schedule) at an instant:
the state, how it was decided (reason, deciding node and rule, flow, the
rule's source), the time zone, and when and to what the state changes next.
--explain adds the trace: every rule looked at and why it did or did not
match, then the rules that matched as well but lost on priority (shadowed).

--at is ISO-8601. With Z or an offset it is that instant; without one it is a
wall-clock time in the schedule's zone. The default is now. Times are printed
in the schedule's zone with their offset; --tz prints them on another zone's
clock as well (the agent's, or the caller's).

The problems of the schedule that decides (its own, or the ancestor's it
inherits) come first: a rule with an error never matches, so the answer may
read like an ordinary default. --strict makes them exit 1. A --schedule file
holding a tree, or a --tree file holding a schedule, is refused.`

const testExample = `  voicesched test --customer clinic-maple --at 2026-11-26T10:00:00-05:00
  voicesched test --customer ep-maple-dr-lee --at 2026-11-25T09:30 --explain
  voicesched test --schedule week.json --at 2026-03-08T02:30:00 --format json`

func (c *cli) cmdTest(args []string) int {
	fs := c.flagSet("test", "[--tree FILE] (--customer ID | --schedule FILE) [--at ISO] [--tz ZONE] [--strict] [--explain] [--format text|json]", testDescription, testExample)
	treePath := fs.String("tree", "", "tree `file` (default: the embedded sample tree)")
	id := fs.String("customer", "", "`id` of a customer or endpoint of the tree")
	schedulePath := fs.String("schedule", "", "a schedule `file` to evaluate alone, as a root customer's")
	atText := fs.String("at", "", "the `instant`, ISO-8601 (default: now)")
	zoneText := fs.String("tz", "", "also show times in this time `zone`")
	strict := fs.Bool("strict", false, "exit 1 when the schedule that decides has problems (errors or warnings)")
	explain := fs.Bool("explain", false, "print the trace of every rule looked at")
	formatFlag := fs.String("format", "text", "output `format`: text or json")
	format, other, status, ok := c.parseViewFlags(fs, "test", args, formatFlag, zoneText)
	if !ok {
		return status
	}
	sub, status, ok := c.subjectFromFlags(*treePath, *id, *schedulePath)
	if !ok {
		return status
	}
	at := c.now()
	if *atText != "" {
		var err error
		if at, err = schedule.ParseInstant("--at", *atText, sub.zone); err != nil {
			return c.usageError(err)
		}
	}
	res, err := protocol.Ask(protocol.Question{Snap: sub.snap, ID: sub.id, Lone: sub.lone, Zone: sub.zone, At: at, Explain: *explain, Next: true, Notes: sub.notes})
	if err != nil {
		return c.fail(err)
	}
	if format == formatJSON {
		out, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return c.fail(err)
		}
		fmt.Fprintf(c.stdout, "%s\n", out)
	} else if err := writeTestText(c.stdout, sub, other, at, res, *explain); err != nil {
		return c.fail(err)
	}
	return c.strictStatus(*strict, sub)
}

// strictStatus is the status of a question answered: exitFail under
// --strict when the schedule that decides has problems, else exitOK.
func (c *cli) strictStatus(strict bool, sub *subject) int {
	if strict && len(sub.problems) > 0 {
		fmt.Fprintf(c.stderr, "voicesched: --strict: the schedule that decides has %s.\n", plural(len(sub.problems), "problem"))
		return exitFail
	}
	return exitOK
}

// writeTestText prints an answer for people.
func writeTestText(w io.Writer, sub *subject, other *otherZone, at time.Time, res protocol.Result, explain bool) error {
	a := res.Answer
	sub.writeProblems(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\n", sub.label)
	fmt.Fprintf(tw, "  at\t%s%s\n", humanInstant(at, sub.zone), other.also(at))
	fmt.Fprintf(tw, "  state\t%s\n", a.StateName)
	fmt.Fprintf(tw, "  reason\t%s\n", reasonText(string(a.Reason)))
	var decider []string
	if !sub.lone {
		decider = append(decider, a.NodeID)
	}
	if rule := a.Rule; rule != nil {
		line := rule.Path() + " " + quoteOr(rule.ID, "(no id)")
		if rule.Name != "" {
			line += fmt.Sprintf(" %q", rule.Name)
		}
		decider = append(decider, line+fmt.Sprintf(" (%s, priority %d)", rule.SimpleRuleType, rule.Priority))
	}
	if len(decider) > 0 {
		fmt.Fprintf(tw, "  decided by\t%s\n", strings.Join(decider, ", "))
	}
	if rule := a.Rule; rule != nil && rule.FlowID != "" {
		flow := rule.FlowID
		if len(rule.FlowParams) > 0 {
			params, err := json.Marshal(rule.FlowParams)
			if err != nil {
				return err
			}
			flow += " " + string(params)
		}
		fmt.Fprintf(tw, "  flow\t%s\n", flow)
	}
	if rule := a.Rule; rule != nil && rule.Source != "" {
		fmt.Fprintf(tw, "  source\t%s\n", rule.Source)
	}
	fmt.Fprintf(tw, "  zone\t%s, offset %s\n", a.TimeZoneID, at.In(sub.zone).Format("-07:00"))
	if res.Changes {
		fmt.Fprintf(tw, "  next change\t%s%s → %s (in %s)\n", humanInstant(res.Change.At, sub.zone), other.also(res.Change.At), res.Change.State, humanDuration(res.Change.At.Sub(at)))
	} else {
		fmt.Fprintf(tw, "  next change\tnone within the search horizon\n")
	}
	for _, e := range a.Errors {
		if !sub.listed(e) {
			fmt.Fprintf(tw, "  problem\t%s\n", e)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !explain {
		return nil
	}
	fmt.Fprintln(w, "\ntrace (rules in the order they were looked at; shadowed ones matched too, but lost on priority):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, step := range a.Trace {
		node := step.NodeID
		if sub.lone {
			node = "schedule"
		}
		if step.Index < 0 {
			fmt.Fprintf(tw, "  %s\t%s\n", node, step.Why)
			continue
		}
		verdict := "no"
		switch {
		case step.Shadowed:
			verdict = "shadowed"
		case step.Matched:
			verdict = "MATCH"
		}
		name := step.Name
		if name != "" {
			name = fmt.Sprintf("%q", name)
		}
		fmt.Fprintf(tw, "  %s\trules[%d] %s\t%s\t%s\t%s\n", node, step.Index, quoteOr(step.RuleID, "(no id)"), name, verdict, step.Why)
	}
	if len(a.Trace) == 0 {
		fmt.Fprintf(tw, "  (no rules looked at)\n")
	}
	return tw.Flush()
}

func quoteOr(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}

// reasonText explains a reason in words.
func reasonText(reason string) string {
	switch reason {
	case "forceClosed":
		return "forceClosed (the schedule is forced closed)"
	case "inherited":
		return "inherited (the answer is the parent's schedule's)"
	case "rule":
		return "rule (the first rule that matched, in priority order)"
	case "default":
		return "default (no rule matched: the schedule's defaultState)"
	case "fallback":
		return "fallback (no rule matched and there is no defaultState)"
	}
	return reason
}

// humanDuration prints d as "2d 3h 15m" (seconds only when present).
func humanDuration(d time.Duration) string {
	if d < 0 {
		return "-" + humanDuration(-d)
	}
	if d < time.Second {
		return d.String()
	}
	total := int64(d / time.Second)
	days, hours, minutes, seconds := total/86400, total/3600%24, total/60%60, total%60
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%dd", days))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf("%dh", hours))
	}
	if minutes > 0 {
		parts = append(parts, fmt.Sprintf("%dm", minutes))
	}
	if seconds > 0 {
		parts = append(parts, fmt.Sprintf("%ds", seconds))
	}
	return strings.Join(parts, " ")
}
