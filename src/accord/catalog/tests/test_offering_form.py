"""The offering's edit form writes as the API does: through the serializer, under the version check, into the log."""

import pytest

from accord.catalog.models import ServiceOffering
from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange, User
from accord.parties.models import Organization, RoleGrant

pytestmark = pytest.mark.django_db
URL = '/service-offerings/student-checking/edit/'


@pytest.fixture
def manager(client, bank):
    user = User.objects.create_user('maria-lopez', password='a-long-demo-password')
    RoleGrant.objects.create(user=user, role='catalogue-manager', organization=Organization.objects.get(
        name='firsttown-bank'))
    client.force_login(user)
    return user


def posted(response, **changes) -> dict:
    """The form as the page filled it in, with ``changes`` (``form-1-name`` for the second element)."""
    form, formset = response.context['form'], response.context['formset']
    data = {name: value for name, value in ((f.html_name, f.value()) for f in form) if value is not None}
    data.update({f.html_name: f.value() for f in formset.management_form})
    for element in formset.forms:
        data.update({f.html_name: f.value() for f in element if f.value() not in (None, False)})
    data.update(changes)
    return data


def test_the_manager_changes_the_fee_and_an_element_and_the_history_shows_both(client, manager):
    page = client.get(URL)
    assert page.status_code == 200
    names = [f['name'].value() for f in page.context['formset'].forms[:-1]]
    index = names.index('own-atms')  # an element no demo grant refers to: a rename removes the old name
    response = client.post(URL, posted(page, fee_amount='6.00', **{f'form-{index}-name': 'own-atms-access'}))
    assert response.status_code == 302, response.context['form'].errors
    offering = ServiceOffering.objects.get(name='student-checking')
    assert str(offering.fee_amount.normalize()) == '6'
    assert 'own-atms-access' in {e.name for e in offering.elements.all()}
    assert {e.name for e in offering.elements.all() if e.kind == 'action'} == {'card-replacement'}
    change = ObjectChange.objects.filter(changed_object_id=offering.pk, source=ChangeSource.UI).latest('time')
    assert change.user_name == 'maria-lopez'
    history = client.get('/service-offerings/student-checking/history/')
    assert b'through web ui' in history.content
    assert b'5.0000' not in history.content and b'5.00' in history.content
    assert offering.waivers is not None  # what the form does not show is kept


def test_a_stale_form_is_refused_with_a_clear_message_and_nothing_is_overwritten(client, manager):
    page = client.get(URL)
    ServiceOffering.objects.filter(name='student-checking').update(title='Changed meanwhile')
    offering = ServiceOffering.objects.get(name='student-checking')
    offering.save()  # moves last_updated, so the version the form holds is stale
    response = client.post(URL, posted(page, fee_amount='7.00'))
    assert response.status_code == 200
    assert 'Someone changed this offering since you opened the form' in response.content.decode()
    assert str(ServiceOffering.objects.get(name='student-checking').fee_amount.normalize()) == '5'


def test_a_refused_value_is_shown_at_its_field_and_nothing_is_written(client, manager):
    page = client.get(URL)
    response = client.post(URL, posted(page, fee_amount='5.001'))
    assert response.status_code == 200
    assert response.context['form'].errors['fee_amount']
    assert str(ServiceOffering.objects.get(name='student-checking').fee_amount.normalize()) == '5'


def test_a_reader_who_may_only_view_gets_403_and_another_provider_404(client, bank):
    auditor = User.objects.create_user('james-okafor', password='a-long-demo-password')
    RoleGrant.objects.create(user=auditor, role='auditor', organization=Organization.objects.get(name='firsttown-bank'))
    client.force_login(auditor)
    assert client.get(URL).status_code == 403
    other = User.objects.create_user('anna-keller', password='a-long-demo-password')
    cardnet = Organization.objects.get(name='cardnet')
    RoleGrant.objects.create(user=other, role='catalogue-manager', organization=cardnet)
    client.force_login(other)
    assert client.get(URL).status_code == 404
