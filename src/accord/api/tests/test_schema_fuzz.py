"""schemathesis over the whole OpenAPI schema: no server error, and every answer as the schema says.

Every operation of ``/api/schema/`` gets a bounded number of generated requests (valid and
invalid), sent to the WSGI application in-process as a superuser with an API token, against the
FirstTown Bank catalogue. The checks: no 5xx, a status code the schema documents, the documented
content type and headers, and a body that conforms to the documented schema.

All operations run in one test, so the catalogue is loaded once (writes and deletes of one
operation are seen by the next, as on a real server), and every failing operation is reported,
not only the first. (schemathesis's ``from_fixture`` would do the same, but its subtests fail on
pytest 9.2: ``'Function' object has no attribute '_nodeid'``.)
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import APIOperation, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accord.core.choices import ChangeSource
from accord.core.services import Actor
from accord.core.tokens import create_token
from accord.wsgi import application

MAX_EXAMPLES = 10  # per operation and mode (valid, invalid data): about 110 operations

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_requests():
    """Django's request signals, less close_old_connections, which would close the test transaction's connection.

    On PostgreSQL the test's data would then be gone. Django's test client disconnects it too.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


class Credentials:
    """The fuzzer's token header, issued anew when a fuzzed ``DELETE /tokens/ID/`` revoked the token in use."""

    def __init__(self, user):
        self.user = user
        self.issue()

    def issue(self) -> None:
        self.token, key = create_token(self.user, actor=Actor(source=ChangeSource.CLI, username='test'), name='fuzz')
        self.header = {'Authorization': f'Bearer {key}'}

    def headers(self) -> dict[str, str]:
        self.token.refresh_from_db()
        if not self.token.is_active:
            self.issue()
        return self.header


@pytest.fixture
def credentials(db, django_user_model) -> Credentials:
    return Credentials(django_user_model.objects.create_superuser('fuzzer', password='fuzzer-password-1'))


def fuzz(operation: APIOperation, mode: GenerationMode, credentials: Credentials) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None, phases=PHASES,
              suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=credentials.headers(), checks=CHECKS)

    check()


# No shrinking: a failure is reported as found, with its curl command; shrinking it through the
# database would take long and be confounded by the writes of earlier examples.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]


def test_every_operation_answers_without_server_error_as_the_schema_documents(bank, wsgi_requests, credentials):
    schema = schemathesis.openapi.from_wsgi('/api/schema/?format=json', application)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                fuzz(operation, mode, credentials)
            except (Exception, BaseExceptionGroup) as error:  # every operation is fuzzed; all are reported
                failures.append(f'{operation.label} ({mode.value}): {type(error).__name__}: {str(error)[:3000]}')
    assert operations > 50
    assert not failures, '\n\n'.join([f'{len(failures)} failing operations:', *failures])


def test_an_accept_header_no_renderer_answers_gets_the_406_the_schema_documents(credentials):
    client = Client(headers=credentials.headers())
    response = client.post('/api/v1/subscriptions/', {}, content_type='application/json',
                           headers={'Accept': 'text/x-nothing'})
    assert response.status_code == 406
    assert response.json() == {'detail': 'Could not satisfy the request Accept header.'}
    paths = client.get('/api/schema/?format=json').json()['paths']
    assert '406' in paths['/api/v1/subscriptions/']['post']['responses']
    assert '406' in paths['/api/v1/questions/impact/']['get']['responses']
