package tz

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loadError(t *testing.T, id string) *UnknownZoneError {
	t.Helper()
	_, err := Load(id)
	var unknown *UnknownZoneError
	require.ErrorAs(t, err, &unknown, "%q", id)
	return unknown
}

func TestSuggestions(t *testing.T) {
	tests := []struct {
		scenario string
		id       string
		first    string
	}{
		{"swapped letters", "America/New_Yrok", "America/New_York"},
		{"missing letter", "Europe/Londn", "Europe/London"},
		{"wrong case and a typo", "europe/berlim", "Europe/Berlin"},
		{"space for underscore", "America/Los Angeles", "America/Los_Angeles"},
		{"Windows id typo", "Easten Standard Time", "Eastern Standard Time"},
		{"Windows id with a dropped letter", "Pacific Standard Tme", "Pacific Standard Time"},
		{"modern spelling of a CLDR legacy Windows target", "Asia/Kolkatta", "Asia/Kolkata"},
		{"lower-case Windows typo", "tokyo standard tme", "Tokyo Standard Time"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			unknown := loadError(t, tt.id)
			require.NotEmpty(t, unknown.Suggestions)
			assert.LessOrEqual(t, len(unknown.Suggestions), 3)
			assert.Equal(t, tt.first, unknown.Suggestions[0], "all: %q", unknown.Suggestions)
		})
	}
}

func TestSuggestionsAreDistinctAndNearestFirst(t *testing.T) {
	var rows distanceRows
	for _, id := range []string{"UTC-1", "Etc/GMT+15", "US/Estern", "Asia/Tokio", "GMT Standrd Time"} {
		unknown := loadError(t, id)
		require.NotEmpty(t, unknown.Suggestions, "%q", id)
		seen := map[string]bool{}
		previous := -1
		query := strings.ToLower(id)
		for _, suggestion := range unknown.Suggestions {
			assert.False(t, seen[suggestion], "%q suggested twice for %q", suggestion, id)
			seen[suggestion] = true
			distance, ok := rows.boundedDistance(query, strings.ToLower(suggestion), 100)
			require.True(t, ok)
			assert.GreaterOrEqual(t, distance, previous, "%q: %q out of order", id, unknown.Suggestions)
			previous = distance
		}
	}
}

func TestNoSuggestionsForJunk(t *testing.T) {
	for _, id := range []string{
		"x",
		"zzzzzzzzzzzz",
		"../../etc/passwd",
		strings.Repeat("A", 129),
		strings.Repeat("America/New_York", 100),
		"\x00\x00\x00",
	} {
		unknown := loadError(t, id)
		assert.Empty(t, unknown.Suggestions, "%q", id)
		assert.NotContains(t, unknown.Error(), "did you mean")
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		scenario string
		err      UnknownZoneError
		want     string
	}{
		{"three suggestions", UnknownZoneError{ID: "X", Suggestions: []string{"A", "B", "C"}},
			`unknown time zone "X"; did you mean "A", "B" or "C"?`},
		{"two suggestions", UnknownZoneError{ID: "X", Suggestions: []string{"A", "B"}},
			`unknown time zone "X"; did you mean "A" or "B"?`},
		{"one suggestion", UnknownZoneError{ID: "X", Suggestions: []string{"A"}},
			`unknown time zone "X"; did you mean "A"?`},
		{"no suggestions", UnknownZoneError{ID: "X"},
			`unknown time zone "X"`},
		{"empty id", UnknownZoneError{ID: ""}, `empty time zone id`},
		{"blank id", UnknownZoneError{ID: " \t"}, `empty time zone id`},
		{"control bytes are quoted", UnknownZoneError{ID: "a\x00\xff"}, `unknown time zone "a\x00\xff"`},
		{"long ids are cut", UnknownZoneError{ID: strings.Repeat("a", 200)},
			`unknown time zone "` + strings.Repeat("a", 80) + `..."`},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

func TestErrorFromLoad(t *testing.T) {
	unknown := loadError(t, "America/New_Yrok")
	assert.Equal(t, "America/New_Yrok", unknown.ID)
	assert.True(t, strings.HasPrefix(unknown.Error(), `unknown time zone "America/New_Yrok"; did you mean "America/New_York"`),
		unknown.Error())
	assert.Equal(t, "empty time zone id", loadError(t, "").Error())
}

func TestBoundedDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"new_yrok", "new_york", 1}, // adjacent swap costs one
		{"ca", "abc", 3},            // OSA, unlike full Damerau (2), cannot edit a swapped pair again
		{"flaw", "lawn", 2},
	}
	var rows distanceRows
	for _, tt := range tests {
		got, ok := rows.boundedDistance(tt.a, tt.b, 100)
		require.True(t, ok)
		assert.Equal(t, tt.want, got, "%q→%q", tt.a, tt.b)
		if tt.want > 0 {
			_, ok := rows.boundedDistance(tt.a, tt.b, tt.want-1)
			assert.False(t, ok, "%q→%q must exceed limit %d", tt.a, tt.b, tt.want-1)
		}
	}
}

// referenceDistance is the textbook optimal-string-alignment recurrence over
// a full table, without the prefix/suffix trimming and early exits of
// boundedDistance.
func referenceDistance(a, b string) int {
	table := make([][]int, len(a)+1)
	for i := range table {
		table[i] = make([]int, len(b)+1)
		table[i][0] = i
	}
	for j := range table[0] {
		table[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			table[i][j] = min(table[i-1][j]+1, table[i][j-1]+1, table[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				table[i][j] = min(table[i][j], table[i-2][j-2]+1)
			}
		}
	}
	return table[len(a)][len(b)]
}

// TestBoundedDistanceMatchesReference compares the optimised distance with
// the plain recurrence on random strings over a small alphabet, where
// shared prefixes, suffixes and swaps are common, and checks that the
// histogram bound used to skip candidates never exceeds the distance.
func TestBoundedDistanceMatchesReference(t *testing.T) {
	random := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, random.IntN(9))
		for i := range b {
			b[i] = "abc"[random.IntN(3)]
		}
		return string(b)
	}
	var rows distanceRows
	for range 20000 {
		a, b := word(), word()
		want := referenceDistance(a, b)
		histogramA, histogramB := newHistogram(a), newHistogram(b)
		require.LessOrEqual(t, histogramA.lowerBound(&histogramB), want, "%q→%q", a, b)
		limit := random.IntN(10)
		got, ok := rows.boundedDistance(a, b, limit)
		if want <= limit {
			require.True(t, ok, "%q→%q limit %d", a, b, limit)
			require.Equal(t, want, got, "%q→%q", a, b)
		} else {
			require.False(t, ok, "%q→%q limit %d: distance %d", a, b, limit, want)
		}
	}
}
