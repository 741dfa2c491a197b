"""Which URLs given by an archive may become links in what mctimeline writes."""

from __future__ import annotations


def is_web_url(url: str) -> bool:
    """Whether a given URL may become a link: http or https only (never javascript:, data:, file:).

    Anything else stays text: an archive's metadata is not trusted to say where a
    reader's click should go.
    """
    scheme, sep, rest = url.strip().partition(":")
    return bool(sep) and scheme.lower() in ("http", "https") and rest.startswith("//") and len(rest) > 2
