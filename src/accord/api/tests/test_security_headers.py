"""Every page carries a Content-Security-Policy its own pages obey; authenticated API answers are never
stored by a cache; the server does not name itself."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.test import Client

from accord.core.services import Actor
from accord.core.tokens import create_token

pytestmark = pytest.mark.django_db

# A script element the policy would block: inline, executable (JSON data blocks are not run).
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>', re.IGNORECASE)
PAGES = [
    '/',
    '/admin/',
    '/admin/catalog/serviceoffering/add/',
    '/api/docs/',
    '/api/v1/',
    '/api/v1/organizations/?format=api',
]


def policy(response) -> dict[str, str]:
    directives = (part.strip().split(' ', 1) for part in response['Content-Security-Policy'].split(';'))
    return {name: value for name, value in directives}


@pytest.mark.parametrize('url', PAGES)
def test_every_page_carries_the_policy_and_runs_no_inline_script(admin_client, url):
    response = admin_client.get(url, HTTP_ACCEPT='text/html')
    assert response.status_code == 200
    directives = policy(response)
    assert directives['default-src'] == "'self'"
    assert directives['script-src'] == "'self'"
    assert INLINE_SCRIPT.findall(response.content.decode()) == []


def test_the_login_page_carries_the_policy_and_runs_no_inline_script():
    response = Client().get('/login/')
    assert policy(response)['script-src'] == "'self'"
    assert INLINE_SCRIPT.findall(response.content.decode()) == []


def test_swagger_ui_loads_its_set_up_script_from_this_origin(admin_client):
    page = admin_client.get('/api/docs/').content.decode()
    script = re.search(r'<script src="(/api/docs/\?[^"]*script=[^"]*)"', page).group(1)
    answer = admin_client.get(script.replace('&amp;', '&'))
    assert answer.status_code == 200
    assert answer['Content-Type'].startswith('application/javascript')
    assert b'SwaggerUIBundle' in answer.content
    assert "default-src 'self'" in answer['Content-Security-Policy']


def test_authenticated_api_answers_are_never_stored(admin_client, django_user_model):
    assert 'no-store' in admin_client.get('/api/v1/organizations/')['Cache-Control']
    _, key = create_token(django_user_model.objects.get(username='root'), actor=Actor(username='test'))
    bearer = Client(headers={'Authorization': f'Bearer {key}'})
    assert 'no-store' in bearer.get('/api/v1/organizations/')['Cache-Control']


def test_pages_for_anyone_stay_cacheable():
    assert 'Cache-Control' not in Client().get('/api/schema/')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(os.environ.get('ACCORD_DATABASE_URL', '').startswith('postgres'),
                    reason='serves its own SQLite data directory')
def test_accord_serve_sends_no_server_banner(tmp_path):
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith('ACCORD_')}
    env['ACCORD_DATA_DIR'] = str(tmp_path)
    server = subprocess.Popen([sys.executable, '-m', 'accord', 'serve', '--addr', f'127.0.0.1:{port}'], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        headers = _headers_when_up(f'http://127.0.0.1:{port}/', server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert 'Server' not in headers
    assert "default-src 'self'" in headers['Content-Security-Policy']


def _headers_when_up(url: str, server: subprocess.Popen, timeout: float = 90) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return dict(answer.headers)
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)
