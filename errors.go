package voicesched

import (
	"fmt"
	"time"
)

// StructureError reports a write refused because of the directory's shape
// or a record's limits: an id missing, invalid or used twice, a parent that
// does not exist, a loop, a chain deeper than MaxDepth, data too large or
// not a tree. Problems lists every such problem found, with paths such as
// "customers[3].parentCustomerId". Nothing was changed.
type StructureError struct {
	Problems Problems
}

// Error reads as the first error ("customers[3].id: id \"a\" is already
// used by customers[0]"), with the number of further errors.
func (e *StructureError) Error() string {
	errs := e.Problems.Errors()
	if len(errs) == 0 {
		return "the directory's structure is refused"
	}
	msg := errs[0].Path + ": " + errs[0].Message
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more errors)", len(errs)-1)
	}
	return msg
}

// SearchCutError reports a next-change or timeline search that stopped
// before its end: it spent the search budget (WithSearchBudget), or a
// timeline reached WithMaxIntervals intervals.
type SearchCutError struct {
	NodeID string
	Until  time.Time // the search covered [start, Until)
	Reason string
}

func (e *SearchCutError) Error() string {
	return "search for the changes of " + e.NodeID + " cut short at " + e.Until.UTC().Format(time.RFC3339) + ": " + e.Reason
}

// PatchError lists every problem that stopped a patch. Nothing was changed.
type PatchError struct {
	CustomerID string
	Problems   Problems
}

func (e *PatchError) Error() string {
	return fmt.Sprintf("patch customer %q: %v", e.CustomerID, e.Problems)
}

// ConflictError reports a patch whose expected dateLastModified does not
// match the stored customer's: someone else changed it first.
type ConflictError struct {
	CustomerID string
	Expected   string
	Stored     string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("patch customer %q: conflict: expected dateLastModified %q, stored %q", e.CustomerID, e.Expected, e.Stored)
}

// NotFoundError reports an id that is neither a customer nor an endpoint.
type NotFoundError struct{ ID string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("no customer or endpoint %q", e.ID) }

// OptionError reports an option New could not apply (an unknown zone id
// given to WithDefaultZone). An engine with one refuses every write with it.
type OptionError struct {
	Option string
	Err    error
}

func (e *OptionError) Error() string { return e.Option + ": " + e.Err.Error() }

func (e *OptionError) Unwrap() error { return e.Err }
