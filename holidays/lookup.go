package holidays

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a request that cannot be met: which input (Field: "country",
// "region", "only", "years", "state") and why.
type Error struct {
	Field  string
	Reason string
}

func (e *Error) Error() string { return e.Field + ": " + e.Reason }

// countryAliases are names people type for a country code.
var countryAliases = map[string]string{"UK": "GB"}

// Find returns the set of a country (ISO 3166-1 alpha-2, "UK" taken as
// "GB") and region (ISO 3166-2 subdivision code without the country: "SCT",
// "NSW"; "" for the national set), in any letter case. A country whose
// holidays are only regional (GB, AU) needs a region; the error lists them.
func Find(country, region string) (*Set, error) {
	country = strings.ToUpper(strings.TrimSpace(country))
	region = strings.ToUpper(strings.TrimSpace(region))
	if alias, ok := countryAliases[country]; ok {
		country = alias
	}
	// "GB-SCT" given whole as the country.
	if c, r, ok := strings.Cut(country, "-"); ok && region == "" {
		country, region = c, r
	}
	if country == "" {
		return nil, &Error{"country", "no country given; one of " + strings.Join(Countries(), ", ")}
	}
	regions := Regions(country)
	national, hasNational := registry[country]
	if !hasNational && len(regions) == 0 {
		return nil, &Error{"country", fmt.Sprintf("no holidays for %q; available: %s", truncate(country, 20), strings.Join(Countries(), ", "))}
	}
	if region == "" {
		if hasNational {
			return national, nil
		}
		return nil, &Error{"region", fmt.Sprintf("%s has holidays by region only; give one of %s", country, strings.Join(regions, ", "))}
	}
	if set, ok := registry[country+"-"+region]; ok {
		return set, nil
	}
	if len(regions) == 0 {
		return nil, &Error{"region", fmt.Sprintf("%s has no regional holiday sets; leave the region out", country)}
	}
	return nil, &Error{"region", fmt.Sprintf("%s has no region %q; give one of %s", country, truncate(region, 20), strings.Join(regions, ", "))}
}

// Lookup returns the set with the given ID ("US", "GB-SCT"), in any letter case.
func Lookup(id string) (*Set, error) { return Find(id, "") }

// Countries lists the country codes with holidays, sorted.
func Countries() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range registry {
		if !seen[s.Country] {
			seen[s.Country] = true
			out = append(out, s.Country)
		}
	}
	sort.Strings(out)
	return out
}

// Regions lists a country's region codes with their own set, sorted.
func Regions(country string) []string {
	var out []string
	for _, s := range registry {
		if s.Country == country && s.Region != "" {
			out = append(out, s.Region)
		}
	}
	sort.Strings(out)
	return out
}

// SourcePrefix starts the source of every rule this package makes.
const SourcePrefix = "holidays:"

// Source is the source text of a rule made for holiday holidayID of set
// setID: "holidays:<set>:<holiday>@<data version>", e.g.
// "holidays:GB-SCT:st-andrews-day@rickar/cal v2.1.13". A later run of the
// same set recognises (and replaces) the rules by the set part.
func Source(setID, holidayID string) string {
	return SourcePrefix + setID + ":" + holidayID + "@" + DataVersion
}

// ParseSource reads a source made by Source back: the set's and the
// holiday's IDs and the data version. ok is false for any other source.
func ParseSource(source string) (setID, holidayID, version string, ok bool) {
	rest, found := strings.CutPrefix(strings.TrimSpace(source), SourcePrefix)
	if !found {
		return "", "", "", false
	}
	rest, version, _ = strings.Cut(rest, "@")
	setID, holidayID, found = strings.Cut(rest, ":")
	if !found || setID == "" || holidayID == "" {
		return "", "", "", false
	}
	return setID, holidayID, version, true
}

// ParseYears reads a horizon as people type it: "2026-2035" (both
// included) or one year "2026".
func ParseYears(text string) (from, to int, err error) {
	text = strings.TrimSpace(text)
	first, last, isRange := strings.Cut(text, "-")
	from, err = parseYear(first)
	if err != nil {
		return 0, 0, &Error{"years", fmt.Sprintf("%q is not a year or a range of years such as 2026-2035", truncate(text, 40))}
	}
	to = from
	if isRange {
		if to, err = parseYear(last); err != nil {
			return 0, 0, &Error{"years", fmt.Sprintf("%q is not a year or a range of years such as 2026-2035", truncate(text, 40))}
		}
	}
	if to < from {
		return 0, 0, &Error{"years", fmt.Sprintf("the range %d-%d ends before it starts", from, to)}
	}
	if to-from+1 > MaxYears {
		return 0, 0, &Error{"years", fmt.Sprintf("the range %d-%d is longer than %d years", from, to, MaxYears)}
	}
	return from, to, nil
}

func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if len(s) != 4 {
		return 0, fmt.Errorf("not four digits")
	}
	y := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("not four digits")
		}
		y = y*10 + int(r-'0')
	}
	if y < 1 {
		return 0, fmt.Errorf("year 0")
	}
	return y, nil
}
