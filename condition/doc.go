// Package condition compiles and evaluates the conditions of scheduling rules:
// expr-lang expressions that must yield a bool (docs/semantics.md#conditions).
//
//	program, err := condition.Compile(`weekday == "Friday" && "vip" in customer.tags`)
//	...
//	open, err := program.Eval(condition.Input{Now: nowInZone, Subject: subject})
//
// # Environment
//
// A condition sees these names and nothing else; any other name is a compile
// error whose message lists these:
//
//	now          time.Time, the instant of evaluation in the schedule's zone
//	date         string "2026-11-30"        time     string "14:05"
//	year         int 2026                   month    int 1..12
//	day          int 1..31                  hour     int 0..23
//	minute       int 0..59                  second   int 0..59
//	weekday      string "Monday".."Sunday"  dayOfYear int 1..366
//	customer.id, customer.name, customer.referenceId   strings
//	customer.tags   the customer's tags as a set
//	data         the customer's data: bool, float64, string, map, list, nil
//	parentState  the parent's state name, "" when there is no parent
//
// customer.tags is a set, not a list: `"vip" in customer.tags` is one map
// lookup whatever the number of tags, and customer.tags.vip is true or false.
// keys(customer.tags) gives the names as a list (in no particular order) for
// the rare condition that needs to iterate them.
//
// data keeps expr's semantics for maps: a missing key reads as nil, so
// data.flag == true is false when flag is missing, while data.limit > 3 is an
// evaluation error (nil cannot be ordered) and so is a bare data.flag (nil is
// not a bool).
//
// now() and date(...) are not available: the names now and date are the
// variables above, and expr's clock builtins would read the machine's clock
// and zone rather than the Input's.
//
// # Limits
//
// Condition text comes from customers, so Compile treats it as hostile. It
// enforces, before expr's parser sees the text:
//
//   - at most MaxLength (4096) bytes;
//   - nesting at most MaxDepth (64) deep, counting brackets ( [ { and unary
//     operators - + ! not.
//
// expr's parser is recursive descent without a depth limit: text nested a
// million deep ((((((... or ------... or !!!!!!... or [[[[[[...) overflows
// the goroutine stack, and a stack overflow is a fatal error that kills the
// whole process; recover cannot catch it, and expr's node limit does not
// help because brackets and unary operators recurse before they create
// nodes. Both checks run on expr's own lexer, which is a loop, so they see
// the text exactly as the parser would and cannot themselves overflow.
//
// Then, on the parsed tree:
//
//   - at most MaxNodes (200) nodes;
//   - no ranges (a..b);
//   - no predicate builtin (all, any, none, one, filter, map, find...,
//     count, sum, groupBy, sortBy) inside the arguments of another;
//   - no let declarations, no $env, and only the builtins listed in the
//     unknown-function message.
//
// These bound the work an evaluation can do. Ranges and nested predicates
// multiply: all(0..199, {all(0..199, {all(0..199, {# >= 0})})}) runs eight
// million steps, about half a second, from 60 bytes of text. Nesting is
// refused in the collection argument as well as in the body, because a chain
// such as map(map(map([s], # + #), # + #), # + #) doubles a string at every
// link, and 40 links need more memory than any machine has. The excluded
// builtins (reduce, repeat, replace, join, split, splitAfter, toJSON,
// fromJSON, toBase64, fromBase64) can grow a value by a factor per call in
// the same way, as can let, which names a value so it can be used twice.
// expr's memory budget stays on (its default, which counts elements of the
// lists and maps an evaluation builds), but it does not count the bytes of
// strings, so the limits above are what keep strings small. What remains is
// at most proportional to the size of the customer's data times the size of
// the condition.
//
// Breaking a limit is a compile error with a stable code, never a crash.
// expr's DisableAllBuiltins would not do the builtin filtering here: it does
// not disable predicate builtins (expr issue #841), so the filter runs on the
// tree.
//
// # Granularity
//
// Program.Granularity reports the finest calendar unit whose change can
// change the result, from the variables the condition references: second or
// now give Second (now can be taken apart to any precision); minute or time,
// Minute; hour, Hour; date, day, weekday or dayOfYear, Day; month, Month;
// year, Year; none of them, Never. Because no dynamic access to the
// environment is allowed, the variables named in the text are the only ones
// the program can read, so the analysis is exact about which variables are
// used and conservative about how (hour > 25 is Hour though it never changes).
// A schedule searching for the next change of a condition needs to test it
// only at boundaries of that unit, and not at all for Never.
//
// # Evaluation
//
// A Program is immutable and safe for concurrent use; Compile hands out the
// live program of an equal text (a weak cache), so a tree provisioned from
// templates keeps one program per distinct condition. Eval borrows from a
// pool shared by all programs a VM and an environment map, fills only the
// variables the program uses, and runs the bytecode; a typical condition takes a couple of
// hundred nanoseconds and allocates nothing (a condition that reads now
// allocates once, to box the time.Time). expr reads a map environment
// without reflection; tag tests and data lookups are rewritten at compile
// time into direct calls (see fastpath.go); strings such as date and time are
// reused while the day or minute stays the same. Subject, the per-customer
// part, is built once per customer version by NewSubject, which copies the
// data into plain values. Eval never panics: failures come back as *Error.
package condition
