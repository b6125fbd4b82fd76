#!/usr/bin/python3
"""Second-source holiday vectors for the holidays package tests.

Run with Debian's own interpreter and Debian's python3-holidays package:

    /usr/bin/python3 testdata/holidays/generate.py > testdata/holidays/vectors.json

For every holiday set the Go package offers, it lists the dates python-holidays
gives (actual and observed days, names as that library spells them) for the
years 2025-2036; the Go test compares the days 2026-01-01 .. 2035-12-31 and
reads the extra years only for observed days that cross a year's end.
"""
import json
import sys

import holidays

YEARS = list(range(2025, 2037))

AU_STATES = ["ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"]
DE_STATES = ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW",
             "RP", "SL", "SN", "ST", "SH", "TH"]


def sets():
    yield "US", holidays.US(years=YEARS)
    yield "GB-ENG", holidays.England(years=YEARS)
    yield "GB-WLS", holidays.Wales(years=YEARS)
    yield "GB-SCT", holidays.Scotland(years=YEARS)
    yield "GB-NIR", holidays.NorthernIreland(years=YEARS)
    yield "CA", holidays.CA(years=YEARS)
    for state in AU_STATES:
        yield "AU-" + state, holidays.AU(prov=state, years=YEARS)
    yield "NZ", holidays.NZ(years=YEARS)
    yield "IE", holidays.Ireland(years=YEARS)
    yield "DE", holidays.DE(years=YEARS)
    for state in DE_STATES:
        yield "DE-" + state, holidays.DE(prov=state, years=YEARS)
    yield "FR", holidays.France(years=YEARS)


def main():
    out = {
        "generator": "testdata/holidays/generate.py",
        "library": "python3-holidays " + holidays.__version__,
        "years": [YEARS[0], YEARS[-1]],
        "sets": {},
    }
    for set_id, days in sets():
        out["sets"][set_id] = {d.isoformat(): name for d, name in sorted(days.items())}
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
