package suggest

import "strings"

// Close returns the distance between word and candidate (ASCII letters
// folded to lower case, spaces around them trimmed) and whether it is
// within the limit Nearest allows for words of their lengths. Callers that
// rank several candidates (the nodes a mistyped id may have meant) use it;
// Nearest keeps only the nearest one.
func Close(word, candidate string) (int, bool) {
	a := strings.ToLower(strings.TrimSpace(word))
	b := strings.ToLower(strings.TrimSpace(candidate))
	if a == "" || b == "" || len(a) > maxWordLen || len(b) > maxWordLen {
		return 0, false
	}
	limit := allowed(max(len(a), len(b)))
	if abs(len(a)-len(b)) > limit {
		return 0, false
	}
	d := Distance(a, b)
	return d, d <= limit
}
