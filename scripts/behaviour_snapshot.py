"""What the suite says, as a folder of text files, to show that a change of code left it unchanged.

    python scripts/behaviour_snapshot.py snapshot OUT [--reports DIR]   # OUT/assess.json and one .txt per brief
    python scripts/behaviour_snapshot.py compare BEFORE AFTER             # exit 1 and the differences if any

`snapshot` runs `kh330 run --out DIR --force` (default: a temporary folder) and `kh330 assess --all --json`, and
keeps the visible text of every published page (index pages and the 16 briefs). What changes from run to run by
design (run ids, times, seconds taken, file hashes) is masked, so two snapshots of the same code compare equal.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
# Run-specific values, masked before comparing.
MASKS = [
    (re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{6}"), "<run>"),
    (re.compile(r"\b[0-9a-f]{12,64}\b"), "<hash>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?Z?( UTC)?"), "<time>"),
    (re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?( UTC)?"), "<clock>"),
    (re.compile(r"\b\d+([.,]\d+)? ?(s|giây|seconds?)\b"), "<seconds>"),
]


def visible_text(html: str) -> str:
    """What a reader sees of a page: the text, one block a line, and the charts' alternative texts."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    lines = [line.strip() for line in soup.get_text("\n").splitlines() if line.strip()]
    lines += [f"[img] {img.get('alt', '')}" for img in soup.find_all("img")]
    text = "\n".join(lines)
    for pattern, mask in MASKS:
        text = pattern.sub(mask, text)
    return text + "\n"


def snapshot(out: Path, reports: Path | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    kh330 = [sys.executable, "-m", "kh330lib"]
    assessed = subprocess.run([*kh330, "assess", "--all", "--json"], cwd=ROOT, capture_output=True, text=True,
                              check=True)
    (out / "assess.json").write_text(json.dumps(json.loads(assessed.stdout), ensure_ascii=False, indent=1,
                                                sort_keys=True) + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        where = reports or Path(tmp) / "reports"
        subprocess.run([*kh330, "run", "--out", str(where), "--force", "--lang", "all"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        latest = (where / "latest").resolve()
        for page in sorted(latest.rglob("*.html")):
            name = str(page.relative_to(latest)).replace("/", "__")
            (out / f"{name}.txt").write_text(visible_text(page.read_text(encoding="utf-8")), encoding="utf-8")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differing = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if not a.exists() else 'before'}")
            differing += 1
            continue
        if a.read_bytes() != b.read_bytes():
            differing += 1
            diff = difflib.unified_diff(a.read_text(encoding="utf-8").splitlines(),
                                        b.read_text(encoding="utf-8").splitlines(), str(a), str(b), lineterm="", n=1)
            print("\n".join(list(diff)[:60]))
    print(f"{len(names) - differing} of {len(names)} files identical")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("out", type=Path)
    s.add_argument("--reports", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.verb == "snapshot":
        snapshot(args.out, args.reports)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
