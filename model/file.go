package model

// Endpoint is a user, department or other endpoint of a customer. It has a
// schedule of its own or none (then it follows its customer's answer), and
// CustomerState rules in its schedule read its customer's state. Endpoint
// is this library's record, not an API DTO.
type Endpoint struct {
	ID         string    `json:"id"`
	Name       string    `json:"name,omitempty"`
	CustomerID string    `json:"customerId"`
	Schedule   *Schedule `json:"schedule,omitempty"`
}

// Clone returns a deep copy of e (nil stays nil).
func (e *Endpoint) Clone() *Endpoint {
	if e == nil {
		return nil
	}
	out := *e
	out.Schedule = e.Schedule.Clone()
	return &out
}

// Tree is the file form of a directory: every customer, endpoint and tag.
// It is this library's record (what Load reads and Snapshot.Tree writes).
type Tree struct {
	Customers []*CustomerInfo `json:"customers"`
	Endpoints []*Endpoint     `json:"endpoints,omitempty"`
	Tags      []Tag           `json:"tags,omitempty"`
}
