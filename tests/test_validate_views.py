"""view_problems() on a plot whose dense rows are drawn as counts (plot.ROW_MAX_MARKS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mctimeline.validate import view_problems

EVENTS = [{"event_id": f"ev-{i}", "start_date": "2024-01-01"} for i in range(5)]
RESOURCES = [{"name": "plot", "path": "timeline.svg"}]


def _mark(event_id: str) -> str:
    return f'<rect class="event" data-event="{event_id}" x="1" y="1"><title>t</title></rect>'


def _count(n: int) -> str:
    return f'<rect class="count" data-events="{n}" x="1" y="1"><title>t</title></rect>'


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ([_mark("ev-0"), _mark("ev-1"), _count(2), _count(1)], True),  # 2 marked + 3 counted = 5
        ([_count(5)], True),
        ([_mark("ev-0"), _count(3)], False),  # one event neither marked nor counted
        ([_mark("ev-0"), _mark("ev-0"), _count(3)], False),  # marked twice
        ([_mark("ev-9"), _count(4)], False),  # not an event of events.csv
        ([_mark("ev-0"), _count(5)], False),  # counted too many
    ],
)
def test_a_plot_of_marks_and_counts_shows_each_event_once(
    tmp_path: Path, body: list[str], valid: bool
) -> None:
    (tmp_path / "timeline.svg").write_text("<svg>\n" + "\n".join(body) + "\n</svg>\n", encoding="utf-8")
    problems = view_problems(tmp_path, RESOURCES, EVENTS)
    assert (problems == []) is valid, problems
    assert all(p.startswith(f"{tmp_path / 'timeline.svg'}: marks ") for p in problems)


def test_a_plot_of_marks_only_must_mark_every_event(tmp_path: Path) -> None:
    body = "".join(_mark(f"ev-{i}") for i in range(4))
    (tmp_path / "timeline.svg").write_text(f"<svg>{body}</svg>", encoding="utf-8")
    assert view_problems(tmp_path, RESOURCES, EVENTS) == [
        f"{tmp_path / 'timeline.svg'}: shows 4 events, events.csv has 5 (1 missing, 0 unknown): "
        "rebuild the package"
    ]
