package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/protocol"
)

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
		return fmt.Errorf("%s: %s (line %d) should be %s, not a JSON %s", name, where, line, protocol.JSONKind(typeErr.Type.String()), typeErr.Value)
	}
	return fmt.Errorf("%s: %v", name, err)
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
		snap, err := protocol.LoneSnapshot(&s)
		if err != nil {
			return nil, err
		}
		sub := &subject{snap: snap, id: protocol.LoneID, lone: true, label: "the schedule in " + schedulePath}
		sub.zone, sub.zoneID = protocol.ZoneOf(snap, protocol.LoneID)
		return sub, nil
	}
	engine, err := c.loadTree(treePath)
	if err != nil {
		return nil, err
	}
	snap := engine.Snapshot()
	if id, err = c.findNode(snap, treePath, id); err != nil {
		return nil, err
	}
	sub := &subject{snap: snap, id: id, label: id}
	if customer := snap.Customer(id); customer != nil {
		sub.label = describe(id, customer.Name, "customer")
	} else if endpoint := snap.Endpoint(id); endpoint != nil {
		sub.label = describe(id, endpoint.Name, "endpoint of "+endpoint.CustomerID)
	}
	sub.zone, sub.zoneID = protocol.ZoneOf(snap, id)
	return sub, nil
}

// findNode resolves what --customer names (an id, or a name or
// referenceId only one node has) in the tree read from treePath.
func (c *cli) findNode(snap *voicesched.Snapshot, treePath, query string) (string, error) {
	id, err := snap.Find(query)
	if err != nil {
		where := sampleTreeName
		if treePath != "" {
			where = treePath
		}
		return "", fmt.Errorf("%s: %v", where, err)
	}
	return id, nil
}

func describe(id, name, kind string) string {
	if name == "" {
		return fmt.Sprintf("%s (%s)", id, kind)
	}
	return fmt.Sprintf("%s (%s, %s)", id, name, kind)
}

// humanInstant prints t on loc's clock for people: "Thu 2026-11-26 10:00:00 -05:00".
func humanInstant(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2006-01-02 15:04:05 -07:00")
}
