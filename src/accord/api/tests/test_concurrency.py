"""Concurrent writers on one object through a real server: every edit lands or gets 412, none is lost.

Eight writers, each with its own keep-alive connection, make 200 edits each to one organization
through gunicorn (two threaded workers, so that requests really run side by side, in separate
processes, on the database ``ACCORD_DATABASE_URL`` names: SQLite in WAL mode or PostgreSQL). An
edit reads the organization (its labels and its ETag), adds one label of its own to what it read,
sets the description to its own value and sends a PATCH with ``If-Match``. If two edits that read
the same state both landed, the second would drop the first one's label: a lost update.

Afterwards, in the server's database: the change log holds exactly one API update per landed edit,
with that edit's description and labels; the final labels are exactly the landed edits' labels,
and the final description is the last landed edit's.
"""

import http.client
import json
import os
import threading
from collections import Counter

import pytest

from accord.testing.server import running_server

WRITERS = 8
EDITS = 200

SEED = """
from accord.core.choices import ChangeSource
from accord.core.services import Actor, save_object
from accord.core.tokens import create_token
from accord.core.models import User
from accord.parties.models import Organization

actor = Actor(source=ChangeSource.CLI, username='test')
user = User.objects.create_superuser('writer', password='writer-password-1')
_, key = create_token(user, actor=actor, name='concurrency')
org = Organization(name='contended', title='Contended')
save_object(org, actor=actor)
print(json.dumps({'key': key, 'id': org.pk}))
"""

READ_BACK = """
from django.contrib.contenttypes.models import ContentType
from accord.core.models import ObjectChange
from accord.parties.models import Organization

org = Organization.objects.get(name='contended')
changes = ObjectChange.objects.filter(
    changed_object_type=ContentType.objects.get_for_model(Organization), changed_object_id=org.pk,
).order_by('pk')
print(json.dumps({
    'labels': org.labels,
    'description': org.description,
    'changes': [{'source': c.source, 'action': c.action, 'after': c.after} for c in changes],
}))
"""


class Writer(threading.Thread):
    """One client: read, edit, PATCH with If-Match, ``EDITS`` times over one keep-alive connection."""

    def __init__(self, number: int, server, path: str, authorization: str, start_line: threading.Barrier):
        super().__init__(name=f'writer-{number}')
        self.number, self.server, self.path = number, server, path
        self.headers = {'Authorization': authorization, 'Accept': 'application/json'}
        self.start_line = start_line
        self.outcomes: list[tuple[str, int]] = []  # (the edit's value, the PATCH's status)
        self.problems: list[str] = []
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, body: dict | None = None, **headers: str) -> tuple[int, dict, bytes]:
        for attempt in range(2):  # the server may close an idle keep-alive connection: reconnect once
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=60)
            try:
                payload = json.dumps(body).encode() if body is not None else None
                all_headers = {**self.headers, **headers}
                if payload is not None:
                    all_headers['Content-Type'] = 'application/json'
                self.conn.request(method, self.path, payload, all_headers)
                response = self.conn.getresponse()
                return response.status, dict(response.getheaders()), response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise AssertionError('unreachable')

    def run(self) -> None:
        try:
            self.start_line.wait(timeout=60)
            for edit in range(EDITS):
                status, headers, body = self.request('GET')
                if status != 200:
                    self.problems.append(f'GET answered {status}: {body[:500]!r}')
                    continue
                current = json.loads(body)
                value = f'w{self.number}-{edit}'
                labels = {**current['labels'], value: str(edit)}
                status, _, body = self.request('PATCH', {'labels': labels, 'description': value},
                                               **{'If-Match': headers['ETag']})
                self.outcomes.append((value, status))
                if status not in (200, 412):
                    self.problems.append(f'PATCH answered {status}: {body[:500]!r}')
                elif b'database is locked' in body:
                    self.problems.append(f'PATCH answered {status} with "database is locked"')
        except Exception as error:  # reported by the test, not lost in a thread
            self.problems.append(f'{type(error).__name__}: {error}')
        finally:
            if self.conn is not None:
                self.conn.close()


@pytest.fixture
def server(tmp_path):
    with running_server(os.environ.get('ACCORD_DATABASE_URL'), tmp_path, label='conc', seed=SEED,
                        workers=2, threads=4) as (server, seeded):
        yield server, seeded


def test_concurrent_conditional_edits_each_land_or_get_412_and_none_is_lost(server):
    server, seeded = server
    path = f'/api/v1/organizations/{seeded["id"]}/'
    start_line = threading.Barrier(WRITERS)
    writers = [Writer(n, server, path, f'Bearer {seeded["key"]}', start_line) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=300)
    assert not any(writer.is_alive() for writer in writers), 'a writer did not finish in 300 s'

    log = server.log_text()
    problems = [problem for writer in writers for problem in writer.problems]
    assert not problems, (problems[:10], log[-6000:])
    outcomes = [outcome for writer in writers for outcome in writer.outcomes]
    assert len(outcomes) == WRITERS * EDITS
    statuses = Counter(status for _, status in outcomes)
    assert set(statuses) <= {200, 412}, statuses
    landed = {value for value, status in outcomes if status == 200}
    assert landed, 'no edit landed'

    assert 'database is locked' not in log
    assert 'Traceback' not in log, log[-4000:]

    state = server.database.run_script(READ_BACK)
    api_updates = [c for c in state['changes'] if c['source'] == 'api']
    assert all(c['action'] == 'update' for c in api_updates)
    # None lost: one change-log entry per landed edit, each with that edit's value.
    assert len(api_updates) == len(landed), (len(api_updates), statuses)
    assert {c['after']['description'] for c in api_updates} == landed
    # Each landed edit saw every earlier one: its labels are all the landed values before it.
    seen: set[str] = set()
    for change in api_updates:
        value = change['after']['description']
        assert set(change['after']['labels']) == seen | {value}, f'{value} dropped an earlier edit'
        seen.add(value)
    assert set(state['labels']) == landed
    assert state['description'] == api_updates[-1]['after']['description']
    print(f'\n{state["description"]}: {dict(statuses)} on {server.database.vendor}')
