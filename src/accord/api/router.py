"""Routes of the model endpoints: each domain app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
urlpatterns = router.urls
