"""Reading a question's parameters from text: one reading for the CLI, the API and the web console.

A question (``accord impact``, ``/api/v1/questions/impact/``, the console's ``/questions/impact/``)
declares its parameters beside its analysis, as a ``Parameters`` of ``Parameter``; every caller
reads text through them, so a value one refuses, all refuse with the same message.

- ``Parameters.read(query)`` reads a whole query: a mapping of parameter name to its text, or to
  a list of texts for a repeated parameter (a ``QueryDict`` turned into ``{name: getlist(name)}``
  fits). It answers the typed values by name, or raises ``ParameterError`` naming every parameter
  at fault at once: missing, unknown, blank or malformed.
- ``Parameter.read_one(text)`` reads one value as a command-line option does (``--at``,
  ``--fact``, ``--quantity``): the CLI wraps it into an ``argparse`` type.

Nothing here knows a web framework or ``argparse``; the callers translate ``ParameterError``
into their own shape (the API's 400 ``{"PARAMETER": [...]}``, a usage error, a form's field errors).
"""

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from accord.relationships.periods import PERIOD_PATTERN, parse_period

REQUIRED = 'This field is required.'
BLANK = 'This field may not be blank.'
NUL = 'Null characters are not allowed.'  # PostgreSQL refuses NUL in text: looked up, it would be a 500


class ParameterError(ValueError):
    """Parameters refused: messages by the parameter at fault.

    ``errors`` maps a parameter's name to its messages, or, for a problem with one value of a
    repeated parameter, to messages by the value's position (``{'fact': {1: [...]}}``).
    """

    def __init__(self, errors: Mapping[str, list[str] | dict[int, list[str]]]):
        self.errors = dict(errors)
        super().__init__(self.message)

    @classmethod
    def one(cls, parameter: str, message: str) -> 'ParameterError':
        return cls({parameter: [message]})

    @property
    def parameter(self) -> str:
        """The first parameter at fault."""
        return next(iter(self.errors))

    @property
    def message(self) -> str:
        """The first message, as a command line shows it."""
        messages = self.errors[self.parameter]
        first = messages[0] if isinstance(messages, list) else next(iter(messages.values()))[0]
        return first


def text(value: str) -> str:
    """The text as it is: a name, looked up by the caller."""
    return value


@dataclasses.dataclass(frozen=True)
class Parameter:
    """One parameter: its name, how one value of it is read, and what the API documents of it.

    ``parse`` reads one value's text and raises ``ValueError`` (its text the message) or Django's
    ``ValidationError`` on a bad one; ``combine`` reads the parsed values of a repeated parameter
    together (facts given twice). ``schema`` is the OpenAPI schema of one value, for the API's docs.
    """

    name: str
    help: str
    parse: Callable[[str], Any] = text
    required: bool = False
    repeated: bool = False
    default: Callable[[], Any] | None = None
    blank: bool = False
    trim: bool = True
    combine: Callable[[list[Any]], Any] | None = None
    schema: Mapping[str, Any] = dataclasses.field(default_factory=lambda: {'type': 'string'})

    def read_one(self, value: str) -> Any:
        """One value read; a bad one raises ``ParameterError`` naming this parameter."""
        return self._parse(self._text(value))

    def read(self, given: str | Sequence[str]) -> Any:
        """The value from what a query gave: the last text for a single parameter, every text for a repeated one.

        A repeated parameter's values are checked as text first, problems by position; then each
        is parsed and all are combined, the first problem naming the parameter.
        """
        values = [given] if isinstance(given, str) else list(given)
        if not self.repeated:
            return self.read_one(values[-1])
        texts, problems = [], {}
        for position, value in enumerate(values):
            try:
                texts.append(self._text(value))
            except ParameterError as error:
                problems[position] = error.errors[self.name]
        if problems:
            raise ParameterError({self.name: problems})
        parsed = [self._parse(value) for value in texts]
        return self._parse(parsed, self.combine) if self.combine else parsed

    def _text(self, value: str) -> str:
        if self.trim:
            value = value.strip()
        if '\x00' in value:
            raise ParameterError.one(self.name, NUL)
        if not value and not self.blank:
            raise ParameterError.one(self.name, BLANK)
        return value

    def _parse(self, value: Any, parse: Callable[[Any], Any] | None = None) -> Any:
        try:
            return (parse or self.parse)(value)
        except ValidationError as error:
            raise ParameterError({self.name: error.messages}) from None
        except ValueError as error:
            raise ParameterError.one(self.name, str(error)) from None


class Parameters:
    """A question's parameters, in the order the question documents them."""

    def __init__(self, *parameters: Parameter):
        self._parameters = {parameter.name: parameter for parameter in parameters}

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self._parameters.values())

    def __getitem__(self, name: str) -> Parameter:
        return self._parameters[name]

    def read(self, query: Mapping[str, str | Sequence[str]], *, ignore: Iterable[str] = ()) -> dict[str, Any]:
        """The typed values by name, defaults filled in; every problem at once as one ``ParameterError``.

        A parameter the question does not take is refused (a typo would otherwise be silently
        ignored), except those named in ``ignore`` (the caller's own, such as the API's ``format``).
        """
        names = ', '.join(self._parameters)
        problems: dict[str, Any] = {
            name: [f'unknown parameter: this question takes {names}']
            for name in sorted(set(query) - set(self._parameters) - set(ignore))
        }
        values: dict[str, Any] = {}
        for name, parameter in self._parameters.items():
            given = query.get(name)
            if given is None or (not isinstance(given, str) and not given):
                if parameter.required:
                    problems[name] = [REQUIRED]
                elif parameter.default is not None:
                    values[name] = parameter.default()
                continue
            try:
                values[name] = parameter.read(given)
            except ParameterError as error:
                problems.update(error.errors)
        if problems:
            raise ParameterError(problems)
        return values


def month(value: str) -> str:
    """A period ``YYYY-MM``, checked and kept as text (the questions take it so)."""
    parse_period(value)
    return value


PERIOD = Parameter(
    'period',
    'The month assessed, `YYYY-MM`.',
    parse=month,
    required=True,
    schema={'type': 'string', 'pattern': PERIOD_PATTERN.pattern, 'example': '2025-03'},
)
