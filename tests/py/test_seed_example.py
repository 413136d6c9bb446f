"""The config this project started from (examples/seed-report/pytest.ini, the fact
sheet's §9 reconstruction): every problem gets its own line with an actionable message.
The report's author ran xdist; nothing else was installed."""

from __future__ import annotations

import json
import subprocess

from conftest import REPO_ROOT, clean_env

SEED = REPO_ROOT / "examples" / "seed-report"


def diagnostics(paralint):
    proc = subprocess.run([paralint, "check", "--format", "json", "--quiet", "--pytest-version", "7.2.1",
                           "--plugins", "pytest-xdist=3.1.0", "."], cwd=SEED, capture_output=True, timeout=60,
                          env=clean_env())
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def lines_of(found, code):
    return sorted(d["line"] for d in found if d["code"] == code)


def test_each_inline_comment_is_reported_on_its_line(paralint):
    found = diagnostics(paralint)
    text = (SEED / "pytest.ini").read_text(encoding="utf-8").splitlines()
    commented = [n for n, line in enumerate(text, 1) if line.startswith("    -") and "#" in line]
    assert lines_of(found, "A001") == commented
    assert all(d["severity"] == "error" and d["fix"] for d in found if d["code"] == "A001")


def test_invented_and_missing_plugin_options(paralint):
    found = diagnostics(paralint)
    by_code = {}
    for d in found:
        by_code.setdefault(d["code"], []).append(d)
    [restart_delay] = [d for d in by_code["A002"] if "--worker-restart-delay" in d["message"]]
    assert restart_delay["severity"] == "error"
    [reuse_db] = [d for d in by_code["A003"] if "--reuse-db" in d["message"]]
    assert "pytest-django" in reuse_db["message"]
    assert any("--cache-clear" in d["message"] for d in by_code["A009"])


def test_the_four_parallel_markers(paralint):
    found = diagnostics(paralint)
    messages = [d["message"] for d in found if d["code"] == "M004"]
    assert len(messages) == 4
    for name in ("parallel_safe", "parallel_unsafe", "worker_safe", "worker_unsafe"):
        assert any(name in m for m in messages), name


def test_the_unread_section_and_each_of_its_keys(paralint):
    found = diagnostics(paralint)
    d005 = [d for d in found if d["code"] == "D005"]
    assert any("tool:pytest.ini_options.parallel" in d["message"] for d in d005)
    for key in ("max_workers", "worker_timeout", "worker_restart_delay", "max_worker_restart", "dist",
                "load_scope_threshold"):
        assert any(key in d["message"] for d in d005), key
