"""The question endpoints: ``/api/v1/questions/{impact,quote,catalogue,roles,agreement,health,charges,bill-run,owner,
access,capacity,characteristics,expiring}/``.

Each answers with exactly the JSON of the matching ``accord QUESTION --format json`` (catalog-format.md
section 4), takes the command's arguments and options as query parameters, and reads them with the
question's own ``PARAMETERS`` (``accord.analysis.parameters``), which the CLI reads with too, so a
value the CLI refuses is refused here with the same message. One module per question: its answer's
schema and its view; ``base`` holds what they share.

- A bad parameter answers 400 ``{"PARAMETER": ["message", ...]}``; so does a missing required one
  and one the question does not take (a typo would otherwise be silently ignored).
- Every object named in a parameter is looked up through ``restrict(user, 'view')``: one the user
  may not see answers 404 with exactly the body of one that does not exist.
- Every object an answer lists is filtered through ``restrict`` too (impact's lists, the roles'
  relationships, the catalogue's offerings and products; a quote only chooses and names groups the
  user may see). What a user who sees only their own organization may learn is in
  ``docs/api-questions.md``.
- Each question runs a fixed number of queries, however large the catalogue (lists are checked
  5,000 names a query, like the analysis itself).
"""

from django.urls import path

from accord.api.questions.access import AccessView
from accord.api.questions.agreement import AgreementView
from accord.api.questions.capacity import CapacityView, CharacteristicsView
from accord.api.questions.catalogue import CatalogueView
from accord.api.questions.charges import BillRunView, ChargesView
from accord.api.questions.expiring import ExpiringView
from accord.api.questions.health import HealthView
from accord.api.questions.impact import ImpactView
from accord.api.questions.owner import OwnerView
from accord.api.questions.quote import QuoteView
from accord.api.questions.roles import RolesView

urlpatterns = [
    path('impact/', ImpactView.as_view(), name='question-impact'),
    path('quote/', QuoteView.as_view(), name='question-quote'),
    path('catalogue/', CatalogueView.as_view(), name='question-catalogue'),
    path('roles/', RolesView.as_view(), name='question-roles'),
    path('agreement/', AgreementView.as_view(), name='question-agreement'),
    path('health/', HealthView.as_view(), name='question-health'),
    path('charges/', ChargesView.as_view(), name='question-charges'),
    path('bill-run/', BillRunView.as_view(), name='question-bill-run'),
    path('owner/', OwnerView.as_view(), name='question-owner'),
    path('access/', AccessView.as_view(), name='question-access'),
    path('capacity/', CapacityView.as_view(), name='question-capacity'),
    path('characteristics/', CharacteristicsView.as_view(), name='question-characteristics'),
    path('expiring/', ExpiringView.as_view(), name='question-expiring'),
]
