package condition

import (
	"fmt"
	"math"
	"reflect"
	"time"
)

// envShape returns the environment Compile type-checks against: every name a
// condition may use, with a value of its type, and the two internal functions
// of the fast path (see fastpath.go). A misspelt variable is then a
// compile error, and so is hour + "x".
//
// Eval passes expr a map of the same shape rather than a struct. expr reads a
// map environment with a plain map lookup, while a struct environment costs a
// reflective field read per variable and, worse, one boxing of the whole
// struct per evaluation (a 200-byte allocation that took more time than the
// evaluation itself).
func envShape() map[string]any {
	return map[string]any{
		"now": time.Time{}, "date": "", "time": "",
		"year": 0, "month": 0, "day": 0, "hour": 0, "minute": 0, "second": 0,
		"weekday": "", "dayOfYear": 0,
		"customer": customerView{}, "data": map[string]any{}, "parentState": "",
		hasTagFunction: hasTag, dataKeyFunction: dataKey,
	}
}

// customerView is what customer.* names. Tags is a set (every present tag maps
// to true) so that `"vip" in customer.tags` is one map lookup rather than a
// scan of a list, and customer.tags.vip / customer.tags["vip"] read as true or
// false. Fields are exported only because expr reads them by reflection.
type customerView struct {
	ID          string          `expr:"id"`
	Name        string          `expr:"name"`
	ReferenceID string          `expr:"referenceId"`
	Tags        map[string]bool `expr:"tags"`
}

// Subject is the per-customer part of the environment: customer.id,
// customer.name, customer.referenceId, customer.tags and data. Build it once
// per customer version with [NewSubject] and share it read-only between any
// number of goroutines and evaluations; nothing mutates it after construction.
//
// The zero value and a nil *Subject both mean a customer with empty strings,
// no tags and no data.
type Subject struct {
	// Both are boxed once here so that placing them in an evaluation's
	// environment allocates nothing.
	customer any // customerView
	data     any // map[string]any
}

// NewSubject builds a Subject. It copies its arguments, so later changes to
// tags or data by the caller are not seen by evaluations.
//
// tags become a set: duplicates collapse and order is lost; empty tag names
// are kept (they are just strings).
//
// data should hold plain values only: bool, float64, string, map[string]any,
// []any and nil, as decoded from JSON. NewSubject copies it deeply and
// normalises other values so that conditions always see those kinds: integers
// and float32 become float64, other slices and arrays become []any, maps with
// string-like or numeric keys become map[string]any (keys formatted with
// fmt), pointers and interfaces are followed. Values of other kinds (funcs,
// channels, structs such as time.Time) become nil. So does anything nested
// deeper than 64 levels of maps, lists and pointers (which also cuts
// reference cycles). Copying stops after 262,144 values, which bounds shared
// structures whose expansion would be exponential: later map entries are left
// out and later list elements are nil. A nil data map is an empty one.
func NewSubject(id, name, referenceID string, tags []string, data map[string]any) *Subject {
	tagSet := make(map[string]bool, len(tags))
	for _, tag := range tags {
		tagSet[tag] = true
	}
	copier := plainCopier{remaining: maxDataValues}
	plain, _ := copier.plainValue(data, 0).(map[string]any)
	if plain == nil {
		plain = map[string]any{}
	}
	return &Subject{
		customer: customerView{ID: id, Name: name, ReferenceID: referenceID, Tags: tagSet},
		data:     plain,
	}
}

// Bounds on how much of data NewSubject copies. JSON-decoded data never comes
// near them. They turn a reference cycle (a map that contains itself) or a
// shared structure whose expansion is exponential into a cut-off, so building
// a Subject always ends and stays in proportion to the data's real size.
const (
	maxDataDepth  = 64
	maxDataValues = 1 << 18
)

// plainCopier deep-copies data into plain kinds within the bounds above.
type plainCopier struct {
	remaining int // values that may still be copied
}

// plainValue returns a deep copy of value made of plain kinds only. The
// kinds JSON decoding produces are copied directly; anything else goes
// through reflection.
func (c *plainCopier) plainValue(value any, depth int) any {
	if depth > maxDataDepth || c.remaining <= 0 {
		return nil
	}
	switch plain := value.(type) {
	case nil, bool, string, float64:
		c.remaining--
		return plain
	case map[string]any:
		if plain == nil {
			return nil
		}
		c.remaining--
		object := make(map[string]any, min(len(plain), c.remaining))
		for key, child := range plain {
			if c.remaining <= 0 {
				break
			}
			object[key] = c.plainValue(child, depth+1)
		}
		return object
	case []any:
		if plain == nil {
			return nil
		}
		c.remaining--
		list := make([]any, min(len(plain), c.remaining))
		for i := range list {
			list[i] = c.plainValue(plain[i], depth+1)
		}
		return list
	}
	return c.reflectValue(reflect.ValueOf(value), depth)
}

// reflectValue is plainValue for values of other types.
func (c *plainCopier) reflectValue(value reflect.Value, depth int) any {
	// Follow pointers first; one may point at itself, so each counts as a
	// level.
	for value.Kind() == reflect.Pointer && depth <= maxDataDepth {
		if value.IsNil() {
			return nil
		}
		depth++
		value = value.Elem()
	}
	if depth > maxDataDepth || !value.IsValid() || c.remaining <= 0 {
		return nil
	}
	switch value.Kind() {
	case reflect.Interface:
		// Reached through a pointer; its contents are never an interface.
		if value.IsNil() {
			return nil
		}
		return c.plainValue(value.Elem().Interface(), depth)
	case reflect.Bool:
		c.remaining--
		return value.Bool()
	case reflect.String:
		c.remaining--
		return value.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.remaining--
		return float64(value.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.remaining--
		return float64(value.Uint())
	case reflect.Float32, reflect.Float64:
		c.remaining--
		return value.Float()
	case reflect.Slice, reflect.Array:
		if value.Kind() == reflect.Slice && value.IsNil() {
			return nil
		}
		c.remaining--
		list := make([]any, min(value.Len(), c.remaining))
		for i := range list {
			list[i] = c.plainValue(value.Index(i).Interface(), depth+1)
		}
		return list
	case reflect.Map:
		if value.IsNil() {
			return nil
		}
		c.remaining--
		object := make(map[string]any, min(value.Len(), c.remaining))
		iter := value.MapRange()
		for iter.Next() && c.remaining > 0 {
			if key, ok := plainKey(iter.Key()); ok {
				object[key] = c.plainValue(iter.Value().Interface(), depth+1)
			}
		}
		return object
	default:
		c.remaining--
		return nil
	}
}

// plainKey formats a map key as a string; keys of other kinds are dropped.
func plainKey(key reflect.Value) (string, bool) {
	for key.Kind() == reflect.Interface && !key.IsNil() {
		key = key.Elem()
	}
	switch key.Kind() {
	case reflect.String:
		return key.String(), true
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return fmt.Sprint(key.Interface()), true
	case reflect.Float32, reflect.Float64:
		f := key.Float()
		if math.IsNaN(f) {
			return "", false
		}
		return fmt.Sprint(f), true
	default:
		return "", false
	}
}

// Input is what one evaluation sees.
//
// Now must already be in the schedule's zone: its wall clock gives year,
// month, day, hour, minute, second, weekday, dayOfYear, date and time, and
// now itself is this value (a zero Now is January 1 of year 1, 00:00 UTC).
// Subject may be nil (no customer: empty strings, no tags, no data).
// ParentState is the parent's state name, empty when there is no parent.
type Input struct {
	Now         time.Time
	Subject     *Subject
	ParentState string
}
