"""What the programs that read paralint's machine formats check, written from their sources
and documentation, so that a test fails when an output would be rejected or misread:

- GitHub Actions workflow commands, parsed as the runner parses them
  (actions/runner src/Runner.Common/ActionCommand.cs, TryParseV2 and its unescaping);
- SARIF 2.1.0: the OASIS schema (../shared/reference/sarif/) plus what GitHub code scanning
  requires on top ("SARIF support for code scanning", docs.github.com);
- GitLab Code Quality reports (docs.gitlab.com, "Code Quality": the report format);
- JUnit XML, as an XML 1.0 parser reads it.
"""

from __future__ import annotations

import json
import os
import urllib.parse
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema

from conftest import REPO_ROOT

SARIF_SCHEMA = Path(os.environ.get("SARIF_SCHEMA")
                    or REPO_ROOT.parent / "shared" / "reference" / "sarif" / "sarif-schema-2.1.0.json")

ANNOTATION_COMMANDS = {"error", "warning", "notice"}
ANNOTATION_PROPERTIES = {"title", "file", "line", "col", "endLine", "endColumn"}


def _unescape(text: str, mappings) -> str:
    for escaped, token in mappings:
        text = text.replace(escaped, token)
    return text


def _unescape_data(text: str) -> str:
    return _unescape(text, [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")])


def _unescape_property(text: str) -> str:
    return _unescape(text, [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")])


def parse_workflow_command(line: str):
    """(command, properties, message) as the runner reads a `::command k=v,…::message` line,
    or None when the runner would not see a command in it."""
    line = line.lstrip()
    if not line.startswith("::"):
        return None
    end = line.find("::", 2)
    if end < 0:
        return None
    info = line[2:end]
    name, _, properties_text = info.partition(" ")
    properties = {}
    for entry in (e for e in properties_text.strip().split(",") if e):
        key, sep, value = entry.partition("=")
        if sep and key and value:
            properties[key] = _unescape_property(value)
    return name, properties, _unescape_data(line[end + 2:])


def annotations(stdout: str) -> list:
    """Every line of a `--format github` output as (command, properties, message); asserts
    that each line is an annotation command with only the properties GitHub knows."""
    out = []
    for line in stdout.split("\n")[:-1]:
        parsed = parse_workflow_command(line)
        assert parsed is not None, f"not a workflow command: {line!r}"
        command, properties, _ = parsed
        assert command in ANNOTATION_COMMANDS, line
        assert set(properties) <= ANNOTATION_PROPERTIES, line
        assert properties.get("title") and properties.get("file"), line
        out.append(parsed)
    assert stdout.endswith("\n") or stdout == ""
    return out


def sarif_problems(log: dict) -> list:
    """Why the SARIF schema or GitHub code scanning would reject `log`, as readable lines."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    problems = [f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]

    def need_text(value, where, limit=None):
        if not isinstance(value, str) or not value:
            problems.append(f"{where}: required, not empty")
        elif limit is not None and len(value) > limit:
            problems.append(f"{where}: {len(value)} characters, GitHub takes {limit}")

    need_text(log.get("$schema"), "$schema")
    if log.get("version") != "2.1.0":
        problems.append("version: must be 2.1.0")
    for run in log.get("runs", []):
        driver = run.get("tool", {}).get("driver", {})
        need_text(driver.get("name"), "tool.driver.name")
        rules = driver.get("rules")
        if not isinstance(rules, list) or not rules:
            problems.append("tool.driver.rules: required")
            rules = []
        for rule in rules:
            where = f"rule {rule.get('id')}"
            need_text(rule.get("id"), f"{where}: id")
            need_text(rule.get("name"), f"{where}: name", 255)
            need_text(rule.get("shortDescription", {}).get("text"), f"{where}: shortDescription.text", 1024)
            need_text(rule.get("fullDescription", {}).get("text"), f"{where}: fullDescription.text", 1024)
            need_text(rule.get("help", {}).get("text"), f"{where}: help.text")
            level = rule.get("defaultConfiguration", {}).get("level", "warning")
            if level not in ("note", "warning", "error"):
                problems.append(f"{where}: defaultConfiguration.level {level!r}")
        if "results" not in run:
            problems.append("run.results: required")
        bases = run.get("originalUriBaseIds", {})
        for index, result in enumerate(run.get("results", [])):
            where = f"result {index} ({result.get('ruleId')})"
            need_text(result.get("message", {}).get("text"), f"{where}: message.text")
            if "ruleIndex" in result and rules[result["ruleIndex"]]["id"] != result.get("ruleId"):
                problems.append(f"{where}: ruleIndex points at {rules[result['ruleIndex']]['id']}")
            if result.get("level", "warning") not in ("note", "warning", "error"):
                problems.append(f"{where}: level {result.get('level')!r}")
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: partialFingerprints required")
            locations = result.get("locations") or []
            if not locations:
                problems.append(f"{where}: at least one location")
            for location in locations[:1]:
                physical = location.get("physicalLocation", {})
                artifact = physical.get("artifactLocation", {})
                need_text(artifact.get("uri"), f"{where}: artifactLocation.uri")
                base = artifact.get("uriBaseId")
                if base is not None and base not in bases:
                    problems.append(f"{where}: uriBaseId {base} not in originalUriBaseIds")
                region = physical.get("region", {})
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    if not isinstance(region.get(key), int) or region[key] < 1:
                        problems.append(f"{where}: region.{key} required, from 1")
    return problems


def sarif_path(run: dict, artifact: dict) -> str:
    """The file an artifactLocation names: its URI decoded, resolved against its base."""
    uri = urllib.parse.unquote(artifact["uri"])
    if "uriBaseId" in artifact:
        base = run["originalUriBaseIds"][artifact["uriBaseId"]]["uri"]
        assert base.startswith("file:///") and base.endswith("/"), base
        return urllib.parse.unquote(base[len("file://"):]) + uri
    assert uri.startswith("file:///"), uri
    return uri[len("file://"):]


GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def gitlab_problems(report) -> list:
    """Why GitLab would not show a Code Quality report's issues."""
    if not isinstance(report, list):
        return ["the report must be a JSON array"]
    problems = []
    fingerprints = set()
    for index, issue in enumerate(report):
        where = f"issue {index}"
        for key in ("description", "check_name", "fingerprint", "severity"):
            if not isinstance(issue.get(key), str) or not issue[key]:
                problems.append(f"{where}: {key} required")
        if issue.get("severity") not in GITLAB_SEVERITIES:
            problems.append(f"{where}: severity {issue.get('severity')!r}")
        if issue.get("fingerprint") in fingerprints:
            problems.append(f"{where}: fingerprint repeated (GitLab shows one issue per fingerprint)")
        fingerprints.add(issue.get("fingerprint"))
        location = issue.get("location", {})
        if not isinstance(location.get("path"), str) or not location["path"]:
            problems.append(f"{where}: location.path required")
        begin = location.get("lines", {}).get("begin", location.get("positions", {}).get("begin", {}).get("line"))
        if not isinstance(begin, int) or begin < 1:
            problems.append(f"{where}: location.lines.begin required")
    return problems


def parse_junit(text: str):
    """The <testsuites> element; asserts its counts add up."""
    root = ElementTree.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    cases = failures = 0
    for suite in root.findall("testsuite"):
        suite_cases = suite.findall("testcase")
        suite_failures = [c for c in suite_cases if c.find("failure") is not None]
        assert int(suite.get("tests")) == len(suite_cases)
        assert int(suite.get("failures")) == len(suite_failures)
        cases += len(suite_cases)
        failures += len(suite_failures)
    assert int(root.get("tests")) == cases and int(root.get("failures")) == failures
    return root
