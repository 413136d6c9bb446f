"""docs/rules/ is generated from rules/*.toml (scripts/gen-rule-docs): every page must
equal what the binary renders now, and `paralint rule CODE` must explain every rule."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import REPO_ROOT

pytestmark = pytest.mark.not_sanitized

DOCS = REPO_ROOT / "docs" / "rules"


def run(paralint, *args) -> str:
    return subprocess.run([paralint, *args], capture_output=True, check=True, timeout=30).stdout.decode("utf-8")


def test_rule_pages_are_up_to_date(paralint):
    rules = json.loads(run(paralint, "rules", "--format", "json"))
    expected = {"README.md": run(paralint, "rules", "--format", "markdown")}
    for rule in rules:
        expected[f"{rule['code']}.md"] = run(paralint, "rule", rule["code"], "--format", "markdown")
    actual = {p.name: p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")} if DOCS.is_dir() else {}
    stale = sorted(name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name))
    assert not stale, f"docs/rules is stale for {stale}: run scripts/gen-rule-docs"


def test_rule_explains_itself(paralint):
    for rule in json.loads(run(paralint, "rules", "--format", "json")):
        text = run(paralint, "rule", rule["code"])
        assert text.startswith(f"{rule['code']} ({rule['name']}) [{rule['severity']}]")
        assert "Why it matters:" in text


def test_unknown_rule_is_a_usage_error(paralint):
    proc = subprocess.run([paralint, "rule", "Z999"], capture_output=True, timeout=30)
    assert proc.returncode == 2
    assert b"no rule Z999" in proc.stderr


def test_what_a_fix_changes_names_real_settings():
    # fix_changes (rules/README.md) is what test_fix_corpus.py holds each fix to: a word it
    # does not know there, or a misspelt key, would let a fix change anything unnoticed.
    import tomllib

    words = {"configfile", "section", "the reported key", "new keys", "every key"}
    keys = set()
    for schema in (REPO_ROOT / "schemas").glob("*.toml"):
        for entry in tomllib.loads(schema.read_text()).get("ini", []):
            keys |= {entry["name"], *(alias["name"] for alias in entry.get("aliases", []))}
    for path in sorted((REPO_ROOT / "rules").glob("*.toml")):
        rule = tomllib.loads(path.read_text())
        if rule.get("fix", "none") == "none":
            assert "fix_changes" not in rule, path.name
            continue
        unknown = set(rule["fix_changes"]) - words - keys
        assert not unknown, f"{path.name}: fix_changes names {sorted(unknown)}"
