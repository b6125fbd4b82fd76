#!/usr/bin/python3
"""Re-checks the expected lists in rrule/rfc_test.go against python-dateutil.

    /usr/bin/python3 testdata/rrule/check_tables.py rrule/rfc_test.go

The Go tables hold expected values ported from RFC 5545 section 3.8.5.3 and from
python-dateutil's test_rrule.py. This script parses each row (name, DTSTART, RRULE, expected
occurrences, total) and compares it with what Debian's python3-dateutil generates for the
same rule with WKST=MO, so a porting mistake cannot hide in the tables. Rows of the rejected
table with code "empty-set" are checked to yield nothing. Exit status 1 on any difference.
"""

import itertools
import re
import sys
import warnings

from dateutil.rrule import rrulestr

ROW = re.compile(r'\{"([^"]*)",\s*"(\d{8}T\d{6})",\s*"([^"]*)",\s*"([^"]*)",\s*(\d+)\}')
REJECTED = re.compile(r'\{"([^"]*)",\s*"(\d{8}T\d{6})",\s*"([^"]*)",\s*"([a-z-]+)"\}')


def rule_of(start, text):
    return rrulestr("DTSTART:%s\nRRULE:%s;WKST=MO" % (start, text))


def fmt(values):
    return [v.strftime("%Y%m%dT%H%M%S") for v in values]


def contains_run(values, run):
    return any(values[i:i + len(run)] == run for i in range(len(values) - len(run) + 1))


def check_row(name, start, text, want, total):
    segments = [s.split() for s in want.split(" ... ")]
    head = segments[0]
    rule = rule_of(start, text)
    bounded = "COUNT=" in text or "UNTIL=" in text
    if not bounded:
        got = fmt(itertools.islice(rule, len(head)))
        return None if got == head else "first occurrences %s" % got
    got = fmt(rule)
    expected_total = total if len(segments) > 1 else len(head)
    if len(got) != expected_total:
        return "%d occurrences, want %d: %s" % (len(got), expected_total, got[:40])
    if got[:len(head)] != head:
        return "starts %s" % got[:len(head)]
    if len(segments) > 1:
        tail = segments[-1]
        if got[len(got) - len(tail):] != tail:
            return "ends %s" % got[len(got) - len(tail):]
        for middle in segments[1:-1]:
            if not contains_run(got, middle):
                return "lacks the run %s" % middle
    return None


def main():
    warnings.simplefilter("ignore")
    path = sys.argv[1] if len(sys.argv) > 1 else "rrule/rfc_test.go"
    source = open(path).read()
    source = re.sub(r'"\s*\+\s*\n\s*"', "", source)  # join Go string concatenations
    failures = rows = 0
    for name, start, text, want, total in ROW.findall(source):
        rows += 1
        problem = check_row(name, start, text, want, int(total))
        if problem:
            failures += 1
            print("MISMATCH %s: %s from %s: dateutil %s" % (name, text, start, problem))
    empties = 0
    for name, start, text, code in REJECTED.findall(source):
        if code != "empty-set":
            continue
        empties += 1
        if next(iter(rule_of(start, text)), None) is not None:
            failures += 1
            print("NOT EMPTY %s: %s" % (name, text))
    print("%d occurrence rows and %d empty-set rows checked, %d mismatches" % (rows, empties, failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
