import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        for item in items:
            if item.get_closest_marker("serial"):
                item.add_marker(pytest.mark.skip(reason="serial tests run in their own step"))
