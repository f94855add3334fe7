"""Rows of owned parts refuse what a tampered or half-filled page sends, at the row, never with a 500."""

import pytest

from accord.testing.forms import filled

pytestmark = pytest.mark.django_db
FORMS = {'/service-relationships/firsttown-bank-northwind-traders/edit/': 'roles',
         '/agreements/sla-northwind-2025/edit/': 'targets', '/value-reviews/northwind-value-2025-03/edit/': 'factors',
         '/products/atm-access/edit/': 'components', '/resources/atm-fleet/edit/': 'items'}


@pytest.mark.parametrize('address', FORMS)
def test_a_page_without_its_rows_count_or_with_a_count_out_of_bounds_is_refused_and_nothing_is_written(
        admin_client, bank, address):
    page = admin_client.get(address)
    listed_as = FORMS[address]
    for tampered in ({f'{listed_as}-TOTAL_FORMS': None}, {f'{listed_as}-TOTAL_FORMS': 'many'},
                     {f'{listed_as}-TOTAL_FORMS': '100000'}, {f'{listed_as}-TOTAL_FORMS': '500'}):
        data = {key: value for key, value in filled(page, **tampered).items() if value is not None}
        response = admin_client.post(address, data)
        assert response.status_code == 200, tampered
        refused = next(f for f in response.context['form'].formsets if f.prefix == listed_as).non_form_errors()
        assert refused, tampered
    assert 'more rows than it showed' in str(refused)
    assert response.content.count(b'<fieldset') < 100  # the rows the object has and a few, not a hundred thousand
    after = admin_client.get(address).context['form']
    assert [f.initial for f in after.formsets] == [f.initial for f in page.context['form'].formsets]


@pytest.mark.parametrize('address', FORMS)
def test_a_half_filled_row_is_refused_at_its_fields(admin_client, bank, address):
    page = admin_client.get(address)
    listed_as = FORMS[address]
    formset = next(f for f in page.context['form'].formsets if f.prefix == listed_as)
    extra = len(formset.forms) - 1
    row = formset.forms[extra]
    half = row.shown()[-1]  # the last field filled with a value it accepts, the first (required) left blank
    value = row.fields[half].choices[-1][0] if hasattr(row.fields[half], 'choices') else '1'
    response = admin_client.post(address, filled(page, **{f'{listed_as}-{extra}-{half}': value}))
    shown = next(f for f in response.context['form'].formsets if f.prefix == listed_as).forms[extra].errors
    assert response.status_code == 200 and shown, address
