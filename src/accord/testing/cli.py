"""Run the ``accord`` command in-process, as tests do (httpie's ``http()`` helper is the model)."""

import io
import json
from dataclasses import dataclass
from typing import Any

from accord.cli.main import main


@dataclass
class CliResult:
    status: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: str) -> CliResult:
    """Run ``accord ARGS...`` against the test database and capture what it prints."""
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main([str(a) for a in args], stdout=stdout, stderr=stderr)
    return CliResult(int(status), stdout.getvalue(), stderr.getvalue())
