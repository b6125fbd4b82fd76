package voicesched

import (
	"fmt"
	"strings"

	"github.com/voicesched/voicesched/model"
)

// DocumentKind is what a JSON file holds (see model.DetectKind).
type DocumentKind = model.DocumentKind

// The kinds of document.
const (
	DocSchedule = model.DocSchedule
	DocCustomer = model.DocCustomer
	DocTree     = model.DocTree
	DocPatch    = model.DocPatch
)

// Document is a JSON file read and checked: what it holds and every problem
// of it, with JSON paths.
type Document struct {
	Kind DocumentKind
	// Record is a *Schedule, *CustomerInfo, *Tree or *PatchCustomer decoded
	// from the file, values that could not be decoded left out (their
	// problems say where). Nil when the file is not a JSON object of a
	// kind that could be told.
	Record any
	// Problems are decoding's (unknown members, values of the wrong type)
	// and validation's, sorted by path.
	Problems Problems
}

// ReadDocument decodes raw as a document of kind — told from its members
// when kind is "" — and checks it as validation does: a schedule as a lone
// schedule (a root customer's), a customer on its own, a tree whole, a
// patch against the customer it names in against (when not nil) or else on
// its own. A value that fails to decode ("dayOfWeek": "Mon") is reported
// with its path and left out, and the rest of the file is still checked for
// errors; what validation then says about a value decoding already refused
// is left out, so each mistake is reported once, and so are validation's
// warnings, because a value left out reads as its zero (a rule type left
// out reads as Always) and the warnings about what follows from it would
// mislead. opts configure the engine a schedule, customer, tree or lone
// patch is checked for, as ValidateSchedule's do (WithClock is the present
// of the checks that need it); a patch checked against an engine is checked
// with that engine's.
func ReadDocument(raw []byte, kind DocumentKind, against *Engine, opts ...Option) Document {
	doc := Document{Kind: kind}
	if doc.Kind == "" {
		doc.Kind = model.DetectKind(raw)
	}
	var record any
	switch doc.Kind {
	case DocSchedule:
		record = &Schedule{}
	case DocCustomer:
		record = &CustomerInfo{}
	case DocTree:
		record = &Tree{}
	case DocPatch:
		record = &PatchCustomer{}
	case "":
		// Not a kind: say why (not JSON, not an object, or no telling members).
		if problems, _ := model.Decode(raw, &map[string]any{}); problems.HasErrors() {
			doc.Problems = problems
			return doc
		}
		doc.Problems = Problems{{Path: "(document)", Code: CodeUnknownKind, Severity: SeverityError,
			Message: "cannot tell whether this is a schedule, a customer, a tree or a patch"}}
		return doc
	default:
		doc.Problems = Problems{{Path: "(document)", Code: CodeUnknownKind, Severity: SeverityError,
			Message: fmt.Sprintf("%q is not a kind of document (schedule, customer, tree or patch)", string(kind))}}
		return doc
	}
	decoded, ok := model.Decode(raw, record)
	doc.Problems = decoded
	if !ok {
		return doc // not JSON, or not an object: nothing was decoded
	}
	doc.Record = record
	var checked Problems
	switch r := record.(type) {
	case *Schedule:
		checked = ValidateSchedule(r, false, opts...)
	case *CustomerInfo:
		checked = ValidateCustomer(r, opts...)
	case *Tree:
		checked = ValidateTree(*r, opts...)
	case *PatchCustomer:
		if against != nil {
			checked = against.ValidatePatch(*r, nil)
		} else {
			checked = ValidatePatch(*r, opts...)
		}
	}
	refused := decoded.HasErrors()
	for _, p := range checked {
		if refused && (p.Severity != SeverityError || underRefused(p.Path, decoded)) {
			continue
		}
		doc.Problems = append(doc.Problems, p)
	}
	doc.Problems.Sort()
	return doc
}

// underRefused reports whether path is, or is inside, a value decoding
// refused (an error in decoded).
func underRefused(path string, decoded Problems) bool {
	for _, d := range decoded {
		if d.Severity != SeverityError {
			continue
		}
		if path == d.Path || strings.HasPrefix(path, d.Path+".") || strings.HasPrefix(path, d.Path+"[") {
			return true
		}
	}
	return false
}
