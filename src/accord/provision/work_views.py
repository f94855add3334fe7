"""The provider's side of fulfilment in the console: the work queue, and a page per verb on a record.

Each page answers as the console does: a consumer account gets 404 (they never learn the page exists), a
record the reader may not view 404, one they may view but not write 403. A verb page writes only through
its verb (``accord.provision.services``) with the source ``ui``, so every change is in the record's history.
A refusal is shown at its field; a move the record's state no longer allows (an order fulfilled meanwhile, a
second submission) answers 409 with what happened, and nothing is written.
"""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from accord.core.choices import ChangeSource
from accord.core.querysets import is_consumer_only, sees_all, staff_organizations
from accord.core.services import Actor
from accord.provision import forms
from accord.provision.choices import OrderStatus
from accord.provision.models import AccessGrant, ActionInstance, GoodsDelivery, Order
from accord.provision.services import TransitionRefused
from accord.provision.work_queue import may_work, work_queue
from accord.relationships.choices import SubscriptionStatus
from accord.relationships.models import Subscription
from accord.ui.routes import object_url
from accord.ui.values import label, link

PER_PAGE = 50


def refuse_consumers(request: HttpRequest) -> None:
    """A consumer account never learns the provider's pages exist (404, as for what is not theirs)."""
    if is_consumer_only(request.user):
        raise Http404('No such page.')


class WorkQueueView(LoginRequiredMixin, View):
    """``/work-queue/``: the orders to fulfil and the actions due that the reader may do, overdue first."""

    login_url = reverse_lazy('ui:login')

    def get(self, request: HttpRequest) -> HttpResponse:
        refuse_consumers(request)
        if not may_work(request.user):
            raise PermissionDenied('Your roles do no fulfilment: the work queue is for practitioners and '
                                   'relationship managers of a provider.')
        now = timezone.now()
        work = work_queue(request.user, now)
        return TemplateResponse(request, 'provision/work_queue.html', {
            'page': Paginator(work, PER_PAGE).get_page(request.GET.get('page')), 'now': now,
            'overdue': sum(1 for entry in work if entry.overdue),
        })


def when(instant: datetime.datetime | None, otherwise: str = '') -> str:
    """An instant as the work queue shows it, in UTC, or ``otherwise``."""
    return f'{instant.astimezone(datetime.UTC):%Y-%m-%d %H:%M} UTC' if instant else otherwise


def may_change(user: Any, obj: models.Model) -> bool:
    return type(obj).objects.restrict(user, 'change').filter(pk=obj.pk).exists()


def may_record(user: Any, model: type[models.Model], subscription: Subscription) -> bool:
    """Whether ``user`` may add a ``model`` record to the subscription: they write it for its provider."""
    return sees_all(user, model, 'add') or (
        subscription.relationship.provider_id in staff_organizations(user, model, 'add'))


class VerbView(LoginRequiredMixin, View):
    """One verb on one record, by name: the form, then the verb; ``title`` names the page and its button."""

    login_url = reverse_lazy('ui:login')
    template_name = 'provision/verb_form.html'
    queryset: models.QuerySet
    form_class: type[forms.VerbForm]
    title: str
    done: str

    def get_record(self, request: HttpRequest, name: str) -> models.Model:
        """The record: 404 unless the reader may view it, 403 unless they may do the verb on it."""
        refuse_consumers(request)
        record = self.queryset.restrict(request.user, 'view').filter(name=name).first()
        if record is None:
            raise Http404(f'No {self.queryset.model._meta.verbose_name} named {name!r} that you may view.')
        if not self.permits(request.user, record):
            raise PermissionDenied(f'You may not {self.title.lower()} this {self.queryset.model._meta.verbose_name}.')
        return record

    def permits(self, user: Any, record: models.Model) -> bool:
        return may_change(user, record)

    def get(self, request: HttpRequest, name: str) -> HttpResponse:
        record = self.get_record(request, name)
        return self.render(request, record, self.form_class(record=record, user=request.user))

    def post(self, request: HttpRequest, name: str) -> HttpResponse:
        record = self.get_record(request, name)
        form = self.form_class(request.POST, record=record, user=request.user)
        if not form.is_valid():
            return self.render(request, record, form)
        try:
            made = form.perform(Actor(user=request.user, source=ChangeSource.UI))
        except TransitionRefused as refused:
            form.add_error(None, f'Nothing was done: {"; ".join(refused.messages)}. Someone may have done it '
                                 'since you opened this page; reload it to see the record as it is now.')
            return self.render(request, record, form, status=409)
        except ValidationError as refused:
            form.errors_from(refused)
            return self.render(request, record, form)
        messages.success(request, f'{label(record)}: {self.done}' + (
            f' ({label(made)}).' if made.pk != record.pk or type(made) is not type(record) else '.'))
        return redirect(self.next_url(request) or object_url(made) or object_url(record))

    @staticmethod
    def next_url(request: HttpRequest) -> str | None:
        """Where the page was opened from (the work queue), if it is an address of this site."""
        target = request.POST.get('next') or request.GET.get('next')
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return target
        return None

    def render(self, request: HttpRequest, record: models.Model, form: forms.VerbForm, status: int = 200
               ) -> HttpResponse:
        return TemplateResponse(request, self.template_name, {
            'record': record, 'form': form, 'title': self.title, 'kind': record._meta.verbose_name,
            'record_url': object_url(record), 'next': self.next_url(request) or '', 'summary': self.summary(record),
            'settled': self.settled(record),
        }, status=status)

    def summary(self, record: Any) -> list[tuple[str, Any]]:
        """What the page is about, in a few lines above the form."""
        return []

    def settled(self, record: Any) -> str:
        """Why the verb has nothing left to do on the record as it is now (a page opened again), or ''."""
        return ''


class FulfilView(VerbView):
    queryset = Order.objects.select_related('relationship__provider', 'relationship__consumer', 'requested_by',
                                            'request_item__element', 'subscription', 'offering')
    form_class = forms.FulfilForm
    title, done = 'Fulfil', 'fulfilled'

    def settled(self, record: Order) -> str:
        return '' if record.status == OrderStatus.APPROVED else (
            f'This order is {record.status}: only an approved order is fulfilled.')

    def summary(self, record: Order) -> list[tuple[str, Any]]:
        asks = (record.request_item.title or record.request_item.name) if record.request_item_id else (
            link(record.offering))
        return [('Consumer', link(record.relationship.consumer)), ('Asks for', asks),
                ('Requested by', link(record.requested_by)), ('Placed', when(record.at)), ('Status', record.status)]


class RevokeView(VerbView):
    queryset = AccessGrant.objects.select_related('subscription__relationship', 'element', 'grantee_person',
                                                  'grantee_organization')
    form_class = forms.RevokeForm
    title, done = 'Revoke', 'revoked'

    def settled(self, record: AccessGrant) -> str:
        if record.revoked_at is not None:
            return f'This grant was revoked at {when(record.revoked_at)}: {record.revoke_reason}'
        return f'This grant was converted to a good at {when(record.converted_at)}.' if record.converted_at else ''

    def summary(self, record: AccessGrant) -> list[tuple[str, Any]]:
        return [('Grantee', link(record.grantee)), ('Element', record.element.name),
                ('Valid from', when(record.valid_from)),
                ('Valid to', when(record.valid_to, 'the end of the subscription'))]


class ActionView(VerbView):
    queryset = ActionInstance.objects.select_related('subscription__relationship__consumer', 'element',
                                                     'requested_by')

    def summary(self, record: ActionInstance) -> list[tuple[str, Any]]:
        return [('Consumer', link(record.subscription.relationship.consumer)), ('Element', record.element.name),
                ('Requested by', link(record.requested_by)), ('Requested', when(record.requested_at)),
                ('Due', when(record.due_at, 'no target')), ('Started', when(record.started_at, 'not yet'))]


class StartView(ActionView):
    form_class = forms.StartForm
    title, done = 'Start', 'started'

    def settled(self, record: ActionInstance) -> str:
        return f'This action started at {when(record.started_at)}.' if record.started_at else ''


class CompleteView(ActionView):
    form_class = forms.CompleteForm
    title, done = 'Complete', 'completed'

    def settled(self, record: ActionInstance) -> str:
        return f'This action was completed at {when(record.completed_at)}.' if record.completed_at else ''


class SubscriptionVerbView(VerbView):
    """A record added to a subscription: permitted to who writes the ``records`` of its provider."""

    queryset = Subscription.objects.select_related('relationship__provider', 'relationship__consumer', 'offering')
    records: type[models.Model]

    def summary(self, record: Subscription) -> list[tuple[str, Any]]:
        return [('Consumer', link(record.relationship.consumer)), ('Offering', link(record.offering))]

    def permits(self, user: Any, record: models.Model) -> bool:
        return may_record(user, self.records, record)


class DeliverView(SubscriptionVerbView):
    records, form_class = GoodsDelivery, forms.DeliverForm
    title, done = 'Deliver goods', 'goods delivered'


class GrantView(SubscriptionVerbView):
    records, form_class = AccessGrant, forms.GrantForm
    title, done = 'Grant access', 'access granted'


# When each verb's button shows on its record's page.

def may_fulfil(user: Any, order: Order) -> bool:
    return order.status == OrderStatus.APPROVED and may_change(user, order)


def may_revoke(user: Any, grant: AccessGrant) -> bool:
    return grant.revoked_at is None and grant.converted_at is None and may_change(user, grant)


def may_start(user: Any, action: ActionInstance) -> bool:
    return action.started_at is None and action.completed_at is None and may_change(user, action)


def may_complete(user: Any, action: ActionInstance) -> bool:
    return action.completed_at is None and may_change(user, action)


def records_of_kind(kind: str, model: type[models.Model]) -> Any:
    """Whether a subscription's page offers recording ``model``: it holds, its offering has such elements, and
    the reader writes them for its provider."""
    def applies(user: Any, subscription: Subscription) -> bool:
        return (subscription.status != SubscriptionStatus.CANCELLED and may_record(user, model, subscription)
                and subscription.offering.elements.filter(kind=kind).exists())
    return applies
