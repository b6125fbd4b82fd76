package suggest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNearest(t *testing.T) {
	members := []string{"startDate", "startTime", "endTime", "untilDate", "frequency", "byMonthDay", "state"}
	tests := []struct {
		scenario string
		word     string
		from     []string
		want     string
		found    bool
	}{
		{"two letters swapped in startTime", "stratTime", members, "startTime", true},
		{"a dropped letter", "frequncy", members, "frequency", true},
		{"another letter case", "ENDTIME", members, "endTime", true},
		{"a state name with a letter missing", "Holidy", []string{"Business Hours", "Holiday", "After Hours"}, "Holiday", true},
		{"nothing near", "colour", members, "", false},
		{"an empty word", "", members, "", false},
		{"no candidates", "state", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			got, ok := Nearest(tt.word, tt.from)
			assert.Equal(t, tt.found, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"kitten", "sitting", 3},
		{"ab", "ba", 1}, {"strat", "start", 1}, {"ca", "abc", 3},
	} {
		assert.Equal(t, tt.want, Distance(tt.a, tt.b), "%q %q", tt.a, tt.b)
		assert.Equal(t, tt.want, Distance(tt.b, tt.a), "%q %q symmetric", tt.b, tt.a)
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("stratTime", "startTime")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 200 || len(b) > 200 {
			return
		}
		d := Distance(a, b)
		if d < abs(len(a)-len(b)) || d > max(len(a), len(b)) {
			t.Fatalf("Distance(%q, %q) = %d out of bounds", a, b, d)
		}
		if (d == 0) != (a == b) {
			t.Fatalf("Distance(%q, %q) = %d", a, b, d)
		}
		_, _ = Nearest(a, []string{b})
	})
}

func TestCloseRanksNearWordsAndRefusesFarOnes(t *testing.T) {
	for _, tc := range []struct {
		name, word, candidate string
		distance              int
		close                 bool
	}{
		{"two letters swapped", "clinic-mapel", "clinic-maple", 1, true},
		{"another case", "MSC-17", "msc-17", 0, true},
		{"a letter missing", "dept-harbor", "dept-harbour", 1, true},
		{"another word altogether", "frobnicate", "clinic-maple", 0, false},
		{"lengths too far apart", "ab", "abcdefgh", 0, false},
		{"an empty word", "", "clinic", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := Close(tc.word, tc.candidate)
			assert.Equal(t, tc.close, ok)
			if tc.close {
				assert.Equal(t, tc.distance, d)
			}
		})
	}
}
