package voicesched

import (
	"strconv"

	"github.com/voicesched/voicesched/schedule"
)

// TagColors is the wire enum of tag colours: Magenta = 0 … Purple = 10.
type TagColors int

var tagColorsEnum = schedule.Enum{TypeName: "TagColors", Names: []string{
	"Magenta", "Red", "Volcano", "Orange", "Gold", "Lime",
	"Green", "Cyan", "Blue", "GeekBlue", "Purple"}}

// Valid reports whether c is a member of the enum.
func (c TagColors) Valid() bool { return tagColorsEnum.Name(int(c)) != "" }

// String returns the wire name, or the integer for a value outside the enum.
func (c TagColors) String() string {
	if n := tagColorsEnum.Name(int(c)); n != "" {
		return n
	}
	return strconv.Itoa(int(c))
}

// MarshalJSON writes the name (an out-of-range value as its integer).
func (c TagColors) MarshalJSON() ([]byte, error) { return tagColorsEnum.Marshal(int(c)) }

// UnmarshalJSON accepts a name in any case or the .NET integer; null is Magenta.
func (c *TagColors) UnmarshalJSON(b []byte) error {
	v, err := tagColorsEnum.Unmarshal(b)
	*c = TagColors(v)
	return err
}
