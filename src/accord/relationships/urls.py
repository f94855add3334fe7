"""The console's addresses of relationships and what hangs from them (included by ``accord.ui.urls``)."""

from accord.relationships import forms, views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('service-relationships', views.ServiceRelationshipList, views.ServiceRelationshipDetail,
                 form=forms.ServiceRelationshipForm),
    *object_pages('subscriptions', views.SubscriptionList, form=forms.SubscriptionForm),
    *object_pages('agreements', views.AgreementList, form=forms.AgreementForm),
    *object_pages('feedback', views.FeedbackList, form=forms.FeedbackForm),
    *object_pages('value-reviews', views.ValueReviewList, form=forms.ValueReviewForm),
    *object_pages('relationship-reviews', views.RelationshipReviewList, form=forms.RelationshipReviewForm),
]
