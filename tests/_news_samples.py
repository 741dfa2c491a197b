"""A news archive of one happening reported by several outlets in three languages (composed for tests).

Iran's and Russia's foreign ministers meet in Moscow: an Iranian agency reports it in
Persian the same day («امروز»), a second Persian agency prints the same article, an
Arab outlet reports it in Arabic the next day («أمس», after a wire dateline), and an
English wire gives the day. Beside them: the Russian minister's talks with China's on
the same day (another happening: the actors do not agree), a resolution's year, a
since-year and a birth year (no happening). Publication days are in metadata.csv.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _archive_samples import write_folder

MEETING_DAY = dt.date(2025, 8, 8)

TEXTS = {
    "irna_fa": (
        "دیدار عراقچی و لاوروف در مسکو\n"
        "مسکو - ایرنا - سید عباس عراقچی وزیر امور خارجه کشورمان امروز در مسکو با سرگئی لاوروف "
        "وزیر خارجه روسیه دیدار و درباره برنامه هسته‌ای و همکاری‌های منطقه‌ای گفتگو کرد.\n"
        "دو طرف بر اجرای قطعنامه ۲۲۳۱ سال ۲۰۱۵ شورای امنیت تأکید کردند.\n"
    ),
    "aljazeera_ar": (
        "لافروف يستقبل عراقجي في موسكو\n"
        "موسكو، 15 صفر 1447 (الموافق 9 أغسطس 2025) (الجزيرة) - التقى وزير الخارجية الروسي "
        "سيرغي لافروف أمس في موسكو نظيره الإيراني عباس عراقجي، وبحث الجانبان الملف النووي "
        "والتعاون الإقليمي.\n"
        "وتربط البلدين علاقات وثيقة منذ عام 2006.\n"
    ),
    "wire_en": (
        "Russia, Iran foreign ministers meet in Moscow\n"
        "MOSCOW (Wire) - Russian Foreign Minister Sergey Lavrov held talks with his Iranian "
        "counterpart Abbas Araghchi in Moscow on August 8, 2025, discussing the nuclear file "
        "and regional security.\n"
        "Lavrov, born in 1950, has led Russian diplomacy for two decades.\n"
    ),
    "wire2_en": (
        "Lavrov and Wang Yi hold talks\n"
        "Russian Foreign Minister Sergey Lavrov held talks by telephone with Chinese Foreign "
        "Minister Wang Yi on August 8, 2025.\n"
    ),
}
TEXTS["mehr_fa"] = TEXTS["irna_fa"]  # the same article, printed by a second agency
META = {
    "irna_fa": ("2025-08-08", "IRNA", "fa"),
    "mehr_fa": ("2025-08-08", "Mehr", "fa"),
    "aljazeera_ar": ("2025-08-09", "Al Jazeera", "ar"),
    "wire_en": ("2025-08-08", "Wire", "en"),
    "wire2_en": ("2025-08-08", "Wire", "en"),
}


def as_folder(root: Path) -> Path:
    meta = {
        name: {"published": day, "url": f"https://example.org/{name}", "outlet": outlet, "language": lang}
        for name, (day, outlet, lang) in META.items()
    }
    return write_folder(root, TEXTS, meta)
