"""``accord serve [--addr HOST:PORT]``: the web app and API under gunicorn, on one machine."""

import errno
import socket

from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

DEFAULT_ADDR = '127.0.0.1:8000'


def register(sub):
    parser = sub.add_parser('serve', help='serve the web app and API')
    add_addr(parser)
    return parser


def add_addr(parser) -> None:
    parser.add_argument('--addr', default=DEFAULT_ADDR, metavar='HOST:PORT', help=f'default {DEFAULT_ADDR}')


def check_addr(addr: str) -> str:
    host, _, port = addr.rpartition(':')
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f'--addr {addr!r}: expected HOST:PORT, e.g. {DEFAULT_ADDR}', ExitStatus.USAGE)
    return addr


def ensure_addr_free(addr: str) -> None:
    """Refuse an address another server holds, before gunicorn retries binding it and gives up."""
    host, _, port = addr.rpartition(':')
    try:
        family, kind, proto, _, sockaddr = socket.getaddrinfo(host.strip('[]'), int(port), type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
            probe.bind(sockaddr)
    except socket.gaierror as error:
        raise CommandError(f'--addr {addr!r}: unknown host: {error.strerror}') from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CommandError(f'address {addr} is in use: stop the server there or give another --addr') from None
        raise CommandError(f'cannot serve at {addr}: {error.strerror}') from None


def serve(addr: str, out: Output) -> ExitStatus:
    """Serve until interrupted. Workers are processes: nothing is shared between them but the database."""
    from django.core.exceptions import ImproperlyConfigured
    from gunicorn.app.base import BaseApplication

    from accord.core.checks import refuse_published_secret_key

    try:
        refuse_published_secret_key()
    except ImproperlyConfigured as error:
        raise CommandError(str(error)) from None
    from accord.wsgi import application

    _drop_server_banner()

    class _Server(BaseApplication):
        def load_config(self):
            self.cfg.set('bind', addr)
            self.cfg.set('workers', 2)
            self.cfg.set('accesslog', '-')

        def load(self):
            return application

    ensure_addr_free(addr)
    out.line(f'Accord is serving at http://{addr}/ (admin at http://{addr}/admin/); press Ctrl-C to stop.')
    _Server().run()
    return ExitStatus.SUCCESS


def _drop_server_banner() -> None:
    """gunicorn names itself in a ``Server`` header on every answer and has no setting to stop it;
    the name tells an attacker which flaws to try, and no client needs it."""
    from gunicorn.http import wsgi

    if getattr(wsgi.Response.default_headers, 'without_banner', False):
        return
    default_headers = wsgi.Response.default_headers

    def without_banner(self) -> list[str]:
        return [header for header in default_headers(self) if not header.startswith('Server:')]

    without_banner.without_banner = True
    wsgi.Response.default_headers = without_banner


def run(args, out: Output) -> ExitStatus:
    return serve(check_addr(args.addr), out)
