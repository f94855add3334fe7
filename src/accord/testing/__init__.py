"""Test support for every app: it may import every layer (the CLI, the importer, the API), as ``core`` may not.

``fixtures`` (the FirstTown Bank, applied once per run), ``cli`` (``run_cli``, the command in-process),
``api`` (the generic API test mixin), ``server`` (a real server on loopback for concurrency tests and
benchmarks).
"""
