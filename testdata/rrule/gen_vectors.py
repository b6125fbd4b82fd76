#!/usr/bin/python3
"""Differential test vectors for package rrule, computed with python-dateutil.

Run with Debian's own interpreter and Debian's python3-dateutil (2.8.x) and tzdata:

    /usr/bin/python3 testdata/rrule/gen_vectors.py -o testdata/rrule/vectors.json

The output is deterministic for a given dateutil version and tzdata version (fixed seed,
no clock, no hash-order dependence). The Go test rrule/dateutil_test.go only reads the
JSON, so CI needs no Python.

Model (docs/semantics.md#recurrence): a rule is an RFC 5545 RRULE on naive ("civil") date-times with
WKST=MO and dateutil's defaults; each occurrence o opens the civil window [o, o+L).
Frequency None means the single occurrence DTSTART. For a civil time c:

  contains(c)  = some occurrence o has o <= c < o+L
  next(c, lim) = the earliest civil u > c with contains(u) != contains(c), if u <= lim

For an instant t in a zone, contains is the civil test on t's wall clock there, and the
next change is the earliest instant u > t (whole seconds) whose answer differs, if u <= lim.

Every expected value comes from the occurrences dateutil yields; this script only adds
the window arithmetic above. Rules dateutil rejects or that never occur are not emitted as
cases; the ones proven empty are listed under "emptySets" (the Go test checks that
rrule.Compile reports them with code "empty-set").
"""

import argparse
import bisect
import calendar
import datetime as dt
import json
import math
import platform
import random
import sys
import time
import warnings
from zoneinfo import ZoneInfo

import dateutil
from dateutil import rrule as du

SEED = 20261130
COMMAND = "/usr/bin/python3 testdata/rrule/gen_vectors.py -o testdata/rrule/vectors.json"

FREQ_NAMES = ["None", "Secondly", "Minutely", "Hourly", "Daily", "Weekly", "Monthly", "Yearly"]
DU_FREQ = {
    "Secondly": du.SECONDLY, "Minutely": du.MINUTELY, "Hourly": du.HOURLY,
    "Daily": du.DAILY, "Weekly": du.WEEKLY, "Monthly": du.MONTHLY, "Yearly": du.YEARLY,
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]  # dateutil numbering: MO == 0
LIST_FIELDS = [
    ("bySetPosition", "bysetpos"), ("byMonth", "bymonth"), ("byWeekNo", "byweekno"),
    ("byYearDay", "byyearday"), ("byMonthDay", "bymonthday"), ("byHour", "byhour"),
    ("byMinute", "byminute"),
]
ZONES = [
    "America/New_York", "Europe/London", "Australia/Sydney", "America/Sao_Paulo",
    "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe", "Europe/Berlin", "UTC",
]
ZONE_WEIGHTS = [4, 3, 3, 3, 2, 3, 1, 1, 1]

# Instants are kept inside these years, where Debian's tzdata and the copy embedded in Go
# agree for the zones above (the Go test checks every transition listed in the header).
FIRST_QUERY_YEAR, LAST_QUERY_YEAR = 2001, 2029
ZONE_SCAN_FROM, ZONE_SCAN_TO = dt.datetime(1999, 1, 1), dt.datetime(2032, 1, 1)

SECOND = dt.timedelta(seconds=1)
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
EPOCH = dt.datetime(1970, 1, 1)
UTC = dt.timezone.utc

# Per frequency: half-width of the query region around the anchor, and the longest
# look-ahead of a next-change query.
QUERY_SPAN = {
    "None": 3 * DAY, "Secondly": 40 * MINUTE, "Minutely": 6 * HOUR, "Hourly": 2 * DAY,
    "Daily": 8 * DAY, "Weekly": 21 * DAY, "Monthly": 70 * DAY, "Yearly": 200 * DAY,
}
LIMIT_SPAN = {
    "None": 10 * DAY, "Secondly": 2 * HOUR, "Minutely": 1 * DAY, "Hourly": 3 * DAY,
    "Daily": 12 * DAY, "Weekly": 40 * DAY, "Monthly": 120 * DAY, "Yearly": 400 * DAY,
}
OCCURRENCE_CAP = 60000  # per rule; a rule that would yield more is redrawn
# dateutil's work is bounded by counting its periods (one day-set per year, month, week, day
# or, for Hourly/Minutely/Secondly, per step), never by the clock, so the output does not
# depend on the machine's speed. dateutil ignores UNTIL while a rule yields nothing, so an
# empty rule would otherwise iterate to the year 9999.
OCCURRENCE_STEPS = 200000   # per rule; rules needing more are skipped (counted in the header)
RANDOM_PROOF_STEPS = 50000  # per emptiness proof of a random rule; unproven ones are skipped
HAND_PROOF_STEPS = 2000000  # per emptiness proof of a hand-written rule
RANDOM_EMPTY_SETS = 80      # random rules proven empty that are listed (the rest are counted)


class BudgetExceeded(Exception):
    pass


class _Budget:
    used = 0
    limit = None


def _counted(method):
    def wrapper(self, *args):
        _Budget.used += 1
        if _Budget.limit is not None and _Budget.used > _Budget.limit:
            raise BudgetExceeded()
        return method(self, *args)
    return wrapper


for _name in ("ydayset", "mdayset", "wdayset", "ddayset"):
    setattr(du._iterinfo, _name, _counted(getattr(du._iterinfo, _name)))


def with_budget(steps, fn):
    """Runs fn, raising BudgetExceeded after dateutil has built more than steps day-sets."""
    _Budget.used, _Budget.limit = 0, steps
    try:
        return fn()
    finally:
        _Budget.limit = None


# ---------------------------------------------------------------- formatting

def civil_text(value):
    return value.strftime("%Y-%m-%dT%H:%M:%S") if value.year >= 1000 else "%04d%s" % (
        value.year, value.strftime("-%m-%dT%H:%M:%S"))


def instant_text(epoch_seconds):
    return civil_text(EPOCH + dt.timedelta(seconds=epoch_seconds)) + "Z"


def parse_civil(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")


def civil_seconds(value):
    return (value - EPOCH) // SECOND


def from_civil_seconds(seconds):
    return EPOCH + dt.timedelta(seconds=seconds)


# ---------------------------------------------------------------- zones

class Zone:
    """Wall clock of an IANA zone and the instants at which its UTC offset changes."""

    def __init__(self, name):
        self.name = name
        self.info = ZoneInfo(name)
        self.transitions = []  # (epoch, offset before, offset after), sorted
        step = 6 * 3600
        t = civil_seconds(ZONE_SCAN_FROM)
        end = civil_seconds(ZONE_SCAN_TO)
        previous = self.offset(t)
        while t < end:
            nxt = t + step
            off = self.offset(nxt)
            if off != previous:
                low, high = t, nxt  # offset(low) == previous, offset(high) == off
                while high - low > 1:
                    mid = (low + high) // 2
                    if self.offset(mid) == previous:
                        low = mid
                    else:
                        high = mid
                self.transitions.append((high, previous, off))
                previous = off
            t = nxt
        self.transition_epochs = [tr[0] for tr in self.transitions]

    def offset(self, epoch):
        return int(dt.datetime.fromtimestamp(epoch, UTC).astimezone(self.info).utcoffset().total_seconds())

    def wall(self, epoch):
        """Civil seconds of the wall clock at the instant."""
        return epoch + self.offset(epoch)

    def instants_of(self, civil):
        """The instants whose wall clock reads civil, or nearest to it (gap), fold 0 and 1."""
        out = []
        for fold in (0, 1):
            aware = civil.replace(tzinfo=self.info, fold=fold)
            out.append(int(aware.timestamp()))
        return out

    def next_transition(self, epoch):
        i = bisect.bisect_right(self.transition_epochs, epoch)
        return self.transition_epochs[i] if i < len(self.transition_epochs) else None

    def transitions_between(self, first, last):
        i = bisect.bisect_left(self.transition_epochs, first)
        j = bisect.bisect_right(self.transition_epochs, last)
        return self.transitions[i:j]


# ---------------------------------------------------------------- specs

def empty_spec(freq):
    return {
        "frequency": freq, "start": None, "lengthSeconds": 3600, "interval": 1, "count": 0,
        "until": None, "bySetPosition": [], "byMonth": [], "byWeekNo": [], "byYearDay": [],
        "byMonthDay": [], "byDay": [], "byHour": [], "byMinute": [],
    }


def spec_json(spec):
    """The spec as written to the vectors (civil strings, empty lists omitted)."""
    out = {
        "frequency": spec["frequency"],
        "frequencyValue": FREQ_NAMES.index(spec["frequency"]),
        "start": civil_text(spec["start"]),
        "lengthSeconds": spec["lengthSeconds"],
        "interval": spec["interval"],
        "count": spec["count"],
        "until": civil_text(spec["until"]) if spec["until"] else "",
    }
    for key, _ in LIST_FIELDS:
        if spec[key]:
            out[key] = list(spec[key])
    if spec["byDay"]:
        out["byDay"] = [{"weekday": WEEKDAYS[w], "n": n} for w, n in spec["byDay"]]
    return out


def to_dateutil(spec, until_cap=None, drop_bounds=False):
    """The dateutil rrule for a spec; until_cap additionally bounds the iteration."""
    kwargs = {
        "freq": DU_FREQ[spec["frequency"]],
        "dtstart": spec["start"],
        "interval": max(1, spec["interval"]),
        "wkst": du.MO,
    }
    until = None if drop_bounds else spec["until"]
    if until_cap is not None:
        until = until_cap if until is None else min(until, until_cap)
    if until is not None:
        kwargs["until"] = until
    if spec["count"] > 0 and not drop_bounds:
        kwargs["count"] = spec["count"]
    for key, du_key in LIST_FIELDS:
        if spec[key]:  # dateutil tells "absent" (None) from "empty": never pass []
            kwargs[du_key] = list(spec[key])
    if spec["byDay"]:
        kwargs["byweekday"] = [du.weekday(w, n if n else None) for w, n in spec["byDay"]]
    return du.rrule(**kwargs)


def rfc_text(spec):
    """The rule as dateutil prints it, or in the same form when dateutil rejects it."""
    start = spec["start"].strftime("%Y%m%dT%H%M%S")
    if spec["frequency"] == "None":
        return "DTSTART:%s (frequency None: one occurrence)" % start
    try:
        return str(to_dateutil(spec))
    except ValueError:
        pass
    parts = ["FREQ=" + spec["frequency"].upper()]
    if spec["interval"] > 1:
        parts.append("INTERVAL=%d" % spec["interval"])
    if spec["count"] > 0:
        parts.append("COUNT=%d" % spec["count"])
    if spec["until"]:
        parts.append("UNTIL=" + spec["until"].strftime("%Y%m%dT%H%M%S"))
    for key, name in [("bySetPosition", "BYSETPOS"), ("byMonth", "BYMONTH"), ("byMonthDay", "BYMONTHDAY"),
                      ("byYearDay", "BYYEARDAY"), ("byWeekNo", "BYWEEKNO")]:
        if spec[key]:
            parts.append("%s=%s" % (name, ",".join(str(v) for v in spec[key])))
    if spec["byDay"]:
        parts.append("BYDAY=" + ",".join(("%+d" % n if n else "") + WEEKDAYS[w] for w, n in spec["byDay"]))
    for key, name in [("byHour", "BYHOUR"), ("byMinute", "BYMINUTE")]:
        if spec[key]:
            parts.append("%s=%s" % (name, ",".join(str(v) for v in spec[key])))
    return "DTSTART:%s\nRRULE:%s" % (start, ";".join(parts))


def occurrences(spec, hi):
    """Occurrence starts <= hi, in order, as dateutil yields them."""
    if spec["frequency"] == "None":
        return [spec["start"]]

    def run():
        out = []
        for value in to_dateutil(spec, until_cap=hi):
            out.append(value)
            if len(out) > OCCURRENCE_CAP:
                raise OverflowError("too many occurrences")
        return out

    return with_budget(OCCURRENCE_STEPS, run)


def cycle_periods(spec):
    """The number of the rule's periods (years, months, weeks, days, hours, minutes or
    seconds, times the interval) after which its pattern repeats, and the year that
    reaches. The Gregorian calendar (weekdays, leap years, ISO weeks) repeats every 400
    years = 4800 months = 20871 weeks = 146097 days; a counter stepping by the interval
    repeats after lcm(that, interval)."""
    k = max(1, spec["interval"])
    unit = {"Yearly": 400, "Monthly": 4800, "Weekly": 20871, "Daily": 146097, "Hourly": 146097 * 24,
            "Minutely": 146097 * 1440, "Secondly": 146097 * 86400}[spec["frequency"]]
    cycle = math.lcm(unit, k)
    years = cycle // unit * 400
    return cycle // k, spec["start"].year + years + 1


def prove_empty(spec, max_steps):
    """A sentence showing dateutil yields nothing for the rule's BY-values, or None.

    dateutil builds one day-set per period and advances at least one period each time, so
    when it has built more day-sets than one repeat period holds (plus the partial first
    period) without yielding, the rule never occurs."""
    try:
        to_dateutil(spec, drop_bounds=True)
    except ValueError as err:
        return "dateutil rejects the rule: ValueError(%r)" % str(err)
    periods, reach_year = cycle_periods(spec)
    if periods + 1 > max_steps or reach_year > 9998:
        return None

    def first():
        for value in to_dateutil(spec, drop_bounds=True):
            return value
        return None

    try:
        found = with_budget(periods + 1, first)
    except ValueError as err:
        return "dateutil raises while iterating: ValueError(%r)" % str(err)
    except BudgetExceeded:
        return ("dateutil yields nothing in %d periods from DTSTART, more than the rule's repeat period "
                "of %d (400 Gregorian years and the interval)" % (periods + 1, periods))
    if found is not None:
        return None
    return "dateutil yields nothing up to the year 9999"


# ---------------------------------------------------------------- windows

class Windows:
    """Union of the windows [o, o+L) as merged, sorted civil-second intervals."""

    def __init__(self, starts, length):
        self.starts, self.ends = [], []
        for o in starts:
            a = civil_seconds(o)
            b = a + length
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def contains(self, c):
        i = bisect.bisect_right(self.starts, c) - 1
        return i >= 0 and c < self.ends[i]

    def next_change(self, c):
        """Earliest u > c where contains flips (valid only while u <= the data horizon)."""
        i = bisect.bisect_right(self.starts, c) - 1
        if i >= 0 and c < self.ends[i]:
            return self.ends[i]
        if i + 1 < len(self.starts):
            return self.starts[i + 1]
        return None


def instant_next_change(zone, windows, t, limit):
    """Earliest instant u in (t, limit] whose wall-clock answer differs from t's."""
    state = windows.contains(zone.wall(t))
    cur = t
    while True:
        boundary = zone.next_transition(cur)  # instants in [cur, boundary) share cur's offset
        off = zone.offset(cur)
        civil_change = windows.next_change(cur + off)
        if civil_change is not None:
            candidate = civil_change - off
            if (boundary is None or candidate < boundary):
                return candidate if candidate <= limit else None
        if boundary is None or boundary > limit:
            return None
        if windows.contains(zone.wall(boundary)) != state:
            return boundary
        cur = boundary


# ---------------------------------------------------------------- random rules

def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for value, w in pairs:
        x -= w
        if x <= 0:
            return value
    return pairs[-1][0]


def pick_values(rng, favourites, low, high, signed, k):
    values = set()
    while len(values) < k:
        if rng.random() < 0.5:
            v = rng.choice(favourites)
        else:
            v = rng.randint(low, high)
            if signed and rng.random() < 0.3:
                v = -v
        values.add(v)
    out = list(values)
    rng.shuffle(out)  # order on the wire is irrelevant; keep it unsorted sometimes
    return out if rng.random() < 0.5 else sorted(out)


def list_size(rng, small_max, big_max):
    if rng.random() < 0.04:
        return rng.randint(small_max + 1, big_max)
    return weighted(rng, [(1, 5), (2, 3), (3, 2)] + [(k, 1) for k in range(4, small_max + 1)])


FIELD_PROBABILITY = {
    # byMonth, byWeekNo, byYearDay, byMonthDay, byDay, byHour, byMinute, bySetPosition
    "Yearly":   (0.45, 0.30, 0.25, 0.25, 0.45, 0.30, 0.25, 0.12),
    "Monthly":  (0.25, 0.00, 0.08, 0.40, 0.55, 0.30, 0.25, 0.15),
    "Weekly":   (0.20, 0.00, 0.03, 0.05, 0.65, 0.30, 0.25, 0.10),
    "Daily":    (0.20, 0.00, 0.05, 0.15, 0.40, 0.35, 0.25, 0.08),
    "Hourly":   (0.10, 0.00, 0.03, 0.08, 0.25, 0.35, 0.35, 0.06),
    "Minutely": (0.05, 0.00, 0.00, 0.05, 0.20, 0.35, 0.35, 0.04),
    "Secondly": (0.00, 0.00, 0.00, 0.00, 0.15, 0.25, 0.35, 0.03),
    "None":     (0.20, 0.00, 0.10, 0.20, 0.20, 0.20, 0.20, 0.00),
}


def random_by_fields(rng, spec):
    freq = spec["frequency"]
    p_month, p_weekno, p_yearday, p_monthday, p_day, p_hour, p_minute, p_setpos = FIELD_PROBABILITY[freq]
    if rng.random() < p_month:
        spec["byMonth"] = pick_values(rng, [1, 2, 3, 10, 11, 12], 1, 12, False, list_size(rng, 4, 12))
    if rng.random() < p_weekno:
        spec["byWeekNo"] = pick_values(rng, [1, 2, 52, 53, -1, -53, 26], 1, 53, True, list_size(rng, 3, 60))
    if rng.random() < p_yearday:
        spec["byYearDay"] = pick_values(rng, [1, 59, 60, 100, 365, 366, -1, -365, -366, 200], 1, 366, True,
                                        list_size(rng, 4, 200))
    if rng.random() < p_monthday:
        spec["byMonthDay"] = pick_values(rng, [1, 13, 15, 28, 29, 30, 31, -1, -2, -31], 1, 31, True,
                                         list_size(rng, 4, 40))
    if rng.random() < p_day:
        count = weighted(rng, [(1, 5), (2, 3), (3, 2), (5, 2), (4, 1), (7, 1), (6, 1)])
        days = rng.sample(range(7), count)
        ordinal_mode = "plain"
        if freq in ("Monthly", "Yearly"):
            ordinal_mode = weighted(rng, [("plain", 45), ("ordinal", 48), ("mixed", 7)])
        entries = []
        for d in days:
            n = 0
            if ordinal_mode == "ordinal" or (ordinal_mode == "mixed" and rng.random() < 0.5):
                if freq == "Monthly" or spec["byMonth"]:
                    n = rng.choice([1, 1, 2, 2, 3, 4, -1, -1, -2, 5, -5, -4, 3])
                else:
                    n = rng.choice([1, 2, 3, -1, -2, 10, 20, 26, 52, 53, -53, -10, 4, 5, 40])
            entries.append((d, n))
        # a duplicate ordinal for one weekday is allowed on the wire (e.g. 1MO,-1MO)
        if ordinal_mode == "ordinal" and rng.random() < 0.1:
            d = entries[0][0]
            entries.append((d, rng.choice([-1, 2, 3]) if entries[0][1] != -1 else 1))
        spec["byDay"] = entries
    if rng.random() < p_hour:
        spec["byHour"] = pick_values(rng, [0, 1, 2, 3, 9, 12, 17, 22, 23], 0, 23, False, list_size(rng, 4, 24))
    if rng.random() < p_minute:
        spec["byMinute"] = pick_values(rng, [0, 15, 30, 45, 59, 1], 0, 59, False, list_size(rng, 3, 60))
    if rng.random() < p_setpos:
        if freq in ("Minutely", "Secondly"):
            # dateutil's set for these is the single instant of each period: only +-1 can hit,
            # and anything else loops forever in dateutil, so it cannot be proven empty here
            spec["bySetPosition"] = [rng.choice([1, -1])]
        elif freq in ("Hourly", "Daily"):
            # one day's (Daily) or one hour's (Hourly) times: positions beyond that set never
            # hit, and dateutil would then iterate to the year 9999 without yielding
            size = max(1, len(spec["byMinute"]))
            if freq == "Daily":
                size *= max(1, len(spec["byHour"]))
            spec["bySetPosition"] = pick_values(rng, [1, -1], 1, size, True, rng.randint(1, min(2, size)))
        else:
            spec["bySetPosition"] = pick_values(rng, [1, 2, 3, -1, -2, 4], 1, 20, True, list_size(rng, 2, 5))


def random_length(rng, freq):
    if freq == "Secondly":
        return weighted(rng, [(1, 4), (2, 2), (3, 1), (rng.randint(1, 20), 3), (rng.randint(20, 600), 1)])
    if freq == "Minutely":
        return weighted(rng, [(1, 1), (59, 1), (60, 2), (61, 1), (rng.randint(1, 300), 4), (rng.randint(300, 7200), 1)])
    if freq == "Hourly":
        return weighted(rng, [(60, 1), (1800, 2), (3600, 2), (rng.randint(1, 7200), 4), (rng.randint(7200, 86400), 1)])
    return weighted(rng, [
        (3600 * rng.randint(1, 12), 25), (86400, 15), (rng.randint(1, 600), 8),
        (rng.randint(1, 86400), 20), (8 * 3600, 8), (9 * 3600, 4), (86400 * rng.randint(2, 3), 5),
        (rng.randint(86400, 4 * 86400), 5), (86399, 2), (86401, 2), (1, 3),
    ])


def random_interval(rng, freq):
    kind = weighted(rng, [("one", 62), ("zero", 5), ("small", 20), ("medium", 9), ("large", 4)])
    if kind == "one":
        return 1
    if kind == "zero":
        return rng.choice([0, -1, 0])  # <= 0 means 1
    if kind == "small":
        return rng.randint(2, 4)
    if kind == "medium":
        return rng.randint(5, 15)
    big = {"Secondly": 1000, "Minutely": 1000, "Hourly": 1000, "Daily": 400, "Weekly": 60,
           "Monthly": 120, "Yearly": 30, "None": 1000}[freq]
    return rng.randint(16, big)


def random_time_of_day(rng):
    hour = weighted(rng, [(rng.choice([0, 1, 2, 3]), 30), (rng.choice([8, 9, 22, 23, 17]), 20), (rng.randint(0, 23), 50)])
    minute = weighted(rng, [(0, 50), (30, 20), (rng.choice([15, 45, 59]), 10), (rng.randint(0, 59), 20)])
    second = 0 if rng.random() < 0.85 else rng.randint(0, 59)
    return dt.time(hour, minute, second)


def random_start(rng, freq, anchor):
    """DTSTART: far enough before the anchor to exercise long histories, but bounded so
    dateutil (which always iterates from DTSTART) stays fast."""
    if rng.random() < 0.15:  # start inside the query region: queries before DTSTART too
        base = anchor + rng.uniform(-1, 1) * QUERY_SPAN[freq]
    elif freq in ("Yearly", "Monthly", "Weekly", "Daily") and rng.random() < 0.05:
        return dt.datetime(1970, 1, 1, 0, 0, 0)  # empty startDate means 1970-01-01 (docs/semantics.md#recurrence-start)
    else:
        back = {"None": 3 * DAY, "Secondly": 1 * HOUR, "Minutely": 3 * DAY, "Hourly": 90 * DAY,
                "Daily": 3 * 365 * DAY, "Weekly": 10 * 365 * DAY, "Monthly": 30 * 365 * DAY,
                "Yearly": 30 * 365 * DAY}[freq]
        base = anchor - rng.uniform(0, 1) * back
    base = base.replace(microsecond=0)
    if freq in ("Secondly", "Minutely", "Hourly"):
        if rng.random() < 0.5:
            return base.replace(second=0) if rng.random() < 0.7 else base
        t = random_time_of_day(rng)
        return base.replace(minute=t.minute, second=t.second)
    return dt.datetime.combine(base.date(), random_time_of_day(rng))


def random_anchor(rng, zone):
    """A civil instant to centre the queries on; half the time a DST transition."""
    year = rng.randint(FIRST_QUERY_YEAR, LAST_QUERY_YEAR)
    if zone.transitions and rng.random() < 0.55:
        first = civil_seconds(dt.datetime(year, 1, 1))
        last = civil_seconds(dt.datetime(year + 1, 1, 1))
        inside = zone.transitions_between(first, last)
        if inside:
            epoch, before, after = rng.choice(inside)
            return from_civil_seconds(epoch + before + rng.randint(-3 * 3600, 3 * 3600))
    start = dt.datetime(year, 1, 1)
    return start + dt.timedelta(seconds=rng.randint(0, 365 * 86400))


FREQ_WEIGHTS = [("None", 3), ("Secondly", 6), ("Minutely", 10), ("Hourly", 13), ("Daily", 19),
                ("Weekly", 18), ("Monthly", 15), ("Yearly", 16)]


def random_spec(rng, zone):
    freq = weighted(rng, FREQ_WEIGHTS)
    anchor = random_anchor(rng, zone)
    spec = empty_spec(freq)
    spec["start"] = random_start(rng, freq, anchor)
    spec["lengthSeconds"] = random_length(rng, freq)
    spec["interval"] = random_interval(rng, freq)
    random_by_fields(rng, spec)
    return spec, anchor


# ---------------------------------------------------------------- queries

class Stats:
    def __init__(self):
        self.counts = {}

    def add(self, key, n=1):
        self.counts[key] = self.counts.get(key, 0) + n


def query_region(freq, anchors):
    lo = min(a for a in anchors) - QUERY_SPAN[freq]
    hi = max(a for a in anchors) + QUERY_SPAN[freq]
    return lo, hi


def civil_queries(rng, spec, occ, windows, anchor, horizon, zone, n):
    """n civil query times around window edges, the zone's DST wall-clock jumps,
    DTSTART/UNTIL, midnights and at random in the query region."""
    freq = spec["frequency"]
    span = QUERY_SPAN[freq]
    lo, hi = anchor - span, anchor + span
    length = dt.timedelta(seconds=spec["lengthSeconds"])
    near = [o for o in occ[bisect.bisect_left(occ, lo - length):bisect.bisect_right(occ, hi)]]
    candidates = []
    for o in rng.sample(near, min(len(near), max(2, n // 4))):
        for edge in rng.sample([o - SECOND, o, o + length - SECOND, o + length], 2):
            candidates.append(edge)
    first_sec, last_sec = civil_seconds(lo), civil_seconds(hi)
    for epoch, before, after in zone.transitions_between(first_sec - 86400, last_sec + 86400):
        for wall in (epoch + before, epoch + after):
            candidates.append(from_civil_seconds(wall + rng.choice([-1, 0, 1, rng.randint(-7200, 7200)])))
    candidates += [spec["start"] - SECOND, spec["start"]]
    if spec["until"]:
        candidates += [spec["until"], spec["until"] + SECOND]
    for _ in range(3):
        day = lo + dt.timedelta(seconds=rng.randint(0, max(1, last_sec - first_sec)))
        candidates.append(dt.datetime.combine(day.date(), dt.time(0)))
    while len(candidates) < n + 4:
        candidates.append(lo + dt.timedelta(seconds=rng.randint(0, max(1, last_sec - first_sec))))
    rng.shuffle(candidates)
    out, seen = [], set()
    for c in candidates:
        if len(out) >= n:
            break
        if c > horizon or c in seen:
            continue
        seen.add(c)
        cs = civil_seconds(c)
        inside = windows.contains(cs)
        unlimited = windows.next_change(cs)
        limit_sec = pick_limit(rng, cs, unlimited, LIMIT_SPAN[freq], civil_seconds(horizon))
        expected = unlimited if unlimited is not None and unlimited <= limit_sec else None
        out.append([civil_text(c), inside, civil_text(from_civil_seconds(expected)) if expected is not None else None,
                    civil_text(from_civil_seconds(limit_sec))])
    return out


def pick_limit(rng, c, unlimited, span, horizon):
    """A look-ahead limit for a query at c, never beyond the data horizon; often exactly at
    (or one second before) the true next change, to pin down the inclusive (c, limit]."""
    max_ahead = int(span.total_seconds())
    kind = weighted(rng, [("random", 45), ("exact", 20), ("before", 15), ("far", 15), ("tiny", 5)])
    if kind == "exact" and unlimited is not None:
        limit = unlimited
    elif kind == "before" and unlimited is not None:
        limit = unlimited - 1
    elif kind == "far":
        limit = c + max_ahead
    elif kind == "tiny":
        limit = c + rng.choice([0, 1])
    else:
        limit = c + rng.randint(1, max_ahead)
    return min(limit, horizon)


def instant_queries(rng, spec, occ, windows, anchor, horizon, zone, n):
    """n instant queries: around each DST transition of the zone (+-2 h, including the
    overlap and gap), at the instants of window edges (both folds), and at random."""
    freq = spec["frequency"]
    span = QUERY_SPAN[freq]
    lo, hi = anchor - span, anchor + span
    first_sec, last_sec = civil_seconds(lo), civil_seconds(hi)
    length = dt.timedelta(seconds=spec["lengthSeconds"])
    candidates = []
    for epoch, before, after in zone.transitions_between(first_sec - 86400, last_sec + 86400):
        candidates += [epoch - 1, epoch, epoch + 1]
        jump = abs(after - before)
        candidates += [epoch + rng.randint(-jump, jump) for _ in range(2)]
        candidates += [epoch + rng.randint(-7200, 7200) for _ in range(3)]
    near = [o for o in occ[bisect.bisect_left(occ, lo - length):bisect.bisect_right(occ, hi)]]
    for o in rng.sample(near, min(len(near), max(2, n // 5))):
        for edge in rng.sample([o - SECOND, o, o + length - SECOND, o + length], 2):
            candidates += zone.instants_of(edge)
    while len(candidates) < n + 4:
        c = lo + dt.timedelta(seconds=rng.randint(0, max(1, last_sec - first_sec)))
        candidates.append(rng.choice(zone.instants_of(c)))
    rng.shuffle(candidates)
    horizon_sec = civil_seconds(horizon)
    out, seen = [], set()
    for t in candidates:
        if len(out) >= n:
            break
        if t in seen or zone.wall(t) > horizon_sec:
            continue
        if not (civil_seconds(dt.datetime(2000, 1, 2)) <= t <= civil_seconds(dt.datetime(2030, 12, 30))):
            continue
        seen.add(t)
        inside = windows.contains(zone.wall(t))
        unlimited = instant_next_change(zone, windows, t, t + 10 * int(LIMIT_SPAN[freq].total_seconds()))
        limit = pick_limit(rng, t, unlimited, LIMIT_SPAN[freq], 10 ** 12)
        while zone.wall(limit) > horizon_sec:
            limit -= 3600
        if limit < t:
            limit = t
        expected = instant_next_change(zone, windows, t, limit)
        out.append([instant_text(t), inside, instant_text(expected) if expected is not None else None,
                    instant_text(limit)])
    return out


def build_cases(rng, spec, zone_plan, civil_per_anchor, instants_per_anchor):
    """Occurrences from dateutil, then civil and instant queries for each (zone, anchor)."""
    freq = spec["frequency"]
    anchors = [a for _, a in zone_plan]
    horizon = max(anchors) + QUERY_SPAN[freq] + LIMIT_SPAN[freq]
    occ = occurrences(spec, horizon)
    windows = Windows(occ, spec["lengthSeconds"])
    civil, instants = [], {}
    for zone, anchor in zone_plan:
        civil += civil_queries(rng, spec, occ, windows, anchor, horizon, zone, civil_per_anchor)
        instants.setdefault(zone.name, []).extend(
            instant_queries(rng, spec, occ, windows, anchor, horizon, zone, instants_per_anchor))
    return occ, civil, instants


def with_bounds(rng, spec, occ, anchor):
    """Adds count and/or until, chosen from the unbounded occurrences so that the cut
    falls near the queries; dateutil then recomputes the occurrences with them."""
    if spec["frequency"] == "None" or not occ:
        return spec
    roll = rng.random()
    want_count = roll < 0.2 or 0.4 <= roll < 0.46
    want_until = 0.2 <= roll < 0.46
    if not (want_count or want_until):
        return spec
    span = QUERY_SPAN[spec["frequency"]]
    lo = bisect.bisect_left(occ, anchor - span)
    hi = bisect.bisect_right(occ, anchor + span)
    index = rng.randint(lo, hi - 1) if hi > lo else rng.randint(0, len(occ) - 1)
    index = min(index, len(occ) - 1)
    if want_count:
        spec["count"] = index + 1 + rng.choice([0, 0, 0, 1, 2, -1 if index > 0 else 0])
    if want_until:
        cut = occ[min(len(occ) - 1, index + rng.choice([0, 0, 1, 2]))]
        spec["until"] = weighted(rng, [
            (cut, 35), (cut - SECOND, 10), (cut + SECOND, 10),
            (dt.datetime.combine(cut.date(), dt.time(0)), 15),  # .NET-style date at 00:00:00
            (dt.datetime.combine(cut.date(), dt.time(23, 59, 59)), 15),
            (cut + dt.timedelta(seconds=rng.randint(-86400, 86400)), 15),
        ])
    return spec


# ---------------------------------------------------------------- hand-written rules

def hand_rules():
    """Named scenarios (docs/semantics.md#recurrence) with fixed zones and anchors."""
    def spec_of(freq, start, length, **fields):
        s = empty_spec(freq)
        s["start"] = parse_civil(start)
        s["lengthSeconds"] = length
        for key, value in fields.items():
            s[key] = value
        return s

    mo_fr = [(d, 0) for d in range(5)]
    h = 3600
    out = [
        ("business hours Mon-Fri 09:00-17:00",
         spec_of("Weekly", "2020-01-06T09:00:00", 8 * h, byDay=mo_fr), "all"),
        ("business hours from an empty startDate (1970-01-01), Mon-Fri 09:00-17:00",
         spec_of("Weekly", "1970-01-01T09:00:00", 8 * h, byDay=mo_fr), "all"),
        ("Mon-Fri rule starting on a Sunday does not open that Sunday",
         spec_of("Weekly", "2026-11-29T09:00:00", 8 * h, byDay=mo_fr), "all"),
        ("Thanksgiving closes all day (4th Thursday of November)",
         spec_of("Yearly", "2000-11-01T00:00:00", 24 * h, byMonth=[11], byDay=[(3, 4)]), "all"),
        ("last Friday of every month, 12:00-13:00",
         spec_of("Monthly", "2005-01-01T12:00:00", 1 * h, byDay=[(4, -1)]), "all"),
        ("overnight 22:00-06:00 every day",
         spec_of("Daily", "2015-03-01T22:00:00", 8 * h), "all"),
        ("overnight 22:00-06:00 Mon-Fri nights",
         spec_of("Weekly", "2015-03-02T22:00:00", 8 * h, byDay=mo_fr), "all"),
        ("all-day Christmas",
         spec_of("Yearly", "1999-12-25T00:00:00", 24 * h), "all"),
        ("all-day Christmas and Boxing Day",
         spec_of("Yearly", "1999-12-25T00:00:00", 24 * h, byMonth=[12], byMonthDay=[25, 26]), "all"),
        ("daily 01:30-02:30 (inside the autumn overlap / spring gap in New York)",
         spec_of("Daily", "2020-01-01T01:30:00", 1 * h), "all"),
        ("daily 02:30-03:30 (spring gap: only 03:00-03:30 readable)",
         spec_of("Daily", "2020-01-01T02:30:00", 1 * h), "all"),
        ("daily 02:10-02:50 (entirely inside the spring gap in New York)",
         spec_of("Daily", "2020-01-01T02:10:00", 40 * 60), "all"),
        ("daily 00:00-03:00",
         spec_of("Daily", "2020-01-01T00:00:00", 3 * h), "all"),
        ("every 15 minutes, 5-minute windows",
         spec_of("Minutely", "2021-03-14T00:00:00", 300, interval=15), "dst"),
        ("every minute, 1-second windows",
         spec_of("Minutely", "2021-11-07T00:30:00", 1), "dst"),
        ("every 10 seconds, 3-second windows",
         spec_of("Secondly", "2021-03-14T01:50:00", 3, interval=10), "dst"),
        ("secondly during 01:xx only, 1-second windows every 7 s",
         spec_of("Secondly", "2021-11-07T00:59:00", 1, interval=7, byHour=[1]), "dst"),
        ("hourly at :00 and :30, 10-minute windows",
         spec_of("Hourly", "2021-03-01T00:00:00", 600, byMinute=[0, 30]), "dst"),
        ("count and until together (both bounds apply): weekly Tue, count 10, until 2021-02-01",
         spec_of("Weekly", "2020-12-01T10:00:00", 2 * h, byDay=[(1, 0)], count=10,
                 until=parse_civil("2021-02-01T00:00:00")), "fixed"),
        ("count and until together, count bites first",
         spec_of("Daily", "2021-01-01T10:00:00", 2 * h, count=5,
                 until=parse_civil("2021-02-01T00:00:00")), "fixed"),
        ("until at 00:00:00 cuts that day's 09:00 occurrence",
         spec_of("Daily", "2021-01-01T09:00:00", 8 * h, until=parse_civil("2021-01-10T00:00:00")), "fixed"),
        ("first and last weekday of the month (bySetPosition 1,-1)",
         spec_of("Monthly", "2010-01-01T08:00:00", 10 * h, byDay=mo_fr, bySetPosition=[1, -1]), "all"),
        ("Yearly week 1 Mondays (byWeekNo 1)",
         spec_of("Yearly", "2000-01-01T09:00:00", 8 * h, byWeekNo=[1], byDay=[(0, 0)]), "all"),
        ("Yearly week 53 (only in long ISO years)",
         spec_of("Yearly", "2000-01-01T00:00:00", 24 * h, byWeekNo=[53]), "all"),
        ("Yearly 5th Monday of February (leap years starting on Monday)",
         spec_of("Yearly", "2000-02-01T00:00:00", 24 * h, byMonth=[2], byDay=[(0, 5)]), "fixed2016"),
        ("Yearly day 366 (31 December of leap years)",
         spec_of("Yearly", "2000-01-01T00:00:00", 24 * h, byYearDay=[366]), "all"),
        ("Monthly 31st (skips short months)",
         spec_of("Monthly", "2000-01-31T09:00:00", 8 * h), "all"),
        ("Monthly -1 monthday (last day of every month)",
         spec_of("Monthly", "2000-01-01T18:00:00", 12 * h, byMonthDay=[-1]), "all"),
        ("Feb 29 yearly",
         spec_of("Yearly", "2000-02-29T00:00:00", 24 * h), "all"),
        ("every 2 weeks Mon/Wed, long window crossing days",
         spec_of("Weekly", "2019-12-30T20:00:00", 30 * h, interval=2, byDay=[(0, 0), (2, 0)]), "all"),
        ("one-off (frequency None) across the autumn overlap",
         spec_of("None", "2021-11-07T00:30:00", 2 * h), "fixedNY"),
        ("one-off (frequency None) inside the spring gap",
         spec_of("None", "2021-03-14T02:15:00", 30 * 60), "fixedNY"),
    ]
    return out


def hand_empty_sets():
    def spec_of(freq, start, **fields):
        s = empty_spec(freq)
        s["start"] = parse_civil(start)
        for key, value in fields.items():
            s[key] = value
        return s

    return [
        ("30 February", spec_of("Yearly", "2020-01-01T00:00:00", byMonth=[2], byMonthDay=[30])),
        ("31 April, monthly", spec_of("Monthly", "2020-01-01T09:00:00", byMonth=[4], byMonthDay=[31])),
        ("-30th of February", spec_of("Yearly", "2020-01-01T00:00:00", byMonth=[2], byMonthDay=[-30])),
        ("31st of short months, daily", spec_of("Daily", "2020-01-01T00:00:00", byMonth=[2, 4, 6, 9, 11], byMonthDay=[31])),
        ("every 2 hours from an even hour, byHour 1",
         spec_of("Hourly", "2020-01-01T00:00:00", interval=2, byHour=[1])),
        ("every 4 hours from 17:00, byHour 0 and 2",
         spec_of("Hourly", "2020-01-01T17:00:00", interval=4, byHour=[0, 2])),
        ("every 2 minutes from an even minute, byMinute 1 and 3",
         spec_of("Minutely", "2020-01-01T00:00:00", interval=2, byMinute=[1, 3])),
        ("every 120 minutes from 00:00, byHour 1",
         spec_of("Minutely", "2020-01-01T00:00:00", interval=120, byHour=[1])),
        ("every 7 days from a Monday, Tuesdays only",
         spec_of("Daily", "2020-01-06T08:00:00", interval=7, byDay=[(1, 0)])),
        ("week 53 in June", spec_of("Yearly", "2020-01-01T00:00:00", byWeekNo=[53], byMonth=[6])),
        ("day -366 in December", spec_of("Yearly", "2020-01-01T00:00:00", byYearDay=[-366], byMonth=[12])),
        ("5th set position of a 2-day week", spec_of("Weekly", "2020-01-06T00:00:00", byDay=[(0, 0), (1, 0)], bySetPosition=[5])),
        ("-3rd set position of 2 month days", spec_of("Monthly", "2020-01-01T00:00:00", byMonthDay=[1, 2], bySetPosition=[-3])),
        ("every 4 years from 2001, 29 February", spec_of("Yearly", "2001-02-01T00:00:00", interval=4, byMonth=[2], byMonthDay=[29])),
        ("6th Monday of a month", spec_of("Monthly", "2020-01-01T00:00:00", byDay=[(0, 6)])),
        ("dateutil intersects plain and ordinal byDay: Mondays that are first Fridays",
         spec_of("Monthly", "2020-01-01T00:00:00", byDay=[(0, 0), (4, 1)])),
    ]


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--rules", type=int, default=2000, help="random rules to emit")
    args = parser.parse_args()

    began = time.time()
    warnings.simplefilter("ignore")  # dateutil warns (DeprecationWarning) on count+until
    rng = random.Random(SEED)
    zones = {name: Zone(name) for name in ZONES}
    stats = Stats()
    rules, empty_sets = [], []

    def emit(kind, name, spec, zone_plan, civil_n, instant_n):
        occ, civil, instants = build_cases(rng, spec, zone_plan, civil_n, instant_n)
        if not occ:
            return False
        rules.append({
            "id": "%s%04d" % ("H" if kind == "hand" else "R", len(rules) + 1),
            "kind": kind, "name": name, "rrule": rfc_text(spec), "spec": spec_json(spec),
            "civil": civil, "instants": instants,
        })
        stats.add("civilCases", len(civil))
        stats.add("instantCases", sum(len(v) for v in instants.values()))
        return True

    # Hand-written scenarios: several zones and years each, more queries.
    for name, spec, plan in hand_rules():
        if plan == "all":
            zone_plan = []
            for zone_name in ZONES[:6]:
                zone = zones[zone_name]
                for _ in range(2):
                    year = rng.randint(FIRST_QUERY_YEAR, LAST_QUERY_YEAR)
                    inside = zone.transitions_between(civil_seconds(dt.datetime(year, 1, 1)),
                                                      civil_seconds(dt.datetime(year + 1, 1, 1)))
                    if inside:
                        epoch, before, _ = rng.choice(inside)
                        anchor = from_civil_seconds(epoch + before)
                    else:
                        anchor = dt.datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23))
                    if anchor < spec["start"]:
                        anchor = spec["start"] + DAY
                    zone_plan.append((zone, anchor))
        elif plan == "fixed2016":
            zone_plan = [(zones["America/New_York"], parse_civil("2016-02-20T00:00:00")),
                         (zones["Pacific/Chatham"], parse_civil("2016-02-29T12:00:00"))]
        elif plan == "fixedNY":
            zone_plan = [(zones["America/New_York"], spec["start"]), (zones["Europe/London"], spec["start"])]
        elif plan == "dst":
            zone_plan = [(zones["America/New_York"], spec["start"] + min(2 * HOUR, QUERY_SPAN[spec["frequency"]] / 2))]
        else:
            zone_plan = [(zones["America/New_York"], spec["start"] + 10 * DAY),
                         (zones["Australia/Sydney"], spec["start"] + 20 * DAY)]
        if not emit("hand", name, spec, zone_plan, 25, 25):
            raise SystemExit("hand-written rule has no occurrence: " + name)

    for name, spec in hand_empty_sets():
        proof = prove_empty(spec, HAND_PROOF_STEPS)
        if proof is None:
            raise SystemExit("hand-written empty set not proven empty: " + name)
        empty_sets.append({"id": "E%03d" % (len(empty_sets) + 1), "name": name, "rrule": rfc_text(spec),
                           "spec": spec_json(spec), "proof": proof})

    # Random rules.
    zone_names = ZONES
    random_emitted = 0
    attempts = 0
    last_report = time.time()
    while random_emitted < args.rules:
        attempts += 1
        zone = zones[weighted(rng, list(zip(zone_names, ZONE_WEIGHTS)))]
        spec, anchor = random_spec(rng, zone)
        freq = spec["frequency"]
        try:
            if freq != "None":
                to_dateutil(spec)
            horizon = anchor + QUERY_SPAN[freq] + LIMIT_SPAN[freq]
            base = occurrences(spec, horizon)
        except ValueError:
            base = None  # dateutil rejects it (at construction or while iterating)
        except OverflowError:
            stats.add("redrawnTooManyOccurrences")
            continue
        except BudgetExceeded:
            stats.add("skippedDateutilStepBudget")
            continue
        if not base:
            # No occurrence before the queries' horizon: list it as an empty set when
            # dateutil proves it never occurs, otherwise drop it (counted in the header).
            if stats.counts.get("randomEmptySets", 0) >= RANDOM_EMPTY_SETS:
                stats.add("skippedEmptyBeyondQuota")
                continue
            proof = prove_empty(spec, RANDOM_PROOF_STEPS)
            if proof is None:
                stats.add("skippedNoOccurrenceBeforeHorizonUnproven")
                continue
            stats.add("randomEmptySets")
            empty_sets.append({"id": "E%03d" % (len(empty_sets) + 1), "name": "random %s rule that never occurs" % freq,
                               "rrule": rfc_text(spec), "spec": spec_json(spec), "proof": proof})
            continue
        spec = with_bounds(rng, spec, base, anchor)
        zone_plan = [(zone, anchor)]
        if rng.random() < 0.25:  # the same civil windows read in a second zone
            other = zones[rng.choice(ZONES)]
            zone_plan.append((other, anchor + rng.uniform(-0.5, 0.5) * QUERY_SPAN[freq]))
        try:
            ok = emit("random", "random %s rule" % freq, spec, zone_plan, 12, 10)
        except (OverflowError, BudgetExceeded):
            stats.add("skippedDateutilStepBudget")
            continue
        if not ok:
            stats.add("skippedBoundsLeaveNothing")
            continue
        random_emitted += 1
        stats.add("randomRules" + freq)
        if time.time() - last_report > 15:
            last_report = time.time()
            print("  %d/%d random rules, %.0f s" % (random_emitted, args.rules, time.time() - began), file=sys.stderr)

    with open("/usr/share/zoneinfo/tzdata.zi") as f:
        tzdata_version = f.readline().split()[-1]
    header = {
        "description": "Differential vectors for package rrule computed with python-dateutil; see README.md.",
        "command": COMMAND,
        "dateutilVersion": dateutil.__version__,
        "pythonVersion": platform.python_version(),
        "pythonExecutable": sys.executable,
        "tzdataVersion": tzdata_version,
        "seed": SEED,
        "randomRules": args.rules,
        "rules": len(rules),
        "civilCases": stats.counts.get("civilCases", 0),
        "instantCases": stats.counts.get("instantCases", 0),
        "emptySets": len(empty_sets),
        "randomAttempts": attempts,
        "stats": dict(sorted(stats.counts.items())),
        "zones": {name: [[instant_text(e), before, after] for e, before, after in zones[name].transitions]
                  for name in ZONES},
    }
    with open(args.output, "w") as f:
        f.write('{"header":' + json.dumps(header, separators=(",", ":"), sort_keys=True) + ',\n"rules":[\n')
        f.write(",\n".join(json.dumps(r, separators=(",", ":")) for r in rules))
        f.write('\n],\n"emptySets":[\n')
        f.write(",\n".join(json.dumps(e, separators=(",", ":")) for e in empty_sets))
        f.write("\n]}\n")
    elapsed = time.time() - began
    print("ran: %s %s (dateutil %s, tzdata %s, seed %d)" % (sys.executable, " ".join(sys.argv), dateutil.__version__,
                                                           tzdata_version, SEED), file=sys.stderr)
    print("wrote %s: %d rules, %d civil + %d instant cases, %d empty sets in %.0f s" % (
        args.output, len(rules), header["civilCases"], header["instantCases"], len(empty_sets), elapsed), file=sys.stderr)
    print("stats: %s" % json.dumps(header["stats"]), file=sys.stderr)


if __name__ == "__main__":
    main()
