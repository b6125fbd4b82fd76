package schedule

import (
	"encoding/json"
	"fmt"
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

// WithPrefix returns the problems with prefix+"." put before every path.
func (ps Problems) WithPrefix(prefix string) Problems {
	if prefix == "" {
		return ps
	}
	out := make(Problems, len(ps))
	for i, p := range ps {
		if p.Path == "" {
			p.Path = prefix
		} else if p.Path[0] == '[' {
			p.Path = prefix + p.Path
		} else {
			p.Path = prefix + "." + p.Path
		}
		out[i] = p
	}
	return out
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

// Stable problem codes. Codes from package rrule (out-of-range, empty-set, …)
// and package condition are passed through unchanged.
const (
	CodeUnknownZone        = "unknown-zone"
	CodeBadDate            = "bad-date"
	CodeBadTime            = "bad-time"
	CodeEnumOutOfRange     = "enum-out-of-range"
	CodeEmptyState         = "empty-state"
	CodeBadCondition       = "bad-condition"
	CodeTooManyRules       = "too-many-rules"
	CodeAllDayTooFine      = "all-day-with-sub-daily-frequency"
	CodeIgnoredField       = "ignored-field"
	CodeCountAndUntil      = "count-and-until"
	CodeUntilAtMidnight    = "until-at-midnight"
	CodeEmptyStartDate     = "empty-start-date"
	CodeInheritOnRoot      = "inherit-on-root"
	CodeNoParentState      = "customer-state-without-parent"
	CodeEmptyCustomerState = "empty-customer-state"
	CodeUnknownMember      = "unknown-member"
	CodeUntilBeforeStart   = "until-before-start"
	CodeTooManyProblems    = "too-many-problems"
	CodeScheduleTooLarge   = "schedule-too-large"
)
