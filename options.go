package voicesched

import (
	"time"

	"github.com/voicesched/voicesched/schedule"
	"github.com/voicesched/voicesched/tz"
)

// Option configures an Engine.
type Option func(*config)

type config struct {
	closedState     string
	fallbackState   string
	defaultZone     *time.Location
	defaultZoneID   string
	horizon         time.Duration
	now             func() time.Time
	billingDefaults *BillingSettings
	appDefaults     *AppSettings
	searchBudget    int
	maxIntervals    int
	// err is the first option that could not be applied (see Engine.Err).
	err error
	// memo keeps the answer memos of memo.go (benchmarks of rule
	// evaluation turn it off to measure the evaluation itself).
	memo bool
}

func defaultConfig() config {
	return config{
		closedState:   schedule.DefaultClosedState,
		fallbackState: schedule.DefaultFallbackState,
		defaultZone:   time.UTC,
		defaultZoneID: "UTC",
		horizon:       400 * 24 * time.Hour,
		now:           time.Now,
		searchBudget:  250000,
		maxIntervals:  10000,
		memo:          true,
	}
}

func newConfig(opts []Option) config {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}

// rootEnv is what a node without a parent is compiled against.
func (c *config) rootEnv() schedule.Env {
	return schedule.Env{Zone: c.defaultZone, ZoneID: c.defaultZoneID, ClosedState: c.closedState, FallbackState: c.fallbackState}
}

// WithClosedState names the state of a forceClosed node (default "Closed").
func WithClosedState(name string) Option { return func(c *config) { c.closedState = name } }

// WithFallbackState names the state used when no rule matches and the
// schedule has no defaultState (default "Open").
func WithFallbackState(name string) Option { return func(c *config) { c.fallbackState = name } }

// WithDefaultZone sets the zone of nodes that have none and no ancestor
// with one (default UTC). An id that does not resolve is not replaced by
// UTC: the engine reports it (Engine.Err, an *OptionError) and refuses
// every write, so that no directory is ever answered in a zone nobody
// chose; ValidateTree reports it as a problem.
func WithDefaultZone(id string) Option {
	return func(c *config) {
		loc, err := tz.Load(id)
		if err != nil {
			c.fail("WithDefaultZone", err)
			return
		}
		c.defaultZone, c.defaultZoneID = loc, id
	}
}

// fail records the first option that could not be applied.
func (c *config) fail(option string, err error) {
	if c.err == nil {
		c.err = &OptionError{Option: option, Err: err}
	}
}

// WithHorizon bounds next-change searches (default 400 days): no change
// within the horizon is reported as none.
func WithHorizon(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.horizon = d
		}
	}
}

// WithClock sets the clock that stamps dateLastModified (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithDefaultSettings sets the billing and app settings of customers with no
// overriding ancestor.
func WithDefaultSettings(billing *BillingSettings, app *AppSettings) Option {
	return func(c *config) { c.billingDefaults, c.appDefaults = billing, app }
}

// WithSearchBudget bounds the work of one next-change or timeline search,
// counted in rule looks (default 250,000, some 50 milliseconds at
// most). A search visits only instants where some rule's match can change;
// a condition that reads the minute or second makes every minute or second
// such an instant, and a search that spends its budget before finding the
// change ends with a *SearchCutError rather than run on.
func WithSearchBudget(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.searchBudget = n
		}
	}
}

// WithMaxIntervals bounds how many intervals one Timeline returns (default
// 10,000); a longer one is cut short with a *SearchCutError.
func WithMaxIntervals(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxIntervals = n
		}
	}
}
