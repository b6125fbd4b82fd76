package voicesched

// EffectiveSettings returns a customer's billing and app settings: its own
// when its override flag is set, otherwise the nearest ancestor's that
// overrides, otherwise the engine defaults (WithDefaultSettings).
func (s *Snapshot) EffectiveSettings(id string) (*BillingSettings, *AppSettings, error) {
	i, err := s.lookup(id)
	if err != nil {
		return nil, nil, err
	}
	var billing *BillingSettings
	var app *AppSettings
	billingFound, appFound := false, false
	for at := i; at >= 0 && !(billingFound && appFound); at = s.nodes.at(at).parent {
		c := s.nodes.at(at).customer
		if c == nil {
			continue
		}
		if !billingFound && c.OverrideBillingSettings {
			billing, billingFound = c.BillingSettings, true
		}
		if !appFound && c.OverrideAppSettings {
			app, appFound = c.AppSettings, true
		}
	}
	if !billingFound {
		billing = s.cfg.billingDefaults
	}
	if !appFound {
		app = s.cfg.appDefaults
	}
	if app != nil {
		a := *app
		app = &a
	}
	return billing.Clone(), app, nil
}
