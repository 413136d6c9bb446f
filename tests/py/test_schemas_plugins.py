"""schemas/<plugin>.toml for the third-party plugins (see schemas/README.md):

1. every file parses, has the required fields and no unknown ones, releases ascend, each
   name is registered at most once per release, and since/removed/deprecated/choices_since
   name listed releases;
2. differential: Debian's /usr/bin/python3 has pytest-timeout and pytest-cov installed; the
   options, ini keys and markers they register there (printed by pytest itself through a tiny
   dump plugin, `-p no:cacheprovider --co -q -p dumpmod`, with and without `-p no:<entry point>`)
   must equal what the schema files say for the installed versions;
3. pytest-timeout's ini value facts hold there (`timeout` through float(), `timeout_method`
   signal/thread).

All pytest runs happen in one child interpreter (pytest.main per run) to stay fast.
Run with:  /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/py/test_schemas_plugins.py
Standard library (tomllib) and pytest only.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import textwrap
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = REPO_ROOT / "schemas"
ORACLE_PYTHON = os.environ.get("ORACLE_PYTHON", "/usr/bin/python3")
RUN_TIMEOUT_S = 60

# every schema file but pytest's own, versions.toml and pytest-xdist's (test_schemas_registry.py
# checks those two against every pytest and xdist release)
PLUGINS = tuple(sorted(p.stem for p in SCHEMAS.glob("*.toml") if p.stem not in ("pytest", "versions", "pytest-xdist")))
# plugins installed in Debian's interpreter, checked against it
LIVE = ("pytest-timeout", "pytest-cov")

INI_TYPES = {"string", "bool", "args", "linelist", "paths", "pathlist", "int", "float"}
VALUE_KINDS = {"float", "int", "bool"}
COMPONENT_FIELDS = {"name", "short_names", "entry_points", "releases", "source"}
INI_FIELDS = {"name", "type", "default", "help", "since", "removed", "deprecated", "deprecation",
              "aliases", "value", "choices"}
OPTION_FIELDS = {"names", "dest", "action", "nargs", "type", "choices", "choices_since", "default",
                 "since", "removed", "deprecated", "deprecation"}
MARKER_FIELDS = {"name", "line", "since", "removed"}
REQUIRED = {"ini": {"name", "type", "default", "help"},
            "option": {"names", "dest", "action", "default"},
            "marker": {"name", "line"}}
ALLOWED = {"ini": INI_FIELDS, "option": OPTION_FIELDS, "marker": MARKER_FIELDS}

# what pytest >= 8 stores for an ini key registered without a default; pytest 7 stores None
TYPE_DEFAULT = {"string": "''", "bool": "False", "int": "0", "float": "0.0",
                "args": "[]", "linelist": "[]", "paths": "[]", "pathlist": "[]"}


def load(plugin: str) -> dict:
    with open(SCHEMAS / f"{plugin}.toml", "rb") as f:
        return tomllib.load(f)


def vkey(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def entry_key(kind: str, e: dict):
    return tuple(e["names"]) if kind == "option" else e["name"]


def active_releases(e: dict, releases: list[str]) -> list[str]:
    lo = releases.index(e["since"]) if "since" in e else 0
    hi = releases.index(e["removed"]) if "removed" in e else len(releases)
    return releases[lo:hi]


def active_at(schema: dict, kind: str, version: str) -> list[dict]:
    rels = schema["component"]["releases"]
    return [e for e in schema.get(kind, []) if version in active_releases(e, rels)]


# --------------------------------------------------------------------------
# 1. the files themselves
# --------------------------------------------------------------------------


@pytest.mark.parametrize("plugin", PLUGINS)
def test_schema_file_is_well_formed(plugin):
    schema = load(plugin)
    assert set(schema) <= {"component", "ini", "option", "marker"}, set(schema)
    comp = schema["component"]
    assert set(comp) == COMPONENT_FIELDS, set(comp) ^ COMPONENT_FIELDS
    assert comp["name"] == plugin
    for field in ("short_names", "entry_points"):
        assert isinstance(comp[field], list) and all(isinstance(x, str) and x for x in comp[field])
    assert comp["entry_points"], "every plugin here has a pytest11 entry point"
    assert isinstance(comp["source"], str) and len(comp["source"]) > 40
    rels = comp["releases"]
    assert rels and all(re.fullmatch(r"\d+\.\d+\.\d+", r) for r in rels), rels
    assert [vkey(r) for r in rels] == sorted({vkey(r) for r in rels}), "releases ascending, no repeats"

    for kind in ("ini", "option", "marker"):
        seen: dict = {}
        for e in schema.get(kind, []):
            where = f"{plugin} [[{kind}]] {entry_key(kind, e)!r}"
            assert REQUIRED[kind] <= set(e), f"{where}: missing {REQUIRED[kind] - set(e)}"
            assert set(e) <= ALLOWED[kind], f"{where}: unknown {set(e) - ALLOWED[kind]}"
            for f in ("since", "removed", "deprecated"):
                if f in e:
                    assert e[f] in rels, f"{where}: {f} {e[f]} not in releases"
            if "since" in e and "removed" in e:
                assert vkey(e["since"]) < vkey(e["removed"]), where
            if "since" in e:
                assert e["since"] != rels[0], f"{where}: since the first release is written by omitting it"
            if "deprecated" in e:
                assert "deprecation" in e, where
            active = active_releases(e, rels)
            assert active, f"{where}: registered in no listed release"
            for r in active:
                assert r not in seen.get(entry_key(kind, e), set()), f"{where}: two entries at {r}"
                seen.setdefault(entry_key(kind, e), set()).add(r)
            if "choices" in e:
                assert isinstance(e["choices"], list) and e["choices"], where
                assert all(isinstance(c, str) for c in e["choices"]), where
                assert len(set(e["choices"])) == len(e["choices"]), where
            if kind == "ini":
                assert e["type"] in INI_TYPES, where
                assert isinstance(e["default"], str) and isinstance(e["help"], str), where
                if "value" in e:
                    assert e["value"] in VALUE_KINDS, where
            elif kind == "option":
                assert e["names"] and all(re.fullmatch(r"--?[A-Za-z0-9][\w-]*", n) for n in e["names"]), where
                assert re.fullmatch(r"\w+", e["dest"]), where
                assert isinstance(e["action"], str) and isinstance(e["default"], str), where
                if "nargs" in e:
                    assert isinstance(e["nargs"], int) or e["nargs"] in ("?", "*", "+"), where
                if e["action"] in ("store_true", "store_false", "store_const", "append_const", "count"):
                    assert e.get("nargs") == 0, f"{where}: a flag has nargs 0"
                for choice, since in e.get("choices_since", {}).items():
                    assert choice in e.get("choices", []), where
                    assert since in active[1:], f"{where}: choice {choice} since {since}"
            else:
                assert re.fullmatch(r"\w+", e["name"]), where
                assert re.match(re.escape(e["name"]) + r"[(:]", e["line"]), f"{where}: line names the marker"


def test_the_plugins_users_configure_most_have_a_file():
    assert len(PLUGINS) >= 40
    assert {"pytest-cov", "pytest-asyncio", "pytest-qt", "pytest-xvfb", "pytest-base-url",
            "pytest-html", "hypothesis", "anyio", "syrupy", "pytest-socket", "pytest-split"} <= set(PLUGINS)


# --------------------------------------------------------------------------
# 2./3. against Debian's interpreter
# --------------------------------------------------------------------------

# The tool's dump plugin (tools/extract_plugin_schema.py), plus the versions of the plugins
# checked here.
_spec = importlib.util.spec_from_file_location("extract_plugin_schema", REPO_ROOT / "tools" / "extract_plugin_schema.py")
_extract = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_extract)
DUMP_PLUGIN = _extract.DUMP_PLUGIN.replace(
    '"markers": list(config.getini("markers"))}',
    '"markers": list(config.getini("markers")), "versions": _versions()}',
) + textwrap.dedent('''
    from importlib import metadata

    def _versions():
        found = {}
        for dist in ("pytest", "pytest-timeout", "pytest-cov"):
            try:
                found[dist] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                found[dist] = None
        return found
''')


def _env(extra_path: Path, **kw) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYTEST_") and k not in ("PYTHONPATH", "COV_CORE_SOURCE")}
    env["PYTHONPATH"] = str(extra_path)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(kw)
    return env


DRIVER = textwrap.dedent('''
    """Runs pytest.main once per argument list in argv[1] (JSON), in this one process."""
    import json, sys
    import pytest
    for name, args in json.loads(sys.argv[1]).items():
        print(f"\\n=== run {name}", flush=True)
        rc = pytest.main(args)
        sys.stderr.flush()
        print(f"\\n=== rc {name} {int(rc)}", flush=True)
''')


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """Runs Debian's pytest (one interpreter, pytest.main per run) with every plugin and with
    the LIVE plugins' entry points blocked (the difference is what they register), plus two
    runs with bad pytest-timeout ini values; the full run sets good values for those keys."""
    if not os.access(ORACLE_PYTHON, os.X_OK):
        pytest.skip(f"{ORACLE_PYTHON} not found")
    d = tmp_path_factory.mktemp("plugins")
    (d / "dumpmod.py").write_text(DUMP_PLUGIN)
    (d / "driver.py").write_text(DRIVER)
    (d / "pytest.ini").write_text("[pytest]\n")
    (d / "test_one.py").write_text("def test_one():\n    pass\n")
    base = ["-p", "no:cacheprovider", "-q"]
    blocked = [arg for plugin in LIVE for ep in load(plugin)["component"]["entry_points"]
               for arg in ("-p", f"no:{ep}")]
    runs = {
        "all": base + ["--co", "-p", "dumpmod", "-o", "timeout=2.5", "-o", "timeout_method=thread"],
        "without": base + ["--co", "-p", "dumpmod", *blocked],
        "timeout=abc": base + ["-o", "timeout=abc", "test_one.py"],
        "timeout_method=bogus": base + ["-o", "timeout_method=bogus", "test_one.py"],
    }
    proc = subprocess.run([ORACLE_PYTHON, str(d / "driver.py"), json.dumps(runs)], cwd=d,
                          env=_env(d, DUMP_OUT=str(d / "dump.jsonl")), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=RUN_TIMEOUT_S)
    text = proc.stdout.decode(errors="replace")
    result = {}
    for m in re.finditer(r"^=== run (\S+)\n(.*?)^=== rc \1 (-?\d+)$", text, re.S | re.M):
        result[m.group(1) + ":out"] = (int(m.group(3)), m.group(2))
    if set(result) != {f"{name}:out" for name in runs}:
        pytest.fail(f"driver run failed (exit {proc.returncode}):\n{text}")
    dumps = [json.loads(line) for line in (d / "dump.jsonl").read_text().splitlines()]
    if len(dumps) != 2:
        pytest.fail(f"expected two dumps, got {len(dumps)}:\n{text}")
    result["all"], result["without"] = dumps
    return result


def _registered_by_live_plugins(live):
    """What the LIVE plugins added: the full run minus the run with their entry points blocked."""
    full, without = live["all"], live["without"]
    gone = {tuple(o["names"]) for o in without["options"]}
    pytest_major = int(full["versions"]["pytest"].split(".")[0])
    options = {tuple(o["names"]): {k: o[k] for k in ("dest", "action", "nargs", "type", "choices", "default")}
               for o in full["options"] if tuple(o["names"]) not in gone}
    ini = {}
    for name, rec in full["ini"].items():
        if name in without["ini"]:
            continue
        typ = rec["type"] or "string"
        default = rec["default"]
        if default == "None" and pytest_major < 8:
            default = TYPE_DEFAULT[typ]   # pytest 7 stores None for an omitted default
        ini[name] = {"type": typ, "default": default, "help": rec["help"]}
    markers = sorted(set(full["markers"]) - set(without["markers"]))
    return options, ini, markers


def _schema_at(plugin, version):
    schema = load(plugin)
    options = {}
    for e in active_at(schema, "option", version):
        choices = e.get("choices")
        if choices is not None:
            since = e.get("choices_since", {})
            choices = [c for c in choices if c not in since or vkey(since[c]) <= vkey(version)]
        options[tuple(e["names"])] = {"dest": e["dest"], "action": e["action"], "nargs": e.get("nargs"),
                                      "type": e.get("type"), "choices": choices, "default": e["default"]}
    ini = {e["name"]: {"type": e["type"], "default": e["default"], "help": e["help"]}
           for e in active_at(schema, "ini", version)}
    markers = [e["line"] for e in active_at(schema, "marker", version)]
    return options, ini, markers


def test_schemas_match_debian_interpreter(live):
    versions = live["all"]["versions"]
    want_options, want_ini, want_markers = {}, {}, []
    owner = {}
    for plugin in LIVE:
        version = versions[plugin]
        if version is None:
            pytest.skip(f"{plugin} is not installed in {ORACLE_PYTHON}")
        if version not in load(plugin)["component"]["releases"]:
            pytest.skip(f"{plugin} {version} in {ORACLE_PYTHON} is not a release listed in schemas/{plugin}.toml")
        options, ini, markers = _schema_at(plugin, version)
        assert not set(options) & set(want_options) and not set(ini) & set(want_ini)
        want_options.update(options)
        want_ini.update(ini)
        want_markers += markers
        owner.update({k: f"{plugin} {version}" for k in [*options, *ini, *markers]})
    got_options, got_ini, got_markers = _registered_by_live_plugins(live)
    assert got_options, "blocking the plugins' entry points removed no option"
    for got, want, what in ((got_options, want_options, "option"), (got_ini, want_ini, "ini key")):
        for k in sorted(set(got) | set(want), key=str):
            assert k in want, f"{what} {k!r} is registered live but in no schema: {got[k]}"
            assert k in got, f"{what} {k!r} ({owner[k]}) is in the schema but not registered live"
            assert got[k] == want[k], f"{what} {k!r} ({owner[k]}): live {got[k]} != schema {want[k]}"
    assert got_markers == sorted(want_markers)


def test_timeout_ini_value_facts_hold(live):
    """schemas/pytest-timeout.toml: `timeout` is read with float(), `timeout_method` takes
    signal or thread (checked for the installed release, where both are type string)."""
    version = live["all"]["versions"]["pytest-timeout"]
    if version is None:
        pytest.skip(f"pytest-timeout is not installed in {ORACLE_PYTHON}")
    schema = load("pytest-timeout")
    if version not in schema["component"]["releases"]:
        pytest.skip(f"pytest-timeout {version} is not listed in schemas/pytest-timeout.toml")
    ini = {e["name"]: e for e in active_at(schema, "ini", version)}
    assert ini["timeout"]["type"] == "string" and ini["timeout"]["value"] == "float"
    assert ini["timeout_method"]["choices"] == ["signal", "thread"]
    rc, out = live["timeout=abc:out"]
    assert rc != 0 and "Invalid timeout abc from config file" in out, out
    rc, out = live["timeout_method=bogus:out"]
    assert rc != 0 and "Invalid method bogus from config file" in out, out
    rc, out = live["all:out"]   # -o timeout=2.5 -o timeout_method=thread were accepted
    assert rc == 0 and "1 test collected" in out, out
