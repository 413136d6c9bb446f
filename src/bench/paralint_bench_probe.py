"""paralint bench's probe, loaded into pytest with ``-p paralint_bench_probe``.

It records when collection ended, when the session ended, how many xdist workers started,
each test's outcome, duration and worker, failed collections, and the tests of each xdist_group, then writes them as one JSON object to the
file named by PARALINT_BENCH_OUTPUT. It runs in the controller only (or in the one process
of a serial run); xdist workers load it too, and it does nothing there.
Written for pytest 7.2 to 9 and pytest-xdist 2.5 to 3.8: only hooks all of them call.
"""

import json
import os
import time

import pytest

_record = {
    "collection_finished": None,
    "session_started": None,
    "session_finished": None,
    "workers_ready": [],
    "collect_errors": [],
    "collected": None,
    "groups": {},
    "exit_status": None,
    "tests": {},
}
_clock_zero = time.perf_counter()


def _text(value):
    # Node ids come from file names, which need not be UTF-8: JSON gets valid text.
    return str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _now():
    return time.perf_counter() - _clock_zero


def _is_worker(config):
    return hasattr(config, "workerinput")


def pytest_configure(config):
    _record["is_worker"] = _is_worker(config)


def pytest_sessionstart(session):
    _record["session_started"] = _now()


def pytest_collection_finish(session):
    # A serial run collects here; an xdist controller collects nothing itself.
    if not _record.get("is_worker"):
        _record["collection_finished"] = _now()
        _record["collected"] = len(session.items)
        # Tests that must share a worker, by group: which modes keep each group together
        # depends on where its tests are (one file, one scope, or anywhere).
        for item in session.items:
            marker = item.get_closest_marker("xdist_group")
            if marker is not None:
                name = marker.args[0] if marker.args else marker.kwargs.get("name", "default")
                _record["groups"].setdefault(str(name), []).append(_text(item.nodeid))


@pytest.hookimpl(optionalhook=True)  # xdist's hook: absent where xdist is not installed
def pytest_testnodeready(node):
    # A worker restarted after a crash is ready again under the same id: count ids.
    worker = node.gateway.id
    if worker not in _record["workers_ready"]:
        _record["workers_ready"].append(worker)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    # Under xdist, collection is over when the last worker has collected.
    _record["collection_finished"] = _now()
    _record["collected"] = len(ids)


def pytest_collectreport(report):
    # Under xdist the controller hears of the workers' failed collections here too.
    if report.failed and not _record.get("is_worker"):
        _record["collect_errors"].append(_text(report.nodeid))


def pytest_runtest_logreport(report):
    if _record.get("is_worker"):
        return
    test = _record["tests"].setdefault(_text(report.nodeid), {"outcome": "passed", "duration": 0.0, "worker": None})
    test["duration"] += getattr(report, "duration", 0.0) or 0.0
    node = getattr(report, "node", None)
    gateway = getattr(node, "gateway", None)
    if gateway is not None:
        test["worker"] = gateway.id
    if report.failed:
        test["outcome"] = "failed" if report.when == "call" else "error"
    elif report.skipped and test["outcome"] == "passed":
        test["outcome"] = "skipped"


def pytest_sessionfinish(session, exitstatus):
    _record["session_finished"] = _now()
    _record["exit_status"] = int(exitstatus)


def pytest_unconfigure(config):
    path = os.environ.get("PARALINT_BENCH_OUTPUT")
    if _is_worker(config) or not path:
        return
    del _record["is_worker"]
    with open(path, "w", encoding="utf-8") as out:
        json.dump(_record, out)
