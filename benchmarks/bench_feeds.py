"""Feed writing: mctimeline.feeds against a plain icalendar loop over the same events.

    python benchmarks/bench_feeds.py [--smoke] [--docs N]

The timeline is built once from N synthetic documents (synth.py) by the real
pipeline; then both writers produce the same feeds (mctimeline's feed specs, the same
events in each). The peer writes each event with only UID, DTSTAMP, DTSTART, DTEND
and SUMMARY; ours adds the three-calendar description, categories, location and the
text hygiene of mctimeline.feeds. Figures are VEVENTs written per second.

The second peer is what stays icalendar's work whatever we do while it is the writer
(issue 17): `Component.content_line(...).to_ical()` of each distinct VEVENT's SUMMARY
and DESCRIPTION (one per event and language; their text made beforehand), the two
lines no other VEVENT shares. Ours writes every line through the same call (lines
that VEVENTs share once), so this ratio is how close the feeds come to icalendar's own
cost. Each round of ours starts with the feeds' caches empty, as a build does.
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

    writer = icalendar.Event()
    texts = [
        (
            icalendar.vText(feeds.summary(event, language)),
            icalendar.vText(feeds.description(event, timeline, language)),
        )
        for event in timeline.events
        for language in dict.fromkeys(spec.language for spec in specs if spec.selects(event))
    ]

    def own_lines() -> list[bytes]:
        return [
            writer.content_line(name, value).to_ical()
            for summary, description in texts
            for name, value in (("SUMMARY", summary), ("DESCRIPTION", description))
        ]

    def cold_feeds() -> dict[feeds.FeedSpec, bytes]:
        _clear_caches(feeds)
        return feeds.feed_files(timeline, workers=1)

    repeat = 2 if args.smoke else 3
    seconds = _bench.best_seconds(cold_feeds, repeat=repeat, min_time=0)
    floor = _bench.best_seconds(own_lines, repeat=repeat, min_time=0)
    ours = written / seconds
    peer = written / _bench.best_seconds(plain, repeat=repeat, min_time=0)
    size = sum(len(b) for b in feeds.feed_files(timeline).values())
    rows = [
        _bench.Row("feeds.feed_files", ours, "VEVENTs/s", "plain icalendar loop", peer),
        _bench.Row("feeds.feed_files", ours, "VEVENTs/s", "icalendar: 2 own lines", written / floor),
    ]
    notes = [
        f"{docs} synthetic documents → {len(timeline.events):,} events, {len(specs)} feeds, "
        f"{written:,} VEVENTs in feeds, {len(texts):,} distinct (an event in a language), "
        f"{size:,} bytes; best of {repeat}, one process",
        "no target in issue 7: the first ratio shows what the richer VEVENTs cost over the bare minimum",
        f"a distinct VEVENT: ours {seconds / len(texts) * 1e6:.0f} µs, of which icalendar's two own lines "
        f"{floor / len(texts) * 1e6:.0f} µs; a document: ours {seconds / docs * 1e3:.2f} ms, "
        f"icalendar's lines {floor / docs * 1e3:.2f} ms (issue 17's whole build: 6 ms a document on 2 cores)",
    ]
    _bench.print_table("Feeds: mctimeline.feeds vs plain icalendar", rows, notes)
    return 0


def _clear_caches(package: object) -> None:
    """Empty the lru caches of the feeds' modules: a build starts with them empty."""
    for module in (package.dates, package.vevents):  # type: ignore[attr-defined]
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


if __name__ == "__main__":
    sys.exit(main())
