"""The bank's catalogue manager signed in, and the offering form as a browser would send it back."""

import pytest
from django.contrib.contenttypes.models import ContentType

from accord.core.models import ObjectChange, User
from accord.interchange.export import export_documents
from accord.interchange.kinds import KINDS_BY_NAME
from accord.parties.models import Organization, RoleGrant


@pytest.fixture
def manager(client, bank):
    user = User.objects.create_user('maria-lopez', password='a-long-demo-password')
    RoleGrant.objects.create(user=user, role='catalogue-manager', organization=Organization.objects.get(
        name='firsttown-bank'))
    client.force_login(user)
    return user


def posted(response, **changes) -> dict:
    """The form and every part's rows as the page filled them in, with ``changes`` (``usage-0-amount``...)."""
    forms = response.context['forms']
    data = {f.html_name: f.value() for f in forms.form if f.value() is not None}
    for part in forms.parts.values():
        data.update({f.html_name: f.value() for f in part.management_form})
        for row in part.forms:
            data.update({f.html_name: f.value() for f in row if f.value() not in (None, False)})
    data.update(changes)
    return data


def added(data: dict, prefix: str, **fields) -> dict:
    """``data`` with one more row of the part ``prefix``."""
    index = int(data[f'{prefix}-TOTAL_FORMS'])
    data[f'{prefix}-TOTAL_FORMS'] = index + 1
    data.update({f'{prefix}-{index}-{name}': value for name, value in fields.items()})
    return data


def row_of(response, prefix: str, field: str, value) -> int:
    """The index of the row of part ``prefix`` whose ``field`` shows ``value``."""
    rows = response.context['forms'].parts[prefix].forms
    return next(index for index, row in enumerate(rows) if str(row[field].value()) == str(value))


def ui_change(offering) -> ObjectChange:
    """The offering's latest change written through the web UI."""
    return ObjectChange.objects.filter(changed_object_type=ContentType.objects.get_for_model(offering),
                                       changed_object_id=offering.pk, source='ui').latest('time', 'id')


def exported(name: str) -> dict:
    """The offering's spec as ``accord export`` prints it."""
    documents = export_documents([KINDS_BY_NAME['ServiceOffering']])
    return next(doc for doc in documents if doc['metadata']['name'] == name)['spec']
