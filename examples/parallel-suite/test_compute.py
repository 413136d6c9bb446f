import pytest

from conftest import compute


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_checksum(size):
    assert compute(2) > 0
