package holidays

import (
	"sort"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/us"
)

// DataVersion names the data the sets come from; it is part of every
// rule's source. A test keeps it equal to the version go.mod requires.
const DataVersion = "rickar/cal v2.1.13"

// Set is one country's (or one region's) public holidays.
type Set struct {
	// ID is the country's ISO 3166-1 alpha-2 code, with the region's ISO
	// 3166-2 subdivision code after a dash for a regional set ("US",
	// "GB-SCT", "AU-NSW").
	ID      string
	Country string // ISO 3166-1 alpha-2
	Region  string // ISO 3166-2 subdivision code without the country, or ""
	Name    string // "Scotland", "New South Wales"
	// Zone is a time zone of the set's territory (the capital's), for
	// callers that have no schedule to take one from.
	Zone     string
	holidays []holiday
}

// Holiday is one holiday of a set as a caller picks it.
type Holiday struct {
	ID   string // "christmas-day": lower case, stable, unique in its set
	Name string // as the data names it, in the country's language
}

// holiday is one named holiday of a set: one or more definitions, when the
// data defines it anew for some years (a Spring Bank Holiday moved in 2022).
type holiday struct {
	Holiday
	defs []*cal.Holiday
}

// Holidays lists the set's holidays in the data's order.
func (s *Set) Holidays() []Holiday {
	out := make([]Holiday, len(s.holidays))
	for i, h := range s.holidays {
		out[i] = h.Holiday
	}
	return out
}

// Sets returns every set offered, ordered by ID.
func Sets() []*Set {
	out := make([]*Set, 0, len(registry))
	for _, s := range registry {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Definitions rickar/cal v2.1.13 lacks for the regions of the United
// Kingdom other than England and Wales, written in its own terms from the
// rules of gov.uk's bank holiday list: Scotland has 2 January, St Andrew's
// Day and the Summer Bank Holiday on the first Monday of August (which
// rickar/cal has, but in no list) and no Easter Monday; Northern Ireland adds
// St Patrick's Day and the Battle of the Boyne to England's. A Scottish New
// Year falling on a weekend moves past 2 January (both move two days).
var (
	scotlandNewYear = gb.NewYear.Clone(&cal.Holiday{Observed: []cal.AltDay{
		{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 2}}})
	scotlandSecondJanuary = &cal.Holiday{Name: "2nd January", Type: cal.ObservanceBank,
		Month: time.January, Day: 2, Func: cal.CalcDayOfMonth,
		Observed: []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 2}}}
	scotlandStAndrew = &cal.Holiday{Name: "St Andrew's Day", Type: cal.ObservanceBank,
		Month: time.November, Day: 30, Func: cal.CalcDayOfMonth,
		Observed: []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}}
	northernIrelandStPatrick = &cal.Holiday{Name: "St Patrick's Day", Type: cal.ObservanceBank,
		Month: time.March, Day: 17, Func: cal.CalcDayOfMonth,
		Observed: []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}}
	northernIrelandBoyne = &cal.Holiday{Name: "Battle of the Boyne", Type: cal.ObservanceBank,
		Month: time.July, Day: 12, Func: cal.CalcDayOfMonth,
		Observed: []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}}
)

var registry = buildRegistry()

func buildRegistry() map[string]*Set {
	sets := map[string]*Set{}
	add := func(country, region, name, zone string, defs []*cal.Holiday) {
		id := country
		if region != "" {
			id += "-" + region
		}
		sets[id] = &Set{ID: id, Country: country, Region: region, Name: name, Zone: zone, holidays: group(defs)}
	}
	add("US", "", "United States (federal)", "America/New_York", us.Holidays)
	add("GB", "ENG", "England", "Europe/London", gb.Holidays)
	add("GB", "WLS", "Wales", "Europe/London", gb.Holidays)
	add("GB", "SCT", "Scotland", "Europe/London", []*cal.Holiday{
		scotlandNewYear, scotlandSecondJanuary, gb.GoodFriday, gb.EarlyMay, gb.VEDay,
		gb.CoronationDay, gb.SpringHoliday, gb.SpringHoliday2022, gb.PlatinumJubilee,
		gb.SummerHolidayScotland, scotlandStAndrew, gb.ChristmasDay, gb.BoxingDay,
	})
	add("GB", "NIR", "Northern Ireland", "Europe/London", []*cal.Holiday{
		gb.NewYear, northernIrelandStPatrick, gb.GoodFriday, gb.EasterMonday, gb.EarlyMay,
		gb.VEDay, gb.CoronationDay, gb.SpringHoliday, gb.SpringHoliday2022,
		gb.PlatinumJubilee, northernIrelandBoyne, gb.SummerHoliday, gb.ChristmasDay, gb.BoxingDay,
	})
	add("CA", "", "Canada", "America/Toronto", ca.Holidays)
	for _, s := range []struct {
		region, name, zone string
		defs               []*cal.Holiday
	}{
		{"ACT", "Australian Capital Territory", "Australia/Sydney", au.HolidaysACT},
		{"NSW", "New South Wales", "Australia/Sydney", au.HolidaysNSW},
		{"NT", "Northern Territory", "Australia/Darwin", au.HolidaysNT},
		{"QLD", "Queensland", "Australia/Brisbane", au.HolidaysQLD},
		{"SA", "South Australia", "Australia/Adelaide", au.HolidaysSA},
		{"TAS", "Tasmania", "Australia/Hobart", au.HolidaysTAS},
		{"VIC", "Victoria", "Australia/Melbourne", au.HolidaysVIC},
		{"WA", "Western Australia", "Australia/Perth", au.HolidaysWA},
	} {
		add("AU", s.region, s.name, s.zone, s.defs)
	}
	add("NZ", "", "New Zealand", "Pacific/Auckland", nz.Holidays)
	add("IE", "", "Ireland", "Europe/Dublin", ie.Holidays)
	add("DE", "", "Germany (nationwide)", "Europe/Berlin", de.Holidays)
	for _, s := range []struct {
		region, name string
		defs         []*cal.Holiday
	}{
		{"BW", "Baden-Württemberg", de.HolidaysBW}, {"BY", "Bayern", de.HolidaysBY},
		{"BE", "Berlin", de.HolidaysBE}, {"BB", "Brandenburg", de.HolidaysBB},
		{"HB", "Bremen", de.HolidaysHB}, {"HH", "Hamburg", de.HolidaysHH},
		{"HE", "Hessen", de.HolidaysHE}, {"MV", "Mecklenburg-Vorpommern", de.HolidaysMV},
		{"NI", "Niedersachsen", de.HolidaysNI}, {"NW", "Nordrhein-Westfalen", de.HolidaysNW},
		{"RP", "Rheinland-Pfalz", de.HolidaysRP}, {"SL", "Saarland", de.HolidaysSL},
		{"SN", "Sachsen", de.HolidaysSN}, {"ST", "Sachsen-Anhalt", de.HolidaysST},
		{"SH", "Schleswig-Holstein", de.HolidaysSH}, {"TH", "Thüringen", de.HolidaysTH},
	} {
		add("DE", s.region, s.name, "Europe/Berlin", s.defs)
	}
	add("FR", "", "France", "Europe/Paris", fr.Holidays)
	return sets
}

// group gathers definitions into holidays by ID, keeping the first
// definition's order and name.
func group(defs []*cal.Holiday) []holiday {
	var out []holiday
	index := map[string]int{}
	for _, d := range defs {
		id := slug(d.Name)
		if i, ok := index[id]; ok {
			out[i].defs = append(out[i].defs, d)
			continue
		}
		index[id] = len(out)
		out = append(out, holiday{Holiday: Holiday{ID: id, Name: d.Name}, defs: []*cal.Holiday{d}})
	}
	return out
}

var transliterations = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "â", "a", "ê", "e", "é", "e", "è", "e", "ô", "o", "û", "u", "ç", "c", "’", "", "'", "")

// slug makes a holiday's ID from its name: "Queen's Birthday" →
// "queens-birthday", "Mariä Himmelfahrt" → "mariae-himmelfahrt".
func slug(name string) string {
	s := transliterations.Replace(strings.ToLower(name))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
