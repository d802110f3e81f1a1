"""Page-number pagination whose count stops at 10,000: a full COUNT(*) of a national list of
a million people costs more than the page itself (bench/README.md)."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

COUNT_CAP = 10_000


class CappedPagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=10_000)
        page_size: int = Field(50, ge=1, le=200)

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="Total de resultados, hasta 10,000.")
        count_capped: bool = Field(description="Verdadero si hay más de 10,000 resultados.")

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        offset = (pagination.page - 1) * pagination.page_size
        counted = queryset.order_by()[: COUNT_CAP + 1].count()
        return {
            "items": queryset[offset: offset + pagination.page_size],
            "count": min(counted, COUNT_CAP),
            "count_capped": counted > COUNT_CAP,
        }
