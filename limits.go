package voicesched

// Limits on what a write may store (see SECURITY.md). They keep one
// tenant's record from costing every other tenant time or memory: customer
// data feeds every condition evaluation, and the write lock is shared.
const (
	// MaxDataDepth is how deeply customer data may nest (structValue and
	// listValue levels); conditions see at most this many levels anyway.
	MaxDataDepth = 64
	// MaxDataValues is how many values customer data may hold in all.
	MaxDataValues = 10000
	// MaxDataStringBytes is the total size of the strings in customer data
	// (keys included): a condition that concatenates data strings
	// allocates in proportion to it on every evaluation.
	MaxDataStringBytes = 64 << 10
	// MaxTagIDs is how many tag ids one patch may name.
	MaxTagIDs = 1000
	// MaxIDBytes is the longest id accepted (customers, endpoints, parents).
	MaxIDBytes = 256
	// MaxDepth is the deepest a parent chain may be (a root is depth 1).
	MaxDepth = 64
)
