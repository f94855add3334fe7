"""Fill in a console form as the page rendered it, with changes, as a person would before pressing Save."""

from typing import Any

import yaml

from accord.testing.cli import run_cli


def filled(response: Any, **changes: Any) -> dict:
    """The POST of the page's ``form`` and its parts' formsets as rendered, with ``changes``
    (``roles-2-person`` for the third row of the consumer roles)."""
    form = response.context['form']
    fields = [*form, *(field for formset in form.formsets
                       for part in (formset.management_form, *formset.forms) for field in part)]
    data = {}
    for field in fields:
        value = field.value()
        if isinstance(value, list | tuple):
            data[field.html_name] = list(value)
        elif value is not None and value is not False:
            data[field.html_name] = value
    data.update(changes)
    return data


def row_of(response: Any, listed_as: str, **initial: Any) -> int:
    """The index of the row of ``listed_as`` opened on the part with these values."""
    formset = next(formset for formset in response.context['form'].formsets if formset.prefix == listed_as)
    return next(index for index, row in enumerate(formset.forms)
                if all(row.initial.get(key) == value for key, value in initial.items()))


def exported(kind: str, name: str) -> dict:
    """The ``spec`` of one object as ``accord export`` prints it."""
    documents = yaml.safe_load_all(run_cli('export', '--kind', kind).stdout)
    return next(document['spec'] for document in documents if document and document['metadata']['name'] == name)


def errors_of(response: Any) -> list:
    """Every error the page shows: the form's and each row's, for an assertion's message."""
    form = response.context['form']
    return [form.errors, *((formset.errors, formset.non_form_errors()) for formset in form.formsets)]


def added_row(response: Any, listed_as: str) -> int:
    """The index of the blank row the page offers to add a part of ``listed_as``."""
    return next(len(formset.forms) - 1 for formset in response.context['form'].formsets if formset.prefix == listed_as)


def staff_signed_in(client: Any, username: str, role: str, organization: str = 'firsttown-bank') -> Any:
    """An account of the organization's staff with ``role``, signed in on ``client``."""
    from accord.core.models import User
    from accord.parties.models import Organization, RoleGrant

    user = User.objects.create_user(username, password='a-long-demo-password')
    RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name=organization))
    client.force_login(user)
    return user


def deleted(client: Any, address: str) -> Any:
    """Confirm the delete page at ``address`` (``/products/NAME/delete/``) as it was opened: the response."""
    page = client.get(address)
    return client.post(address, {'version': page.context['version']})
