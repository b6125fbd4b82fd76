// Package rrule turns the recurrence of a scheduling rule into windows on the civil clock
// and answers, by arithmetic, whether a civil time lies in one of them and when that changes.
//
// # Semantics
//
// A Spec is an RFC 5545 RRULE (WKST=MO) with python-dateutil 2.8's defaults and quirks, on
// civil date-times: the wall clock of the schedule's zone, held in time.Time values in UTC
// (docs/semantics.md#civil-time, #recurrence). Each occurrence o opens the window [o, o+Length). A period (year, month,
// Monday-based week, day, hour, minute or second) belongs to the rule when its distance from
// DTSTART's period is a multiple of Interval. Inside a period the candidate days pass every
// day filter at once — byMonth, byWeekNo (dateutil's week numbering), byYearDay, byMonthDay
// (negative from the month's end), byDay (ordinals within the month for Monthly and for
// Yearly with byMonth, within the year otherwise) — and the times are byHour × byMinute at
// DTSTART's second (for Secondly, every second). bySetPosition picks from the period's sorted
// occurrences. Occurrences before DTSTART are dropped, COUNT keeps the first Count of the rest
// and UNTIL is inclusive; nothing falls after 9999-12-31. dateutil is the reference: the
// differential tests compare with vectors it computed.
//
// # Compiled form
//
// Everything a query needs is computed once:
//
//   - Day masks. The day filters depend only on the kind of year: the weekday of January 1,
//     whether it is a leap year and whether the year before was (dateutil's week numbers look
//     back). For each of those 28 year types Compile makes a 366-bit mask of the days that
//     pass, so "does day d pass" is one bit test after splitting d into year and day of year
//     (a table of the 400-year cycle's years). Without week numbers the 14 types that differ
//     only in the year before share a mask. Rules with the same day filter share one copy of
//     the masks (a weak, content-keyed pool: a tree provisioned from templates holds a
//     handful of distinct mask sets, and a set no rule uses is collected), so a compiled rule
//     itself is about 270 bytes.
//   - Clock. The occurrence times of a day are three levels of bit sets: hours (24 bits),
//     minutes of an hour (60 bits), seconds of a minute (60 bits). For Daily and coarser rules
//     the times are the same every day. For Hourly, Minutely and Secondly rules the aligned
//     units of day d are those ≡ (anchor − d·unitsPerDay) mod Interval; days fall into at most
//     Interval/gcd(Interval, unitsPerDay) classes that share their times, and small per-class
//     tables (at most Interval entries) say which hours and minutes hold aligned, allowed
//     units. The latest time at or before t is then a few leading-zero counts.
//   - bySetPosition. For Daily, Hourly, Minutely and Secondly a period's occurrence list is the
//     same in every period, so the positions are applied once to the clock. For Weekly,
//     Monthly and Yearly a query enumerates only the current period: the k-th occurrence is
//     day k/len(times) of the period's filtered days (a rank select on the mask) at time
//     k mod len(times).
//   - Emptiness. The calendar repeats every 400 years (4800 months, 20871 weeks, 146097 days)
//     and the interval's phase every Interval periods; Compile checks one common cycle (for
//     sub-daily rules by the Chinese remainder theorem on day classes) and reports a rule that
//     can never occur as "empty-set" instead of looping like rrule-go.
//   - COUNT. The Count-th occurrence is found by counting whole years arithmetically (popcount
//     of the year's candidate days times the occurrences per day, with prefix sums over day
//     classes; or per period from a table indexed by the number of filtered days for
//     bySetPosition), enumerating only inside the year where the count runs out, and stopping
//     at year 9999. It becomes the rule's last possible occurrence, like UNTIL.
//   - Runs. Windows of occurrences no more than Length apart merge. Per day class, Compile lists
//     the occurrences after which a run breaks within the day, and notes whether a run that
//     reaches a day's last occurrence always continues into the next candidate day.
//
// # Queries
//
// Two questions are asked of a compiled rule, both about a Moment: an instant read on a
// zone's clock, filled in place by Moment.SetIn (a civil time, held in UTC, is read with loc
// UTC). Rule.Contains asks whether the Moment is inside a window, Rule.NextChange when that
// answer next changes. A Moment holds the civil time and its calendar position, worked out
// once, so a schedule asking many rules about one instant fills one Moment (a caller-owned
// value: on the hot path filling one in place is cheaper than returning a copy). Occurrences
// lists occurrence starts, for listings and tests, and Span gives the first and last one,
// for validators.
//
// Contains asks for the latest occurrence o ≤ c with o > c − Length, c being the civil time.
// Day by day from c's day back to (c − Length)'s day, it tests the day (bit test on the year
// type's mask, the interval phase of the day's period or the day's class), and on the first
// candidate day takes the latest time ≤ c from the clock. A window that crosses midnight or
// spans days is found this way, looking back only as many days as the window is long; longer
// searches scan whole years with 64-bit mask words. A rule with one time a day and windows of
// at most a day (nearly every schedule rule) needs only today's or, before that time,
// yesterday's window: two comparisons and a bit test. The cost depends neither on DTSTART's
// age nor on the frequency, and nothing is allocated.
//
// On the civil clock the next change from c, up to a limit, is found thus: outside every
// window it is the next occurrence (the same search forwards). Inside, it is the end of the
// merged run: from the covering occurrence p, jump to the run's end within the day (binary
// search in the break list), across whole runs of candidate days when days chain, then take
// the latest occurrence ≤ p + Length; when that is p itself the run ends at p + Length. Each
// step passes at least one whole run of occurrences, so even an always-on Secondly rule is
// answered without visiting its seconds.
//
// NextChange walks the zone's segments (time.Time.ZoneBounds; where that reports an end at or
// before the instant, as it does for leap years past the zone's table, the offset change is
// found by daily probes and bisection): inside a segment the civil clock is the instant plus
// a fixed offset, so the civil search answers there; at a transition it compares the answers
// just before and at the transition. A change whose civil time falls in a spring-forward gap
// happens at the end of the gap; in an autumn overlap both instants that read the same clock
// time answer the same. Past the rule's last window nothing changes, which bounds the walk.
// The Moment's zone segment is looked up by the first NextChange that needs it and kept in
// the Moment for the searches of the other rules (so a Moment is scratch space for one
// goroutine). A search stops at its limit: a schedule passes the earliest change found so
// far, so the rules after the first near change search only up to it.
//
// # Export: rrule-go and RFC 5545 text
//
// Rule.Set builds, each time it is called, the equivalent teambition/rrule-go *rrule.Set
// (DTSTART and RRULE, or DTSTART and one RDATE for Frequency None) on civil date-times held
// in UTC, and Rule.String is its RFC 5545 text. This adapter is the export path: iCalendar
// export and any display of a rule as RFC 5545 text build on it, and the property and fuzz
// tests compare the arithmetic matcher with rrule-go's iterator through it. Queries never run that
// iterator, which walks from DTSTART, is not safe for concurrent use, loops forever on empty
// rules and stops about 290 years after DTSTART; a fresh Set per call shares no iterator
// state. Nothing of it is kept in a compiled Rule: the Spec is kept packed and the options
// are built when Set is called (docs/semantics.md#rrule-export).
//
// A compiled Rule is immutable and safe for concurrent use without locks.
package rrule
