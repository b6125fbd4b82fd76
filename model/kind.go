package model

import (
	"bytes"
	"encoding/json"
	"strings"
)

// DocumentKind is what a JSON file holds: one of the records a person
// hands to a checker or a command.
type DocumentKind string

// The kinds of document.
const (
	DocSchedule DocumentKind = "schedule"
	DocCustomer DocumentKind = "customer"
	DocTree     DocumentKind = "tree"
	DocPatch    DocumentKind = "patch"
)

// DocumentKinds lists the kinds, for messages and flag checks.
var DocumentKinds = []DocumentKind{DocSchedule, DocCustomer, DocTree, DocPatch}

// DetectKind tells the kind of a JSON document from its top-level members
// (names matched ignoring case, as decoding matches them): customers or
// endpoints make a tree; a customerId without an id a patch; an id, or
// members only a customer has, a customer; schedule members a schedule.
// "" when raw is not a JSON object or nothing tells.
func DetectKind(raw []byte) DocumentKind {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return ""
	}
	seen := map[string]bool{}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return ""
		}
		seen[strings.ToLower(key.(string))] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return ""
		}
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if seen[strings.ToLower(n)] {
				return true
			}
		}
		return false
	}
	switch {
	case has("customers", "endpoints"):
		return DocTree
	case has("customerId") && !has("id"):
		return DocPatch
	case has("id", "name", "parentCustomerId", "schedule", "tags", "data", "accountId", "referenceId", "breadcrumb"):
		return DocCustomer
	case has("rules", "timeZoneId", "inherit", "forceClosed", "defaultState"):
		return DocSchedule
	}
	return ""
}
