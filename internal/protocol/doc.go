// Package protocol is the NDJSON eval protocol of "voicesched eval": one
// JSON request a line in, one JSON answer a line out, in the same order.
// The command line only wires its flags to an Evaluator; the protocol's
// shapes are public and kept stable.
//
// # Requests
//
// A request is one JSON object on one line:
//
//	{"id": <any JSON>, "at": "<ISO-8601>", ...}
//
// with exactly one subject:
//
//   - "schedule": a Schedule, evaluated alone as a root customer's
//     (LoneSnapshot);
//   - "customers": [CustomerInfo...] with "customerId": a tree given
//     inline, and the customer or endpoint to evaluate;
//   - "customerId" alone: a node of the Evaluator's tree (eval --tree).
//
// "customerId" is a customer's or endpoint's id, or a name or referenceId
// that only one node has (voicesched.Snapshot.Find); one that names no node
// is an unknown-node error line with up to three nodes it may have meant.
//
// and optionally "explain": true (add the trace) and "next": true (add the
// next change). "at" without Z or an offset is a wall-clock time in the
// zone of the schedule that decides. Member names match as encoding/json
// matches them (exactly, else ignoring case); of a repeated member the last
// counts; null reads as absent. Any other member is ignored and named in
// the answer's (or error line's) "warnings", with the member it was
// probably meant to be: "unknown member \"nxt\" is ignored (did you mean
// \"next\"?)". Only the request's own members are checked here; unknown
// members inside "schedule" or "customers" are validation's business.
//
// # Answers
//
// An answer has, in this order, absent members omitted:
//
//	id          the request's id, compacted (null when it had none)
//	stateName   the state
//	timeZoneId  the zone of the deciding schedule
//	reason      forceClosed, inherited, rule, default or fallback
//	nodeId      the node whose schedule decided (omitted for a lone schedule)
//	ruleId, ruleName, flowId, flowParams, source
//	            the deciding rule's
//	nextChange  when the state changes next, on the zone's clock with its
//	            offset ("next": true and a change within the horizon)
//	nextState   the state it changes to
//	trace       every rule looked at (explain): nodeId, ruleId, name,
//	            index (-1 for an inheritance step), matched, shadowed
//	            (true for a rule that matched after the deciding one and
//	            lost on priority; such rules follow the decider), why
//	errors      problems met on the way: the errors of the schedule that
//	            decides (ScheduleErrors: broken rules, which never match,
//	            as "<node>: schedule.rules[1].condition: <why>"; they are
//	            reported with every answer, explain or not), conditions that
//	            failed at run time, zones that did not resolve, a cut
//	            next-change search
//	warnings    remarks on the request: its unknown members (at most
//	            eight named, then "and N more …")
//
// All of it but id, nextChange, nextState and warnings is the JSON of a
// voicesched.Answer (its MarshalJSON), so a Go caller marshalling an Answer
// and an NDJSON client read one shape; Result.AppendJSON adds the rest.
//
// # Error lines
//
// A line that cannot be decoded or answered gets
//
//	{"id": <id or null>, "code": "<code>", "error": "<one sentence>"}
//
// (with "warnings" as above when there are any) and the run goes on. The
// code is stable, for programs (the Code constants: empty-line,
// line-too-long, invalid-json, not-an-object, wrong-type, missing-at,
// bad-at, no-subject, two-subjects, no-customer-id, no-tree, unknown-node,
// bad-schedule, bad-tree, internal); the sentence is for people and may be
// reworded. The id is the request's when the line was read far enough to
// find it, else null: an invalid-json line has none, and a line-too-long
// line has the id read from its first 4 KiB (its members in order while
// each is complete there, the last "id" among them; so {"id": 7, ... gets 7).
//
// # Limits
//
// A line longer than MaxLineBytes (16 MiB) is read to its end, skipped and
// answered with an error line; an empty line is an error line too. Lone
// schedules and inline trees are compiled once and kept, keyed by their
// exact JSON text, in LRU caches bounded in entries (4096 schedules, 256
// trees) and in key bytes (64 MiB each), so a stream that repeats a record
// pays for it once.
//
// # Speed
//
// A request line is mostly its schedule, which the cache already holds, so
// the line is not decoded with encoding/json but checked once by a small
// validating scanner that notes where each member lies (scanner.go).
// Answers are encoded without reflection, and output is buffered but
// flushed whenever input runs dry, so an interactive client gets each
// answer at once.
package protocol
