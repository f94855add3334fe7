"""The console's forms of the catalogue: a service's (an ``ObjectForm``) and a service offering's.

An offering's form is its description and price plan with each owned part as a formset (elements,
usage charges, waiver conditions, request items, value statement lines): no JSON anywhere. See
``accord.catalog.forms.offering``.
"""

from accord.catalog.forms.offering import OfferingForm, OfferingForms
from accord.catalog.forms.service import ServiceForm

__all__ = ['OfferingForm', 'OfferingForms', 'ServiceForm']
