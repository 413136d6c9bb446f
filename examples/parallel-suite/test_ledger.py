"""Tests that share one resource: xdist_group keeps them on one worker under --dist loadgroup."""

import pytest

from conftest import pause


@pytest.mark.xdist_group("ledger")
def test_ledger_open():
    pause(2)


@pytest.mark.xdist_group("ledger")
def test_ledger_post():
    pause(2)


@pytest.mark.xdist_group("ledger")
def test_ledger_close():
    pause(2)
