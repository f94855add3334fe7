"""API representations of the change log, of accounts and of API tokens."""

import copy

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from accord.api.serializers import CamelCaseMixin, NamedModelSerializer, ObjectURLField, StrictFieldsMixin, camel
from accord.core.choices import ChangeSource
from accord.core.models import APIToken, ObjectChange, User
from accord.core.models.tokens import TOKEN_STATUSES
from accord.core.services import Actor
from accord.core.tokens import DEFAULT_EXPIRY_DAYS, create_token
from accord.parties.models import Person
from accord.parties.services import link_account


class ObjectChangeSerializer(CamelCaseMixin, serializers.ModelSerializer):
    """One entry, read-only; the object is named by its type (``app.model``), id and text at the time."""

    url = serializers.HyperlinkedIdentityField(view_name='objectchange-detail')
    user = serializers.CharField(source='user_name', read_only=True)
    object_type = serializers.SerializerMethodField(method_name='get_object_type')
    object_id = serializers.IntegerField(source='changed_object_id', read_only=True)
    object = serializers.CharField(source='object_repr', read_only=True)

    class Meta:
        model = ObjectChange
        fields = ['id', 'url', 'time', 'user', 'source', 'action', 'object_type', 'object_id', 'object',
                  'before', 'after']
        read_only_fields = fields

    def get_object_type(self, change: ObjectChange) -> str:
        """``app_label.model``, as ``?object_type=`` takes it (``resources.resource``)."""
        content_type = change.changed_object_type
        return f'{content_type.app_label}.{content_type.model}'


class PersonLinkField(serializers.SlugRelatedField):
    """A Person by name, among those the writer may change (a consumer's administrator links their people)."""

    def __init__(self, **kwargs):
        kwargs.setdefault('error_messages', {'does_not_exist': 'No person named {value} that you may change.'})
        super().__init__(slug_field='name', **kwargs)

    def get_queryset(self):
        return Person.objects.restrict(self.context['request'].user, 'change')


# Fields that make an account more than its roles: only a superuser sets them.
SUPERUSER_ONLY = ('is_superuser', 'is_staff')


class UserSerializer(NamedModelSerializer):
    """An account. The password is write-only, checked by Django's password validators, stored hashed.

    Only a superuser makes or unmakes a superuser or staff member, and no one deactivates or demotes
    their own account (the last superuser would lock everyone out).
    """

    password = serializers.CharField(
        write_only=True, required=False, trim_whitespace=False, style={'input_type': 'password'},
        help_text="Checked by the installation's password validators; never returned. Without one on create, "
                  'the account cannot log in with a password (an API token still works).')
    person = PersonLinkField(
        required=False, allow_null=True,
        help_text='The Person this account is the login of, by name: a consumer sees what their organization '
                  'may. Written, a Person the writer may change and no other account is the login of; null: '
                  "nobody's login.")

    class Meta(NamedModelSerializer.Meta):
        model = User
        fields = ['id', 'url', 'username', 'first_name', 'last_name', 'email', 'is_active', 'is_staff',
                  'is_superuser', 'date_joined', 'last_login', 'person', 'password']
        read_only_fields = ['id', 'date_joined', 'last_login']

    def validate(self, attrs: dict) -> dict:
        writer = self.context['request'].user
        for attr in SUPERUSER_ONLY:
            if attr in attrs and attrs[attr] != getattr(self.instance, attr, False) and not writer.is_superuser:
                raise PermissionDenied(f'Only a superuser may change {camel(attr)}.')
        if self.instance is not None and self.instance.pk == writer.pk:
            errors = {camel(attr): [f'You may not set {camel(attr)} false on your own account.']
                      for attr in ('is_active', 'is_superuser') if attrs.get(attr) is False and getattr(writer, attr)}
            if errors:
                raise serializers.ValidationError(errors)
        if 'password' in attrs:
            candidate = copy.copy(self.instance) if self.instance is not None else User()
            for attr, value in attrs.items():
                setattr(candidate, attr, value)
            try:
                password_validation.validate_password(attrs['password'], candidate)
            except DjangoValidationError as error:
                raise serializers.ValidationError({'password': list(error.messages)}) from None
        return attrs

    def create(self, validated_data: dict) -> User:
        user = User()
        self._set_password(user, validated_data.pop('password', None))
        return self._write_with_person(user, validated_data)

    def update(self, instance: User, validated_data: dict) -> User:
        if 'password' in validated_data:
            self._set_password(instance, validated_data.pop('password'))
        return self._write_with_person(instance, validated_data)

    def _write_with_person(self, user: User, validated_data: dict) -> User:
        """The account's columns, then its link to a Person (``accord.parties.services``), in one transaction."""
        linked = 'person' in validated_data
        person = validated_data.pop('person', None)
        with transaction.atomic():
            user = self._write(user, validated_data)
            if linked:
                try:
                    link_account(user, person, actor=Actor(user=self.context['request'].user, source=ChangeSource.API))
                except DjangoValidationError as error:
                    raise serializers.ValidationError(error.message_dict) from None
                user.refresh_from_db()
        return user

    @staticmethod
    def _set_password(user: User, password: str | None) -> None:
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)


class APITokenSerializer(StrictFieldsMixin, CamelCaseMixin, serializers.ModelSerializer):
    """A token, never its key nor its hash: recognised by its name and the key's first characters."""

    url = ObjectURLField(view_name='apitoken-detail')
    user = serializers.CharField(source='user.username', read_only=True)
    prefix = serializers.CharField(source='key_prefix', read_only=True,
                                   help_text="The key's first characters, to recognise it by.")
    expires = serializers.DateTimeField(
        required=False, allow_null=True,
        help_text=f'When the token stops working; on create, {DEFAULT_EXPIRY_DAYS} days from now when left out, '
                  'never when null.')
    status = serializers.ChoiceField(choices=TOKEN_STATUSES, read_only=True)

    class Meta:
        model = APIToken
        fields = ['id', 'url', 'user', 'name', 'prefix', 'created', 'expires', 'last_used', 'revoked_at', 'status']
        read_only_fields = ['id', 'created', 'last_used', 'revoked_at']

    def create(self, validated_data: dict) -> APIToken:
        """Issued to the request user, through ``accord.core.tokens`` as the CLI does; the key rides on the answer."""
        expiry: dict = {}
        if 'expires' in validated_data:
            expiry = {'expires': validated_data['expires'], 'expires_in_days': None}
        request = self.context['request']
        try:
            token, key = create_token(request.user, actor=Actor(user=request.user, source=ChangeSource.API),
                                      name=validated_data.get('name', ''), **expiry)
        except DjangoValidationError as error:
            raise serializers.ValidationError({camel(attr): messages for attr, messages in
                                               error.message_dict.items()}) from None
        token.key = key
        return token


class NewAPITokenSerializer(APITokenSerializer):
    """The answer to a create: the token with its key, shown this once only."""

    key = serializers.CharField(read_only=True, help_text='The key, shown this once only: store it now.')

    class Meta(APITokenSerializer.Meta):
        fields = [*APITokenSerializer.Meta.fields, 'key']
