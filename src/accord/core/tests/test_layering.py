"""The dependency rule of architecture.md, checked on every import statement of the production code.

core ← parties ← resources ← catalog ← relationships ← provision ← analysis; core ← parties ← practices;
the plumbing (api, ui, interchange, cli) may use the domain apps, never the reverse. A domain
app's own ``api/`` package (its serializers and viewsets) is API plumbing that lives beside the
models it serves. Test code (``tests/`` and ``testing/`` packages) may import anything.
"""

import ast
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
PLUMBING = {'api', 'ui', 'interchange', 'cli'}
# A domain app's own pages (architecture.md): delivery code beside the models, like its ``api/``.
WEB_DELIVERY = {'views.py', 'urls.py', 'forms.py', 'tables.py'}
TOP_LEVEL = {'settings', 'urls', 'wsgi', 'asgi', '__main__', '__init__'}


def _accord_imports(path: Path) -> set[str]:
    """The accord packages a module imports (``accord.X...`` → X)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found |= {name.split('.')[1] for name in names if name.startswith('accord.') and name.count('.') >= 1}
    return found


def _production_modules() -> list[Path]:
    return [
        path for path in sorted(ROOT.rglob('*.py'))
        if not {'tests', 'testing', 'migrations'} & set(path.relative_to(ROOT).parts)
    ]


def allowed(package: str) -> set[str]:
    if package in DOMAIN_DEPENDENCIES:
        return DOMAIN_DEPENDENCIES[package] | {package}
    if package in PLUMBING:
        return set(DOMAIN_DEPENDENCIES) | PLUMBING | TOP_LEVEL
    return set(DOMAIN_DEPENDENCIES) | PLUMBING | TOP_LEVEL


@pytest.mark.parametrize('path', _production_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_imports_only_what_its_layer_may_depend_on(path):
    parts = path.relative_to(ROOT).parts
    if len(parts) > 2 and parts[1] == 'api':
        package = 'api'
    elif len(parts) == 2 and parts[1] in WEB_DELIVERY:
        package = 'ui'
    else:
        package = parts[0].removesuffix('.py')
    forbidden = _accord_imports(path) - allowed(package)
    assert not forbidden, f'{path.relative_to(ROOT)} ({package}) must not import accord.{", accord.".join(forbidden)}'


def test_a_domain_apps_api_package_counts_as_api_plumbing():
    catalog_api = ROOT / 'catalog' / 'api' / 'serializers.py'
    assert catalog_api in _production_modules()
    assert 'api' in _accord_imports(catalog_api)


def test_the_rule_catches_a_domain_app_importing_the_plumbing(tmp_path):
    module = tmp_path / 'bad.py'
    module.write_text('from accord.interchange.apply import apply_catalogue\nimport accord.core.services\n')
    assert _accord_imports(module) - allowed('catalog') == {'interchange'}


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    from django.core.management import call_command

    call_command('makemigrations', '--check', '--dry-run', verbosity=0)
