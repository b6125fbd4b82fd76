package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/treegen"
)

type statusNode struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	ParentID   string `json:"parentId"`
	Kind       string `json:"kind"`
	StateName  string `json:"stateName"`
	Reason     string `json:"reason"`
	NodeID     string `json:"nodeId"`
	RuleID     string `json:"ruleId"`
	RuleName   string `json:"ruleName"`
	FlowID     string `json:"flowId"`
	TimeZoneID string `json:"timeZoneId"`
}

type statusListing struct {
	At    string       `json:"at"`
	Nodes []statusNode `json:"nodes"`
}

// Every node's status is the answer eval gives for it at that instant.
func TestStatusAgreesWithEvalForEveryNode(t *testing.T) {
	for _, at := range []string{"2026-11-26T10:00:00-05:00", "2026-11-25T12:30:00-05:00", "2026-11-28T10:00:00-05:00", "2026-12-25T23:00:00Z"} {
		t.Run(at, func(t *testing.T) {
			stdout, stderr, status := runCLI(t, nil, "status", "--at", at, "--format", "json")
			require.Equal(t, exitOK, status, stderr)
			var listing statusListing
			require.NoError(t, json.Unmarshal([]byte(stdout), &listing))
			require.Len(t, listing.Nodes, 10)
			var requests strings.Builder
			for _, n := range listing.Nodes {
				fmt.Fprintf(&requests, `{"id": %q, "customerId": %q, "at": %q}`+"\n", n.ID, n.ID, at)
			}
			answers, stderr, status := runCLI(t, []byte(requests.String()), "eval", "--tree", sampleTreePath)
			require.Equal(t, exitOK, status, stderr)
			lines := strings.Split(strings.TrimSpace(answers), "\n")
			require.Len(t, lines, len(listing.Nodes))
			for k, line := range lines {
				var answer struct {
					ID string `json:"id"`
					statusNode
				}
				require.NoError(t, json.Unmarshal([]byte(line), &answer))
				got := listing.Nodes[k]
				require.Equal(t, got.ID, answer.ID)
				want := answer.statusNode
				want.ID, want.Name, want.ParentID, want.Kind = got.ID, got.Name, got.ParentID, got.Kind
				assert.Equal(t, want, got, got.ID)
			}
		})
	}
}

func TestStatusStateFilterKeepsOnlyThatState(t *testing.T) {
	stdout, _, status := runCLI(t, nil, "status", "--at", "2026-11-26T10:00:00-05:00", "--state", "HOLIDAY", "--format", "json")
	require.Equal(t, exitOK, status)
	var listing statusListing
	require.NoError(t, json.Unmarshal([]byte(stdout), &listing))
	require.NotEmpty(t, listing.Nodes)
	for _, n := range listing.Nodes {
		assert.Equal(t, "Holiday", n.StateName, n.ID)
	}
}

// writePlatformTree writes a generated tree of about nodes nodes as a tree
// file and returns its path.
func writePlatformTree(tb testing.TB, nodes int) string {
	tb.Helper()
	var tree voicesched.Tree
	for n := range treegen.Nodes(7, treegen.ClinicsFor(nodes)) {
		if n.Kind == treegen.Endpoint {
			tree.Endpoints = append(tree.Endpoints, &voicesched.Endpoint{ID: n.ID, Name: n.Name, CustomerID: n.ParentID, Schedule: n.Schedule})
			continue
		}
		tree.Customers = append(tree.Customers, &voicesched.CustomerInfo{EntityInfo: voicesched.EntityInfo{ID: n.ID}, Name: n.Name,
			ParentCustomerID: n.ParentID, Data: n.Data, Schedule: n.Schedule})
	}
	raw, err := json.Marshal(tree)
	require.NoError(tb, err)
	path := filepath.Join(tb.TempDir(), "platform.json")
	require.NoError(tb, os.WriteFile(path, raw, 0o644))
	return path
}

// BenchmarkStatusJSON100k is the whole command on a 100,000-node tree file:
// read, decode and load the tree, answer every node, print the JSON.
func BenchmarkStatusJSON100k(b *testing.B) {
	path := writePlatformTree(b, 100_000)
	c := &cli{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return fixedNow }}
	b.ReportAllocs()
	for b.Loop() {
		if status := c.run([]string{"status", "--tree", path, "--at", "2026-11-26T10:00:00-05:00", "--format", "json"}); status != exitOK {
			b.Fatal(status)
		}
	}
}
