"""One module per command, registered in the order ``accord --help`` lists them."""

from accord.cli.commands import (
    access,
    action,
    agreement,
    apply,
    capacity,
    catalogue,
    characteristics,
    charges,
    convert,
    deliver,
    demo,
    expiring,
    export,
    grant,
    health,
    impact,
    order,
    owner,
    quote,
    revoke,
    roles,
    serve,
    token,
    user,
)

ALL = [demo, serve, apply, export, impact, quote, catalogue, roles, agreement, health, charges, owner, access, capacity,
       characteristics, expiring, token, user,
       order, deliver, grant, revoke, convert, action]
