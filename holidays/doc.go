// Package holidays turns public-holiday sets into scheduling rules that stay
// right every year.
//
// # Data
//
// The sets come from github.com/rickar/cal/v2 (DataVersion): US (federal),
// GB by nation (ENG, WLS, SCT, NIR), CA, AU by state, NZ, IE, DE
// (nationwide and by state), FR. rickar/cal v2.1.13 has no list for
// Scotland or Northern Ireland; those sets are built from its England and
// Wales definitions plus five definitions written here in its own terms
// (2 January, St Andrew's Day, St Patrick's Day, the Battle of the Boyne,
// and Scotland's New Year substitute rule), from gov.uk's bank holiday
// rules. A holiday's ID is its name in lower case with dashes
// ("christmas-day", "mariae-himmelfahrt"); its name is the data's, in the
// country's language.
//
// # Rules
//
// Set.Rules makes all-day Time rules, state "Holiday" unless told
// otherwise, with source "holidays:<set>:<holiday>@<data version>" (Source,
// ParseSource). Wherever a holiday's date has a recurrence shape it is one
// Yearly rule that never ends:
//
//   - a fixed date: byMonth 12, byMonthDay 25;
//   - the n-th weekday of a month: byMonth 11, byDay 4th Thursday (n up to
//     ±4; a 5th weekday, which the data would carry into the next month,
//     has no shape);
//   - a weekday in a week of days: Buß- und Bettag, the Wednesday on or
//     after 16 November, is byMonth 11, byMonthDay 16..22, byDay Wednesday
//     (only when the week stays within the month: "the Monday on or after
//     27 May" does not, so it is dated);
//   - a substitute day ("observed"): the holiday's shape moved by the
//     substitute's offset, with the weekday that moves it: a Saturday
//     Christmas kept on Friday 24 December is byMonth 12, byMonthDay 24,
//     byDay Friday; a Saturday New Year's Day kept on Friday 31 December of
//     the year before is byMonth 12, byMonthDay 31, byDay Friday. These
//     rules are named "<holiday> (observed)".
//
// The rest — Easter-based feasts, days the data computes with its own
// function, holidays of a limited run of years or skipped in some year —
// are dated one-day rules (frequency None) for each year of the horizon
// (Options.FromYear..ToYear, ten years by default). Substitute days of
// those are dated too. With Options.Actual the substitute days are left
// out. A recurrence starts on the first day of its month in the horizon's
// first year (or the holiday's first year, when later).
//
// Both a holiday's own date and its substitute day close (as the data
// reports both): a business open on Saturdays is closed on a Saturday
// Independence Day, and everyone on the Friday before.
//
// The tests check every set against rickar/cal's own calculation at noon
// local time every day of 2026-2035, and against python-holidays (a second,
// independent source, through testdata/holidays/generate.py); each day the
// two sources disagree on is listed with its reason in vectors_test.go.
package holidays
