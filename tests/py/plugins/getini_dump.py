"""A pytest plugin for test_migrate_native.py: at configure time, writes every value
`config.getini` returns for the keys the config file sets, as JSON, to $GETINI_OUT."""

import json
import os


def pytest_configure(config):
    values = {}
    for key in sorted(config.inicfg):
        try:
            value = config.getini(key)
        except ValueError:
            value = "<not registered>"
        except Exception as error:  # what pytest raises when it reads a value of the wrong type
            value = f"<{type(error).__name__}: {error}>"
        if isinstance(value, list):
            value = [str(item) for item in value]
        elif not isinstance(value, (str, bool, int, float, type(None))):
            value = repr(value)
        values[key] = value
    with open(os.environ["GETINI_OUT"], "w", encoding="utf-8") as out:
        json.dump(values, out, sort_keys=True)
