// Package voicesched decides which state a customer of a cloud phone system
// is in at an instant — "Business Hours", "After Hours", "Holiday", any name
// an admin typed — and so where its calls go.
//
// The data model is the Evo Voice API's: CustomerInfo, PatchCustomer,
// Schedule, SchedulingRule. The work is a pipeline whose stages are the
// packages:
//
//   - tz: time-zone ids (IANA names and the Windows ids .NET servers send)
//     to cached *time.Location values;
//   - rrule: a rule's recurrence (frequency, interval, count, until, BY-lists,
//     start and end times) to a compiled set of windows on the civil clock,
//     answered by arithmetic rather than by walking occurrences;
//   - condition: a rule's condition text to a checked expr-lang program;
//   - model: the wire records (customers, patches, schedules, tags), enums,
//     Opt, the JSON shape check and the one Problem type; this package
//     re-exports its names;
//   - schedule: a compiled schedule that evaluates rules in priority order,
//     and the validation of one schedule;
//   - this package: the customer tree (inheritance, parent states, zone
//     cascade), patching and previewing a patch, comparing two snapshots,
//     validation of whole customers and trees (one checker, check.go,
//     behind every write and every Validate function), the engine façade.
//
// Its files hold one idea each: engine.go (the façade and writes),
// snapshot.go (lookups), evaluate.go (answers and inheritance), search.go
// (next change, timeline), build.go (building and refreshing snapshots),
// tree.go (nodes and placement), patch.go, preview.go (a patch's effect
// before it is applied), compare.go (where two snapshots' states differ over
// a window), check.go and validate.go, settings.go, answer.go, errors.go,
// options.go, limits.go, find.go (a node by id, name or referenceId, with
// did-you-mean), status.go (every node's answer at once), decisions.go
// (timeline spans with the rule that decided each), document.go (a file of
// any record kind read and checked, every problem with its path).
//
// Everything is compiled once, when a customer is stored; evaluation reads an
// immutable snapshot, takes no locks that writers hold and allocates nothing
// on the common path.
package voicesched
