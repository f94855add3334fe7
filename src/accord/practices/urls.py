"""The console's addresses of practices (included by ``accord.ui.urls``); practices are reference data, no history."""

from accord.practices import forms, views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('practices', views.PracticeList, history=False),
    *object_pages('practice-assignments', views.PracticeAssignmentList, form=forms.PracticeAssignmentForm),
]
