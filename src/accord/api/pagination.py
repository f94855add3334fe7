"""Pagination of every list: limit/offset with a total count (see accord.api.views for why)."""

from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """``?limit=&offset=``, 50 by default, at most 1000 a page."""

    max_limit = 1000
