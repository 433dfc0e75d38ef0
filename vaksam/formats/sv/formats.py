"""Swedish dates: long form in text, cards and headings; ISO 8601 in tables, exports and logs.

Use these by name (`|date:"SHORT_DATE_FORMAT"`, `date_format(value, "DATETIME_FORMAT")`), never
an ad-hoc pattern: en/formats.py defines the same names, so a page reads right in both languages.
A name Django does not know (WEEKDAY_DATE_FORMAT) must be defined in every language's module.
Months are written out and in lower case ("27 maj 2026"): never "M" ("Maj", "Nov").
"""

# The *_FORMAT strings use Django's date format syntax.
DATE_FORMAT = "j F Y"  # 30 november 2026
# Språkrådet (Svenska skrivregler) recommends a full stop between hours and minutes in text,
# "kl. 14.05"; the colon is accepted, and kept for the numeric ISO forms below (14:05).
TIME_FORMAT = "H.i"  # 14.05
DATETIME_FORMAT = r"j F Y \k\l. H.i"  # 30 november 2026 kl. 14.05
YEAR_MONTH_FORMAT = "F Y"  # november 2026
MONTH_DAY_FORMAT = "j F"  # 30 november
# Where the weekday matters (course sessions): "tisdag 12 januari 2027".
WEEKDAY_DATE_FORMAT = "l j F Y"
SHORT_DATE_FORMAT = "Y-m-d"  # 2026-11-30: table cells, exports, logs
SHORT_DATETIME_FORMAT = "Y-m-d H:i"  # 2026-11-30 14:05
SHORT_DATETIME_SECONDS_FORMAT = "Y-m-d H:i:s"  # heartbeats, where the seconds count
FIRST_DAY_OF_WEEK = 1  # Monday

# The *_INPUT_FORMATS strings use Python's strptime syntax; ISO first, as date inputs send it.
# Django's Swedish module also accepts the American 10/25/2006, which no Swede means: dropped.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-11-30
    "%d/%m/%Y",  # 30/11/2026
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # 2026-11-30 14:05:59
    "%Y-%m-%d %H:%M:%S.%f",  # 2026-11-30 14:05:59.000200
    "%Y-%m-%d %H:%M",  # 2026-11-30 14:05
    "%Y-%m-%d %H.%M",  # 2026-11-30 14.05
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # 14:05:59
    "%H:%M:%S.%f",  # 14:05:59.000200
    "%H:%M",  # 14:05
    "%H.%M",  # 14.05, as TIME_FORMAT shows it
]
