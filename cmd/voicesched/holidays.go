package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/holidays"
)

const holidaysDescription = `Prints the scheduling rules that close on a country's (or region's) public
holidays: one all-day rule per holiday, a Yearly recurrence wherever the date
has a shape (fixed dates, n-th weekdays, and the substitute days a country
keeps, such as a Saturday Christmas kept on Friday 24 December), dated
one-day rules for the years of --years for the rest (Easter and the like).
Each rule's source is holidays:<set>:<holiday>@<data version>.

--region is the ISO 3166-2 subdivision code without the country (ENG, WLS,
SCT, NIR for GB; NSW, VIC, … for AU; BY, BE, … for DE). --list-countries
lists every set. --format text lists each holiday with its dates per year.

With --tree and --customer it prints instead a PatchCustomer that adds the
rules first in that customer's schedule, replacing the rules an earlier run
of the same set added; --write applies it to --tree (as patch --write does).`

const holidaysExample = `  voicesched holidays --country US --only thanksgiving-day,christmas-day --format text
  voicesched holidays --country GB --region SCT --years 2026-2030
  voicesched holidays --country US --tree tree.json --customer clinic-maple --write`

func (c *cli) cmdHolidays(args []string) int {
	fs := c.flagSet("holidays", "--country CC [--region CODE] [--years 2026-2035] [--only ID,…] [--state Holiday] [--actual] [--format json|text] [--tree FILE --customer ID [--write]] | --list-countries",
		holidaysDescription, holidaysExample)
	country := fs.String("country", "", "ISO 3166-1 `code` of the country (US, GB, CA, AU, NZ, IE, DE, FR)")
	region := fs.String("region", "", "ISO 3166-2 subdivision `code` without the country (SCT, NSW, BY)")
	years := fs.String("years", "", "`years` of the dated rules, FROM-TO or one year (default: this year and the 9 after)")
	only := fs.String("only", "", "comma-separated holiday `ids` to close on (default: all; --format text lists them)")
	state := fs.String("state", holidays.DefaultState, "`state` the rules give")
	actual := fs.Bool("actual", false, "the holidays' own dates only, no substitute (observed) days")
	formatFlag := fs.String("format", formatJSON, "output `format`: json or text")
	list := fs.Bool("list-countries", false, "list the holiday sets there are")
	treePath := fs.String("tree", "", "tree `file` holding the customer (default: the embedded sample)")
	customer := fs.String("customer", "", "customer `id` whose schedule gets the rules (prints a PatchCustomer)")
	by := fs.String("by", "voicesched", "`user` stamped as lastModifiedBy with --write")
	write := fs.Bool("write", false, "apply the PatchCustomer to --tree and save it")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(positional) > 0 {
		return c.usageError(fmt.Errorf("holidays takes no arguments besides flags, got %q", positional[0]))
	}
	if *list {
		for _, set := range holidays.Sets() {
			fmt.Fprintf(c.stdout, "%-7s %-32s %s\n", set.ID, set.Name, set.Zone)
		}
		return exitOK
	}
	format, err := parseFormat(*formatFlag)
	if err != nil {
		return c.usageError(err)
	}
	if *write && (*treePath == "" || *customer == "") {
		return c.usageError(errors.New("--write needs --tree FILE and --customer ID"))
	}
	set, err := holidays.Find(*country, *region)
	if err != nil {
		return c.usageError(flagError(err))
	}
	opts := holidays.Options{State: *state, Actual: *actual, FromYear: c.now().Year()}
	if *years != "" {
		if opts.FromYear, opts.ToYear, err = holidays.ParseYears(*years); err != nil {
			return c.usageError(flagError(err))
		}
	}
	if *only != "" {
		opts.Only = strings.Split(*only, ",")
	}
	if format == formatText && *customer == "" {
		return c.holidaysText(set, opts)
	}
	rules, err := set.Rules(opts)
	if err != nil {
		return c.usageError(flagError(err))
	}
	if *customer == "" {
		return c.printJSON(rules)
	}
	engine, err := c.loadTree(*treePath)
	if err != nil {
		return c.fail(err)
	}
	patch, err := engine.Snapshot().AddRulesPatch(*customer, rules, func(r voicesched.SchedulingRule) bool {
		setID, _, _, ok := holidays.ParseSource(r.Source)
		return ok && strings.EqualFold(setID, set.ID)
	})
	if err != nil {
		return c.fail(err)
	}
	if *write {
		return c.applyPatch(engine, *treePath, patch, *by, true)
	}
	return c.printJSON(patch)
}

// flagError names the flag of a library input error (--only, --years, …).
func flagError(err error) error {
	var herr *holidays.Error
	if errors.As(err, &herr) {
		return fmt.Errorf("--%s: %s", herr.Field, herr.Reason)
	}
	return err
}

func (c *cli) printJSON(v any) int {
	out, err := marshalIndent(v)
	if err != nil {
		return c.fail(err)
	}
	if _, err := c.stdout.Write(out); err != nil {
		return c.fail(err)
	}
	return exitOK
}

// holidaysText lists each holiday of the set with its dates per year.
func (c *cli) holidaysText(set *holidays.Set, opts holidays.Options) int {
	occurrences, err := set.Dates(opts)
	if err != nil {
		return c.usageError(flagError(err))
	}
	from, to := opts.FromYear, opts.ToYear
	if to == 0 {
		to = from + holidays.DefaultYears - 1
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s, %d-%d (%s)\n", set.ID, set.Name, from, to, holidays.DataVersion)
	for _, h := range set.Holidays() {
		var lines []string
		for year := from; year <= to; year++ {
			var days []string
			for _, o := range occurrences {
				if o.Holiday.ID != h.ID || o.Year != year {
					continue
				}
				day := o.Date.Format("Mon 2006-01-02")
				if o.Observed {
					day = "observed " + day
				}
				days = append(days, day)
			}
			if len(days) > 0 {
				lines = append(lines, fmt.Sprintf("  %d  %s\n", year, strings.Join(days, ", ")))
			}
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s (%s)\n%s", h.Name, h.ID, strings.Join(lines, ""))
	}
	if _, err := fmt.Fprint(c.stdout, b.String()); err != nil {
		return c.fail(err)
	}
	return exitOK
}
