"""Requests: order from the request catalogue, follow my organization's orders, and decide them as a sponsor.

The pages only translate: a form's names become records the reader may view, the order verbs of
``accord.provision.services`` decide (R5, the roles, the lifecycle), and their refusals are shown in the
page. The signed-in person acts in their own name: they order (``requested_by``), cancel what they ordered
and, as a sponsor of the relationship, approve or reject with a comment. Every read starts from
``restrict(user, 'view')``: another organization's order is 404.
"""

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accord.catalog.models import RequestItem
from accord.core.choices import ChangeSource
from accord.core.querysets import consumer_organizations
from accord.core.services import Actor
from accord.parties.models import Person
from accord.portal.views import consumer_page
from accord.provision import services
from accord.provision.choices import ORDER_TRANSITIONS, OrderStatus
from accord.provision.models import Order
from accord.relationships.choices import ConsumerRoleKind, RelationshipStatus
from accord.relationships.models import ConsumerRole, Subscription
from accord.relationships.models.subscriptions import active_on

ORDER_PARTS = ('relationship', 'requested_by', 'subscription__offering', 'request_item', 'offering', 'group',
               'decided_by')


class OrderForm(forms.Form):
    """A request item, by name, of one of the subscriptions my organization actively holds (R5)."""

    subscription = forms.CharField(max_length=100)
    item = forms.CharField(max_length=100)

    def __init__(self, *args: Any, subscriptions: list[Subscription], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.subscriptions = {subscription.name: subscription for subscription in subscriptions}

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        subscription = self.subscriptions.get(data['subscription'])
        if subscription is None:
            raise ValidationError(f"{data['subscription']} is not a subscription your organization actively "
                                  'holds: you may order only from the offerings you subscribe to.')
        item = next((item for item in subscription.offering.request_items.all()
                     if item.name == data['item']), None)
        if item is None:
            raise ValidationError(f"{data['item']} is not a request item of {subscription.offering.display_title}"
                                  f', which you subscribe to in {subscription.display_title}: you may order only '
                                  "the request items of your subscriptions' offerings.")
        return {**data, 'subscription': subscription, 'item': item}


class DecisionForm(forms.Form):
    """A sponsor's decision on an order, with why in their words."""

    decision = forms.ChoiceField(choices=(('approve', 'Approve'), ('reject', 'Reject')))
    comment = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={'rows': 2}))


def _actor(request: HttpRequest) -> Actor:
    return Actor(user=request.user, source=ChangeSource.UI)


def _person(request: HttpRequest) -> Person:
    """The signed-in consumer's person (a portal reader always has one: ``consumer_page``)."""
    _organizations, person_id = consumer_organizations(request.user)
    return Person.objects.get(pk=person_id)


def _catalogue(user: Any) -> list[Subscription]:
    """The subscriptions my organization actively holds today in an active relationship, with their request items."""
    return list(Subscription.objects.restrict(user).filter(
        active_on(datetime.date.today()), relationship__status=RelationshipStatus.ACTIVE,
    ).select_related('relationship', 'offering').prefetch_related(
        Prefetch('offering__request_items', RequestItem.objects.order_by('name')),
    ).order_by('relationship__name', 'name'))


def _sponsored(person_id: int) -> set[int]:
    """The relationships the person sponsors: whose orders awaiting approval they decide."""
    return set(ConsumerRole.objects.filter(person_id=person_id, role=ConsumerRoleKind.SPONSOR)
               .values_list('relationship_id', flat=True))


def _awaits(order: Order, sponsored: set[int]) -> bool:
    return (order.status == OrderStatus.SUBMITTED and order.relationship_id in sponsored
            and order.needs_approval)


def _row(order: Order, person_id: int, sponsored: set[int]) -> dict:
    """An order as the page shows it, with what the reader may do with it."""
    may_cancel = order.requested_by_id == person_id and OrderStatus.CANCELLED in ORDER_TRANSITIONS[order.status]
    return {'order': order, 'may_cancel': may_cancel, 'awaits_me': _awaits(order, sponsored)}


def _requests_page(request: HttpRequest, form: OrderForm | None = None) -> HttpResponse:
    person_id = consumer_organizations(request.user)[1]
    sponsored = _sponsored(person_id)
    orders = [_row(order, person_id, sponsored) for order in Order.objects.restrict(request.user)
              .select_related(*ORDER_PARTS).order_by('-at', 'name')]
    return render(request, 'portal/requests.html', {
        'catalogue': _catalogue(request.user), 'orders': orders, 'sponsor': bool(sponsored),
        'awaiting': [row for row in orders if row['awaits_me']], 'form': form, 'decision_form': DecisionForm(),
    })


@consumer_page
def requests(request: HttpRequest) -> HttpResponse:
    """Requests: what we may order, our orders and their states, and what awaits my approval; POST orders."""
    if request.method != 'POST':
        return _requests_page(request)
    form = OrderForm(request.POST, subscriptions=_catalogue(request.user))
    if not form.is_valid():
        return _requests_page(request, form)
    subscription, item = form.cleaned_data['subscription'], form.cleaned_data['item']
    try:
        order = services.place_order(subscription.relationship, _person(request), subscription=subscription,
                                     request_item=item, actor=_actor(request))
    except ValidationError as refused:
        form.add_error(None, refused.messages)
        return _requests_page(request, form)
    waits = "it awaits a sponsor's approval" if order.status == OrderStatus.SUBMITTED else f'it is {order.status}'
    messages.success(request, f'{item.title or item.name} ordered; {waits}.')
    return redirect('portal:requests')


def _order(request: HttpRequest, name: str) -> Order:
    """One of my organization's orders, or 404."""
    return get_object_or_404(Order.objects.restrict(request.user).select_related(*ORDER_PARTS), name=name)


def _order_page(request: HttpRequest, order: Order, decision_form: DecisionForm | None = None,
                cancel_error: str = '') -> HttpResponse:
    person_id = consumer_organizations(request.user)[1]
    return render(request, 'portal/order.html', {
        **_row(order, person_id, _sponsored(person_id)), 'decision_form': decision_form or DecisionForm(),
        'cancel_error': cancel_error,
    })


@consumer_page
def order(request: HttpRequest, name: str) -> HttpResponse:
    """One order of my organization: what, when, by whom, its state and its decision."""
    return _order_page(request, _order(request, name))


@require_POST
@consumer_page
def cancel(request: HttpRequest, name: str) -> HttpResponse:
    """The person who placed the order withdraws it while it is not fulfilled."""
    order = _order(request, name)
    if order.requested_by_id != consumer_organizations(request.user)[1]:
        return _order_page(request, order, cancel_error=f'Only {order.requested_by.display_title}, who placed '
                                                        'this order, may cancel it.')
    try:
        services.cancel(order, actor=_actor(request))
    except ValidationError as refused:
        return _order_page(request, order, cancel_error=' '.join(refused.messages))
    messages.success(request, f'Order {order.display_title} cancelled.')
    return redirect('portal:requests')


@require_POST
@consumer_page
def decide(request: HttpRequest, name: str) -> HttpResponse:
    """A sponsor of the relationship approves or rejects the order, with a comment."""
    order = _order(request, name)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _order_page(request, order, form)
    verb = services.approve if form.cleaned_data['decision'] == 'approve' else services.reject
    try:
        decided = verb(order, by=_person(request), comment=form.cleaned_data['comment'], actor=_actor(request))
    except ValidationError as refused:
        form.add_error(None, refused.messages)
        return _order_page(request, order, form)
    messages.success(request, f'Order {decided.display_title} {decided.status}.')
    return redirect('portal:requests')
