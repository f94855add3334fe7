"""One module per command, registered in the order ``accord --help`` lists them."""

from accord.cli.commands import apply, catalogue, demo, export, quote, serve

ALL = [demo, serve, apply, export, quote, catalogue]
