"""Reading one page of a long list without counting all of it (pages, API, benchmarks)."""

PAGE_SIZE = 25
# Counting every match of a common name at a million rows costs more than the page itself;
# past this many we say "more than".
COUNT_CAP = 10_000
MAX_PAGE = 10_000  # the last page a list reaches (web.views.common.page_number caps the same)


class WindowPage:
    """One page of rows without counting the whole result: it reads one row more than it
    shows to know whether a next page exists. Django's Paginator would COUNT(*) every match,
    which at a million people costs more than the page (the total is shown capped instead)."""

    def __init__(self, qs, number: int, size: int):
        # Page numbers come from query strings: past MAX_PAGE the offset would leave what SQLite (and
        # a bigint OFFSET) can take (?page=18446744073709551616 was a 500); nobody pages that far.
        number = max(1, min(number, MAX_PAGE))
        self.number = number
        offset = (number - 1) * size
        rows = list(qs[offset: offset + size + 1])
        self.object_list = rows[:size]
        self._has_next = len(rows) > size

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def capped_count(qs, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, capped): counts at most `cap` rows."""
    n = qs.order_by()[: cap + 1].count()
    return min(n, cap), n > cap
