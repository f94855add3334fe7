"""One module per command, registered in the order ``accord --help`` lists them."""

from accord.cli.commands import (
    agreement,
    apply,
    catalogue,
    demo,
    export,
    health,
    impact,
    quote,
    roles,
    serve,
    token,
    user,
)

ALL = [demo, serve, apply, export, impact, quote, catalogue, roles, agreement, health, token, user]
