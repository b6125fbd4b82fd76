package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/voicesched/voicesched/closure"
	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

const closeDescription = `Prints a PatchCustomer that adds a dated closure to a customer's current
schedule: the fewest rules (at most three: a partial first day, the whole
days, a partial last day) that give --state from --from up to --to, first in
the schedule with its lowest priority; every other member of the customer
stays as it is. The rules end by themselves; their source is "closure" or
"closure: <reason>".

--from and --to are ISO-8601 instants; without an offset they are wall-clock
times in the customer's time zone. --write applies the patch to --tree (as
patch --write does) and prints the stored customer. --preview prints instead
what the patch would do, applying nothing: whether it applies, its problems,
the members it changes, and every state change over the closure's span for
the customer and everything below it (JSON).`

const closeExample = `  voicesched close --customer clinic-maple --from 2026-12-24T14:00 --to 2026-12-27T08:00 --reason "staff party"
  voicesched close --tree tree.json --customer clinic-maple --from 2026-03-03T11:20 --to 2026-03-03T15:00 --reason "burst pipe" --write`

func (c *cli) cmdClose(args []string) int {
	fs := c.flagSet("close", "[--tree FILE] --customer ID --from ISO --to ISO [--state Closed] [--reason TEXT] [--write | --preview]", closeDescription, closeExample)
	treePath := fs.String("tree", "", "tree `file` holding the customer (default: the embedded sample)")
	customer := fs.String("customer", "", "customer `id` to close (required)")
	fromText := fs.String("from", "", "start of the closure, ISO-8601 (required)")
	toText := fs.String("to", "", "end of the closure (excluded), ISO-8601 (required)")
	state := fs.String("state", closure.DefaultState, "`state` the closure gives")
	reason := fs.String("reason", "", "why, kept in the rules' source and name")
	by := fs.String("by", "voicesched", "`user` stamped as lastModifiedBy with --write")
	write := fs.Bool("write", false, "apply the PatchCustomer to --tree and save it")
	preview := fs.Bool("preview", false, "print what the patch would do over the closure's span, applying nothing")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	switch {
	case len(positional) > 0:
		return c.usageError(fmt.Errorf("close takes no arguments besides flags, got %q", positional[0]))
	case *customer == "":
		return c.usageError(errors.New("close needs --customer ID, the customer to close"))
	case *fromText == "" || *toText == "":
		return c.usageError(errors.New("close needs --from and --to, the start and the end of the closure"))
	case *write && *treePath == "":
		return c.usageError(errors.New("--write needs --tree FILE, the tree to save"))
	case *write && *preview:
		return c.usageError(errors.New("give --preview or --write, not both"))
	}
	engine, err := c.loadTree(*treePath)
	if err != nil {
		return c.fail(err)
	}
	snap := engine.Snapshot()
	effective, err := snap.EffectiveSchedule(*customer)
	if err != nil {
		return c.fail(err)
	}
	loc := time.UTC
	if effective.TimeZoneID != "" {
		if loc, err = tz.Load(effective.TimeZoneID); err != nil {
			return c.fail(err)
		}
	}
	from, err := schedule.ParseInstant("--from", *fromText, loc)
	if err != nil {
		return c.usageError(err)
	}
	to, err := schedule.ParseInstant("--to", *toText, loc)
	if err != nil {
		return c.usageError(err)
	}
	if !to.After(from) {
		return c.usageError(fmt.Errorf("--to %s is not after --from %s", *toText, *fromText))
	}
	rules, err := closure.Span(from, to, loc, closure.Options{State: *state, Reason: *reason})
	if err != nil {
		var cerr *closure.Error
		if errors.As(err, &cerr) {
			return c.usageError(fmt.Errorf("--%s: %s", cerr.Field, cerr.Reason))
		}
		return c.fail(err)
	}
	patch, err := snap.AddRulesPatch(*customer, rules, nil)
	if err != nil {
		return c.fail(err)
	}
	switch {
	case *write:
		return c.applyPatch(engine, *treePath, patch, *by, true)
	case *preview:
		result, err := snap.PreviewPatch(&patch, from, to)
		if err != nil {
			return c.fail(err)
		}
		return c.printJSON(result)
	}
	return c.printJSON(patch)
}
