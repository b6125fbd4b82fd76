package protocol

import (
	"errors"
	"fmt"

	"github.com/voicesched/voicesched"
)

// Codes of error lines: stable, for programs; the "error" sentence beside
// each is for people and may be reworded.
const (
	// CodeEmptyLine: the line is empty or only space.
	CodeEmptyLine = "empty-line"
	// CodeLineTooLong: the line is longer than MaxLineBytes; it was skipped.
	CodeLineTooLong = "line-too-long"
	// CodeInvalidJSON: the line is not one valid JSON value.
	CodeInvalidJSON = "invalid-json"
	// CodeNotAnObject: the line is JSON but not an object.
	CodeNotAnObject = "not-an-object"
	// CodeWrongType: a request member holds the wrong kind of value
	// ("at" a number, "explain" a string, a schedule member of the wrong
	// kind).
	CodeWrongType = "wrong-type"
	// CodeMissingAt: "at" is absent or null.
	CodeMissingAt = "missing-at"
	// CodeBadAt: "at" is not an ISO-8601 date-time.
	CodeBadAt = "bad-at"
	// CodeNoSubject: neither "schedule" nor "customerId" was given.
	CodeNoSubject = "no-subject"
	// CodeTwoSubjects: "schedule" was given with "customerId" or "customers".
	CodeTwoSubjects = "two-subjects"
	// CodeNoCustomerID: "customers" was given without "customerId".
	CodeNoCustomerID = "no-customer-id"
	// CodeNoTree: "customerId" alone, and the evaluator has no tree.
	CodeNoTree = "no-tree"
	// CodeUnknownNode: "customerId" names no customer or endpoint.
	CodeUnknownNode = "unknown-node"
	// CodeBadSchedule: "schedule" does not decode or cannot be stored.
	CodeBadSchedule = "bad-schedule"
	// CodeBadTree: "customers" does not decode or the tree cannot be loaded.
	CodeBadTree = "bad-tree"
	// CodeInternal: the answer could not be encoded (a bug).
	CodeInternal = "internal"
)

// Error is a request that cannot be answered: a stable code and a message.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// fail makes an *Error.
func fail(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// coded returns err as an *Error, with code unless it already has one
// (an unknown node is reported as such whatever the step that found it).
func coded(code string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var notFound *voicesched.NotFoundError
	if errors.As(err, &notFound) {
		code = CodeUnknownNode
	}
	return &Error{Code: code, Message: err.Error()}
}
