"""Renders bench/run's hyperfine exports as one Markdown report (stdout)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

PARSE_FIELDS = ["configfile", "section", "ini", "addopts", "markers", "parse_error"]


def sh(*cmd: str) -> str:
    """stdout of cmd, or "" when it fails."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        return out.stdout.strip() if out.returncode == 0 else ""
    except OSError:
        return ""


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms" if seconds < 10 else f"{seconds:.2f} s"


def load(work: Path, name: str) -> list[dict]:
    return json.loads((work / f"{name}.json").read_text())["results"]


def rss_kb(path: Path) -> int | None:
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", path.read_text())
    return int(m.group(1)) if m else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--paralint", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--pytest-version", required=True)
    ap.add_argument("--iniconfig-version", required=True)
    ap.add_argument("--n-dirs", type=int, required=True)
    ap.add_argument("--load-before", default="?", help="/proc/loadavg (1, 5, 15 min) before the run")
    a = ap.parse_args()
    w = a.work

    groups = [
        ("one dir per invocation", ["a-paralint", "b-oracle", "c-pytest-ini", "c-pytest-toml"]),
        (f"all {a.n_dirs} corpus dirs in one invocation", ["d-paralint-corpus", "d-oracle-corpus"]),
    ]

    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    commit = sh("git", "-C", a.repo, "rev-parse", "--short", "HEAD")
    dirty = " + uncommitted changes" if sh("git", "-C", a.repo, "status", "--porcelain", "--untracked-files=no") else ""
    where = f" at {commit}{dirty}" if commit else " (not a git checkout)"

    print("# paralint benchmark\n")
    print(f"- machine: {os.cpu_count()} CPUs (nproc {sh('nproc')}), {cpu}, Linux {platform.release()}")
    print(f"- paralint: {sh(a.paralint, '--version')}{where}, `{a.paralint}`")
    print(f"- `paralint dump` models pytest {a.pytest_version} / iniconfig {a.iniconfig_version} "
          f"(`--pytest-version {a.pytest_version} --iniconfig-version {a.iniconfig_version}`)")
    print(f"- /usr/bin/python3: Python {platform.python_version() if sys.executable == '/usr/bin/python3' else sh('/usr/bin/python3', '-V')}, "
          f"pytest {a.pytest_version}, iniconfig {a.iniconfig_version}")
    print(f"- {sh('hyperfine', '--version')}, `-N` (no shell); warmup 20 runs for paralint per dir, 5 for paralint on the corpus, 2 for Python per dir, 1 for the oracle on the corpus")
    print(f"- load average before the run: {a.load_before} (other jobs on the CPUs inflate σ and the mean; "
          "min is the least disturbed figure)")
    print()

    for title, names in groups:
        results = [r for n in names for r in load(w, n)]
        # Baseline: the first `paralint dump` row of the group.
        base = next(r for r in results if r["command"].startswith("paralint dump"))
        print(f"### {title}\n")
        print(f"| command | mean ± σ | min | runs | relative (mean ÷ `{base['command']}`) |")
        print("|:---|---:|---:|---:|---:|")
        for r in results:
            rel = r["mean"] / base["mean"]
            rel_s = "1 (baseline)" if r is base else f"{rel:.2f}" if rel < 10 else f"{rel:.0f}"
            print(f"| `{r['command']}` | {fmt_time(r['mean'])} ± {fmt_time(r['stddev'])} | "
                  f"{fmt_time(r['min'])} | {len(r['times'])} | {rel_s} |")
        print()

    # Per-dir cost in the corpus run, and the per-invocation floor.
    pc = load(w, "d-paralint-corpus")[0]["mean"]
    oc = load(w, "d-oracle-corpus")[0]["mean"]
    print(f"Per corpus dir: paralint {pc / a.n_dirs * 1e3:.3f} ms, oracle --no-run {oc / a.n_dirs * 1e3:.2f} ms "
          f"(oracle includes one Python + pytest import, ~{load(w, 'b-oracle')[0]['mean'] * 1e3:.0f} ms).\n")

    rp, ro = rss_kb(w / "rss-paralint.txt"), rss_kb(w / "rss-oracle.txt")
    print("### peak memory over the corpus (`/usr/bin/time -v`, one run)\n")
    print("| command | max RSS |")
    print("|:---|---:|")
    print(f"| `paralint dump` ({a.n_dirs} dirs) | {rp / 1024:.1f} MiB ({rp} kB) |")
    print(f"| `oracle --no-run` ({a.n_dirs} dirs) | {ro / 1024:.1f} MiB ({ro} kB) |")
    print()

    # Sanity: both sides computed the same thing on the corpus.
    pl = [json.loads(l) for l in (w / "paralint-corpus.jsonl").read_text().splitlines() if l.strip()]
    orc = [json.loads(l) for l in (w / "oracle-corpus.jsonl").read_text().splitlines() if l.strip()]
    same = [p["dir"] == o["dir"] and all(p.get(f) == o.get(f) for f in PARSE_FIELDS) for p, o in zip(pl, orc)]
    differ = [os.path.basename(p["dir"]) + " (" + ", ".join(f for f in PARSE_FIELDS if p.get(f) != o.get(f)) + ")"
              for p, o, s in zip(pl, orc, same) if not s]
    print(f"Same work: paralint's parse-level fields equal the oracle's on {sum(same)} of {len(orc)} corpus dirs"
          + (f"; differ: {', '.join(differ)}." if differ else "."))
    print(f"\nhyperfine exports (JSON + Markdown): {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
