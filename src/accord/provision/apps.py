from django.apps import AppConfig


class ProvisionConfig(AppConfig):
    name = 'accord.provision'
    label = 'provision'
    verbose_name = 'Provision and consumption'

    def ready(self) -> None:
        from accord.core.roles import register
        from accord.provision.permissions import SCOPES
        from accord.provision.services import end_grants
        from accord.relationships.signals import subscription_ended

        def end_grants_of(sender, *, subscription, at, actor, **kwargs) -> None:
            end_grants(subscription, at=at, actor=actor)

        register(SCOPES)
        subscription_ended.connect(end_grants_of, dispatch_uid='provision.end_grants', weak=False)
