package model

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
	out.BillingSettings = c.BillingSettings.Clone()
	if c.AppSettings != nil {
		a := *c.AppSettings
		out.AppSettings = &a
	}
	return &out
}

// Clone returns a deep copy of b (nil stays nil).
func (b *BillingSettings) Clone() *BillingSettings {
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
