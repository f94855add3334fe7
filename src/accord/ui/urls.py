"""The console's addresses: sign-in, home, search, each kind's pages (declared by its app) and the questions."""

from django.urls import path

from accord.analysis import views as questions
from accord.catalog import urls as catalog
from accord.parties import urls as parties
from accord.practices import urls as practices
from accord.provision import urls as provision
from accord.relationships import urls as relationships
from accord.resources import urls as resources
from accord.ui import catalogue_files, views

app_name = 'ui'
urlpatterns = [
    path('', views.home, name='home'),
    path('login/', views.LoginView.as_view(), name='login'),
    path('logout/', views.LogoutView.as_view(), name='logout'),
    path('search/', views.search, name='search'),
    path('catalogue-files/', catalogue_files.catalogue_files, name='catalogue-files'),
    path('catalogue-files/apply/', catalogue_files.apply_files, name='catalogue-files-apply'),
    path('catalogue-files/export/', catalogue_files.export, name='catalogue-files-export'),
    *parties.urlpatterns,
    *resources.urlpatterns,
    *catalog.urlpatterns,
    *relationships.urlpatterns,
    *practices.urlpatterns,
    *provision.urlpatterns,
    *questions.urlpatterns,
]
