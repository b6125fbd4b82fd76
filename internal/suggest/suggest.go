// Package suggest finds the known word nearest to a misspelt one, for
// "did you mean" hints: a member name ("stratTime" → "startTime"), a state
// name ("Holidy" → "Holiday"). Distance is the optimal string alignment
// distance (insertions, deletions, substitutions and swaps of adjacent
// letters each cost one) between the words with ASCII letters folded to
// lower case, so a word in another case is at distance zero.
//
// Package tz keeps its own search over zone names: it indexes ~1,000 names
// once and prunes by letter counts, which this small, allocation-light
// helper for lists of a few dozen words does not need.
package suggest

import "strings"

// maxWordLen bounds the words compared: longer ones are never suggested or
// matched, which caps the work at maxWordLen² per candidate.
const maxWordLen = 64

// Nearest returns the candidate nearest to word, and whether it is near
// enough to suggest: at most one edit for words of up to four letters, two
// up to eight, and a third of the longer word's length beyond. Ties go to
// the earlier candidate. A candidate equal to word (in any case) is
// returned at once.
func Nearest(word string, candidates []string) (string, bool) {
	folded := strings.ToLower(strings.TrimSpace(word))
	if folded == "" || len(folded) > maxWordLen {
		return "", false
	}
	best, bestDistance := "", -1
	for _, candidate := range candidates {
		other := strings.ToLower(strings.TrimSpace(candidate))
		if other == "" || len(other) > maxWordLen {
			continue
		}
		limit := allowed(max(len(folded), len(other)))
		if d := abs(len(folded) - len(other)); d > limit {
			continue
		}
		d := Distance(folded, other)
		if d > limit {
			continue
		}
		if bestDistance < 0 || d < bestDistance {
			best, bestDistance = candidate, d
			if d == 0 {
				break
			}
		}
	}
	return best, bestDistance >= 0
}

func allowed(length int) int {
	switch {
	case length <= 4:
		return 1
	case length <= 8:
		return 2
	}
	return length / 3
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Distance is the optimal string alignment distance between a and b,
// byte-wise (callers fold case first if they want to).
func Distance(a, b string) int {
	// Three rows: two back for the swap of adjacent letters.
	previous2 := make([]int, len(b)+1)
	previous := make([]int, len(b)+1)
	current := make([]int, len(b)+1)
	for j := range previous {
		previous[j] = j
	}
	for i := 1; i <= len(a); i++ {
		current[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			current[j] = min(previous[j]+1, current[j-1]+1, previous[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				current[j] = min(current[j], previous2[j-2]+1)
			}
		}
		previous2, previous, current = previous, current, previous2
	}
	return previous[len(b)]
}
