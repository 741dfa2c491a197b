"""tag() pauses the cyclic garbage collector for the call and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from mctimeline.tagger import tag

TEXT = "از ۲۷ تا ۲۹ مه ۲۰۲۵ (۶ تا ۸ خرداد ۱۴۰۴) و في 24 يونيو 2024، today"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        tag(TEXT)
        assert gc.isenabled() is enabled
        tag(12345)  # type: ignore[arg-type]  # not a str: no mentions, the collector untouched
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_is_resumed_when_tagging_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import mctimeline.tagger as tagger

    def boom(*args: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(tagger, "_tag", boom)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        tagger.tag(TEXT)
    assert gc.isenabled()


def test_tagging_makes_no_reference_cycles() -> None:
    # what makes pausing the collector safe: nothing tagging leaves behind needs it
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            tag(TEXT)
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
