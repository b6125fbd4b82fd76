package voicesched

import (
	"bytes"
	"encoding/json"

	"github.com/voicesched/voicesched/schedule"
)

// Value, Struct and the schedule records live in package schedule; they are
// aliased here so that customer records read naturally.
type (
	// Value is the Evo Voice one-of value (see schedule.Value).
	Value = schedule.Value
	// Struct is a JSON object of Values (see schedule.Struct).
	Struct = schedule.Struct
	// Schedule is a customer's schedule (see schedule.Schedule).
	Schedule = schedule.Schedule
	// SchedulingRule is one rule of a schedule (see schedule.SchedulingRule).
	SchedulingRule = schedule.SchedulingRule
)

// EntityInfo carries the bookkeeping members every stored record has.
type EntityInfo struct {
	ID               string `json:"id,omitempty"`
	DateCreated      string `json:"dateCreated,omitempty"`
	DateLastModified string `json:"dateLastModified,omitempty"`
	CreatedBy        string `json:"createdBy,omitempty"`
	LastModifiedBy   string `json:"lastModifiedBy,omitempty"`
}

// CustomerBreadcrumb is one step of the path from the root to a customer.
type CustomerBreadcrumb struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// Tag is a customer tag.
type Tag struct {
	ID    string    `json:"id,omitempty"`
	Name  string    `json:"name,omitempty"`
	Color TagColors `json:"color"`
}

// IntegrationData links a record to a third-party system.
type IntegrationData struct {
	ThirdPartyID string `json:"thirdPartyId,omitempty"`
}

// EntityIntegrationData maps an integration name to its data.
type EntityIntegrationData map[string]*IntegrationData

// BillingItem is one priced item of BillingSettings.
type BillingItem struct {
	BaseCost          float64 `json:"baseCost"`
	RawUnitMultiplier float64 `json:"rawUnitMultiplier"`
	UnitCost          float64 `json:"unitCost"`
	Allowance         int     `json:"allowance"`
}

// BillingSettings are a customer's prices.
type BillingSettings struct {
	Base                *BillingItem `json:"base,omitempty"`
	LocalNumbers        *BillingItem `json:"localNumbers,omitempty"`
	TollFreeNumbers     *BillingItem `json:"tollFreeNumbers,omitempty"`
	InboundVoiceCalls   *BillingItem `json:"inboundVoiceCalls,omitempty"`
	OutboundVoiceCalls  *BillingItem `json:"outboundVoiceCalls,omitempty"`
	InboundFaxes        *BillingItem `json:"inboundFaxes,omitempty"`
	OutboundFaxes       *BillingItem `json:"outboundFaxes,omitempty"`
	InboundSmsMessages  *BillingItem `json:"inboundSmsMessages,omitempty"`
	OutboundSmsMessages *BillingItem `json:"outboundSmsMessages,omitempty"`
}

// AppSettings are a customer's portal settings.
type AppSettings struct {
	EnablePhoneNumberManagement bool   `json:"enablePhoneNumberManagement"`
	EnableDeviceManagement      bool   `json:"enableDeviceManagement"`
	EnableDialer                bool   `json:"enableDialer"`
	EnableCallHistory           bool   `json:"enableCallHistory"`
	ShowFileNameInMessageCenter bool   `json:"showFileNameInMessageCenter"`
	ChakraTheme                 string `json:"chakraTheme,omitempty"`
	CustomCSS                   string `json:"customCss,omitempty"`
	PageTitle                   string `json:"pageTitle,omitempty"`
	StringMappings              string `json:"stringMappings,omitempty"`
	LogoutURL                   string `json:"logoutUrl,omitempty"`
	PortMyNumberURL             string `json:"portMyNumberUrl,omitempty"`
}

// CustomerInfo is a stored customer, as the API returns it.
type CustomerInfo struct {
	EntityInfo
	AccountID               string                `json:"accountId,omitempty"`
	ParentCustomerID        string                `json:"parentCustomerId,omitempty"`
	Breadcrumb              []CustomerBreadcrumb  `json:"breadcrumb,omitempty"`
	AccountName             string                `json:"accountName,omitempty"`
	IsStaging               bool                  `json:"isStaging"`
	Name                    string                `json:"name,omitempty"`
	ReferenceID             string                `json:"referenceId,omitempty"`
	Data                    Struct                `json:"data,omitempty"`
	Tags                    []Tag                 `json:"tags,omitempty"`
	Schedule                *Schedule             `json:"schedule,omitempty"`
	IntegrationData         EntityIntegrationData `json:"integrationData,omitempty"`
	OverrideBillingSettings bool                  `json:"overrideBillingSettings"`
	BillingSettings         *BillingSettings      `json:"billingSettings,omitempty"`
	OverrideAppSettings     bool                  `json:"overrideAppSettings"`
	AppSettings             *AppSettings          `json:"appSettings,omitempty"`
}

// Clone returns a deep copy of c.
func (c *CustomerInfo) Clone() *CustomerInfo {
	if c == nil {
		return nil
	}
	out := *c
	out.Breadcrumb = append([]CustomerBreadcrumb(nil), c.Breadcrumb...)
	out.Data = c.Data.Clone()
	out.Tags = append([]Tag(nil), c.Tags...)
	out.Schedule = c.Schedule.Clone()
	if c.IntegrationData != nil {
		out.IntegrationData = make(EntityIntegrationData, len(c.IntegrationData))
		for k, v := range c.IntegrationData {
			if v != nil {
				d := *v
				v = &d
			}
			out.IntegrationData[k] = v
		}
	}
	out.BillingSettings = c.BillingSettings.clone()
	if c.AppSettings != nil {
		a := *c.AppSettings
		out.AppSettings = &a
	}
	return &out
}

func (b *BillingSettings) clone() *BillingSettings {
	if b == nil {
		return nil
	}
	out := *b
	for _, p := range []**BillingItem{&out.Base, &out.LocalNumbers, &out.TollFreeNumbers,
		&out.InboundVoiceCalls, &out.OutboundVoiceCalls, &out.InboundFaxes,
		&out.OutboundFaxes, &out.InboundSmsMessages, &out.OutboundSmsMessages} {
		if *p != nil {
			item := **p
			*p = &item
		}
	}
	return &out
}

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
// unchanged, a value replaces it (data merges by key; see Directory.Patch).
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
