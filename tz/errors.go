package tz

import (
	"slices"
	"strconv"
	"strings"
	"sync"
)

// maxSuggestInput bounds the ids suggestions are computed for. Every known
// name is at most about 32 bytes, and a suggestion must share at least half
// of the longer string, so nothing longer than this could get one anyway;
// the bound also caps the work a hostile id can cause.
const maxSuggestInput = 128

// maxShownID bounds how much of a rejected id Error repeats.
const maxShownID = 80

// maxSuggestions is how many near names UnknownZoneError carries.
const maxSuggestions = 3

// UnknownZoneError reports an id that is neither a known IANA name nor a
// known Windows id. ID is the id exactly as passed to Load. Suggestions holds
// up to three known names (IANA or Windows, as spelled in the tables)
// nearest to ID by edit distance ignoring ASCII case, nearest first, ties in
// byte order. A name is suggested only if at least half of the longer of the
// two strings survives the edits, so junk gets no suggestions; empty ids and
// ids longer than 128 bytes get none either.
type UnknownZoneError struct {
	ID          string
	Suggestions []string
}

// Error returns `unknown time zone "X"; did you mean "A", "B" or "C"?`, with
// the did-you-mean part shortened to fit the suggestions and dropped when
// there are none. Ids longer than 80 bytes are cut short with "...";
// non-printable bytes are quoted Go-style. A blank ID reads
// `empty time zone id`.
func (e *UnknownZoneError) Error() string {
	if strings.TrimSpace(e.ID) == "" {
		return "empty time zone id"
	}
	var b strings.Builder
	b.WriteString("unknown time zone ")
	if len(e.ID) > maxShownID {
		b.WriteString(strconv.Quote(e.ID[:maxShownID] + "..."))
	} else {
		b.WriteString(strconv.Quote(e.ID))
	}
	for i, suggestion := range e.Suggestions {
		switch {
		case i == 0:
			b.WriteString("; did you mean ")
		case i == len(e.Suggestions)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(suggestion))
	}
	if len(e.Suggestions) > 0 {
		b.WriteString("?")
	}
	return b.String()
}

// unknownZone builds the error for an id lookup rejected.
func unknownZone(id string) *UnknownZoneError {
	return &UnknownZoneError{ID: id, Suggestions: nearNames().suggest(id)}
}

// histogramSize is the number of byte classes in a name's histogram; see
// byteClass.
const histogramSize = 64

// byteClass buckets a folded byte. Letters, digits and the punctuation zone
// names use ('/', '_', '-', '+', '.', ' ', parentheses) land in distinct
// buckets; other bytes may share one, which only weakens the bound.
func byteClass(c byte) byte { return c & (histogramSize - 1) }

// histogram counts a folded string's bytes by class, saturating at 255.
type histogram [histogramSize]uint8

func newHistogram(folded string) histogram {
	var h histogram
	for i := 0; i < len(folded); i++ {
		if class := byteClass(folded[i]); h[class] < 255 {
			h[class]++
		}
	}
	return h
}

// lowerBound returns a lower bound on the edit distance between the two
// strings: the larger of the bytes one has and the other lacks, counted by
// class. An insertion or deletion changes one count, a substitution two
// (one each way) and a swap none, so each edit lowers the bound by at most
// one.
func (h *histogram) lowerBound(other *histogram) int {
	// With surplus and deficit the summed positive and negative
	// differences, max(surplus, deficit) is (|sum| + sum of |differences|)/2;
	// this form needs no branch in the loop.
	sum, absoluteSum := 0, 0
	for class, count := range h {
		diff := int(count) - int(other[class])
		sum += diff
		absoluteSum += max(diff, -diff)
	}
	return (absoluteSum + max(sum, -sum)) / 2
}

// suggestionIndex holds the distinct names suggestions are drawn from, with
// their case-folded spellings and histograms. It is built the first time an
// id is rejected and only read afterwards.
type suggestionIndex struct {
	names, folded []string
	histograms    []histogram
}

var nearNames = sync.OnceValue(newSuggestionIndex)

func newSuggestionIndex() *suggestionIndex {
	index := &suggestionIndex{}
	seen := make(map[string]bool, len(ianaNames)+len(windowsZones))
	add := func(name string) {
		if seen[name] {
			return // "UTC" is both an IANA name and a Windows id
		}
		seen[name] = true
		folded := strings.ToLower(name)
		index.names = append(index.names, name)
		index.folded = append(index.folded, folded)
		index.histograms = append(index.histograms, newHistogram(folded))
	}
	for _, name := range ianaNames {
		add(name)
	}
	for _, zone := range windowsZones {
		add(zone.windows)
	}
	return index
}

// suggest returns up to maxSuggestions known names nearest to id.
//
// Every candidate is screened by cheap lower bounds before the edit distance
// is computed: the length difference, then the byte-class histogram bound.
// The distance limit starts at "half of the longer string must survive" and
// tightens to the third-best distance found so far, and the distance
// computation itself stops once a whole row exceeds the limit. Most
// candidates never reach the quadratic step.
func (index *suggestionIndex) suggest(id string) []string {
	trimmed := strings.TrimSpace(id)
	if trimmed == "" || len(trimmed) > maxSuggestInput {
		return nil
	}
	query := string(foldASCII(make([]byte, len(trimmed)), trimmed))
	queryHistogram := newHistogram(query)

	type match struct {
		name     string
		distance int
	}
	best := make([]match, 0, maxSuggestions+1)
	var rows distanceRows
	for i, candidate := range index.folded {
		limit := max(len(query), len(candidate)) / 2
		if len(best) == maxSuggestions {
			limit = min(limit, best[len(best)-1].distance)
		}
		if abs(len(query)-len(candidate)) > limit ||
			queryHistogram.lowerBound(&index.histograms[i]) > limit {
			continue
		}
		distance, ok := rows.boundedDistance(query, candidate, limit)
		if !ok {
			continue
		}
		name := index.names[i]
		at := len(best)
		for at > 0 && (best[at-1].distance > distance ||
			best[at-1].distance == distance && best[at-1].name > name) {
			at--
		}
		if at >= maxSuggestions {
			continue
		}
		best = slices.Insert(best, at, match{name: name, distance: distance})
		if len(best) > maxSuggestions {
			best = best[:maxSuggestions]
		}
	}
	if len(best) == 0 {
		return nil
	}
	names := make([]string, len(best))
	for i, m := range best {
		names[i] = m.name
	}
	return names
}

// distanceRows holds the three rows the optimal-string-alignment distance
// needs, reused across candidates.
type distanceRows struct {
	beforePrevious, previous, current []int
}

// boundedDistance returns the optimal string alignment distance between a
// and b (insertions, deletions, substitutions and swaps of adjacent bytes,
// each costing 1), or false if it exceeds limit. Swaps matter because
// "New_Yrok" is one slip from "New_York", not two. Rows run over b, which
// is a known name and therefore short.
func (rows *distanceRows) boundedDistance(a, b string, limit int) (int, bool) {
	// A shared prefix or suffix never needs an edit, and near misses share
	// a lot ("america/new_yrok" and "america/new_york" differ in two
	// bytes), so dropping them shrinks the table most of the time.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if abs(len(a)-len(b)) > limit {
		return 0, false
	}
	width := len(b) + 1
	if cap(rows.current) < width {
		rows.beforePrevious = make([]int, width)
		rows.previous = make([]int, width)
		rows.current = make([]int, width)
	}
	beforePrevious, previous, current := rows.beforePrevious[:width], rows.previous[:width], rows.current[:width]
	for j := range previous {
		previous[j] = j
	}
	for i := 1; i <= len(a); i++ {
		current[0] = i
		rowMin := current[0]
		for j := 1; j < width; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(previous[j]+1, current[j-1]+1, previous[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, beforePrevious[j-2]+1)
			}
			current[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > limit {
			return 0, false
		}
		beforePrevious, previous, current = previous, current, beforePrevious
	}
	distance := previous[width-1]
	return distance, distance <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
