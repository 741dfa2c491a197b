"""Conversion speed: mctimeline's core, day by day and in bulk, against jdatetime and hijridate.

    python benchmarks/bench_convert.py [--smoke] [--days N] [--bulk-days N]

Days are drawn uniformly (seeded) from the Umm al-Qura table's range, 1924-2077, so
every calendar converts all of them. Figures are days per second (higher is better);
each ratio is to the peer measured in the same run.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

import _bench
import hijridate
import jdatetime
import numpy as np

from mctimeline import calendars
from mctimeline.calendars import CalendarDate


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--days", type=int, default=50_000, help="days for the scalar runs (default 50000)")
    p.add_argument("--bulk-days", type=int, default=1_000_000, help="days for the bulk runs (default 1e6)")
    args = p.parse_args(argv)
    n_scalar, n_bulk = (2_000, 20_000) if args.smoke else (args.days, args.bulk_days)
    repeat, min_time = (2, 0.02) if args.smoke else (5, 0.2)

    rng = random.Random(args.seed)
    lo, hi = (d.toordinal() for d in calendars.supported_range("hijri"))
    days = [dt.date.fromordinal(rng.randint(lo, hi)) for _ in range(n_scalar)]
    bulk = np.random.default_rng(args.seed).integers(lo, hi + 1, n_bulk, dtype=np.int64)
    jalali_dates = [calendars.from_gregorian(d, "jalali") for d in days]
    hijri_dates = [calendars.from_gregorian(d, "hijri") for d in days]
    jalali_bulk = calendars.to_calendar_bulk(bulk, "jalali")

    def per_second(fn: object, n: int) -> float:
        return n / _bench.best_seconds(fn, repeat=repeat, min_time=min_time)  # type: ignore[arg-type]

    # The peers.
    jd_to = per_second(lambda: [jdatetime.date.fromgregorian(date=d) for d in days], n_scalar)
    jd_from = per_second(
        lambda: [jdatetime.date(c.year, c.month, c.day).togregorian() for c in jalali_dates], n_scalar
    )
    hd_to = per_second(
        lambda: [hijridate.Gregorian(d.year, d.month, d.day).to_hijri() for d in days], n_scalar
    )
    hd_from = per_second(
        lambda: [hijridate.Hijri(c.year, c.month, c.day).to_gregorian() for c in hijri_dates], n_scalar
    )

    # Ours, one day at a time (the validated, range-checked public functions).
    core_to_j = per_second(lambda: [calendars.from_gregorian(d, "jalali") for d in days], n_scalar)
    core_to_h = per_second(lambda: [calendars.from_gregorian(d, "hijri") for d in days], n_scalar)
    core_from_j = per_second(lambda: [calendars.to_gregorian(c) for c in jalali_dates], n_scalar)
    core_from_h = per_second(lambda: [calendars.to_gregorian(c) for c in hijri_dates], n_scalar)

    # Ours, in bulk. The lazy tables are built once per process; that cost is shown on its own.
    calendars.bulk._month_table.cache_clear()
    start = time.perf_counter()
    for calendar in calendars.CALENDARS:
        calendars.bulk._month_table(calendar)
    tables = time.perf_counter() - start
    bulk_j = per_second(lambda: calendars.to_calendar_bulk(bulk, "jalali"), n_bulk)
    bulk_h = per_second(lambda: calendars.to_calendar_bulk(bulk, "hijri"), n_bulk)
    bulk_all = per_second(lambda: calendars.convert_bulk(bulk), n_bulk)
    bulk_from_j = per_second(lambda: calendars.from_calendar_bulk("jalali", *jalali_bulk), n_bulk)

    # Both paths must say the same thing about the days just timed.
    sample = [CalendarDate("jalali", *map(int, row)) for row in zip(*jalali_bulk, strict=True)][:2000]
    assert [calendars.to_gregorian(c).toordinal() for c in sample] == bulk[:2000].tolist()

    R = _bench.Row
    rows = [
        R("scalar core → Jalali", core_to_j, "days/s", "jdatetime.fromgregorian", jd_to),
        R("scalar core → Hijri", core_to_h, "days/s", "hijridate to_hijri", hd_to),
        R("scalar core Jalali →", core_from_j, "days/s", "jdatetime togregorian", jd_from),
        R("scalar core Hijri →", core_from_h, "days/s", "hijridate to_gregorian", hd_from),
        R("bulk core → Jalali", bulk_j, "days/s", "jdatetime.fromgregorian", jd_to, target=20),
        R("bulk core → Hijri", bulk_h, "days/s", "hijridate to_hijri", hd_to, target=20),
        R("bulk core → all three", bulk_all, "days/s", "jdatetime.fromgregorian", jd_to, target=20),
        R("bulk core Jalali →", bulk_from_j, "days/s", "jdatetime togregorian", jd_from, target=20),
        R(
            "bulk core → Jalali, ns/day",
            1e9 / bulk_j,
            "ns",
            "NumPy target",
            100.0,
            target=1,
            lower_is_better=True,
        ),
        R(
            "bulk core → all three, ns/day",
            1e9 / bulk_all,
            "ns",
            "NumPy target",
            100.0,
            target=1,
            lower_is_better=True,
        ),
    ]
    notes = [
        f"{n_scalar:,} scalar days, {n_bulk:,} bulk days, uniform over 1924-2077; best of {repeat}",
        f"the bulk tables (all three calendars) take {tables * 1e3:.0f} ms to build, once per process",
        "the scalar core validates and range-checks every call: its ratio to the bare libraries is below 1",
    ]
    _bench.print_table("Conversion: core vs jdatetime and hijridate", rows, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
