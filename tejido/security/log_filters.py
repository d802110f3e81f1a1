"""Keep personal data out of the logs (issue 8). Installed on the log handlers in settings, so it
sees every record that is actually written, whichever logger it came from.

Searches carry names in the query string, forms carry CUIs in POST bodies, and an exception's
message may quote a value: the query string is cut, the request object (which an e-mail
handler would dump with its POST data) is dropped, exception messages are reduced to their type
and a CUI-like number is masked wherever it appears. SQL with parameters is not logged."""

import logging
import re
import traceback

QUERY_STRING = re.compile(r"\?[^\s\"']*")
CUI_LIKE = re.compile(r"(?<!\d)\d{13}(?!\d)")


def scrub(text: str) -> str:
    return CUI_LIKE.sub("[CUI]", QUERY_STRING.sub("?[…]", text))


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.db.backends"):
            return False  # SQL parameters are names, CUIs, addresses
        record.msg = scrub(record.getMessage())
        record.args = None
        if hasattr(record, "request"):
            del record.request
        if record.exc_info and record.exc_info[1] is not None:
            exc_type, _exc, tb = record.exc_info
            # keep where it failed (file, line, function), not what the failing value was
            record.exc_text = "".join(traceback.format_tb(tb)) + f"{exc_type.__module__}.{exc_type.__qualname__}"
            record.exc_info = None
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
