"""Docstrings may mention @pytest.mark.undeclared without applying it."""
from pytest import mark

import pytest

pytestmark = [pytest.mark.slow]


@mark.db("sqlite://")
@pytest.mark.xdist_group(name="io")
@pytest.mark.timeout(5)
@pytest.mark.parametrize("size", [1, pytest.param(2, marks=pytest.mark.skip)])
def test_io(size):
    # @pytest.mark.commented_out
    assert size
