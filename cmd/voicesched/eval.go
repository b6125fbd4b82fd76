package main

import (
	"fmt"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/protocol"
)

const evalDescription = `Answers questions read as NDJSON from stdin, one request a line, with one
answer a line on stdout, in the same order. The protocol is public:

request: {"id": <any>, "at": "<ISO-8601>", ...} and one of
  "schedule": <Schedule>                     a lone schedule (a root customer's)
  "customers": [<CustomerInfo>...], "customerId": "<id>"   a tree given inline
  "customerId": "<id>"                       a customer or endpoint of --tree
  optional "explain": true (add the trace), "next": true (add the next change)

answer: {"id", "stateName", "timeZoneId", "reason", "nodeId", "ruleId",
  "ruleName", "flowId", "flowParams", "source", "nextChange", "nextState",
  "trace", "errors", "warnings"}, absent members omitted ("id" is null when
  the request had none). nodeId is omitted for a lone schedule; nextChange is
  in the zone of the answer, with its offset. "errors" names the broken rules
  of the deciding schedule (with their paths) in every answer; "warnings"
  names unknown request members. Without id, nextChange, nextState and
  warnings this is the JSON of the library's Answer.

A line that cannot be decoded or answered gets {"id": <id or null>, "code":
"<stable code>", "error": "<message>"} and the run goes on; an empty line,
or one longer than 16 MiB, is such a line (an over-long line keeps the id it
starts with). "at" without Z or an offset is a wall-clock time in the zone
of the schedule that decides. Schedules and inline trees are compiled once
and kept (by their exact JSON text) for the lines that repeat them. The
reference is the package doc of internal/protocol.

Exit status: 0 unless stdin cannot be read or stdout written.`

const evalExample = `  voicesched eval --tree tree.json < requests.ndjson > answers.ndjson
  echo '{"id":1,"at":"2026-11-26T10:00:00-05:00","customerId":"clinic-maple","next":true}' | voicesched eval --tree testdata/sample/tree.json`

func (c *cli) cmdEval(args []string) int {
	fs := c.flagSet("eval", "[--tree FILE] < requests.ndjson > answers.ndjson", evalDescription, evalExample)
	treePath := fs.String("tree", "", "tree `file` that requests with only a customerId are asked of")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(positional) > 0 {
		return c.usageError(fmt.Errorf("eval reads its requests from stdin and takes no arguments besides flags, got %q", positional[0]))
	}
	var tree *voicesched.Snapshot
	if *treePath != "" {
		engine, err := c.loadTree(*treePath)
		if err != nil {
			return c.fail(err)
		}
		tree = engine.Snapshot()
	}
	if err := protocol.NewEvaluator(tree).Stream(c.stdin, c.stdout); err != nil {
		return c.fail(err)
	}
	return exitOK
}
