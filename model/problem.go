package model

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Severity tells whether a problem stops a schedule from being stored.
type Severity int

const (
	// SeverityError: the schedule cannot be stored; the rule it names never matches.
	SeverityError Severity = iota
	// SeverityWarning: the schedule is stored, but its answers may surprise.
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// MarshalJSON writes "error" or "warning".
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads "error" or "warning".
func (s *Severity) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v {
	case "error":
		*s = SeverityError
	case "warning":
		*s = SeverityWarning
	default:
		return fmt.Errorf("severity: unknown value %q", v)
	}
	return nil
}

// Problem is one thing wrong with a schedule: where (a JSON path such as
// "rules[2].byDay[0].offset"), what (a stable code), how bad, and a sentence
// a support agent can read to a customer.
type Problem struct {
	Path     string   `json:"path"`
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %s (%s)", p.Severity, p.Path, p.Message, p.Code)
}

// Problems is a list of problems; as an error it reads as its first error.
type Problems []Problem

// HasErrors reports whether any problem is an error.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SeverityError {
			out = append(out, p)
		}
	}
	return out
}

// WithPrefix returns the problems with prefix put before every path (see
// JoinPath).
func (ps Problems) WithPrefix(prefix string) Problems {
	if prefix == "" {
		return ps
	}
	out := make(Problems, len(ps))
	for i, p := range ps {
		p.Path = JoinPath(prefix, p.Path)
		out[i] = p
	}
	return out
}

// JoinPath joins two parts of a JSON path: "customers[2]" and
// "schedule.rules[0]" make "customers[2].schedule.rules[0]"; a part that
// starts with an index ("[3].id") is appended without a dot; an empty part
// leaves the other.
func JoinPath(base, rest string) string {
	switch {
	case base == "":
		return rest
	case rest == "":
		return base
	case rest[0] == '[':
		return base + rest
	}
	return base + "." + rest
}

// Sort orders the problems by path as a reader scans a document (a run of
// digits compares by value, so rules[2] comes before rules[10]), keeping
// the order of problems with the same path.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(a, b int) bool { return naturalLess(ps[a].Path, ps[b].Path) })
}

// Error makes Problems usable as an error value.
func (ps Problems) Error() string {
	errs := ps.Errors()
	switch len(errs) {
	case 0:
		return "no errors"
	case 1:
		return errs[0].String()
	}
	return fmt.Sprintf("%s (and %d more errors)", errs[0].String(), len(errs)-1)
}

// Stable problem codes, one home for all of them: the schedule's, the
// customer tree's, a patch's and a JSON document's. The codes of package
// rrule ("out-of-range", "empty-set", …) and package condition
// (condition.CodeTooLong, …) are passed through unchanged in schedule
// problems and are declared there.
const (
	// A schedule (package schedule).
	CodeUnknownZone        = "unknown-zone"
	CodeBadDate            = "bad-date"
	CodeBadTime            = "bad-time"
	CodeEnumOutOfRange     = "enum-out-of-range"
	CodeEmptyState         = "empty-state"
	CodeBadCondition       = "bad-condition"
	CodeBadRecurrence      = "bad-recurrence"
	CodeTooManyRules       = "too-many-rules"
	CodeAllDayTooFine      = "all-day-with-sub-daily-frequency"
	CodeIgnoredField       = "ignored-field"
	CodeCountAndUntil      = "count-and-until"
	CodeUntilAtMidnight    = "until-at-midnight"
	CodeEmptyStartDate     = "empty-start-date"
	CodeInheritOnRoot      = "inherit-on-root"
	CodeNoParentState      = "customer-state-without-parent"
	CodeEmptyCustomerState = "empty-customer-state"
	CodeUntilBeforeStart   = "until-before-start"
	CodeTooManyProblems    = "too-many-problems"
	CodeScheduleTooLarge   = "schedule-too-large"

	// Lint warnings of a schedule (schedule/lint.go): valid, but likely to
	// route calls somewhere the admin did not mean.
	// CodeIgnoredByRuleType: time or recurrence members on an Always or
	// CustomerState rule (or customerState on another kind), which the rule's
	// kind ignores. Path: the rule's simpleRuleType.
	CodeIgnoredByRuleType = "ignored-by-rule-type"
	// CodeOneWindowAtEpoch: a Time rule with neither frequency nor startDate
	// opens one window, on 1970-01-01. Path: the rule's frequency.
	CodeOneWindowAtEpoch = "one-window-at-epoch"
	// CodeRuleEnded: every window of a Time rule lies before 2000
	// (count used up, untilDate long past). Path: count, untilDate or startDate.
	CodeRuleEnded = "rule-ended-long-ago"
	// CodeRuleNeverOpens: untilDate comes before the rule's first
	// occurrence although not before its start. Path: untilDate.
	CodeRuleNeverOpens = "rule-never-opens"
	// CodeFixedOffsetZone: a zone that is a fixed offset with no daylight
	// saving time (EST, Etc/GMT+5). Path: timeZoneId.
	CodeFixedOffsetZone = "fixed-offset-zone"
	// CodeZoneSpelling: an IANA name in another letter case than IANA's.
	// Path: timeZoneId.
	CodeZoneSpelling = "zone-spelling"
	// CodeNoDefaultState: no defaultState, so the engine's fallback state
	// applies when no rule matches. Path: defaultState.
	CodeNoDefaultState = "no-default-state"
	// CodeDuplicateRuleID: two rules share an id. Path: the later rule's id.
	CodeDuplicateRuleID = "duplicate-rule-id"
	// CodeInheritWithRules: inherit is set beside rules of the schedule's
	// own, which then never apply. Path: inherit.
	CodeInheritWithRules = "inherit-ignores-rules"
	// CodeRuleAfterAlways: a rule looked at after an unconditional Always
	// rule never decides. Path: the rule's priority.
	CodeRuleAfterAlways = "rule-after-always"
	// CodeShadowedRule: an earlier unconditional Time rule is open whenever
	// this rule is, so this rule never decides. Path: the rule's priority.
	CodeShadowedRule = "shadowed-rule"
	// CodeConstantCondition: a condition that reads no variable and so is
	// always true, always false or always fails. Path: the rule's condition.
	CodeConstantCondition = "constant-condition"
	// CodeSkipsShortMonths: a day of the month 29–31 that some of the rule's
	// months do not have. Path: the byMonthDay value or startDate.
	CodeSkipsShortMonths = "skips-short-months"
	// CodeLeapDayOnly: February 29 or day 366, which exist only in leap
	// years. Path: the byMonthDay or byYearDay value, or startDate.
	CodeLeapDayOnly = "leap-day-only"
	// CodeFifthWeekday: a byDay offset of ±5 within a month, which most
	// months do not have. Path: the byDay value's offset.
	CodeFifthWeekday = "fifth-weekday"

	// The checks that need the present (holidays.Lint, closure.Lint), run by
	// validation and patches on the engine's clock.

	// CodeHolidaysEnding: a holiday set's dated rules (Easter and other
	// moveable days) end within a year, or have ended. Path: the set's last
	// dated rule.
	CodeHolidaysEnding = "holidays-ending"
	// CodeClosureEnded: every rule of a closure has ended. Path: each of its
	// rules.
	CodeClosureEnded = "closure-ended"

	// CodeUnknownParentState: a CustomerState rule follows a state its parent
	// can never be in ("Holidy"). Path: the rule's customerState.
	CodeUnknownParentState = "unknown-parent-state"
	// CodeSeveralValueMembers: a one-of Value (in data or flowParams) that
	// sets more than one member. Path: the Value.
	CodeSeveralValueMembers = "several-value-members"

	// Customers, endpoints, tags and the tree they form.
	CodeNull           = "null"
	CodeEmptyID        = "empty-id"
	CodeInvalidID      = "invalid-id"
	CodeDuplicateID    = "duplicate-id"
	CodeEmptyName      = "empty-name"
	CodeParentNotFound = "parent-not-found"
	CodeParentLoop     = "parent-loop"
	CodeTooDeep        = "too-deep"
	CodeDataTooLarge   = "data-too-large"
	CodeDataNotATree   = "data-not-a-tree"
	CodeInvalidTree    = "invalid-tree"
	CodeBadTree        = "bad-tree"

	// A patch.
	CodeUnknownTag   = "unknown-tag"
	CodeTooManyTags  = "too-many-tags"
	CodeNotACustomer = "not-a-customer"
	CodePatchRefused = "patch-refused"

	// Warnings particular to a patch that applies but takes away something
	// the customer had (see voicesched's PreviewPatch).
	// CodePatchDropsRules: the schedule is replaced by one with fewer rules;
	// the message names the rules that disappear. Path: schedule.rules.
	CodePatchDropsRules = "patch-drops-rules"
	// CodePatchDropsZone: the schedule no longer names a time zone and the
	// customer inherits one. Path: schedule.timeZoneId.
	CodePatchDropsZone = "patch-drops-zone"
	// CodePatchDropsDefaultState: the schedule no longer has a defaultState,
	// so the engine's fallback state answers when no rule matches.
	CodePatchDropsDefaultState = "patch-drops-default-state"
	// CodePatchForcesClosed: forceClosed is switched on; the message counts
	// the nodes below that go Closed with the customer.
	CodePatchForcesClosed = "patch-forces-closed"
	// CodePatchMoveChangesZone: a move changes the time zone of nodes below
	// the customer. Path: parentCustomerId.
	CodePatchMoveChangesZone = "patch-move-changes-zone"

	// A JSON document's shape (ShapeProblems).
	CodeBadJSON       = "bad-json"       // the text is not JSON
	CodeWrongType     = "wrong-type"     // a member holds the wrong kind of JSON value
	CodeBadValue      = "bad-value"      // a value its type refuses (an unknown enum name)
	CodeBadNumber     = "bad-number"     // a number that does not fit its member
	CodeUnknownMember = "unknown-member" // a member the type does not have (a warning)
	CodeUnknownKind   = "unknown-kind"   // a document that is none of the kinds a caller accepts
)

// naturalLess orders JSON paths as a reader scans a document: runs of
// digits compare by value, so rules[2] comes before rules[10].
func naturalLess(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na, nb := strings.TrimLeft(a[si:i], "0"), strings.TrimLeft(b[sj:j], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			continue
		}
		if a[i] != b[j] {
			return a[i] < b[j]
		}
		i++
		j++
	}
	return len(a)-i < len(b)-j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
