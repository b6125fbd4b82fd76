package rrule_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voicesched/voicesched/rrule"
)

// Differential tests against python-dateutil 2.8 (docs/semantics.md#recurrence; the contract
// says "The reference for every case is python-dateutil 2.8 on naive datetimes, with the
// window test"). The expected answers were
// computed by testdata/rrule/gen_vectors.py from the occurrences dateutil yields; see
// testdata/rrule/README.md. Every rule and every case in the file is checked; none is skipped.

// maxReported caps the mismatches printed per group so a broken build stays readable.
const maxReported = 15

// mismatchLog collects the mismatches of one group of rules.
type mismatchLog struct {
	t     *testing.T
	count int
}

func (m *mismatchLog) addf(rule vectorRule, format string, args ...any) {
	m.count++
	if m.count <= maxReported {
		m.t.Errorf("%s %q\n%s\n  %s", rule.ID, rule.Name, rule.RRule, fmt.Sprintf(format, args...))
	}
}

func (m *mismatchLog) finish(cases int) {
	if m.count > maxReported {
		m.t.Errorf("... %d mismatches in all (%d shown) out of %d cases", m.count, maxReported, cases)
	}
}

// zoneCache loads each IANA zone once per test.
type zoneCache map[string]*time.Location

func (z zoneCache) load(t *testing.T, name string) *time.Location {
	t.Helper()
	if loc, ok := z[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	require.NoError(t, err, "zone %s", name)
	z[name] = loc
	return loc
}

// ruleGroup names the subtest of a rule: hand-written scenarios together, random rules by
// frequency.
func ruleGroup(rule vectorRule) string {
	if rule.Kind == "hand" {
		return "hand"
	}
	return "random-" + rule.Spec.Frequency
}

// TestDateutilVectorsZoneData checks that Go reads each vector zone's UTC offset changes
// exactly as Debian's tzdata (which Python used) had them, so that a failure in
// TestDateutilVectors is about rrule and never about differing time zone databases.
func TestDateutilVectorsZoneData(t *testing.T) {
	file := loadVectors(t)
	zones := zoneCache{}
	require.NotEmpty(t, file.Header.Zones)
	for name, changes := range file.Header.Zones {
		loc := zones.load(t, name)
		for _, change := range changes {
			var at string
			var before, after int
			require.NoError(t, json.Unmarshal(change[0], &at))
			require.NoError(t, json.Unmarshal(change[1], &before))
			require.NoError(t, json.Unmarshal(change[2], &after))
			instant, err := time.Parse(time.RFC3339, at)
			require.NoError(t, err)
			_, gotBefore := instant.Add(-time.Second).In(loc).Zone()
			_, gotAfter := instant.In(loc).Zone()
			assert.Equal(t, [2]int{before, after}, [2]int{gotBefore, gotAfter},
				"%s offset change at %s (vectors made with tzdata %s)", name, at, file.Header.TzdataVersion)
		}
	}
}

// TestDateutilVectors compiles every rule and checks Contains and NextChange, on civil times
// and on instants in zones, on every case against dateutil's answer.
func TestDateutilVectors(t *testing.T) {
	file := loadVectors(t)
	t.Logf("vectors: %d rules, %d civil + %d instant cases; dateutil %s, Python %s, tzdata %s, seed %d",
		file.Header.Rules, file.Header.CivilCases, file.Header.InstantCases, file.Header.DateutilVersion,
		file.Header.PythonVersion, file.Header.TzdataVersion, file.Header.Seed)
	require.Len(t, file.Rules, file.Header.Rules)

	groups := map[string][]vectorRule{}
	for _, rule := range file.Rules {
		groups[ruleGroup(rule)] = append(groups[ruleGroup(rule)], rule)
	}
	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	sort.Strings(names)

	civilChecked, instantChecked := 0, 0
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			zones := zoneCache{}
			log := &mismatchLog{t: t}
			cases := 0
			for _, rule := range groups[name] {
				civil, instants := checkVectorRule(t, rule, zones, log)
				civilChecked += civil
				instantChecked += instants
				cases += civil + instants
			}
			log.finish(cases)
		})
	}
	// Nothing was skipped: every case in the file was decoded and checked.
	assert.Equal(t, file.Header.CivilCases, civilChecked, "civil cases checked")
	assert.Equal(t, file.Header.InstantCases, instantChecked, "instant cases checked")
}

// checkVectorRule checks one rule's cases and returns how many civil and instant cases it checked.
func checkVectorRule(t *testing.T, rule vectorRule, zones zoneCache, log *mismatchLog) (int, int) {
	spec, err := rule.Spec.toSpec()
	require.NoError(t, err, rule.ID)
	compiled, err := rrule.Compile(spec)
	if err != nil {
		log.addf(rule, "Compile: %v", err)
		return len(rule.Civil), countInstants(rule)
	}
	for _, row := range rule.Civil {
		c, err := decodeCase(row, civilLayout)
		require.NoError(t, err, rule.ID)
		if got := containsCivil(compiled, c.at); got != c.contains {
			log.addf(rule, "Contains(%s civil) = %v, dateutil says %v", c.at.Format(civilLayout), got, c.contains)
		}
		next, ok := nextChangeCivil(compiled, c.at, c.limit)
		if ok != c.hasNext || (ok && !next.Equal(c.next)) {
			log.addf(rule, "NextChange (civil): got %s, want %s", describeNext(next, ok, civilLayout), c)
		}
	}
	zoneNames := make([]string, 0, len(rule.Instants))
	for name := range rule.Instants {
		zoneNames = append(zoneNames, name)
	}
	sort.Strings(zoneNames)
	for _, zoneName := range zoneNames {
		loc := zones.load(t, zoneName)
		for _, row := range rule.Instants[zoneName] {
			c, err := decodeCase(row, time.RFC3339)
			require.NoError(t, err, rule.ID)
			wall := c.at.In(loc).Format(civilLayout)
			if got := containsIn(compiled, c.at, loc); got != c.contains {
				log.addf(rule, "Contains(%s = %s in %s) = %v, dateutil says %v",
					c.at.Format(time.RFC3339), wall, zoneName, got, c.contains)
			}
			next, ok := nextChangeIn(compiled, c.at, loc, c.limit)
			if ok != c.hasNext || (ok && !next.Equal(c.next)) {
				log.addf(rule, "NextChange in %s (wall clock %s): got %s, want %s", zoneName, wall,
					describeNext(next, ok, time.RFC3339), instantCaseString(c))
			}
		}
	}
	return len(rule.Civil), countInstants(rule)
}

func countInstants(rule vectorRule) int {
	n := 0
	for _, rows := range rule.Instants {
		n += len(rows)
	}
	return n
}

func describeNext(u time.Time, ok bool, layout string) string {
	if !ok {
		return "none"
	}
	return u.UTC().Format(layout)
}

func instantCaseString(c civilCase) string {
	want := "none"
	if c.hasNext {
		want = c.next.Format(time.RFC3339)
	}
	return fmt.Sprintf("at %s (limit %s): contains=%v next=%s", c.at.Format(time.RFC3339),
		c.limit.Format(time.RFC3339), c.contains, want)
}

// TestDateutilEmptySets checks that Compile rejects, with code "empty-set", every rule that
// dateutil shows can never occur (it rejects them itself, or yields nothing over a whole
// repeat period of the calendar and the rule).
func TestDateutilEmptySets(t *testing.T) {
	file := loadVectors(t)
	require.Len(t, file.EmptySets, file.Header.EmptySets)
	require.NotEmpty(t, file.EmptySets)
	failures := 0
	for _, empty := range file.EmptySets {
		spec, err := empty.Spec.toSpec()
		require.NoError(t, err, empty.ID)
		_, err = rrule.Compile(spec)
		if !containsString(problemCodes(err), "empty-set") {
			failures++
			if failures <= maxReported {
				t.Errorf("%s %q\n%s\n  dateutil: %s\n  Compile: %v", empty.ID, empty.Name, empty.RRule, empty.Proof, err)
			}
		}
	}
	if failures > maxReported {
		t.Errorf("... %d of %d empty sets not reported as empty-set", failures, len(file.EmptySets))
	}
}

func containsString(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}

// TestNextChangeMatchesBruteForceAtDST checks NextChange against a second-by-second walk of
// Contains from two hours before to two hours after each DST change of a rule's zones near
// its queries: the hand-written rules at every 7th second, every 10th random rule at every
// 61st second. Contains itself is checked against dateutil by TestDateutilVectors.
func TestNextChangeMatchesBruteForceAtDST(t *testing.T) {
	file := loadVectors(t)
	zones := zoneCache{}
	changes := zoneChanges(t, file.Header)
	scans := 0
	for i, rule := range file.Rules {
		stride := 61
		switch {
		case rule.Kind == "hand":
			stride = 7
		case i%10 != 0:
			continue
		}
		spec, err := rule.Spec.toSpec()
		require.NoError(t, err)
		compiled, err := rrule.Compile(spec)
		if err != nil {
			continue // reported by TestDateutilVectors
		}
		for zoneName, rows := range rule.Instants {
			loc := zones.load(t, zoneName)
			for _, change := range nearbyChanges(t, changes[zoneName], rows, 2) {
				scans++
				if msg := bruteForceScan(compiled, loc, change, stride); msg != "" {
					t.Errorf("%s %q\n%s\n  zone %s, offset change %s: %s", rule.ID, rule.Name, rule.RRule,
						zoneName, change.Format(time.RFC3339), msg)
				}
			}
		}
	}
	t.Logf("%d scans around DST changes", scans)
	require.Positive(t, scans)
}

// bruteForceScan reads Contains at every second of [change-2h, change+4h] and returns a
// description of the first NextChange answer (for t in [change-2h, change+2h] at the given
// stride, limit t+2h) that disagrees, or "".
func bruteForceScan(r *rrule.Rule, loc *time.Location, change time.Time, stride int) string {
	const before, after, lookAhead = 2 * 3600, 4 * 3600, 2 * 3600
	first := change.Add(-before * time.Second)
	n := before + after + 1
	inside := make([]bool, n)
	for i := range inside {
		inside[i] = containsIn(r, first.Add(time.Duration(i)*time.Second), loc)
	}
	// nextDiff[i] is the first j > i with inside[j] != inside[i], or n.
	nextDiff := make([]int, n)
	nextDiff[n-1] = n
	for i := n - 2; i >= 0; i-- {
		if inside[i+1] != inside[i] {
			nextDiff[i] = i + 1
		} else {
			nextDiff[i] = nextDiff[i+1]
		}
	}
	for i := 0; i <= 2*before; i += stride {
		at := first.Add(time.Duration(i) * time.Second)
		limit := at.Add(lookAhead * time.Second)
		wantOK := nextDiff[i] <= i+lookAhead
		got, ok := nextChangeIn(r, at, loc, limit)
		if ok != wantOK || (ok && !got.Equal(first.Add(time.Duration(nextDiff[i])*time.Second))) {
			want := "none"
			if wantOK {
				want = first.Add(time.Duration(nextDiff[i]) * time.Second).UTC().Format(time.RFC3339)
			}
			return fmt.Sprintf("NextChange(%s, limit %s) = %s, brute force says %s (Contains(t) = %v)",
				at.UTC().Format(time.RFC3339), limit.UTC().Format(time.RFC3339),
				describeNext(got, ok, time.RFC3339), want, inside[i])
		}
	}
	return ""
}

// zoneChanges decodes the header's offset changes per zone.
func zoneChanges(t *testing.T, header vectorHeader) map[string][]time.Time {
	out := map[string][]time.Time{}
	for name, changes := range header.Zones {
		for _, change := range changes {
			var at string
			require.NoError(t, json.Unmarshal(change[0], &at))
			instant, err := time.Parse(time.RFC3339, at)
			require.NoError(t, err)
			out[name] = append(out[name], instant)
		}
	}
	return out
}

// nearbyChanges returns up to max offset changes within three days of the rule's instant queries.
func nearbyChanges(t *testing.T, changes []time.Time, rows [][4]json.RawMessage, max int) []time.Time {
	var out []time.Time
	seen := map[time.Time]bool{}
	for _, row := range rows {
		c, err := decodeCase(row, time.RFC3339)
		require.NoError(t, err)
		i := sort.Search(len(changes), func(i int) bool { return !changes[i].Before(c.at.Add(-72 * time.Hour)) })
		if i < len(changes) && changes[i].Before(c.at.Add(72*time.Hour)) && !seen[changes[i]] {
			seen[changes[i]] = true
			out = append(out, changes[i])
			if len(out) == max {
				break
			}
		}
	}
	return out
}

// TestDateutilVectorsCoverage guards the vectors themselves: enough rules and cases, every
// frequency and BY-field, the required zones, and both answers of every query kind.
func TestDateutilVectorsCoverage(t *testing.T) {
	file := loadVectors(t)
	assert.GreaterOrEqual(t, len(file.Rules), 1500)
	assert.GreaterOrEqual(t, file.Header.CivilCases+file.Header.InstantCases, 20000)
	frequencies := map[string]int{}
	fields := map[string]int{}
	zones := map[string]int{}
	answers := map[string]int{}
	for _, rule := range file.Rules {
		frequencies[rule.Spec.Frequency]++
		s := rule.Spec
		for name, present := range map[string]bool{
			"bySetPosition": len(s.BySetPosition) > 0, "byMonth": len(s.ByMonth) > 0,
			"byWeekNo": len(s.ByWeekNo) > 0, "byYearDay": len(s.ByYearDay) > 0,
			"byMonthDay": len(s.ByMonthDay) > 0, "byDay": len(s.ByDay) > 0,
			"byHour": len(s.ByHour) > 0, "byMinute": len(s.ByMinute) > 0,
			"count": s.Count > 0, "until": s.Until != "", "interval": s.Interval > 1,
		} {
			if present {
				fields[name]++
			}
		}
		for _, d := range s.ByDay {
			if d.N != 0 {
				fields["byDayOrdinal"]++
				break
			}
		}
		for zone, rows := range rule.Instants {
			zones[zone] += len(rows)
			for _, row := range rows {
				answers["instant contains="+strings.TrimSpace(string(row[1]))]++
				answers["instant next null="+fmt.Sprint(string(row[2]) == "null")]++
			}
		}
		for _, row := range rule.Civil {
			answers["civil contains="+strings.TrimSpace(string(row[1]))]++
			answers["civil next null="+fmt.Sprint(string(row[2]) == "null")]++
		}
	}
	for name := range frequencyNames {
		assert.Positive(t, frequencies[name], "rules of frequency %s", name)
	}
	for _, name := range []string{"bySetPosition", "byMonth", "byWeekNo", "byYearDay", "byMonthDay", "byDay",
		"byDayOrdinal", "byHour", "byMinute", "count", "until", "interval"} {
		assert.Positive(t, fields[name], "rules with %s", name)
	}
	for _, zone := range []string{"America/New_York", "Europe/London", "Australia/Sydney", "America/Sao_Paulo",
		"Asia/Kolkata", "Pacific/Chatham"} {
		assert.Positive(t, zones[zone], "instant cases in %s", zone)
	}
	for _, kind := range []string{"civil", "instant"} {
		for _, answer := range []string{" contains=true", " contains=false", " next null=true", " next null=false"} {
			assert.Positive(t, answers[kind+answer], "%s cases with%s", kind, answer)
		}
	}
	t.Logf("rules per frequency %v; per field %v; instant cases per zone %v", frequencies, fields, zones)
}
