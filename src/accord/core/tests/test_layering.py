"""The dependency rule of architecture.md, checked on every import statement of the production code.

Domain apps: core ← parties ← resources ← catalog ← relationships ← provision ← analysis, and
core ← parties ← practices; each imports only the apps below it, and ``core`` imports no other
app and no delivery package. Delivery packages (api, ui, portal, interchange, cli) may use every
domain app, never the reverse. A domain app's own delivery modules (its ``api/`` package,
``views.py`` and ``*_views.py``, ``forms.py`` or a ``forms/`` package, urls, tables) live beside
its models: they may use the domain apps and the ``api`` and ``ui`` plumbing, but not the file
format (``interchange``) nor the CLI; so may ``core``'s own ``api/`` (accounts, tokens, the
change log), which is API code.
The ``api`` package itself imports neither the file format nor the CLI: the owned parts' shape
the format shares is the API's (``accord.api.shapes``). Test code (``tests/`` and the
``testing`` package) may import anything.

Every import counts: ``import accord.x``, ``from accord.x import y``, ``from accord import x``,
relative imports (``from ..x import y``), and imports inside functions.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_DEPENDENCIES = {
    'core': set(),
    'parties': {'core'},
    'practices': {'core', 'parties'},
    'resources': {'core', 'parties'},
    'catalog': {'core', 'parties', 'resources'},
    'relationships': {'core', 'parties', 'resources', 'catalog'},
    'provision': {'core', 'parties', 'resources', 'catalog', 'relationships'},
    'analysis': {'core', 'parties', 'resources', 'catalog', 'relationships', 'provision', 'practices'},
}
DOMAIN = set(DOMAIN_DEPENDENCIES)
DELIVERY = {'api', 'ui', 'portal', 'interchange', 'cli'}
TOP_LEVEL = {'settings', 'urls', 'wsgi', 'asgi', '__main__', '__init__'}
APP_DELIVERY_MODULES = {'views.py', 'forms.py', 'urls.py', 'tables.py'}  # and *_views.py, forms/ and api/
APP_DELIVERY_PLUMBING = {'api', 'ui'}
# The API writes through the service verbs and shares the parts' shape (accord.api.shapes) with the file
# format, which builds on it: it never reads or writes through the file format, nor the CLI.
API_NEVER_USES = {'interchange', 'cli'}


@dataclass(frozen=True)
class Import:
    """One imported accord module, where it is imported and which names."""

    path: str  # relative to src/accord
    line: int
    module: str  # absolute: accord.x.y
    names: tuple[str, ...]

    @property
    def package(self) -> str:
        return self.module.split('.')[1]

    def __str__(self) -> str:
        names = f' ({", ".join(self.names)})' if self.names else ''
        return f'{self.path}:{self.line} imports {self.module}{names}'


def accord_imports(path: Path, relative_to: Path = ROOT) -> list[Import]:
    """Every accord module ``path`` imports, relative imports resolved against its package."""
    where = path.relative_to(relative_to).as_posix()
    package = ['accord', *path.relative_to(relative_to).parts[:-1]]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(where, node.lineno, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = '.'.join(base + ([node.module] if node.module else []))
            names = tuple(alias.name for alias in node.names)
            if module == 'accord':  # from accord import x: each name is a package
                found += [Import(where, node.lineno, f'accord.{name}', ()) for name in names]
            else:
                found.append(Import(where, node.lineno, module, names))
    return [i for i in found if i.module.startswith('accord.')]


def production_modules() -> list[Path]:
    return [
        path for path in sorted(ROOT.rglob('*.py'))
        if not {'tests', 'testing', 'migrations'} & set(path.relative_to(ROOT).parts)
    ]


def layer(path: str) -> tuple[str, str]:
    """The package a module belongs to, and its kind: domain, app-delivery, delivery or top-level."""
    parts = path.split('/')
    package = parts[0].removesuffix('.py')
    if package in DOMAIN:
        is_delivery = (len(parts) > 2 and parts[1] in ('api', 'forms')
                       or len(parts) == 2 and (parts[1] in APP_DELIVERY_MODULES or parts[1].endswith('_views.py')))
        return package, 'app-delivery' if is_delivery else 'domain'
    if package in DELIVERY:
        return package, 'delivery'
    if package in TOP_LEVEL:
        return package, 'top-level'
    return package, 'unknown'


def allowed(package: str, kind: str) -> set[str]:
    """The accord packages a module of ``package`` and ``kind`` may import."""
    if kind == 'domain':
        return DOMAIN_DEPENDENCIES[package] | {package}
    if kind == 'app-delivery':
        return DOMAIN | APP_DELIVERY_PLUMBING
    if kind == 'delivery' and package == 'api':
        return DOMAIN | DELIVERY - API_NEVER_USES | TOP_LEVEL
    if kind in ('delivery', 'top-level'):
        return DOMAIN | DELIVERY | TOP_LEVEL
    return set()


def violations(path: Path, relative_to: Path = ROOT) -> list[str]:
    """Each import of ``path`` its layer forbids, named by module, line and imported names."""
    where = path.relative_to(relative_to).as_posix()
    package, kind = layer(where)
    if kind == 'unknown':
        return [f'{where}: accord.{package} is in no layer; add it to DOMAIN_DEPENDENCIES or DELIVERY']
    return [
        f'{found}: {kind} code of {package} may not import accord.{found.package}'
        for found in accord_imports(path, relative_to)
        if found.package not in allowed(package, kind)
    ]


@pytest.mark.parametrize('path', production_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_imports_only_what_its_layer_may_depend_on(path):
    assert not violations(path), '\n'.join(violations(path))


def write(root: Path, where: str, source: str) -> Path:
    path = root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return path


def test_an_offending_import_is_named_with_its_module_line_and_names(tmp_path):
    path = write(tmp_path, 'catalog/services.py',
                 'import datetime\nfrom accord.relationships.models import Agreement\n')
    assert violations(path, tmp_path) == [
        'catalog/services.py:2 imports accord.relationships.models (Agreement): '
        'domain code of catalog may not import accord.relationships'
    ]


def test_relative_imports_and_imports_of_a_package_by_name_are_read(tmp_path):
    path = write(tmp_path, 'catalog/models/offerings.py',
                 'from ..pricing import minor_unit\nfrom . import products\nfrom ...interchange import parts\n'
                 'from accord import cli\n')
    assert [str(i) for i in accord_imports(path, tmp_path)] == [
        'catalog/models/offerings.py:1 imports accord.catalog.pricing (minor_unit)',
        'catalog/models/offerings.py:2 imports accord.catalog.models (products)',
        'catalog/models/offerings.py:3 imports accord.interchange (parts)',
        'catalog/models/offerings.py:4 imports accord.cli',
    ]
    assert [v.split(':')[1].split()[0] for v in violations(path, tmp_path)] == ['3', '4']


def test_imports_inside_a_function_count(tmp_path):
    path = write(tmp_path, 'parties/services.py', 'def f():\n    from accord.catalog.models import Product\n')
    assert violations(path, tmp_path) == [
        'parties/services.py:2 imports accord.catalog.models (Product): domain code of parties may not import '
        'accord.catalog'
    ]


@pytest.mark.parametrize(('where', 'source', 'forbidden'), [
    ('core/services.py', 'from accord.parties.models import Organization\n', 'parties'),
    ('core/roles.py', 'from accord.api.views import NamedModelViewSet\n', 'api'),
    ('catalog/api/serializers.py', 'from accord.interchange.kinds import KINDS\n', 'interchange'),
    ('relationships/views.py', 'from accord.interchange.export import export\n', 'interchange'),
    ('catalog/edit_views.py', 'from accord.interchange.apply import apply_catalogue\n', 'interchange'),
    ('relationships/models/reviews.py', 'from accord.ui.values import Visibility\n', 'ui'),
    ('catalog/admin.py', 'from accord.interchange.parts import Elements\n', 'interchange'),
    ('api/serializers/parts.py', 'from accord.interchange.kinds import KINDS_BY_NAME\n', 'interchange'),
    ('api/views.py', 'from accord.cli.output import Output\n', 'cli'),
    ('resources/models/items.py', 'from accord.cli.output import Output\n', 'cli'),
    ('relationships/services.py', 'from accord.provision.models import Order\n', 'provision'),
    ('provision/services.py', 'from accord.analysis.quotes import quote\n', 'analysis'),
])
def test_the_rule_forbids(tmp_path, where, source, forbidden):
    [found] = violations(write(tmp_path, where, source), tmp_path)
    assert found.endswith(f'may not import accord.{forbidden}')


@pytest.mark.parametrize(('where', 'source'), [
    ('catalog/api/serializers.py', 'from accord.api.serializers import NamedModelSerializer\n'),
    ('relationships/views.py', 'from accord.analysis.health import relationship_health\nfrom accord.ui import x\n'),
    ('core/api/views.py', 'from accord.api.views import NamedModelViewSet\n'),
    ('catalog/edit_views.py', 'from accord.ui.values import Visibility\n'),
    ('core/api/serializers.py', 'from accord.parties.services import link_account\n'),
    ('provision/services.py', 'from accord.relationships.models import Subscription\n'),
    ('analysis/charges.py', 'from accord.provision.models import Order\n'),
    ('interchange/apply.py', 'from accord.catalog.services import set_elements\n'),
])
def test_the_rule_allows(tmp_path, where, source):
    assert violations(write(tmp_path, where, source), tmp_path) == []


def test_a_package_in_no_layer_is_refused(tmp_path):
    [found] = violations(write(tmp_path, 'billing/models.py', 'import datetime\n'), tmp_path)
    assert 'accord.billing is in no layer' in found


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    from django.core.management import call_command

    call_command('makemigrations', '--check', '--dry-run', verbosity=0)
