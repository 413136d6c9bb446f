#!/usr/bin/env python3
"""Writes schemas/coverage/coverage.toml: the options coverage.py reads from its config files
(section, name, how the value is read), per release, as each release itself lists them in
coverage.config.CoverageConfig.CONFIG_FILE_OPTIONS. pytest-cov starts coverage while pytest
loads its config, so these decide what paralint says about a coverage config under --cov.

    tools/extract_coverage_schema.py [--out schemas/coverage/coverage.toml]

Releases: Debian's python3-coverage (installed beside Debian's pytest-cov) and the tags in
TAGS of github:nedbat/coveragepy fetched beside the project (PARALINT_MIRROR, default
../.mirror), each unpacked with `git archive` and imported from there by /usr/bin/python3.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = "/usr/bin/python3"
TAGS = ["7.0.0", "7.2.7", "7.4.4", "7.6.12", "7.8.2", "7.10.7", "7.11.3"]

LIST_OPTIONS = '''
import json, coverage
from coverage.config import CoverageConfig
try:  # 7.x keeps the light-thread libraries on the config, 6.x on the collector
    light = CoverageConfig.LIGHT_THREADS
except AttributeError:
    from coverage.collector import Collector
    light = Collector.LIGHT_THREADS
print(json.dumps([coverage.__version__,
                  [[spec[1], spec[2] if len(spec) > 2 else "string"] for spec in CoverageConfig.CONFIG_FILE_OPTIONS],
                  {"concurrency": sorted(CoverageConfig.CONCURRENCY_CHOICES), "exclusive": sorted(light)}]))
'''


def options_of(pythonpath: Path | None) -> tuple[str, dict[str, str], dict]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    out = subprocess.run([PYTHON, "-c", LIST_OPTIONS], env=env, cwd=tempfile.gettempdir(), check=True,
                         capture_output=True, text=True).stdout
    version, options, concurrency = json.loads(out)
    return version, dict(options), concurrency


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "schemas" / "coverage" / "coverage.toml")
    args = parser.parse_args()
    mirror = Path(os.environ.get("PARALINT_MIRROR", REPO.parent / ".mirror"))
    git_dir = mirror / "nedbat+coveragepy" / "repo"
    releases = []
    notes = []
    version, options, concurrency = options_of(None)
    choices = {version: concurrency}
    releases.append((version, options))
    notes.append(f"{version}: Debian's python3-coverage, installed beside Debian's pytest 7.2.1 and pytest-cov 4.0.0.")
    with tempfile.TemporaryDirectory() as scratch:
        for tag in TAGS:
            tree = Path(scratch) / tag
            tree.mkdir()
            tar = subprocess.run(["git", "--git-dir", str(git_dir), "archive", tag], check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(tree)], input=tar, check=True)
            version, options, concurrency = options_of(tree)
            choices[version] = concurrency
            releases.append((version, options))
            notes.append(f"{version}: tag {tag} of github:nedbat/coveragepy (git archive), imported from there.")
    releases.sort(key=lambda r: tuple(int(x) for x in r[0].split(".")))
    order = [r for r, _ in releases]
    keys = list(dict.fromkeys(k for _, options in releases for k in options))
    lines = ["# coverage.py: the options each listed release reads from a config file, as the release lists",
             "# them (CoverageConfig.CONFIG_FILE_OPTIONS). Written by tools/extract_coverage_schema.py: do not edit.",
             "", "[component]", 'name = "coverage"', f"releases = {json.dumps(order)}", 'source = """',
             "Method, per release:", *notes,
             "`type` is how coverage reads the value: boolean, int, float, list (comma or line separated),",
             "linelist (one per line), file (a path, ~ expanded), string.",
             "[concurrency]: CoverageConfig.CONCURRENCY_CHOICES (anything else: ConfigError \"Unknown concurrency",
             "choices\"), and the light-thread libraries of which at most one may be named (LIGHT_THREADS:",
             "\"Conflicting concurrency settings\").", '"""']
    if len({json.dumps(c, sort_keys=True) for c in choices.values()}) != 1:
        raise SystemExit(f"the concurrency choices differ between releases: {choices}; give them since/removed")
    concurrency = next(iter(choices.values()))
    lines += ["", "[concurrency]", f"choices = {json.dumps(concurrency['concurrency'])}",
              f"exclusive = {json.dumps(concurrency['exclusive'])}"]
    for key in keys:
        current, since = None, None
        for release, options in releases + [(None, {})]:
            kind = options.get(key)
            if kind != current:
                if current is not None:
                    section, name = key.split(":")
                    lines += ["", "[[option]]", f'section = "{section}"', f'name = "{name}"', f'type = "{current}"']
                    if since != order[0]:
                        lines.append(f'since = "{since}"')
                    if release is not None:
                        lines.append(f'removed = "{release}"')
                current, since = kind, release
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")
    print(f"{args.out}: {len(keys)} options over {len(order)} releases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
