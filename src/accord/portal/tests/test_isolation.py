"""Each demo persona opens exactly the pages of what is theirs, and no page names anything else.

What a persona may see is derived here from the demo's YAML alone, not from the code that shows it
(no ``restrict``, no scope): the persona's organizations (``memberOf``); their relationships (those
organizations as ``consumer``) and those relationships' managers, the one person of the provider a
consumer is told of (``docs/roles.md``); the subscriptions, orders and agreements of those relationships;
their groups (the groups of those subscriptions); the live offerings targeting one of those groups,
and the offerings they subscribe to. Then, signed in as the persona, every console address of every
object of every kind answers 200 for that set and 404 for everything else; and every page of the
portal (each pattern of ``accord.portal.urls``, so that pages added there are covered: without
parameters, or taking a ``name`` with the name of every object, 200 only for a name of that set)
and every page of that set never names another organization, person, group, relationship, subscription,
order, agreement, offering or item, nor a component's resource hidden from the persona's groups;
every link on them opens.
"""

import re
from dataclasses import dataclass, field
from itertools import chain

import pytest
import yaml
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accord.core.models import User
from accord.parties.models import Person
from accord.portal import urls as portal_urls
from accord.testing.fixtures import demo_path
from accord.ui.routes import kinds

pytestmark = pytest.mark.django_db
PERSONAS = ('ana-garcia', 'nina-park', 'omar-haddad', 'ben-okoro', 'carla-diaz')
CONSUMER_ROUTES = {'ServiceRelationship': 'service-relationships', 'Subscription': 'subscriptions',
                   'Order': 'orders', 'Agreement': 'agreements', 'ServiceOffering': 'service-offerings'}
NEVER = ('card processing',)


@dataclass
class Allowed:
    """What one persona may see: (route, name) of the objects whose pages open, and the words pages may say."""

    pages: set[tuple[str, str]] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    forbidden: set[str] = field(default_factory=set)


def demo_documents() -> list[dict]:
    with demo_path() as path:
        return [document for document in yaml.safe_load_all(path.read_text()) if document]


def derive(person: str, documents: list[dict]) -> Allowed:
    """What ``person`` may see, read from the catalogue documents as a reader of the format would."""
    by_kind: dict[str, list[dict]] = {}
    for document in documents:
        by_kind.setdefault(document['kind'], []).append(document)
    spec = {(d['kind'], d['metadata']['name']): d['spec'] for d in documents}
    organizations = set(spec[('Person', person)].get('memberOf', []))
    relationships = {d['metadata']['name'] for d in by_kind['ServiceRelationship']
                     if d['spec']['consumer'] in organizations}
    subscriptions = [d for d in by_kind['Subscription'] if d['spec']['relationship'] in relationships]
    groups = {s['spec']['group'] for s in subscriptions if s['spec'].get('group')}
    offerings = {d['metadata']['name'] for d in by_kind['ServiceOffering']
                 if d['spec'].get('lifecycle', 'live') == 'live' and groups & set(d['spec'].get('targetGroups', []))}
    offerings |= {s['spec']['offering'] for s in subscriptions}
    mine = {('ServiceRelationship', n) for n in relationships} | {('ServiceOffering', n) for n in offerings}
    mine |= {(d['kind'], d['metadata']['name']) for kind in ('Subscription', 'Order', 'Agreement')
             for d in by_kind.get(kind, []) if d['spec']['relationship'] in relationships}
    providers = {d['spec']['provider'] for d in by_kind['ServiceRelationship']
                 if d['metadata']['name'] in relationships}
    people = {d['metadata']['name'] for d in by_kind['Person'] if organizations & set(d['spec'].get('memberOf', []))}
    people |= {d['spec']['manager'] for d in by_kind['ServiceRelationship']  # named to the consumer (docs/roles.md)
               if d['metadata']['name'] in relationships and d['spec'].get('manager')}
    mine |= {('Organization', n) for n in organizations | providers} | {('Person', n) for n in people}
    mine |= {('ConsumerGroup', n) for n in groups}
    items = {item['name'] for d in by_kind['Resource'] for item in d['spec'].get('items', [])
             if isinstance(item, dict) and item.get('owner') in organizations}
    allowed = Allowed(pages={(CONSUMER_ROUTES[kind], name) for kind, name in mine if kind in CONSUMER_ROUTES})
    for document in documents:
        key = (document['kind'], document['metadata']['name'])
        words = {document['metadata']['name'], document['metadata'].get('title')} - {None}
        if document['kind'] in (*CONSUMER_ROUTES, 'Organization', 'Person', 'ConsumerGroup'):
            (allowed.words if key in mine else allowed.forbidden).update(words)
        for item in document['spec'].get('items', []) if document['kind'] == 'Resource' else ():
            name = item['name'] if isinstance(item, dict) else item
            (allowed.words if name in items else allowed.forbidden).add(name)
    shown, hidden = _resources(by_kind, groups)
    allowed.words |= shown
    allowed.forbidden |= hidden
    allowed.forbidden -= allowed.words  # a title the persona's own objects share is theirs to read
    return allowed


def _resources(by_kind: dict[str, list[dict]], groups: set[str]) -> tuple[set[str], set[str]]:
    """The resource titles (and labels) the groups see through the products' components, and those kept from them:
    a views entry naming the group shows its label (else the title), ``visibility: visible`` shows the title but
    never of a supplied service (R3, R4)."""
    resources = {d['metadata']['name']: d for d in by_kind['Resource']}
    shown, hidden = set(), set()
    for product in by_kind['Product']:
        for component in product['spec'].get('components', []):
            resource = resources[component['resource']]
            title = resource['metadata'].get('title', resource['metadata']['name'])
            views = {group: view for group, view in (component.get('views') or {}).items() if group in groups}
            visible = component.get('visibility') == 'visible' and resource['spec']['kind'] != 'supplied-service'
            if views:
                shown |= {(view or {}).get('label') or title for view in views.values()}
            elif visible and not groups & set(product['spec'].get('hiddenFrom', [])):
                shown.add(title)
            else:
                hidden.add(title)
    return shown, hidden - shown


def signed_in(client, person: str) -> User:
    user = User.objects.create_user(person, password='a-long-demo-password')
    Person.objects.filter(name=person).update(user=user)
    client.force_login(user)
    return user


def console_addresses() -> list[tuple[str, str | None, str]]:
    """Every console address of every object of every kind: (route or None, object name or None, address)."""
    routes = {route: model for model, route in kinds()}
    addresses = []
    for pattern in _patterns(_ui_patterns()):
        route = pattern.name.rsplit('-', 1)[0] if pattern.name and '-' in pattern.name else None
        if 'name' in pattern.pattern.converters:
            model = routes.get(route)
            names = model.objects.order_by('name').values_list('name', flat=True) if model else ['nothing-such']
            addresses += [(route, name, reverse(f'ui:{pattern.name}', kwargs={'name': name})) for name in names]
        elif not pattern.pattern.converters and pattern.name not in ('home', 'login', 'logout'):
            addresses.append((route, None, reverse(f'ui:{pattern.name}')))
    return addresses


def _ui_patterns() -> list:
    return next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == 'ui'
                ).url_patterns


def _patterns(patterns: list) -> list[URLPattern]:
    return list(chain.from_iterable(_patterns(p.url_patterns) if isinstance(p, URLResolver) else [p]
                                    for p in patterns))


def portal_addresses(names: list[str]) -> list[str]:
    """Every page of the portal: each pattern without parameters, and each taking a ``name`` with each of ``names``."""
    addresses = []
    for pattern in _patterns(portal_urls.urlpatterns):
        if not pattern.pattern.converters:
            addresses.append(reverse(f'portal:{pattern.name}'))
        elif set(pattern.pattern.converters) == {'name'}:
            addresses += [reverse(f'portal:{pattern.name}', kwargs={'name': name}) for name in names]
    return addresses


def text_of(response) -> str:
    """The page's visible words: the main part, without the tags (the shell's menu names no object)."""
    main = response.content.decode().split('<main', 1)[1]
    return re.sub(r'<[^>]+>', ' ', main).replace('&#x27;', "'").replace('&amp;', '&')


def names_in(text: str, names: set[str]) -> list[str]:
    return sorted(name for name in names if re.search(rf'(?<![\w-]){re.escape(name)}(?![\w-])', text))


@pytest.mark.parametrize('person', PERSONAS)
def test_a_persona_opens_the_pages_of_what_is_theirs_and_gets_404_for_every_other_console_address(
        client, bank, person):
    allowed = derive(person, demo_documents())
    assert allowed.pages, 'the persona holds something to open'
    signed_in(client, person)
    opened, refused = set(), []
    for route, name, address in console_addresses():
        status = client.get(address).status_code
        if status == 200:
            opened.add((route, name))
        elif status != 404:
            refused.append((address, status))
    assert opened == allowed.pages
    assert not refused, 'every other console address answers 404'


@pytest.mark.parametrize('person', PERSONAS)
def test_no_portal_page_and_no_page_of_theirs_names_what_is_not_the_personas(client, bank, person):
    allowed = derive(person, demo_documents())
    signed_in(client, person)
    every_name = sorted({name for _route, name, _address in console_addresses() if name})
    mine = {name for _route, name in allowed.pages}
    pages = [reverse(f'ui:{route}-detail', args=[name]) for route, name in allowed.pages]
    links, read = set(), []
    for address in portal_addresses(every_name) + pages:
        response = client.get(address)
        assert response.status_code in (200, 404, 405), address  # a page of another role, a POST-only address
        if response.status_code != 200:
            continue
        assert address in pages or not set(address.strip('/').split('/')) & (set(every_name) - mine), address
        read.append(address)
        text = text_of(response)
        assert names_in(text, allowed.forbidden) == [], address
        assert not [word for word in NEVER if word in text.lower()], address
        links |= set(re.findall(r'href="(/[^"]*)"', response.content.decode())) - {address}
    assert set(pages) <= set(read) and reverse('portal:catalogue') in read
    dead = [link for link in sorted(links) if not link.startswith('/static/')
            and client.get(link.replace('&amp;', '&')).status_code != 200]
    assert dead == [], 'a portal page links only to pages the persona opens'
