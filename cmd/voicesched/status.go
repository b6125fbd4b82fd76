package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/protocol"
	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

const statusDescription = `Prints the state of every customer and endpoint of --tree (or of the embedded
sample tree) at one instant: with --customer, the state of that customer and
everything under it. Text is an indented tree, a node a line: its state, how
it was decided (the rule, or the ancestor it inherits from) and the flow its
calls take. --state keeps the nodes in that state (any letter case), with
their ancestors as context in text. --format json prints the listing for
machines, in tree order:

  {"at": ISO, "nodes": [{"id", "name", "parentId", "kind", "stateName",
   "reason", "nodeId", "ruleId", "ruleName", "flowId", "timeZoneId"}, ...]}

every member present ("" when there is nothing to say); each node's answer
is the one eval and test give.

--customer takes an id, or a name or referenceId that only one node has.
--at is ISO-8601; without Z or an offset it is a wall-clock time in the
--tz zone, else in the zone of --customer, else in UTC. The default is now.
--tz also prints the instant on that zone's clock.`

const statusExample = `  voicesched status --at 2026-11-26T10:00:00-05:00
  voicesched status --customer "Maple Street Clinic" --state holiday
  voicesched status --tree tree.json --format json`

func (c *cli) cmdStatus(args []string) int {
	fs := c.flagSet("status", "[--tree FILE] [--customer ID] [--at ISO] [--state NAME] [--tz ZONE] [--format text|json]", statusDescription, statusExample)
	treePath := fs.String("tree", "", "tree `file` (default: the embedded sample tree)")
	query := fs.String("customer", "", "list only this customer (`id`, name or referenceId) and what is under it")
	atText := fs.String("at", "", "the `instant`, ISO-8601 (default: now)")
	stateName := fs.String("state", "", "list only the nodes in this `state`")
	zoneText := fs.String("tz", "", "also show the instant in this time `zone`")
	formatFlag := fs.String("format", "text", "output `format`: text or json")
	format, other, status, ok := c.parseViewFlags(fs, "status", args, formatFlag, zoneText)
	if !ok {
		return status
	}
	engine, err := c.loadTree(*treePath)
	if err != nil {
		return c.fail(err)
	}
	snap := engine.Snapshot()
	top := ""
	zone, zoneID := time.UTC, "UTC"
	if *query != "" {
		if top, err = c.findNode(snap, *treePath, *query); err != nil {
			return c.fail(err)
		}
		zone, zoneID = protocol.ZoneOf(snap, top)
	}
	if other != nil {
		zone, zoneID = other.loc, other.id
	}
	at := c.now()
	if *atText != "" {
		if at, err = schedule.ParseInstant("--at", *atText, zone); err != nil {
			return c.usageError(err)
		}
	}
	nodes, err := snap.Status(top, at)
	if err != nil {
		return c.fail(err)
	}
	w := bufio.NewWriterSize(c.stdout, 64<<10)
	if format == formatJSON {
		err = writeStatusJSON(w, at, zone, nodes, *stateName)
	} else {
		err = writeStatusText(w, at, zone, zoneID, other, nodes, *stateName)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return c.fail(err)
	}
	return exitOK
}

// inState reports whether node n is one --state keeps.
func inState(n *voicesched.NodeState, state string) bool {
	return state == "" || strings.EqualFold(strings.TrimSpace(n.Answer.StateName), strings.TrimSpace(state))
}

func writeStatusJSON(w *bufio.Writer, at time.Time, zone *time.Location, nodes []voicesched.NodeState, state string) error {
	buf := make([]byte, 0, 4096)
	buf = append(buf, `{"at":"`...)
	buf = append(buf, protocol.FormatInstant(at, zone)...)
	buf = append(buf, `","nodes":[`...)
	first := true
	for i := range nodes {
		if !inState(&nodes[i], state) {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = append(buf, "\n  "...)
		buf = nodes[i].AppendJSON(buf)
		if len(buf) > 32<<10 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if !first {
		buf = append(buf, '\n')
	}
	buf = append(buf, "]}\n"...)
	_, err := w.Write(buf)
	return err
}

func writeStatusText(w io.Writer, at time.Time, zone *time.Location, zoneID string, other *otherZone, nodes []voicesched.NodeState, state string) error {
	fmt.Fprintf(w, "at %s %s", humanInstant(at, zone), zoneID)
	if other == nil && zoneID != "UTC" {
		fmt.Fprintf(w, " (%s UTC)", humanInstant(at, time.UTC))
	}
	fmt.Fprintln(w)
	keep := make([]bool, len(nodes)) // a node in the state, or an ancestor of one
	var path []int                   // positions of the current node's ancestors, by depth
	shown := 0
	for i := range nodes {
		path = append(path[:nodes[i].Depth], i)
		if inState(&nodes[i], state) {
			shown++
			for _, p := range path {
				keep[p] = true
			}
		}
	}
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "NODE\tSTATE\tDECIDED BY\tFLOW\tZONE\n")
	for i := range nodes {
		n := &nodes[i]
		if !keep[i] {
			continue
		}
		label := strings.Repeat("  ", n.Depth) + n.ID
		if n.Name != "" {
			label += " (" + n.Name + ")"
		}
		if !inState(n, state) {
			fmt.Fprintf(tw, "%s\t\t\t\t\n", label)
			continue
		}
		flow := ""
		if n.Answer.Rule != nil {
			flow = n.Answer.Rule.FlowID
		}
		local := at.In(zone)
		if loc, err := tz.Load(n.Answer.TimeZoneID); err == nil {
			local = at.In(loc)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s %s\n", label, n.Answer.StateName, decidedBy(n), flow, n.Answer.TimeZoneID, local.Format("Mon 15:04"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for line := range bytes.Lines(table.Bytes()) { // context lines end in padding
		if _, err := fmt.Fprintf(w, "%s\n", bytes.TrimRight(line, " \n")); err != nil {
			return err
		}
	}
	if state != "" {
		_, err := fmt.Fprintf(w, "%s of %d in state %q\n", plural(shown, "node"), len(nodes), state)
		return err
	}
	return nil
}

// decidedBy says in a few words how a node's state was decided.
func decidedBy(n *voicesched.NodeState) string {
	return decisionText(n.ID, n.Answer.NodeID, n.Answer.Reason, n.Answer.Rule)
}

// decisionText says in a few words how node id's state was decided: by rule
// of decider's schedule (decider is "" for a lone schedule, or id itself),
// or for reason. A decider other than id is an ancestor id inherits from.
func decisionText(id, decider string, reason schedule.Reason, rule *schedule.RuleInfo) string {
	how := string(reason)
	switch {
	case rule != nil:
		how = "rule " + quoteOr(rule.ID, rule.Path())
		if rule.Name != "" {
			how += fmt.Sprintf(" %q", rule.Name)
		}
	case reason == schedule.ReasonForceClosed:
		how = "forced closed"
	}
	if decider != "" && decider != id {
		if rule == nil {
			return "inherited from " + decider
		}
		how = "inherited from " + decider + ": " + how
	}
	return how
}
