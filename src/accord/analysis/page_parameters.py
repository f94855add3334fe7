"""The console's reading of a question's query: the question's own ``Parameters``, blank form fields left out."""

from typing import Any

from django.http import HttpRequest

from accord.analysis.parameters import ParameterError, Parameters


def asked(request: HttpRequest, parameters: Parameters) -> bool:
    """Whether the page was asked a question: some required parameter was given."""
    return any(request.GET.get(p.name, '').strip() for p in parameters if p.required)


def read_query(request: HttpRequest, parameters: Parameters, *, ignore: tuple[str, ...] = (),
               defaults: dict[str, str] | None = None) -> tuple[dict[str, Any] | None, list[str]]:
    """The typed values, or None and each problem as 'parameter: message' (as the API's 400 names them).

    A form sends its empty fields too (``at=``); they count as not given, so the question's default
    applies, as when the API is called without them.
    """
    query: dict[str, list[str]] = {}
    for name in request.GET:
        values = [value for value in request.GET.getlist(name) if value.strip()]
        if values:
            query[name] = values
    for name, value in (defaults or {}).items():
        query.setdefault(name, [value])
    try:
        return parameters.read(query, ignore=ignore), []
    except ParameterError as error:
        problems = []
        for name, messages in error.errors.items():
            flat = messages if isinstance(messages, list) else [m for ms in messages.values() for m in ms]
            problems.extend(f'{name}: {message}' for message in flat)
        return None, problems
