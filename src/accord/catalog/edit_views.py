"""The console's create, edit and delete pages of a service offering, written as the API writes it.

The form and its parts' formsets (``accord.catalog.forms``) become the offering's document, written
through the API's serializer under ``guarded_write``: an edit is checked against the version the
form was opened at, so a stale form is refused rather than overwriting a newer change. The delete
page is the generic one (``accord.ui.edits``): refused, naming the referrers, while subscriptions refer to it.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from rest_framework.exceptions import ValidationError as APIValidationError

from accord.catalog.api.serializers import ServiceOfferingSerializer
from accord.catalog.forms import OfferingForms
from accord.catalog.models import ServiceOffering
from accord.core.choices import ChangeSource
from accord.core.guards import OutOfReach, StaleVersion, guarded_write, object_version
from accord.ui.edits import ObjectFormView, stale_message

PART_NOUNS = {'elements': 'an element', 'usage': 'a usage charge', 'waivers': 'a condition',
              'requests': 'a request item', 'value': 'a line'}


class ServiceOfferingForm(ObjectFormView):
    """``/service-offerings/new/`` and ``.../NAME/edit/``: 404 for an offering the reader may not view, 403 if
    they may not change it (or add one), as the generic form's pages."""

    model = ServiceOffering

    def document(self, request: HttpRequest, offering: ServiceOffering | None) -> dict:
        if offering is None:
            return {}
        return dict(ServiceOfferingSerializer(offering, context={'request': request}).data)

    def get(self, request: HttpRequest, name: str | None = None) -> HttpResponse:
        offering = self.get_object(request, name)
        version = object_version(offering) if offering is not None else ''
        return self.render(request, offering, OfferingForms(request.user, offering, self.document(request, offering),
                                                            version))

    def post(self, request: HttpRequest, name: str | None = None) -> HttpResponse:
        offering = self.get_object(request, name)
        adding = request.POST.get('add')
        forms = OfferingForms(request.user, offering, self.document(request, offering), data=request.POST,
                              add=adding)
        if adding or not forms.is_valid():
            return self.render(request, offering, forms)
        serializer = ServiceOfferingSerializer(offering, data=forms.document_written(), partial=offering is not None,
                                               context={'request': request, 'source': ChangeSource.UI})
        try:
            if not serializer.is_valid():
                raise APIValidationError(serializer.errors)
            written = guarded_write(serializer.save, user=request.user, obj=offering,
                                    expected_version=forms.form.cleaned_data['version'] if offering else None)
        except StaleVersion:
            forms.form.add_error(None, stale_message('offering'))
        except OutOfReach as refused:
            forms.form.add_error(None, str(refused))
        except APIValidationError as error:
            forms.show_errors(error.detail)
        else:
            messages.success(request, f'{written.display_title} saved.')
            return redirect(reverse('ui:service-offerings-detail', args=[written.name]))
        return self.render(request, offering, forms)

    def render(self, request: HttpRequest, offering: ServiceOffering | None, forms: OfferingForms) -> HttpResponse:
        return TemplateResponse(request, 'catalog/offering_form.html', {
            'object': offering, 'forms': forms, 'form': forms.form, 'kind': 'service offering',
            'part_nouns': PART_NOUNS,
        })

