package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

// loneID is the id a lone schedule is stored under: it is evaluated as the
// schedule of a root customer with no other records, so the answers are the
// library's own. Answers about a lone schedule do not name this node.
const loneID = "schedule"

// readFile reads a file named on the command line.
func readFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return nil, fmt.Errorf("cannot read %s: %v", path, pathErr.Err)
		}
		return nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	return data, nil
}

// decodeJSON decodes data into v; a failure names the source and, for
// malformed JSON, the line and column.
func decodeJSON(name string, data []byte, v any) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%s is empty; it should hold one JSON object", name)
	}
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		line, col := lineColumn(data, syntaxErr.Offset-1) // Offset counts the bad byte
		return fmt.Errorf("%s is not valid JSON: line %d, column %d: %v", name, line, col, syntaxErr)
	case errors.As(err, &typeErr):
		line, _ := lineColumn(data, typeErr.Offset)
		where := typeErr.Field
		if where == "" {
			where = "the document"
		}
		return fmt.Errorf("%s: %s (line %d) should be %s, not a JSON %s", name, where, line, jsonKind(typeErr.Type.String()), typeErr.Value)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// jsonKind names a Go type the way a JSON author thinks of it.
func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case goType == "string":
		return "a string"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case strings.HasPrefix(goType, "map"), strings.Contains(goType, "."):
		return "an object"
	}
	return goType
}

// lineColumn converts a byte offset of data to a 1-based line and column.
func lineColumn(data []byte, offset int64) (int, int) {
	if offset < 0 {
		offset = 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// loadTree reads the tree file at path, or the embedded sample when path is
// empty, into a new engine whose clock is the command's.
func (c *cli) loadTree(path string) (*voicesched.Engine, error) {
	name, data := sampleTreeName, sampleTree
	if path != "" {
		var err error
		if data, err = readFile(path); err != nil {
			return nil, err
		}
		name = path
	}
	var tree voicesched.Tree
	if err := decodeJSON(name, data, &tree); err != nil {
		return nil, err
	}
	engine := voicesched.New(voicesched.WithClock(c.now))
	if err := engine.Load(tree); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return engine, nil
}

// loneSnapshot stores s as the only customer of a new engine.
func loneSnapshot(s *voicesched.Schedule) (*voicesched.Snapshot, error) {
	engine := voicesched.New()
	record := &voicesched.CustomerInfo{EntityInfo: voicesched.EntityInfo{ID: loneID}, Schedule: s}
	if err := engine.PutCustomer(record); err != nil {
		return nil, err
	}
	return engine.Snapshot(), nil
}

// subject is what a test or timeline question is about: a node of a tree,
// or a lone schedule.
type subject struct {
	snap   *voicesched.Snapshot
	id     string
	lone   bool
	label  string // "clinic-maple (Maple Street Clinic)" or "the schedule in week.json"
	zone   *time.Location
	zoneID string
}

// subjectFor resolves --tree, --customer and --schedule.
func (c *cli) subjectFor(treePath, id, schedulePath string) (*subject, error) {
	switch {
	case id != "" && schedulePath != "":
		return nil, errors.New("give either --customer or --schedule, not both")
	case id == "" && schedulePath == "":
		return nil, errors.New("say what to ask about: --customer ID (a customer or endpoint of the tree) or --schedule FILE")
	case schedulePath != "" && treePath != "":
		return nil, errors.New("--tree is not used with --schedule: a schedule file is evaluated alone")
	}
	if schedulePath != "" {
		data, err := readFile(schedulePath)
		if err != nil {
			return nil, err
		}
		var s voicesched.Schedule
		if err := decodeJSON(schedulePath, data, &s); err != nil {
			return nil, err
		}
		snap, err := loneSnapshot(&s)
		if err != nil {
			return nil, err
		}
		sub := &subject{snap: snap, id: loneID, lone: true, label: "the schedule in " + schedulePath}
		sub.zone, sub.zoneID = zoneOf(snap, loneID)
		return sub, nil
	}
	engine, err := c.loadTree(treePath)
	if err != nil {
		return nil, err
	}
	snap := engine.Snapshot()
	sub := &subject{snap: snap, id: id, label: id}
	if customer := snap.Customer(id); customer != nil {
		sub.label = describe(id, customer.Name, "customer")
	} else if endpoint := snap.Endpoint(id); endpoint != nil {
		sub.label = describe(id, endpoint.Name, "endpoint of "+endpoint.CustomerID)
	} else {
		where := sampleTreeName
		if treePath != "" {
			where = treePath
		}
		return nil, fmt.Errorf("there is no customer or endpoint %q in %s", id, where)
	}
	sub.zone, sub.zoneID = zoneOf(snap, id)
	return sub, nil
}

func describe(id, name, kind string) string {
	if name == "" {
		return fmt.Sprintf("%s (%s)", id, kind)
	}
	return fmt.Sprintf("%s (%s, %s)", id, name, kind)
}

// zoneOf returns the zone node id's answers are given in: the zone of the
// schedule that decides for it. The zone is fixed for a node (inheritance
// and forceClosed do not change with time), so one lookup serves every
// instant.
func zoneOf(snap *voicesched.Snapshot, id string) (*time.Location, string) {
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

// parseInstant reads an ISO-8601 instant given for flag or member field;
// without Z or an offset it is a civil time on loc's clock.
func parseInstant(field, text string, loc *time.Location) (time.Time, error) {
	t, err := schedule.ParseInstant(field, text, loc)
	if err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// isoLayout prints an instant with its offset (never "Z"), fractions only
// when present.
const isoLayout = "2006-01-02T15:04:05.999999999-07:00"

// formatInstant prints t on loc's clock with the offset.
func formatInstant(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(isoLayout)
}

// humanInstant prints t on loc's clock for people: "Thu 2026-11-26 10:00:00 -05:00".
func humanInstant(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2006-01-02 15:04:05 -07:00")
}
