"""The console's edit page of a service offering, written as the API writes it (see ``accord.catalog.forms``)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.views import View
from rest_framework.exceptions import ValidationError as APIValidationError

from accord.catalog.api.serializers import ServiceOfferingSerializer
from accord.catalog.forms import ElementFormSet, OfferingForm, changes, flatten_errors, initial, product_choices
from accord.catalog.models import ServiceOffering
from accord.core.choices import ChangeSource
from accord.core.services import OutOfReach, StaleVersion, guarded_write, object_version

STALE = ('Someone changed this offering since you opened the form; nothing was saved. '
         'Reload the page to edit the current version.')


class ServiceOfferingEdit(LoginRequiredMixin, View):
    """``/service-offerings/NAME/edit/``: 404 for an offering the reader may not view, 403 if not change."""

    login_url = reverse_lazy('ui:login')

    def get_offering(self, request: HttpRequest, name: str) -> ServiceOffering:
        offering = ServiceOffering.objects.restrict(request.user, 'view').filter(name=name).first()
        if offering is None:
            raise Http404(f'No service offering named {name!r} that you may view.')
        if not ServiceOffering.objects.restrict(request.user, 'change').filter(pk=offering.pk).exists():
            raise PermissionDenied('You may not change this offering.')
        return offering

    def document(self, request: HttpRequest, offering: ServiceOffering) -> dict:
        return dict(ServiceOfferingSerializer(offering, context={'request': request}).data)

    def get(self, request: HttpRequest, name: str) -> HttpResponse:
        offering = self.get_offering(request, name)
        form_initial, elements = initial(self.document(request, offering), object_version(offering))
        products = product_choices(request.user, offering)
        return self.render(request, offering, OfferingForm(initial=form_initial),
                           ElementFormSet(initial=elements, form_kwargs={'products': products}))

    def post(self, request: HttpRequest, name: str) -> HttpResponse:
        offering = self.get_offering(request, name)
        form = OfferingForm(request.POST)
        formset = ElementFormSet(request.POST, form_kwargs={'products': product_choices(request.user, offering)})
        if not (form.is_valid() and formset.is_valid()):
            return self.render(request, offering, form, formset)
        data = changes(self.document(request, offering), form, formset)
        serializer = ServiceOfferingSerializer(offering, data=data, partial=True,
                                               context={'request': request, 'source': ChangeSource.UI})
        try:
            if not serializer.is_valid():
                raise APIValidationError(serializer.errors)
            guarded_write(serializer.save, user=request.user, obj=offering,
                          expected_version=form.cleaned_data['version'])
        except StaleVersion:
            form.add_error(None, STALE)
        except OutOfReach as refused:
            form.add_error(None, str(refused))
        except APIValidationError as error:
            self.show_errors(error.detail, form, formset)
        else:
            messages.success(request, f'{offering.display_title} saved.')
            return redirect(reverse('ui:service-offerings-detail', args=[offering.name]))
        return self.render(request, offering, form, formset)

    @staticmethod
    def show_errors(detail: dict, form: OfferingForm, formset: ElementFormSet) -> None:
        """Each refusal at its field: an element's on its row, the fee's at the fee, others above the form."""
        fields = {'title': 'title', 'description': 'description', 'lifecycle': 'lifecycle',
                  'pricing.currency': 'currency', 'pricing.fee.amount': 'fee_amount', 'pricing.fee.per': 'fee_per'}
        rows = [f for f in formset.forms if f.cleaned_data.get('name') and not f.cleaned_data.get('DELETE')]
        for path, message in flatten_errors(detail):
            parts = path.split('.')
            if path in fields:
                form.add_error(fields[path], message)
            elif parts[0] == 'elements' and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows):
                field = parts[2] if len(parts) > 2 and parts[2] in rows[int(parts[1])].fields else None
                rows[int(parts[1])].add_error(field, message)
            else:
                form.add_error(None, f'{path}: {message}' if path else message)

    def render(self, request: HttpRequest, offering: ServiceOffering, form: OfferingForm,
               formset: ElementFormSet) -> HttpResponse:
        return TemplateResponse(request, 'catalog/offering_form.html', {
            'object': offering, 'form': form, 'formset': formset, 'kind': 'service offering',
        })
