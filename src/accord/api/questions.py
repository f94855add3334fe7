"""Routes of the question endpoints (impact, quote, catalogue view, roles, agreement status, health)."""

urlpatterns: list = []
