#!/usr/bin/env python3
"""Writes schemas/<plugin>.toml (format: schemas/README.md) from what each release of a pytest
plugin registers, asked of the plugin itself: every release is run under Debian's pytest
(/usr/bin/python3) with a small dump plugin, once with the plugin loaded and once without, and
the difference is what it registers (ini keys, command-line options, markers). Nothing is typed
by hand.

    tools/extract_plugin_schema.py [--sources tools/plugin_sources.toml] [--out schemas] [NAME ...]

Where the releases come from (tools/plugin_sources.toml, one [[plugin]] each):
  debian = "python3-pytest-sugar"   Debian's package, fetched with `apt-get download` (with the
                                    python3 packages it needs that are not installed) and
                                    unpacked with `dpkg -x` into a temporary folder put on
                                    PYTHONPATH: nothing is installed; its entry points come from
                                    its own metadata.
  git = "owner/name"                a repository fetched beside the project (the library's
  tags = ["1.0", ...]               `fetch`; PARALINT_MIRROR, default ../.mirror): each tag is
  module = "pytest_foo"             unpacked with `git archive` and loaded with `-p MODULE`
  path = "src"                      from PATH inside it; `entry_points` are then stated, read
  entry_points = ["foo"]            from the packaging files at the tags.
  needs = ["python3-jinja2"]        Debian packages unpacked beside it (its imports).
  generated = {"foo/version.py" =   files its build would write (setuptools_scm's version file),
    "version = '{version}'"}        written under the folder it is loaded from ({version}: X.Y.Z).
A release that cannot be imported is read instead: the addoption/addini/addinivalue_line
calls of its source, evaluated where their arguments are literals; its schema says "read, not
run" for that release.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = "/usr/bin/python3"  # Debian's, with pytest 7.2.1

DUMP_PLUGIN = textwrap.dedent('''
    """Appends what the running pytest registered to $DUMP_OUT (one JSON line per run)."""
    import argparse, json, os

    ACTIONS = {argparse._StoreAction: "store", argparse._StoreTrueAction: "store_true",
               argparse._StoreFalseAction: "store_false", argparse._StoreConstAction: "store_const",
               argparse._AppendAction: "append", argparse._AppendConstAction: "append_const",
               argparse._CountAction: "count", argparse._HelpAction: "help",
               argparse._VersionAction: "version"}

    def pytest_sessionstart(session):
        config = session.config
        options = []
        for a in config._parser._getparser()._actions:
            if a.option_strings:
                options.append({
                    "names": list(a.option_strings), "dest": a.dest,
                    "action": ACTIONS.get(type(a), type(a).__name__), "nargs": a.nargs,
                    "type": None if a.type is None else getattr(a.type, "__name__", repr(a.type)),
                    "choices": None if a.choices is None else [str(c) for c in a.choices],
                    "default": repr(a.default)})
        ini = {name: {"help": h, "type": t, "default": repr(d)}
               for name, (h, t, d) in config._parser._inidict.items()}
        with open(os.environ["DUMP_OUT"], "a") as f:
            f.write(json.dumps({"options": options, "ini": ini,
                                "markers": list(config.getini("markers"))}) + "\\n")
''')

# What pytest >= 8 stores for an ini key registered without a default (pytest 7 stores None).
TYPE_DEFAULT = {"string": "''", "bool": "False", "int": "0", "float": "0.0",
                "args": "[]", "linelist": "[]", "paths": "[]", "pathlist": "[]"}


def run(command: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kw)


# --- getting a release onto a path --------------------------------------------------------


def installed(package: str) -> bool:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return out.returncode == 0 and "install ok installed" in out.stdout


def python_dependencies(package: str) -> list[str]:
    """The package and the python3-* packages it needs, recursively, that are not installed."""
    out = run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
               "--no-breaks", "--no-replaces", "--no-enhances", package]).stdout
    names = {package} | {m.group(1) for m in re.finditer(r"^\s*Depends: (python3-[\w.+-]+)$", out, re.M)}
    return sorted(n for n in names if n == package or not installed(n))


def unpack_debian(packages: list[str], into: Path) -> tuple[Path, dict[str, str]]:
    """Downloads and unpacks the packages; returns the dist-packages folder and their versions."""
    downloads = into / "debs"
    downloads.mkdir(parents=True, exist_ok=True)
    wanted = sorted({dep for package in packages for dep in python_dependencies(package)})
    run(["apt-get", "download", *wanted], cwd=downloads)
    root = into / "root"
    versions = {}
    for deb in sorted(downloads.glob("*.deb")):
        run(["dpkg", "-x", str(deb), str(root)])
        name, version = deb.name.split("_")[:2]
        versions[name] = re.sub(r"^\d+:", "", version).rsplit("-", 1)[0]
    return root / "usr" / "lib" / "python3" / "dist-packages", versions


def entry_points_in(site: Path, distribution: str) -> tuple[str, list[tuple[str, str]]]:
    """(version, [(entry point, module)]) of a distribution's metadata in `site`."""
    script = textwrap.dedent(f'''
        import json, sys
        from importlib import metadata
        sys.path.insert(0, {str(site)!r})
        dist = metadata.distribution({distribution!r})
        print(json.dumps([dist.version, [[e.name, e.value] for e in dist.entry_points if e.group == "pytest11"]]))
    ''')
    version, eps = json.loads(run([PYTHON, "-I", "-c", script]).stdout)
    return version, [tuple(e) for e in eps]


def git_dir_of(mirror: Path, repository: str) -> Path:
    """The git directory of a repository fetched under `mirror` (owner+name/repo[/.git])."""
    for candidate in (mirror / repository.replace("/", "+") / "repo" / ".git", mirror / repository.replace("/", "+") / "repo"):
        if (candidate / "HEAD").exists():
            return candidate
    raise RuntimeError(f"no fetched copy of {repository} under {mirror} (fetch github:{repository} first)")


def archive(git_dir: Path, tag: str, into: Path) -> Path:
    into.mkdir(parents=True)
    tar = subprocess.run(["git", "--git-dir", str(git_dir), "archive", tag], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=tar, check=True)
    return into


# --- asking pytest -----------------------------------------------------------------------


def registered(pythonpath: list[Path], with_args: list[str], without_args: list[str], work: Path) -> dict:
    """What loading the plugin adds: a run with it minus a run without it."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "dumpmod.py").write_text(DUMP_PLUGIN)
    (work / "pytest.ini").write_text("[pytest]\n")
    (work / "test_one.py").write_text("def test_one():\n    pass\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_") and k != "PYTHONPATH"}
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in [work, *pythonpath])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    dumps = []
    for args in (with_args, without_args):
        out = work / "dump.jsonl"
        out.unlink(missing_ok=True)
        proc = subprocess.run([PYTHON, "-m", "pytest", "-p", "no:cacheprovider", "--co", "-q", "-p", "dumpmod", *args],
                              cwd=work, env={**env, "DUMP_OUT": str(out)}, capture_output=True, text=True, timeout=120)
        if not out.exists():
            raise RuntimeError(f"pytest {' '.join(args)} did not start:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        dumps.append(json.loads(out.read_text()))
    full, base = dumps
    known = {tuple(o["names"]) for o in base["options"]}
    options = {}
    for o in full["options"]:
        if tuple(o["names"]) not in known:
            options[tuple(o["names"])] = {k: o[k] for k in ("dest", "action", "nargs", "type", "choices", "default")}
    ini = {}
    for name, rec in full["ini"].items():
        if name not in base["ini"]:
            kind = rec["type"] or "string"
            default = TYPE_DEFAULT[kind] if rec["default"] == "None" else rec["default"]
            ini[name] = {"type": kind, "default": default, "help": rec["help"] or ""}
    old = set(base["markers"])
    markers = [m for m in dict.fromkeys(full["markers"]) if m not in old]
    return {"options": options, "ini": ini, "markers": markers, "how": "run"}


def describe_root(source_root: Path, tree: Path) -> str:
    relative = str(source_root.relative_to(tree))
    return "its root" if relative == "." else relative


def describe_ref(ref: str, stated: str) -> str:
    return f"commit {ref} (after the newest tag fetched; its changelog's newest release is {stated})" if stated \
        else f"tag {ref}"


def why_failed(error: RuntimeError) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"\w*(Error|Exception)\b|ERROR:", line)]
    return (errors or lines)[-1][:160]


def read_source_file(path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tree:
        shutil.copy(path, tree)
        return read_source(Path(tree))


def read_source(tree: Path) -> dict:
    """The registrations written in the source, where their arguments are literals."""
    options, ini, markers = {}, {}, []

    def literal(node, fallback=None):
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            return fallback

    for path in sorted(tree.rglob("*.py")):
        if any(part in ("tests", "testing", "docs", "test") for part in path.relative_to(tree).parts[:-1]):
            continue
        try:
            module = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except SyntaxError:
            continue
        for call in (n for n in ast.walk(module) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)):
            kw = {k.arg: k.value for k in call.keywords if k.arg}
            if call.func.attr in ("addoption", "_addoption"):
                names = [literal(a) for a in call.args]
                if not names or not all(isinstance(n, str) and n.startswith("-") for n in names):
                    continue
                action = literal(kw.get("action"), "store") if "action" in kw else "store"
                dest = literal(kw.get("dest")) or max(names, key=len).lstrip("-").replace("-", "_")
                flag = action in ("store_true", "store_false", "store_const", "append_const", "count")
                default = kw.get("default")
                default_repr = repr(literal(default)) if default is not None and literal(default, ...) is not ... \
                    else ("False" if action == "store_true" else "True" if action == "store_false" else "None")
                typ = kw.get("type")
                options[tuple(names)] = {
                    "dest": dest, "action": action if isinstance(action, str) else "store",
                    "nargs": 0 if flag else literal(kw.get("nargs")) if "nargs" in kw else None,
                    "type": None if typ is None else getattr(typ, "id", None) or getattr(typ, "attr", None),
                    "choices": [str(c) for c in literal(kw["choices"], [])] or None if "choices" in kw else None,
                    "default": default_repr}
            elif call.func.attr == "addini" and call.args:
                name = literal(call.args[0])
                if not isinstance(name, str):
                    continue
                help_text = literal(call.args[1]) if len(call.args) > 1 else literal(kw.get("help"), "")
                kind = literal(call.args[2]) if len(call.args) > 2 else literal(kw.get("type")) if "type" in kw else None
                kind = kind or "string"
                default = kw.get("default", call.args[3] if len(call.args) > 3 else None)
                value = literal(default, ...) if default is not None else ...
                ini[name] = {"type": kind, "default": TYPE_DEFAULT.get(kind, "''") if value is ... or value is None
                             else repr(value), "help": help_text if isinstance(help_text, str) else ""}
            elif call.func.attr == "addinivalue_line" and len(call.args) == 2 and literal(call.args[0]) == "markers":
                line = literal(call.args[1])
                if isinstance(line, str):
                    markers.append(line)
    return {"options": options, "ini": ini, "markers": list(dict.fromkeys(markers)), "how": "read"}


# --- writing the schema ------------------------------------------------------------------


def write_generated(plugin: dict, source_root: Path, version: str) -> None:
    """Writes the files a release's build would (`generated`: setuptools_scm's version file), which
    its import needs, under the folder it is loaded from."""
    for relative, text in plugin.get("generated", {}).items():
        (source_root / relative).write_text(text.format(version=version))


def release_of(version: str) -> str:
    """X.Y.Z of a version as a distribution or tag states it ("4.2.0+repack" -> "4.2.0", "0.9" -> "0.9.0",
    a monorepo's "hypothesis-python-6.28.0" -> "6.28.0")."""
    parts = re.search(r"\d+(?:\.\d+)*", version).group(0).split(".")
    return ".".join((parts + ["0", "0"])[:3])


def version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in re.findall(r"\d+|[a-z]+", version))


def merge(releases: list[tuple[str, dict]], kind: str) -> list[dict]:
    """One entry per key and unchanged attributes, with since/removed over the releases."""
    order = [r for r, _ in releases]
    keys = list(dict.fromkeys(k for _, reg in releases for k in (reg[kind] if kind != "markers" else
                                                                 [marker_name(m) for m in reg["markers"]])))
    entries = []
    for key in keys:
        current, since = None, None
        for release, reg in releases:
            attrs = lookup(reg, kind, key)
            if attrs != current:
                if current is not None:
                    entries.append(entry(kind, key, current, since, release, order))
                current, since = attrs, release
        if current is not None:
            entries.append(entry(kind, key, current, since, None, order))
    return entries


def marker_name(line: str) -> str:
    return line.split(":")[0].split("(")[0].strip()


def lookup(reg: dict, kind: str, key):
    if kind == "markers":
        lines = [m for m in reg["markers"] if marker_name(m) == key]
        return {"line": lines[0]} if lines else None
    return reg[kind].get(key)


def entry(kind: str, key, attrs: dict, since: str, removed: str | None, order: list[str]) -> dict:
    out = {"names": list(key)} if kind == "options" else {"name": key}
    out.update({k: v for k, v in attrs.items() if v is not None})
    if since != order[0]:
        out["since"] = since
    if removed:
        out["removed"] = removed
    return out


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def render(plugin: dict, releases: list[tuple[str, dict]], method: str) -> str:
    name = plugin["name"]
    lines = [f"# {name}: what each listed release registers, printed by the release itself (or read in its",
             "# source where it cannot be imported; see `source`). Written by tools/extract_plugin_schema.py:",
             "# do not edit by hand. Format: README.md.", "", "[component]",
             f"name = {toml_value(name)}", f"short_names = {toml_value(plugin['short_names'])}",
             f"entry_points = {toml_value(plugin['entry_points'])}",
             f"releases = {toml_value([r for r, _ in releases])}", 'source = """', method, '"""']
    fields = {"ini": ("type", "default", "help", "since", "removed"),
              "option": ("dest", "action", "nargs", "type", "choices", "default", "since", "removed"),
              "marker": ("line", "since", "removed")}
    for table, kind in (("ini", "ini"), ("option", "options"), ("marker", "markers")):
        for e in merge(releases, kind):
            lines += ["", f"[[{table}]]"]
            lines.append(f"names = {toml_value(e['names'])}" if table == "option" else f"name = {toml_value(e['name'])}")
            lines += [f"{f} = {toml_value(e[f])}" for f in fields[table] if f in e]
    return "\n".join(lines) + "\n"


# --- one plugin --------------------------------------------------------------------------


def extract(plugin: dict, scratch: Path) -> str:
    releases: list[tuple[str, dict]] = []
    notes = []
    if "debian" in plugin:
        site, versions = unpack_debian([plugin["debian"], *plugin.get("needs", [])], scratch / "debian")
        version, eps = entry_points_in(site, plugin["name"])
        version = release_of(version)
        if version == "0.0.0":  # metadata without a version (pytest-mpl's): the package's own
            version = release_of(versions[plugin["debian"]])
        plugin.setdefault("entry_points", [n for n, _ in eps])
        plugin.setdefault("short_names", [m.split(".")[0].split(":")[0] for _, m in eps])
        blocked = [a for n, _ in eps for a in ("-p", f"no:{n}")]
        unpacked = f"Debian's {plugin['debian']} {versions.get(plugin['debian'], '?')}, unpacked (apt-get download, dpkg -x)"
        try:
            releases.append((version, registered([site], [], blocked, scratch / "run-debian")))
            notes.append(f"{version}: {unpacked} beside Debian's pytest 7.2.1 on /usr/bin/python3 (Python 3.11), "
                         f"loaded by its entry points {', '.join(n for n, _ in eps)}; run with and without "
                         f"`-p no:ENTRY` and compared.")
        except RuntimeError as error:
            packages = {m.split(".")[0].split(":")[0] for _, m in eps}
            reg = {"options": {}, "ini": {}, "markers": [], "how": "read"}
            for package in sorted(packages):
                found = read_source(site / package) if (site / package).is_dir() else \
                    read_source_file(site / f"{package}.py")
                for kind in ("options", "ini"):
                    reg[kind].update(found[kind])
                reg["markers"] += found["markers"]
            releases.append((version, reg))
            notes.append(f"{version}: {unpacked}: READ, NOT RUN (it does not start beside Debian's pytest: "
                         f"{why_failed(error)}); its addoption/addini/addinivalue_line calls with literal arguments.")
    for tag in plugin.get("tags", []):
        mirror = Path(os.environ.get("PARALINT_MIRROR", REPO.parent / ".mirror"))
        git_dir = git_dir_of(mirror, plugin["git"])
        ref, _, stated = tag.partition("=")  # "REF=VERSION": a commit after the newest tag fetched
        tree = archive(git_dir, ref, scratch / f"tag-{ref}")
        needs_site = []
        if plugin.get("needs"):
            needs_site = [unpack_debian(plugin["needs"], scratch / f"needs-{ref}")[0]]
        for index, other in enumerate(plugin.get("beside", [])):
            other_tree = archive(git_dir_of(mirror, other["git"]), other["ref"], scratch / f"beside-{ref}-{index}")
            needs_site.append(other_tree / other.get("path", ""))
        version = release_of(stated or ref)
        top = plugin["module"].split(".")[0]
        source_root = tree / "src" if (tree / "src" / top).exists() or (tree / "src" / f"{top}.py").exists() else tree
        source_root = tree / plugin["path"] if "path" in plugin else source_root
        write_generated(plugin, source_root, version)
        try:
            reg = registered([source_root, *needs_site], ["-p", plugin["module"]], [], scratch / f"run-{tag}")
            notes.append(f"{version}: {describe_ref(ref, stated)} of github:{plugin['git']} (git archive), "
                         f"`-p {plugin['module']}` from {describe_root(source_root, tree)} beside Debian's "
                         f"pytest 7.2.1 on /usr/bin/python3; run with and without it and compared.")
        except RuntimeError as error:
            reg = read_source(source_root)
            notes.append(f"{version}: {describe_ref(ref, stated)} of github:{plugin['git']}: READ, NOT RUN (it does not start beside "
                         f"Debian's pytest: {why_failed(error)}); its addoption/addini/addinivalue_line calls with "
                         f"literal arguments.")
        releases.append((version, reg))
    plugin.setdefault("short_names", [plugin.get("module", "").split(".")[0]])
    plugin["short_names"] = [n for n in dict.fromkeys([*plugin["short_names"], *plugin["entry_points"]])
                             if n and n != plugin["name"]]
    releases.sort(key=lambda r: version_key(r[0]))
    deduplicated = list({r: (r, reg) for r, reg in releases}.values())
    method = "\n".join(["Method, per release:", *notes,
                        "An ini key's omitted default is written as pytest >= 8 stores it (pytest 7 stores None). "
                        "Deprecations are not detected: none is recorded."])
    return render(plugin, deduplicated, method)


def coverage_table(schemas: Path) -> str:
    """The Markdown table of schemas/README.md: each plugin, its releases and how they were had."""
    rows = ["| plugin | releases | how |", "|:---|:---|:---|"]
    for path in sorted(schemas.glob("*.toml")):
        if path.stem in ("pytest", "versions"):
            continue
        component = tomllib.loads(path.read_text())["component"]
        method = component["source"]
        per_release = re.findall(r"^\d+\.\d+\.\d+: .*$", method, re.M)
        read = sum("READ, NOT RUN" in line for line in per_release)
        if not per_release:
            how = "run at every release tag (an earlier extraction; its `source` says how)"
        elif read == len(per_release):
            how = "read in its source (it does not import beside Debian's pytest)"
        else:
            how = "run" + (f", {read} of {len(per_release)} releases read" if read else "")
        if any("Debian's python3-" in line for line in per_release):
            how += " (Debian's package)"
        rows.append(f"| {component['name']} | {', '.join(component['releases'])} | {how} |")
    return "\n".join(rows) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=REPO / "tools" / "plugin_sources.toml")
    parser.add_argument("--out", type=Path, default=REPO / "schemas")
    parser.add_argument("--table", action="store_true", help="print schemas/README.md's table of plugins and exit")
    parser.add_argument("names", nargs="*", help="plugins to extract (default: every one listed)")
    args = parser.parse_args()
    if args.table:
        print(coverage_table(args.out), end="")
        return 0
    plugins = tomllib.loads(args.sources.read_text())["plugin"]
    selected = [p for p in plugins if not args.names or p["name"] in args.names]
    failed = 0
    for plugin in selected:
        scratch = Path(tempfile.mkdtemp(prefix="paralint-extract-"))
        try:
            text = extract(dict(plugin), scratch)
            (args.out / f"{plugin['name']}.toml").write_text(text)
            print(f"{plugin['name']}: written", file=sys.stderr)
        except (subprocess.CalledProcessError, RuntimeError, OSError, KeyError) as error:
            failed += 1
            detail = getattr(error, "stderr", "") or ""
            print(f"{plugin['name']}: FAILED: {error}\n{detail[-1500:]}", file=sys.stderr)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
