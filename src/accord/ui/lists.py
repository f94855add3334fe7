"""The list page of any kind: the API's filterset as a form, search, sortable columns, pages, CSV.

A kind declares its page with a subclass of ``ObjectListView``: the model, the queryset (with the
``select_related`` and ``prefetch_related`` its columns need, so that a page runs a constant number
of queries whatever its size), the filterset class its API endpoint uses and its columns. What the
reader sees is ``restrict(user, 'view')``, exactly as the API lists it.
"""

import csv
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.views import View

from accord.core.querysets import may_add
from accord.ui.routes import has_forms, route_of
from accord.ui.values import Visibility, cell, plain_text, referenced

PAGE_SIZES = (25, 50, 100, 250, 500)
DEFAULT_PAGE_SIZE = 50
CSV_CHUNK = 2000


@dataclass(frozen=True)
class Column:
    """One column: its heading, the attribute path it shows, and the ordering it sorts by (if any).

    ``accessor`` is a dotted path (``provider``, ``relationship.consumer``); a to-many manager on the
    way shows every related object (read from the queryset's prefetch). ``kind`` formats the value:
    ``money`` reads the currency from ``currency_from`` on the row.
    """

    title: str
    accessor: str
    sort: str | None = None
    kind: str = ''
    currency_from: str = 'currency'


class Echo:
    """A file-like object whose ``write`` returns the line, for streaming the CSV."""

    def write(self, value: str) -> str:
        return value


class ObjectListView(LoginRequiredMixin, View):
    login_url = reverse_lazy('ui:login')
    model: type[models.Model]
    queryset: models.QuerySet
    filterset_class: Any
    columns: tuple[Column, ...] = ()
    search_fields: tuple[str, ...] = ('name', 'title')
    default_sort: str = 'name'
    template_name = 'ui/list.html'

    def base_queryset(self, request: HttpRequest) -> models.QuerySet:
        return self.queryset.all().restrict(request.user, 'view')

    def sorts(self) -> dict[str, str]:
        return {column.sort: column.sort for column in self.columns if column.sort}

    def filtered(self, request: HttpRequest) -> tuple[models.QuerySet, Any, str, str]:
        """The rows the reader asked for: filtered, searched and sorted; with the filterset and search."""
        data = request.GET.copy()
        for key in ('q', 'sort', 'page', 'per_page', 'export'):
            data.pop(key, None)
        filterset = self.filterset_class(data, queryset=self.base_queryset(request), request=request)
        queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        search = request.GET.get('q', '').strip().replace('\x00', '')
        if search:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f'{field}__icontains': search})
            queryset = queryset.filter(condition)
        sort = request.GET.get('sort', self.default_sort)
        if sort.removeprefix('-') not in self.sorts():
            sort = self.default_sort
        queryset = queryset.order_by(sort, 'pk') if sort else queryset.order_by('pk')
        return queryset, filterset, search, sort

    def get(self, request: HttpRequest) -> HttpResponse:
        queryset, filterset, search, sort = self.filtered(request)
        if request.GET.get('export') == 'csv':
            return self.csv(queryset, request.user)
        try:
            per_page = int(request.GET.get('per_page', DEFAULT_PAGE_SIZE))
        except ValueError:
            per_page = DEFAULT_PAGE_SIZE
        per_page = per_page if per_page in PAGE_SIZES else DEFAULT_PAGE_SIZE
        page = Paginator(queryset, per_page).get_page(request.GET.get('page'))
        objects = list(page.object_list)
        visibility = Visibility(request.user).load(referenced(objects, self.columns))
        rows = [[cell(row, column, visibility) for column in self.columns] for row in objects]
        context = {
            'model': self.model, 'verbose_name_plural': self.model._meta.verbose_name_plural,
            'title': str(self.model._meta.verbose_name_plural).capitalize(),
            'columns': self.columns, 'rows': list(zip(objects, rows, strict=True)), 'page': page,
            'filterset': filterset, 'filter_fields': self.filter_fields(filterset), 'search': search,
            'filtering': sum(1 for field in self.filter_fields(filterset) if field.value() not in (None, '')),
            'sort': sort, 'per_page': per_page, 'page_sizes': PAGE_SIZES,
            'new_url': self.new_url(request.user),
            'query': self.query_without(request, 'page'), 'sort_query': self.query_without(request, 'sort', 'page'),
        }
        return TemplateResponse(request, self.template_name, context)

    def new_url(self, user: Any) -> str | None:
        """The New button, only for a reader who may add an object of the kind."""
        route = route_of(self.model)
        return reverse(f'ui:{route}-new') if has_forms(route) and may_add(user, self.model) else None

    @staticmethod
    def filter_fields(filterset: Any) -> list:
        """The form's fields a person fills in, labelled in words: the references by name, not by id."""
        fields = [field for field in filterset.form if field.name != 'id' and not field.name.endswith('_id')]
        for field in fields:
            field.label = str(field.label).replace('_', ' ').replace(' (name)', '').capitalize()
        return fields

    @staticmethod
    def query_without(request: HttpRequest, *keys: str) -> str:
        query = request.GET.copy()
        for key in keys:
            query.pop(key, None)
        return query.urlencode()

    def csv(self, queryset: models.QuerySet, user: Any) -> StreamingHttpResponse:
        """Every filtered row as CSV, read in chunks (each chunk with its prefetches and one visibility check)."""
        writer = csv.writer(Echo())

        def lines():
            yield writer.writerow(['name', *(column.title for column in self.columns)])
            chunk: list[models.Model] = []
            for row in queryset.iterator(chunk_size=CSV_CHUNK):
                chunk.append(row)
                if len(chunk) == CSV_CHUNK:
                    yield from self.csv_rows(chunk, user, writer)
                    chunk = []
            yield from self.csv_rows(chunk, user, writer)

        response = StreamingHttpResponse(lines(), content_type='text/csv; charset=utf-8')
        filename = self.model._meta.verbose_name_plural.replace(' ', '-')
        response['Content-Disposition'] = f'attachment; filename="{filename}.csv"'
        return response

    def csv_rows(self, rows: list[models.Model], user: Any, writer: Any):
        visibility = Visibility(user).load(referenced(rows, self.columns))
        for row in rows:
            yield writer.writerow([row.name, *(plain_text(row, column, visibility) for column in self.columns)])
