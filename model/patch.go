package model

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// Opt is a PatchCustomer member that tells three cases apart: absent from
// the JSON (Set false), present as null (Set and Null), or present with a
// value. The zero Opt is absent and is omitted when encoding.
type Opt[T any] struct {
	Set   bool
	Null  bool
	Value T
}

// Some returns an Opt holding v.
func Some[T any](v T) Opt[T] { return Opt[T]{Set: true, Value: v} }

// Null returns an Opt that is present as JSON null.
func Null[T any]() Opt[T] { return Opt[T]{Set: true, Null: true} }

// HasValue reports whether the member is present and not null.
func (o Opt[T]) HasValue() bool { return o.Set && !o.Null }

// IsZero reports whether the member is absent (used by `omitzero`).
func (o Opt[T]) IsZero() bool { return !o.Set }

// UnmarshalJSON is called only for members present in the JSON.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		o.Null = true
		var zero T
		o.Value = zero
		return nil
	}
	o.Null = false
	// A repeated member replaces the earlier one rather than merging into it.
	var fresh T
	o.Value = fresh
	return json.Unmarshal(b, &o.Value)
}

// MarshalJSON writes null or the value.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.Set || o.Null {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// PatchCustomer is the body of PATCH /customers/{customerId}. Every member
// but CustomerID is an Opt: absent and null leave the stored member
// unchanged, a value replaces it (data merges by key; see Engine.Patch in the
// root package and docs/semantics.md#patch).
//
// ExpectedDateLastModified is this library's addition for optimistic
// concurrency: when set, the patch is a conflict unless it equals the stored
// customer's dateLastModified.
type PatchCustomer struct {
	CustomerID               string                `json:"customerId,omitempty"`
	Name                     Opt[string]           `json:"name,omitzero"`
	ParentCustomerID         Opt[string]           `json:"parentCustomerId,omitzero"`
	ReferenceID              Opt[string]           `json:"referenceId,omitzero"`
	Data                     Opt[Struct]           `json:"data,omitzero"`
	TagIDs                   Opt[[]string]         `json:"tagIds,omitzero"`
	Schedule                 Opt[*Schedule]        `json:"schedule,omitzero"`
	OverrideBillingSettings  Opt[bool]             `json:"overrideBillingSettings,omitzero"`
	BillingSettings          Opt[*BillingSettings] `json:"billingSettings,omitzero"`
	OverrideAppSettings      Opt[bool]             `json:"overrideAppSettings,omitzero"`
	AppSettings              Opt[*AppSettings]     `json:"appSettings,omitzero"`
	ExpectedDateLastModified string                `json:"expectedDateLastModified,omitempty"`
}

func (Opt[T]) valueType() reflect.Type { return reflect.TypeFor[T]() }
