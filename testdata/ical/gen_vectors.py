#!/usr/bin/python3
"""Independent expansion of the test feeds, for package ical's import tests.

Run with Debian's own interpreter (python3-icalendar 4.0.3, python3-dateutil
2.8, python3-tz):

    /usr/bin/python3 testdata/ical/gen_vectors.py

For every feed in FEEDS it writes <feed>.json: for each event UID, the spans ("start/end")
[start, end) in UTC during which the event is on within the window, merged.
The reading is icalendar's own: DTSTART/DTEND/DURATION as icalendar parses
them (TZID through pytz, its Windows table, or the feed's VTIMEZONE via
Timezone.to_tz), the recurrence by dateutil's rrule on the event's local
wall clock, EXDATE and RECURRENCE-ID removing occurrences, RDATE and
overrides adding them. DATE values and floating times are read on the
schedule's zone (the feed's "zone" below), as the importer does. A DTSTART
the RRULE does not produce is no occurrence (dateutil's reading).

It also parses export_sample.ics (written by `go test ./ical -run
TestExportSample -update`) with icalendar and writes export_sample.json: each
event's SUMMARY, UID and DTSTART/DTEND in UTC, through the VTIMEZONE the
exporter generated, so the Go test can check that an independent reader sees
the same intervals; the exporter's VTIMEZONE, read by icalendar's
Timezone.to_tz, must agree with pytz on every DTSTART and DTEND.
"""

import datetime as dt
import json
import os
import sys

import dateutil.rrule
import icalendar
import pytz

HERE = os.path.dirname(os.path.abspath(__file__))

# Each feed: the zone of the schedule the rules are for, and the window.
FEEDS = {
    "holidays_us.ics": {"zone": "America/Chicago", "from": "2026-01-01T06:00:00Z", "to": "2028-01-01T06:00:00Z"},
    "outlook_berlin.ics": {"zone": "Europe/Berlin", "from": "2026-01-01T00:00:00Z", "to": "2027-06-01T00:00:00Z"},
    "google_newyork.ics": {"zone": "America/New_York", "from": "2026-01-01T05:00:00Z", "to": "2028-01-01T05:00:00Z"},
    "rrule_shapes.ics": {"zone": "Europe/London", "from": "2026-01-01T00:00:00Z", "to": "2028-01-01T00:00:00Z"},
}


def utc(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=pytz.utc)


def on_clock(value, zone):
    """A DATE, floating or aware DATE-TIME as an aware datetime."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return zone.localize(value)
        return value
    return zone.localize(dt.datetime(value.year, value.month, value.day))


def local_naive(value, tzinfo, zone):
    """value on the event's wall clock (tzinfo None: the schedule's), naive."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value
        target = tzinfo if tzinfo is not None else zone
        return value.astimezone(target).replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def localize(naive, tzinfo, zone):
    target = tzinfo if tzinfo is not None else zone
    if hasattr(target, "localize"):
        return target.normalize(target.localize(naive))
    return naive.replace(tzinfo=target)


def event_span(event, zone):
    start = event["DTSTART"].dt
    if "DTEND" in event:
        end = event["DTEND"].dt
    elif "DURATION" in event:
        end = start + event["DURATION"].dt
    elif isinstance(start, dt.datetime):
        end = start
    else:
        end = start + dt.timedelta(days=1)
    return start, end


def values(prop):
    if prop is None:
        return []
    props = prop if isinstance(prop, list) else [prop]
    out = []
    for p in props:
        out.extend(d.dt for d in p.dts)
    return out


def expand(master, overrides, zone, window):
    """The [start, end) spans (aware) of one event's occurrences."""
    start, end = event_span(master, zone)
    tzinfo = start.tzinfo if isinstance(start, dt.datetime) else None
    naive_start = local_naive(start, tzinfo, zone)
    length = local_naive(end, tzinfo, zone) - naive_start
    starts = []
    if "RRULE" in master:
        rule = master["RRULE"]
        parts = dict(rule)
        text = rule.to_ical().decode()
        until = None
        if "UNTIL" in parts:
            u = parts["UNTIL"][0]
            until = local_naive(u, tzinfo, zone)
            if not isinstance(u, dt.datetime):
                until = until + dt.timedelta(days=1) - dt.timedelta(seconds=1)
            text = ";".join(p for p in text.split(";") if not p.startswith("UNTIL="))
        recur = dateutil.rrule.rrulestr(text, dtstart=naive_start)
        limit = local_naive(window[1], tzinfo, zone) + dt.timedelta(days=2)
        for occurrence in recur:
            if occurrence > limit or (until is not None and occurrence > until):
                break
            starts.append(occurrence)
    else:
        starts.append(naive_start)
    for rdate in values(master.get("RDATE")):
        starts.append(local_naive(rdate, tzinfo, zone))
    removed = set(local_naive(x, tzinfo, zone) for x in values(master.get("EXDATE")))
    spans = []
    for override in overrides:
        removed.add(local_naive(override["RECURRENCE-ID"].dt, tzinfo, zone))
        if str(override.get("STATUS", "")).upper() == "CANCELLED":
            continue
        o_start, o_end = event_span(override, zone)
        spans.append((on_clock(o_start, zone), on_clock(o_end, zone)))
    for s in starts:
        if s in removed:
            continue
        spans.append((localize(s, tzinfo, zone), localize(s + length, tzinfo, zone)))
    return spans


def busy(path, zone_name, window):
    zone = pytz.timezone(zone_name)
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    masters, overrides, order = {}, {}, []
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        if uid not in order:
            order.append(uid)
        if "RECURRENCE-ID" in event:
            overrides.setdefault(uid, []).append(event)
        else:
            masters[uid] = event
    out = {}
    for uid in order:
        if uid not in masters:
            continue
        master = masters[uid]
        if str(master.get("STATUS", "")).upper() == "CANCELLED":
            out[uid] = []
            continue
        spans = expand(master, overrides.get(uid, []), zone, window)
        clipped = []
        for a, b in spans:
            a, b = max(a, window[0]), min(b, window[1])
            if a < b:
                clipped.append((a.astimezone(pytz.utc), b.astimezone(pytz.utc)))
        clipped.sort()
        merged = []
        for a, b in clipped:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        out[uid] = [a.strftime("%Y-%m-%dT%H:%M:%SZ") + "/" + b.strftime("%Y-%m-%dT%H:%M:%SZ") for a, b in merged]
    return out


def export_sample():
    path = os.path.join(HERE, "export_sample.ics")
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    # The exporter's own VTIMEZONE, read by icalendar (Timezone.to_tz),
    # must place every event where pytz's copy of the zone does.
    own = {str(tz["TZID"]): tz.to_tz() for tz in cal.walk("VTIMEZONE")}
    events = []
    for event in cal.walk("VEVENT"):
        start = event["DTSTART"].dt
        end = event["DTEND"].dt
        if not isinstance(start, dt.datetime) or start.tzinfo is None:
            sys.exit("export_sample.ics: DTSTART without zone: %r" % (start,))
        for prop in ("DTSTART", "DTEND"):
            value = event[prop]
            tzid = value.params.get("TZID")
            if tzid is None:
                continue
            naive = value.dt.replace(tzinfo=None)
            if own[tzid].localize(naive) != value.dt:
                sys.exit("export_sample.ics: the VTIMEZONE reads %s %s as %s, pytz as %s" % (
                    prop, naive, own[tzid].localize(naive), value.dt))
        events.append({
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event.get("DESCRIPTION", "")),
            "start": start.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end": end.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        })
    return {"generator": "python3-icalendar %s" % icalendar.__version__, "events": events}


def main():
    for name, spec in sorted(FEEDS.items()):
        window = (utc(spec["from"]), utc(spec["to"]))
        vectors = {
            "generator": "python3-icalendar %s, python3-dateutil %s" % (icalendar.__version__, dateutil.__version__),
            "feed": name,
            "zone": spec["zone"],
            "from": spec["from"],
            "to": spec["to"],
            "busy": busy(os.path.join(HERE, name), spec["zone"], window),
        }
        with open(os.path.join(HERE, name.replace(".ics", ".json")), "w") as f:
            json.dump(vectors, f, indent=1, sort_keys=True)
            f.write("\n")
    sample = export_sample()
    if sample is not None:
        with open(os.path.join(HERE, "export_sample.json"), "w") as f:
            json.dump(sample, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
