// Package closure turns a dated closure ("closed from Dec 24 14:00 to Dec 27
// 08:00", "emergency: closed until 15:00 today") into scheduling rules.
//
// Span takes the closure as instants and a zone, Civil as wall-clock times;
// both return the fewest rules that cover the span, at most three: a partial
// first day, the whole days in between (one Daily all-day rule with a
// count), a partial last day. A span of at most 24 clock hours is a single
// rule, crossing midnight when it must. Every rule ends by itself (frequency
// None, or Daily with a count), so a closure never outlives its span.
//
// The rules' source marks them: "closure", or "closure: <reason>" when a
// reason is given (ParseSource reads it back). The state is "Closed" unless
// Options say otherwise. Lint reports closure rules that have ended.
//
// Rules are read on the schedule's wall clock (docs/semantics.md#civil-time),
// so the closure must be made for the zone of the schedule it is added to.
// Span's documentation says what happens around DST changes.
package closure
