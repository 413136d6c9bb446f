import warnings


def test_old_api():
    warnings.warn("old api", DeprecationWarning)
