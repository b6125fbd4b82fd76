package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/voicesched/voicesched/internal/protocol"
	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

// The output formats of the commands that have --format.
const (
	formatText = "text"
	formatJSON = "json"
)

// parseFormat reads a --format value in any letter case.
func parseFormat(value string) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(value)); f {
	case formatText, formatJSON:
		return f, nil
	}
	return "", fmt.Errorf("--format must be text or json, not %q", value)
}

// otherZone is the zone of --tz: times are shown on its clock as well.
type otherZone struct {
	loc *time.Location
	id  string
}

// parseZone reads a --tz value ("" is no zone); an unknown zone is an
// error naming the zones it may have meant.
func parseZone(value string) (*otherZone, error) {
	if strings.TrimSpace(value) == "" {
		return nil, nil
	}
	loc, err := tz.Load(value)
	if err != nil {
		return nil, fmt.Errorf("--tz: %v", err)
	}
	id, _ := tz.Canonical(value)
	return &otherZone{loc: loc, id: id}, nil
}

// also prints t on the other zone's clock, " (Thu 2026-11-26 16:00:00 +01:00
// Europe/Paris)", or "" without --tz.
func (z *otherZone) also(t time.Time) string {
	if z == nil {
		return ""
	}
	return fmt.Sprintf(" (%s %s)", humanInstant(t, z.loc), z.id)
}

// parseViewFlags parses args with fs for a command that takes no arguments
// besides flags and shows its answer in --format, with times also on the
// clock of --tz. When ok is false the command exits with status.
func (c *cli) parseViewFlags(fs *flagSet, command string, args []string, formatFlag, zoneText *string) (format string, other *otherZone, status int, ok bool) {
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return "", nil, status, false
	}
	if len(positional) > 0 {
		return "", nil, c.usageError(fmt.Errorf("%s takes no arguments besides flags, got %q", command, positional[0])), false
	}
	format, err := parseFormat(*formatFlag)
	if err != nil {
		return "", nil, c.usageError(err), false
	}
	if other, err = parseZone(*zoneText); err != nil {
		return "", nil, c.usageError(err), false
	}
	return format, other, 0, true
}

// subjectFromFlags checks the --tree, --customer and --schedule values
// together and loads what they name. When ok is false the command exits
// with status.
func (c *cli) subjectFromFlags(treePath, id, schedulePath string) (sub *subject, status int, ok bool) {
	if err := subjectFlags(treePath, id, schedulePath); err != nil {
		return nil, c.usageError(err), false
	}
	sub, err := c.subjectFor(treePath, id, schedulePath)
	if err != nil {
		return nil, c.fail(err), false
	}
	return sub, 0, true
}

// parseRange reads --from and --to in zone: from defaults to today's
// midnight on that clock, to to defaultTo(from). what names the range in
// messages ("range", "window"). The range must be positive and at most
// maxTimelineSpan. When ok is false the command exits with status.
func (c *cli) parseRange(fromText, toText string, zone *time.Location, defaultTo func(from time.Time) time.Time, what string) (from, to time.Time, status int, ok bool) {
	var err error
	if fromText != "" {
		if from, err = schedule.ParseInstant("--from", fromText, zone); err != nil {
			return from, to, c.usageError(err), false
		}
	} else {
		today := c.now().In(zone)
		from = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, zone)
	}
	if toText != "" {
		if to, err = schedule.ParseInstant("--to", toText, zone); err != nil {
			return from, to, c.usageError(err), false
		}
	} else {
		to = defaultTo(from.In(zone))
	}
	if !to.After(from) {
		return from, to, c.usageError(fmt.Errorf("--to (%s) must be after --from (%s)", protocol.FormatInstant(to, zone), protocol.FormatInstant(from, zone))), false
	}
	if to.Sub(from) > maxTimelineSpan {
		return from, to, c.usageError(fmt.Errorf("the %s from %s to %s is longer than 400 days; ask for a shorter one", what, protocol.FormatInstant(from, zone), protocol.FormatInstant(to, zone))), false
	}
	return from, to, 0, true
}
