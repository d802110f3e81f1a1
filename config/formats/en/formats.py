# English pages keep the Guatemalan number and short-date formats (16,407; 23/11/2026):
# the figures are the same documents. Only the long dates read in English word order.
from config.formats.es.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
