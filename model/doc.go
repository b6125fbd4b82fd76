// Package model is the wire model of voicesched: every record of the Evo
// Voice API page this library reads and writes (CustomerInfo,
// PatchCustomer, Schedule, SchedulingRule, ScheduleDay, Tag, Value, Struct,
// BillingSettings, AppSettings, …), this library's own file records
// (Endpoint, Tree), the wire enums and their .NET decoding (Enum), Opt for
// patch members that tell absent, null and a value apart, the check of a
// JSON document's shape against these types (ShapeProblems,
// UnknownMembers), and the one problem type every check reports (Problem,
// Severity, Problems and every problem code).
//
// The model has its own package, below schedule and the root package,
// because both of them (and the command line) read it: the schedule
// records are compiled by package schedule, the customer records are kept
// by the root package, and a patch holds a schedule. With the model in one
// place the shape check knows Opt as a type of its own package rather than
// by reflection on another's name, and no package imports upward. The
// package holds data and its encoding only: no evaluation, no tree, no
// validation beyond the JSON shape. The root package re-exports every
// name as an alias, so callers may write voicesched.CustomerInfo.
//
// Decoding follows the API's .NET server: enums travel as names, accepted
// in any letter case or as the .NET integer; an integer outside an enum is
// kept so that validation can report it; unknown members are ignored
// (ShapeProblems lists them).
package model
