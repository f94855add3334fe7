"""The console's own pages: sign-in and sign-out, home, and the search across every kind."""

from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy

from accord.analysis.relationship_pages import attention
from accord.core.querysets import is_consumer_only
from accord.ui.routes import kinds, list_url

SEARCH_SHOWN = 10


class LoginView(auth_views.LoginView):
    """Every account signs in here, staff and consumers alike.

    The form authenticates through django-axes (``accord.core.lockout``): each attempt counts before
    its password is checked and a successful sign-in clears the count, whoever the account is.
    """

    template_name = 'ui/login.html'
    redirect_authenticated_user = True
    next_page = reverse_lazy('ui:home')

    def get_default_redirect_url(self) -> str:
        """Consumers land on the portal, staff on the console's home (a ``next`` address wins for both)."""
        if is_consumer_only(self.request.user):
            return reverse('portal:catalogue')
        return super().get_default_redirect_url()


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy('ui:login')


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, 'ui/welcome.html')
    if is_consumer_only(request.user):
        return redirect('portal:catalogue')
    routes = dict((route, model) for model, route in kinds())
    glance = [(routes[route]._meta.verbose_name_plural, list_url(routes[route]),
               routes[route].objects.restrict(request.user).count()) for route in GLANCE if route in routes]
    return render(request, 'ui/home.html', {'counts': glance, **attention(request.user)})


GLANCE = ('organizations', 'consumer-groups', 'resources', 'products', 'services', 'service-offerings',
          'service-relationships', 'agreements')


@login_required(login_url=reverse_lazy('ui:login'))
def search(request: HttpRequest) -> HttpResponse:
    """Objects of every kind whose name or title holds the words, among what the reader may view."""
    text = request.GET.get('q', '').strip().replace('\x00', '')
    sections = []
    if text:
        for model, _route in kinds():
            found = model.objects.restrict(request.user).filter(
                Q(name__icontains=text) | Q(title__icontains=text)).order_by('name')[:SEARCH_SHOWN + 1]
            found = list(found)
            if found:
                more = f'{list_url(model)}?{urlencode({"q": text})}'
                heading = model._meta.verbose_name_plural
                sections.append((heading, found[:SEARCH_SHOWN], len(found) > SEARCH_SHOWN, more))
    return render(request, 'ui/search.html', {'text': text, 'sections': sections})
