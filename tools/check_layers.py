#!/usr/bin/env python3
"""Fails when a source file includes a header from a later pipeline stage.

paralint's sources are grouped by stage (src/STAGE/, with public headers in
include/paralint/STAGE/); src/README.md names the stages in pipeline order. A file may
include headers of its own stage and of earlier ones, never of a later one, so that the
readers know nothing of rules and the rules nothing of reporters.

Usage: check_layers.py [ROOT]   (default: the repository this script is in)
"""

import pathlib
import re
import sys

# The order src/README.md explains; a stage may use everything before it.
STAGES = ["util", "read", "schema", "model", "scan", "rules", "fix", "report", "bench", "cli"]
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.MULTILINE)


def stage_of_header(include: str) -> str | None:
    """The stage of a quoted include as the build resolves it (include/ or src/ roots)."""
    parts = include.split("/")
    if parts[0] == "paralint" and len(parts) > 2:
        return parts[1]
    if parts[0] in STAGES:
        return parts[0]
    return None


def violations(root: pathlib.Path) -> list[str]:
    found = []
    for base in (root / "src", root / "include" / "paralint"):
        for path in sorted(base.rglob("*")):
            if path.suffix not in (".cpp", ".hpp"):
                continue
            stage = path.relative_to(base).parts[0]
            if stage not in STAGES:
                found.append(f"{path.relative_to(root)}: not in a stage folder ({', '.join(STAGES)})")
                continue
            text = path.read_text(encoding="utf-8")
            for match in INCLUDE.finditer(text):
                included = stage_of_header(match.group(1))
                if included is None:
                    continue
                if included not in STAGES:
                    found.append(f"{path.relative_to(root)}: includes {match.group(1)}, which is in no stage")
                elif STAGES.index(included) > STAGES.index(stage):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(
                        f"{path.relative_to(root)}:{line}: the {stage} stage includes {match.group(1)}"
                        f" from the later {included} stage"
                    )
    return found


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = violations(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
