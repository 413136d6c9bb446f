"""Costs of the sample suite, in units of 0.1 s times PARALINT_SAMPLE_SCALE (default 1).

Every cost is wall-clock time that does not stretch when the machine is busy: `pause`
sleeps, `compute` keeps a CPU busy until its time is up. So what a profile should take
follows from the design alone (see README.md), and bench's figures can be checked
against it.
"""

import os
import time

import pytest

UNIT_SECONDS = 0.1 * float(os.environ.get("PARALINT_SAMPLE_SCALE", "1"))


def pause(units):
    time.sleep(units * UNIT_SECONDS)


def compute(units):
    deadline = time.perf_counter() + units * UNIT_SECONDS
    total = 0
    while time.perf_counter() < deadline:
        total += sum(range(1000))
    return total


@pytest.fixture(scope="module")
def database():
    """A costly module-scoped set-up: 3 units, once per module in each process that runs it."""
    pause(3)
    yield {"rows": 100}
