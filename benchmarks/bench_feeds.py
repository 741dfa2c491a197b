"""Feed writing: mctimeline.feeds against a plain icalendar loop over the same events.

    python benchmarks/bench_feeds.py [--smoke] [--docs N]

The timeline is built once from N synthetic documents (synth.py) by the real
pipeline; then both writers produce the same feeds (mctimeline's feed specs, the same
events in each). The peer writes each event with only UID, DTSTAMP, DTSTART, DTEND
and SUMMARY; ours adds the three-calendar description, categories, location and the
text hygiene of mctimeline.feeds. Figures are VEVENTs written per second.
"""

from __future__ import annotations

import datetime as dt
import sys

import _bench
import icalendar
import synth


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=100, help="synthetic documents (default 100)")
    args = p.parse_args(argv)
    docs = 10 if args.smoke else args.docs
    try:
        from mctimeline import builder, feeds, seeds
    except ImportError as exc:
        print(
            f"bench_feeds: mctimeline.feeds or mctimeline.builder is not importable ({exc}); nothing measured"
        )
        return 0

    texts = [
        seeds.SeedText(d.name, f"synthetic/{d.name}", d.text.encode("utf-8"), d.text)
        for d in synth.generate(docs, args.seed)
    ]
    timeline = builder.make_timeline(texts)
    specs = feeds.feed_specs(timeline)
    written = sum(1 for spec in specs for event in timeline.events if spec.selects(event))
    stamp = feeds.feed_stamp(timeline)

    def plain() -> list[bytes]:
        out = []
        for spec in specs:
            cal = icalendar.Calendar()
            cal.add("prodid", "-//bench//plain//EN")
            cal.add("version", "2.0")
            for event in timeline.events:
                if not spec.selects(event):
                    continue
                ve = icalendar.Event()
                ve.add("uid", f"{event.event_id}@bench")
                ve.add("dtstamp", stamp)
                ve.add("dtstart", dt.date.fromisoformat(event.start_date))
                ve.add("dtend", dt.date.fromisoformat(event.end_date) + dt.timedelta(days=1))
                ve.add("summary", event.title)
                cal.add_component(ve)
            out.append(cal.to_ical())
        return out

    repeat = 2 if args.smoke else 3
    ours = written / _bench.best_seconds(lambda: feeds.feed_files(timeline), repeat=repeat, min_time=0)
    peer = written / _bench.best_seconds(plain, repeat=repeat, min_time=0)
    size = sum(len(b) for b in feeds.feed_files(timeline).values())
    rows = [_bench.Row("feeds.feed_files", ours, "VEVENTs/s", "plain icalendar loop", peer)]
    notes = [
        f"{docs} synthetic documents → {len(timeline.events):,} events, {len(specs)} feeds, "
        f"{written:,} VEVENTs, {size:,} bytes; best of {repeat}",
        "no target in issue 7: the ratio shows what the richer VEVENTs cost over the bare minimum",
    ]
    _bench.print_table("Feeds: mctimeline.feeds vs plain icalendar", rows, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
