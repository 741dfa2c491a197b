"""mctimeline: a timeline of dated events from Persian, Arabic and English news texts."""

__version__ = "0.1.0"
