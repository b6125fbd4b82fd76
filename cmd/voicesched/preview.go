package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/protocol"
	"github.com/voicesched/voicesched/schedule"
)

// defaultPreviewDays is the window of a preview or diff without --to or --days.
const defaultPreviewDays = 14

// window is the --from, --to and --days flags of preview and diff.
type window struct {
	from, to *string
	days     *int
}

func addWindowFlags(fs *flagSet) window {
	return window{
		from: fs.String("from", "", "start of the window, ISO-8601 `instant` (default: now)"),
		to:   fs.String("to", "", "end of the window (excluded), ISO-8601 `instant`"),
		days: fs.Int("days", 0, "length of the window in `days` (default 14; not with --to)"),
	}
}

// resolve reads the window; times without an offset are wall-clock times
// in loc. The error is a usage error.
func (w window) resolve(loc *time.Location, now time.Time) (time.Time, time.Time, error) {
	from := now.In(loc).Truncate(time.Second)
	var err error
	if *w.from != "" {
		if from, err = schedule.ParseInstant("--from", *w.from, loc); err != nil {
			return time.Time{}, time.Time{}, err
		}
	}
	var to time.Time
	switch {
	case *w.to != "" && *w.days != 0:
		return time.Time{}, time.Time{}, errors.New("give --to or --days, not both")
	case *w.days < 0:
		return time.Time{}, time.Time{}, fmt.Errorf("--days must be positive, not %d", *w.days)
	case *w.to != "":
		if to, err = schedule.ParseInstant("--to", *w.to, loc); err != nil {
			return time.Time{}, time.Time{}, err
		}
	default:
		days := *w.days
		if days == 0 {
			days = defaultPreviewDays
		}
		to = from.In(loc).AddDate(0, 0, days)
	}
	if !to.After(from) {
		return time.Time{}, time.Time{}, fmt.Errorf("--to (%s) must be after --from (%s)", protocol.FormatInstant(to, loc), protocol.FormatInstant(from, loc))
	}
	if to.Sub(from) > maxTimelineSpan {
		return time.Time{}, time.Time{}, fmt.Errorf("the window from %s to %s is longer than 400 days; ask for a shorter one", protocol.FormatInstant(from, loc), protocol.FormatInstant(to, loc))
	}
	return from, to, nil
}

// previewPatch prints what p would do to snap over [from, to), writing
// nothing: the library's PreviewPatch as JSON, or for people the problems,
// the summary and each changed node's spans and before/after grid. The
// status is 0 when the patch would apply, 1 when it would not. patch, close
// and holidays --preview all print their previews here.
func (c *cli) previewPatch(snap *voicesched.Snapshot, p voicesched.PatchCustomer, from, to time.Time, format string) int {
	preview, err := snap.PreviewPatch(&p, from, to)
	if err != nil {
		return c.fail(err)
	}
	if format == formatJSON {
		if c.printJSON(preview) != exitOK {
			return exitFail
		}
		if !preview.Applies {
			return c.fail(fmt.Errorf("the patch of %q would not apply: %s", p.CustomerID, plural(len(preview.Problems), "problem")))
		}
		return exitOK
	}
	var b strings.Builder
	verdict := "it applies"
	if !preview.Applies {
		verdict = "it does not apply"
	}
	zone, _ := protocol.ZoneOf(snap, p.CustomerID)
	fmt.Fprintf(&b, "Preview of the patch of %s: %s (nothing was written).\n", p.CustomerID, verdict)
	fmt.Fprintf(&b, "window: %s to %s\n", humanInstant(from, zone), humanInstant(to, zone))
	if len(preview.Problems) > 0 {
		kind := "warning"
		if preview.Problems.HasErrors() {
			kind = "problem"
		}
		fmt.Fprintf(&b, "\n%s:\n", capitalise(plural(len(preview.Problems), kind)))
		for _, pr := range preview.Problems {
			fmt.Fprintf(&b, "  %s\n", pr)
		}
	}
	if len(preview.Summary) > 0 {
		writeSummary(&b, preview.Summary)
	} else if preview.Applies {
		b.WriteString("\nThe patch changes no member of the customer.\n")
	}
	if preview.Applies {
		b.WriteString("\n")
		writeChangesText(&b, snap, preview.After, from, to, preview.Changes, preview.Cut)
	}
	if _, err := io.WriteString(c.stdout, b.String()); err != nil {
		return c.fail(err)
	}
	if !preview.Applies {
		return c.fail(fmt.Errorf("the patch of %q would not apply: %s", p.CustomerID, plural(len(preview.Problems), "problem")))
	}
	return exitOK
}

// writeSummary lists what a patch changes, member by member.
func writeSummary(b *strings.Builder, summary []voicesched.PatchSummaryLine) {
	b.WriteString("\nWhat the patch changes:\n")
	for _, line := range summary {
		fmt.Fprintf(b, "  %s: %s\n", line.Path, line.Text)
	}
}

// writeChangesText prints the state changes of a comparison for people:
// per node, its changed spans on its own clock, then a grid of the days
// that hold a change, before and after, with the changed hours marked.
func writeChangesText(b *strings.Builder, before, after *voicesched.Snapshot, from, to time.Time, changes []voicesched.StateChange, cut []string) {
	nodes := 0
	for k := range changes {
		if k == 0 || changes[k-1].NodeID != changes[k].NodeID {
			nodes++
		}
	}
	if nodes == 0 {
		b.WriteString("No state changes in the window.\n")
	} else {
		fmt.Fprintf(b, "State changes: %s over %s.\n", plural(nodes, "node"), plural(len(changes), "span"))
	}
	if len(cut) > 0 {
		fmt.Fprintf(b, "The search was cut short (the search budget) for %s; their changes are shown up to where it stopped.\n", strings.Join(cut, ", "))
	}
	// A node whose spans are those of a node printed already (it inherits
	// that node's schedule, as departments and endpoints often do) gets
	// one line rather than the same table and grid again.
	printed := map[string]string{}
	for start := 0; start < len(changes); {
		end := start + 1
		for end < len(changes) && changes[end].NodeID == changes[start].NodeID {
			end++
		}
		key := spansKey(changes[start:end])
		if first, ok := printed[key]; ok {
			fmt.Fprintf(b, "\n%s: the same %s as %s.\n", nodeLabel(after, changes[start].NodeID), plural(end-start, "changed span"), first)
		} else {
			printed[key] = changes[start].NodeID
			writeNodeChanges(b, before, after, from, to, changes[start:end])
		}
		start = end
	}
}

// spansKey is what a node's changes say, without the node's id.
func spansKey(changes []voicesched.StateChange) string {
	var b strings.Builder
	for _, ch := range changes {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s\n", ch.From.Format(time.RFC3339), ch.To.Format(time.RFC3339), ch.Before, ch.After, ruleWords(ch.BeforeRule), ruleWords(ch.AfterRule))
	}
	return b.String()
}

// writeNodeChanges prints one node's changed spans and its grid.
func writeNodeChanges(b *strings.Builder, before, after *voicesched.Snapshot, from, to time.Time, changes []voicesched.StateChange) {
	id := changes[0].NodeID
	loc := changes[0].From.Location()
	fmt.Fprintf(b, "\n%s, on the clock of %s: %s\n", nodeLabel(after, id), loc, plural(len(changes), "changed span"))
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "FROM\tTO\tBEFORE\tAFTER\tBEFORE RULE\tAFTER RULE\n")
	for _, ch := range changes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", humanInstant(ch.From, loc), humanInstant(ch.To, loc), ch.Before, ch.After,
			ruleWords(ch.BeforeRule), ruleWords(ch.AfterRule))
	}
	tw.Flush()
	beforeLine, _ := before.Timeline(id, from, to)
	afterLine, _ := after.Timeline(id, from, to)
	writeCompareGrid(b, loc, from, to, beforeLine, afterLine, changes)
}

// writeCompareGrid prints, for each civil day of loc that holds a change,
// the day's grid before and after and a row marking the hours that differ.
func writeCompareGrid(b *strings.Builder, loc *time.Location, from, to time.Time, before, after []voicesched.Interval, changes []voicesched.StateChange) {
	letters, order := stateLetters(append(append([]voicesched.Interval(nil), before...), after...))
	b.WriteString("\n")
	writeGridHeader(b, 24)
	var used gridLegend
	for day := range civilDays(from, to, loc) {
		dayStart, dayEnd := civilHourStart(day, 0, loc), civilHourStart(day, 24, loc)
		if !overlapsAny(changes, dayStart, dayEnd) {
			continue
		}
		label := day.Format("Mon 2006-01-02")
		b.WriteString(label + " before  ")
		writeGridRow(b, day, loc, from, to, before, letters, &used)
		b.WriteString("\n" + strings.Repeat(" ", len(label)) + " after   ")
		writeGridRow(b, day, loc, from, to, after, letters, &used)
		b.WriteString("\n" + strings.Repeat(" ", len(label)) + " changed ")
		var marks strings.Builder
		writeGridCells(&marks, day, loc, from, to, &gridLegend{}, func(start, end time.Time) byte {
			if overlapsAny(changes, start, end) {
				return '^'
			}
			return ' '
		})
		b.WriteString(strings.TrimRight(strings.NewReplacer(string(cellOutside), " ", string(cellSkipped), " ").Replace(marks.String()), " ") + "\n")
	}
	writeGridLegend(b, letters, order, used)
	b.WriteString("  ^  the state differs in that hour\n")
}

func overlapsAny(changes []voicesched.StateChange, start, end time.Time) bool {
	for _, ch := range changes {
		if ch.From.Before(end) && start.Before(ch.To) {
			return true
		}
	}
	return false
}

// nodeLabel is "id (name)" for a customer or an endpoint.
func nodeLabel(snap *voicesched.Snapshot, id string) string {
	if c := snap.Customer(id); c != nil && c.Name != "" {
		return fmt.Sprintf("%s (%s)", id, c.Name)
	}
	if ep := snap.Endpoint(id); ep != nil && ep.Name != "" {
		return fmt.Sprintf("%s (%s, endpoint)", id, ep.Name)
	}
	return id
}

// ruleWords names a deciding rule for the table; "-" when none decided.
func ruleWords(r *schedule.RuleInfo) string {
	switch {
	case r == nil:
		return "-"
	case r.ID != "":
		return r.ID
	}
	return r.Path()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

const diffDescription = `Compares two tree files (a deploy of a new tree): for every customer and
endpoint both hold, the spans of [--from, --to) in which its state differs,
with the rule deciding on each side — exact to the second, from the same
change search as timeline (and bounded by the same budgets). Text shows each
changed node's spans on its own clock and a before/after grid of the days
with a change; --format json prints {"changes", "cut", "added", "removed"},
each change {"nodeId","from","to","before","after","beforeRule","afterRule"}.
Nodes only one tree holds are listed, not compared.

--from and --to are ISO-8601; without Z or an offset they are UTC. The
default window is now to 14 days later; --days N sets its length instead of
--to. Nothing is written.`

const diffExample = `  voicesched diff tree.json tree-new.json
  voicesched diff tree.json tree-new.json --from 2026-12-21 --days 7 --format json`

func (c *cli) cmdDiff(args []string) int {
	fs := c.flagSet("diff", "OLD NEW [--from ISO] [--to ISO | --days N] [--format text|json]", diffDescription, diffExample)
	win := addWindowFlags(fs)
	formatFlag := fs.String("format", formatText, "output `format`: text or json")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(positional) != 2 {
		return c.usageError(fmt.Errorf("diff needs two tree files, OLD and NEW; got %s", plural(len(positional), "argument")))
	}
	format, err := parseFormat(*formatFlag)
	if err != nil {
		return c.usageError(err)
	}
	from, to, err := win.resolve(time.UTC, c.now())
	if err != nil {
		return c.usageError(err)
	}
	oldEngine, err := c.loadTree(positional[0])
	if err != nil {
		return c.fail(err)
	}
	newEngine, err := c.loadTree(positional[1])
	if err != nil {
		return c.fail(err)
	}
	before, after := oldEngine.Snapshot(), newEngine.Snapshot()
	cmp, err := voicesched.Compare(before, after, from, to)
	if err != nil {
		return c.fail(err)
	}
	if format == formatJSON {
		out := struct {
			Changes []voicesched.StateChange `json:"changes"`
			Cut     []string                 `json:"cut"`
			Added   []string                 `json:"added"`
			Removed []string                 `json:"removed"`
		}{cmp.Changes, cmp.Cut, cmp.Added, cmp.Removed}
		for _, list := range []*[]string{&out.Cut, &out.Added, &out.Removed} {
			if *list == nil {
				*list = []string{}
			}
		}
		if out.Changes == nil {
			out.Changes = []voicesched.StateChange{}
		}
		return c.printJSON(out)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Comparing %s (before) with %s (after)\n", positional[0], positional[1])
	fmt.Fprintf(&b, "window: %s to %s\n", humanInstant(from, time.UTC), humanInstant(to, time.UTC))
	if len(cmp.Added) > 0 {
		fmt.Fprintf(&b, "only after: %s\n", strings.Join(cmp.Added, ", "))
	}
	if len(cmp.Removed) > 0 {
		fmt.Fprintf(&b, "only before: %s\n", strings.Join(cmp.Removed, ", "))
	}
	b.WriteString("\n")
	writeChangesText(&b, before, after, from, to, cmp.Changes, cmp.Cut)
	if _, err := io.WriteString(c.stdout, b.String()); err != nil {
		return c.fail(err)
	}
	return exitOK
}
