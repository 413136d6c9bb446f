"""paralint bench's probe, loaded into pytest with ``-p paralint_bench_probe``.

It records when collection ended, when the session ended, how many xdist workers started,
each test's outcome, duration and worker, and how many tests are marked xdist_group, then writes them as one JSON object to the
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
    "workers_ready": 0,
    "collected": None,
    "grouped": 0,
    "exit_status": None,
    "tests": {},
}
_clock_zero = time.perf_counter()


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
        # Tests that must share a worker: only --dist loadgroup honours the marker.
        _record["grouped"] = sum(1 for item in session.items if item.get_closest_marker("xdist_group"))


@pytest.hookimpl(optionalhook=True)  # xdist's hook: absent in a serial (-p no:xdist) run
def pytest_testnodeready(node):
    _record["workers_ready"] += 1


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    # Under xdist, collection is over when the last worker has collected.
    _record["collection_finished"] = _now()
    _record["collected"] = len(ids)


def pytest_runtest_logreport(report):
    if _record.get("is_worker"):
        return
    test = _record["tests"].setdefault(report.nodeid, {"outcome": "passed", "duration": 0.0, "worker": None})
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
