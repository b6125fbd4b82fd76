package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/voicesched/voicesched/ical"
	"github.com/voicesched/voicesched/model"
	"github.com/voicesched/voicesched/tz"
)

const icalDescription = `Moves schedules to and from iCalendar (RFC 5545) feeds.

  voicesched ical export [--tree FILE] --customer ID [--from ISO] [--to ISO | --days N]
                         [--mode intervals|rules] [--all-states]
  voicesched ical import FILE.ics [--state Holiday] [--zone ZONE] [--horizon YEARS]
                         [--tree FILE --customer ID]

export writes a calendar to stdout. --mode intervals (the default) is what
callers will actually get: one event per interval of the timeline whose state
is not the deciding schedule's default state (--all-states: every interval),
with stable UIDs so a subscribed calendar updates in place. --mode rules
writes each Time rule as a recurring event with its priority in
X-VOICESCHED-PRIORITY: a view of the rules, not of the outcome. The window
is --from (default: today's midnight in the customer's zone) to --to or
--days later (default 90 days).

import reads a feed (FILE, or - for stdin) and prints the rules as a JSON
array of SchedulingRule, each giving --state while its event is on, on the
clock of --zone (default: the feed's X-WR-TIMEZONE or its first event's
zone). Recurrences the model can hold stay one rule; the rest become dated
rules up to --horizon years from now. Warnings go to stderr, one a line,
each naming the event's UID. With --tree and --customer it prints instead a
PatchCustomer that adds the rules to the customer's schedule (on that
schedule's clock, ahead of its other rules) and drops the rules an earlier
import of the same feed added.`

const icalExample = `  voicesched ical export --customer clinic-maple --from 2026-11-23 --days 7
  voicesched ical export --customer clinic-maple --mode rules
  voicesched ical import holidays.ics --zone America/New_York
  voicesched ical import office.ics --state Closed --tree tree.json --customer clinic-maple`

// defaultExportDays is the default window of ical export.
const defaultExportDays = 90

func (c *cli) cmdIcal(args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "export":
			return c.icalExport(args[1:])
		case "import":
			return c.icalImport(args[1:])
		}
	}
	fs := c.flagSet("ical", "export|import [flags]", icalDescription, icalExample)
	if _, status, ok := c.parseFlags(fs, args); !ok {
		return status
	}
	if len(args) == 0 {
		return c.usageError(errors.New(`ical needs "export" or "import"; run "voicesched ical --help"`))
	}
	return c.usageError(fmt.Errorf(`ical has no command %q; use "export" or "import"`, args[0]))
}

func (c *cli) icalExport(args []string) int {
	fs := c.flagSet("ical export", "[--tree FILE] --customer ID [--from ISO] [--to ISO | --days N] [--mode intervals|rules] [--all-states]", icalDescription, icalExample)
	treePath := fs.String("tree", "", "tree `file` (default: the embedded sample tree)")
	id := fs.String("customer", "", "`id` of a customer or endpoint of the tree (required)")
	fromText := fs.String("from", "", "start of the window, ISO-8601 `instant` (default: today's midnight)")
	toText := fs.String("to", "", "end of the window (excluded), ISO-8601 `instant`")
	days := fs.Int("days", 0, "length of the window in `days` (default 90)")
	mode := fs.String("mode", "intervals", "`mode`: intervals (the outcome) or rules (the Time rules)")
	allStates := fs.Bool("all-states", false, "also write the intervals in the default state")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	switch {
	case len(positional) > 0:
		return c.usageError(fmt.Errorf("ical export takes no arguments besides flags, got %q", positional[0]))
	case *id == "":
		return c.usageError(errors.New("ical export needs --customer ID"))
	case *toText != "" && *days != 0:
		return c.usageError(errors.New("give either --to or --days, not both"))
	case *days < 0:
		return c.usageError(fmt.Errorf("--days must be positive, not %d", *days))
	case *mode != "intervals" && *mode != "rules":
		return c.usageError(fmt.Errorf("--mode must be intervals or rules, not %q", *mode))
	}
	sub, err := c.subjectFor(*treePath, *id, "")
	if err != nil {
		return c.fail(err)
	}
	length := defaultExportDays
	if *days > 0 {
		length = *days
	}
	from, to, status, ok := c.parseRange(*fromText, *toText, sub.zone, func(from time.Time) time.Time { return from.AddDate(0, 0, length) }, "window")
	if !ok {
		return status
	}
	opts := []ical.ExportOption{ical.Stamp(c.now())}
	if *allStates {
		opts = append(opts, ical.AllStates())
	}
	var feed []byte
	if *mode == "rules" {
		feed, err = ical.ExportRules(sub.snap, sub.id, from, to, opts...)
	} else {
		feed, err = ical.Export(sub.snap, sub.id, from, to, opts...)
	}
	if err != nil {
		return c.fail(err)
	}
	if _, err := c.stdout.Write(feed); err != nil {
		return c.fail(err)
	}
	return exitOK
}

func (c *cli) icalImport(args []string) int {
	fs := c.flagSet("ical import", "FILE.ics [--state NAME] [--zone ZONE] [--horizon YEARS] [--tree FILE --customer ID]", icalDescription, icalExample)
	state := fs.String("state", ical.DefaultState, "`state` the imported rules give")
	zoneID := fs.String("zone", "", "`zone` of the schedule the rules are for (IANA or Windows id)")
	horizon := fs.Int("horizon", ical.DefaultHorizonYears, "`years` ahead that dated rules reach")
	treePath := fs.String("tree", "", "tree `file` holding --customer (with --customer: print a PatchCustomer)")
	id := fs.String("customer", "", "`id` of the customer whose schedule gets the rules")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	switch {
	case len(positional) != 1:
		return c.usageError(errors.New("ical import needs one feed file (FILE.ics, or - for stdin)"))
	case *horizon < 1 || *horizon > 100:
		return c.usageError(fmt.Errorf("--horizon must be 1 to 100 years, not %d", *horizon))
	case *id == "" && *treePath != "":
		return c.usageError(errors.New("--tree needs --customer: the customer whose schedule gets the rules"))
	case *id != "" && *zoneID != "":
		return c.usageError(errors.New("--zone is not used with --customer: the rules are written on that customer's clock"))
	}
	path := positional[0]
	var feed []byte
	var err error
	feedName := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if path == "-" {
		feedName = "stdin"
		feed, err = io.ReadAll(io.LimitReader(c.stdin, ical.MaxFeedBytes+1))
	} else {
		feed, err = readFile(path)
	}
	if err != nil {
		return c.fail(err)
	}
	opts := []ical.ImportOption{ical.State(*state), ical.HorizonYears(*horizon), ical.Start(c.now()), ical.FeedName(feedName)}
	var sub *subject
	if *id != "" {
		if sub, err = c.subjectFor(*treePath, *id, ""); err != nil {
			return c.fail(err)
		}
		if _, err := sub.snap.AddRulesPatch(*id, nil, nil); err != nil {
			return c.fail(err) // an endpoint, or a customer that inherits: before any warning
		}
		opts = append(opts, ical.Zone(sub.zone))
	} else if *zoneID != "" {
		loc, err := tz.Load(*zoneID)
		if err != nil {
			return c.usageError(fmt.Errorf("--zone: %v", err))
		}
		opts = append(opts, ical.Zone(loc))
	}
	result, err := ical.Import(feed, opts...)
	if err != nil {
		return c.fail(fmt.Errorf("%s: %v", path, err))
	}
	for _, w := range result.Warnings {
		fmt.Fprintln(c.stderr, "warning: "+w.String())
	}
	if sub == nil {
		return c.printJSON(result.Rules)
	}
	// The rules go first in the customer's schedule; those an earlier
	// import of this feed added are replaced.
	patch, err := sub.snap.AddRulesPatch(*id, result.Rules, func(r model.SchedulingRule) bool {
		return strings.HasPrefix(r.Source, feedName+"#")
	})
	if err != nil {
		return c.fail(err)
	}
	engine, err := c.loadTree(*treePath)
	if err != nil {
		return c.fail(err)
	}
	if problems := engine.ValidatePatch(patch, nil).Errors(); len(problems) > 0 {
		fmt.Fprintf(c.stderr, "voicesched: the rules cannot be added to %s: %s.\n", *id, plural(len(problems), "problem"))
		for _, p := range problems {
			fmt.Fprintf(c.stderr, "  %s\n", p)
		}
		return exitFail
	}
	return c.printJSON(patch)
}
