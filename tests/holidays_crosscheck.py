"""Business days 2015-2035 by Python's `holidays` package, the outside
reference tests/holidays_crosscheck.rs compares docket's calendar with.

Prints JSON: for the U.S. federal calendar and each state named on the
command line, the days off (name by date) and, for every day of the span,
the business days counted from the first day (exclusive) to it (inclusive).
"""

import datetime
import json
import sys

import holidays

FIRST, LAST = 2015, 2035


def calendar(subdiv=None):
    years = range(FIRST, LAST + 1)
    days = holidays.US(subdiv=subdiv, years=years) if subdiv else holidays.US(years=years)
    start = datetime.date(FIRST, 1, 1)
    end = datetime.date(LAST, 12, 31)
    counts = []
    count = 0
    day = start
    while day <= end:
        if day != start and day.weekday() < 5 and day not in days:
            count += 1
        counts.append(count)
        day += datetime.timedelta(days=1)
    off = {d.isoformat(): name for d, name in sorted(days.items()) if FIRST <= d.year <= LAST}
    return {"off": off, "counts": counts}


def main():
    out = {"version": holidays.__version__, "federal": calendar()}
    out["states"] = {state: calendar(state) for state in sys.argv[1:]}
    json.dump(out, sys.stdout)


main()
