"""English dates with the same names as sv/formats.py: British order, 24-hour clock, ISO 8601.

Django's own English module writes "Nov. 30, 2026" and 11/30/2026; a Swedish municipality's
English pages keep the day first and the same numeric form as the Swedish ones.
"""

DATE_FORMAT = "j F Y"  # 30 November 2026
TIME_FORMAT = "H:i"  # 14:05
DATETIME_FORMAT = "j F Y, H:i"  # 30 November 2026, 14:05
YEAR_MONTH_FORMAT = "F Y"  # November 2026
MONTH_DAY_FORMAT = "j F"  # 30 November
WEEKDAY_DATE_FORMAT = "l j F Y"  # Tuesday 12 January 2027
SHORT_DATE_FORMAT = "Y-m-d"  # 2026-11-30
SHORT_DATETIME_FORMAT = "Y-m-d H:i"  # 2026-11-30 14:05
SHORT_DATETIME_SECONDS_FORMAT = "Y-m-d H:i:s"
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO first (date inputs send it), then the British day-first forms; never the American m/d/Y.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-11-30
    "%d/%m/%Y",  # 30/11/2026
    "%d %B %Y",  # 30 November 2026
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # 2026-11-30 14:05:59
    "%Y-%m-%d %H:%M:%S.%f",  # 2026-11-30 14:05:59.000200
    "%Y-%m-%d %H:%M",  # 2026-11-30 14:05
]
