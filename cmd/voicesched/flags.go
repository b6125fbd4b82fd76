package main

import (
	"fmt"
	"strings"
	"time"

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
