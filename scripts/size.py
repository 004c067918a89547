#!/usr/bin/env python3
"""`make size`: what the shipped wasm is made of, by crate and by function.

Re-creates the shipped wasm with its function names kept (wasm-bindgen
--keep-debug, then wasm-opt -Oz --debuginfo, as Trunk does but without
stripping the names), profiles it with twiggy, and writes bench/SIZE.md:
the gzip size of what the default page loads, the raw bytes per crate (our
own code per module) and the largest functions. Names are only for the
profile; byte counts match the shipped file to within the name section.
"""
import collections
import csv
import gzip
import io
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
RAW = ROOT / "target/wasm32-unknown-unknown/release/briefing.wasm"
DIST = ROOT / "dist"
OUT = ROOT / "bench/SIZE.md"


def run(*args):
    subprocess.run(args, check=True, cwd=ROOT)


def node_gzip(path: pathlib.Path) -> int:
    """gzip -9 bytes as the budget test counts them: Node's zlib, whose
    output differs from Python's by about 1%."""
    script = "process.stdout.write(String(require('zlib').gzipSync(require('fs').readFileSync(process.argv[1]), { level: 9 }).length))"
    try:
        return int(subprocess.run(["node", "-e", script, str(path)], check=True, capture_output=True, text=True).stdout)
    except (OSError, subprocess.CalledProcessError):
        return len(gzip.compress(path.read_bytes(), 9))


def group(name: str) -> str:
    """The crate an item belongs to; our own code by module; closures under their owner."""
    if name.startswith("data segment"):
        return "data (string constants, tables, the bundled dataset)"
    plain = re.sub(r"\[[0-9a-f]{16}\]", "", name)
    # `<T as tachys::view::any_view::IntoAny>::…` belongs to tachys, `<F as …>` likewise.
    m = re.match(r"<[A-Z][A-Za-z0-9_]* as ([a-z_][a-z0-9_]*)::", plain)
    if m:
        return m.group(1)
    plain = re.sub(r"^[<&\s]+|^(impl |mut |dyn )+", "", plain)
    m = re.match(r"briefing::([a-z_]+)(?:::([a-z_]+))?", plain)
    if m:
        return "briefing::" + m.group(1) + (f"::{m.group(2)}" if m.group(2) else "")
    m = re.match(r"([a-z_][a-z0-9_]*)::", plain)
    if not m:
        return "other (wasm-bindgen glue, tables)"
    crate = m.group(1)
    if crate in ("core", "alloc", "std"):
        # The standard library by area: sorting and B-trees are instantiated per type.
        parts = plain.split("::")
        return "::".join(parts[:2]) if len(parts) > 1 else crate
    return crate


def floor() -> int | None:
    """gzip bytes of the smallest Leptos page of the briefing's shape
    (bench/floor: a search box, checkboxes with counts, a keyed list of
    cards that open), built with the same profile, versions and wasm-opt:
    what the framework alone costs, below which no Leptos page can go."""
    work = ROOT / "target/floor"
    src = work / "crate"
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(ROOT / "bench/floor", src)
    shutil.copy(ROOT / "Cargo.lock", src / "Cargo.lock")
    try:
        subprocess.run(["cargo", "build", "--offline", "--release", "--target", "wasm32-unknown-unknown"],
                       check=True, cwd=src,
                       # RUSTFLAGS replaces .cargo/config.toml's `erase_components`: type
                       # erasure saves the briefing ~18 KB gzip but costs this page ~10 KB,
                       # and the floor is the smallest the framework gets.
                       env={**os.environ, "CARGO_TARGET_DIR": str(work / "target"),
                            "RUSTFLAGS": "-Cdebuginfo=0"})
        out = work / "out"
        run("wasm-bindgen", "--target", "web", "--out-dir", str(out), str(work / "target/wasm32-unknown-unknown/release/floor.wasm"))
        run("wasm-opt", "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
            "--enable-mutable-globals", str(out / "floor_bg.wasm"), "-o", str(out / "floor_bg.wasm"))
        return node_gzip(out / "floor_bg.wasm") + node_gzip(out / "floor.js")
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"size: the floor page did not build ({e}); left out", file=sys.stderr)
        return None


def main():
    if not RAW.exists():
        sys.exit("size: build first (make dist): target/wasm32-unknown-unknown/release/briefing.wasm is missing")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        run("wasm-bindgen", "--target", "web", "--keep-debug", "--out-dir", str(tmp), str(RAW))
        opt = tmp / "named.wasm"
        run("wasm-opt", "-Oz", "--debuginfo", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
            "--enable-sign-ext", "--enable-mutable-globals", str(tmp / "briefing_bg.wasm"), "-o", str(opt))
        table = subprocess.run(["twiggy", "top", "-n", "1000000", "--format", "csv", str(opt)],
                               check=True, capture_output=True, text=True, cwd=ROOT).stdout
    rows = [r for r in csv.DictReader(io.StringIO(table))
            if not r["Name"].startswith("custom section") and "subsection" not in r["Name"]]
    code = sum(int(r["ShallowSize"]) for r in rows)
    by_group = collections.Counter()
    for r in rows:
        by_group[group(r["Name"])] += int(r["ShallowSize"])

    # What the default page loads: index.html, the files it names, and what
    # the boot script names (the glue and the wasm); not embed-host.js.
    html = (DIST / "index.html").read_text()
    named = set(re.findall(r"\./([\w.-]+\.(?:js|css|wasm))", html))
    # The pictures' module is named in a <meta> but fetched only when the
    # Pictures view first opens: not part of the default page.
    later = set(re.findall(r'name="briefing-pictures" content="\./([\w.-]+\.wasm)"', html))
    named -= later
    for boot in [n for n in named if n.startswith("boot-")]:
        named |= set(re.findall(r"\./([\w.-]+\.(?:js|wasm))", (DIST / boot).read_text()))
    shipped = {}
    for name in ["index.html", *sorted(named)]:
        f = DIST / name
        shipped[name] = (f.stat().st_size, node_gzip(f))
    total_gz = sum(g for _, g in shipped.values())

    out = ["# What the page weighs", "",
           "Written by `make size` (scripts/size.py) from the current release build. "
           "Raw bytes per crate come from twiggy on the shipped wasm rebuilt with names kept.", "",
           "## The default page", "", "| file | raw bytes | gzip -9 bytes |", "| --- | ---: | ---: |"]
    for name, (raw, gz) in shipped.items():
        out.append(f"| {re.sub(r'-[0-9a-f]{12,16}', '', name)} | {raw:,} | {gz:,} |")
    out += [f"| **total** | | **{total_gz:,}** |", ""]
    for name in sorted(later):
        f = DIST / name
        out += [f"Loaded only when the Pictures view first opens: {re.sub(r'-[0-9a-f]{12,16}', '', name)}, "
                f"{f.stat().st_size:,} bytes, {node_gzip(f):,} gzip -9.", ""]
    floor_gz = floor()
    if floor_gz is not None:
        out += [f"The floor: the smallest Leptos 0.8 page of this shape (`bench/floor`: a search box, checkboxes "
                f"with live counts, a keyed list of cards that open; same profile, crate versions and wasm-opt, without "
                f"`erase_components`, which makes this page larger) "
                f"loads **{floor_gz:,}** bytes gzip of wasm and glue. That is what the framework costs before any "
                f"of the briefing's code or data; the rest of the page is {total_gz - floor_gz:,} bytes above it.", ""]
    out += ["## The wasm by crate (raw bytes, code and data)", "", "| part | bytes | share |", "| --- | ---: | ---: |"]
    for name, size in by_group.most_common(30):
        out.append(f"| {name} | {size:,} | {100 * size / code:.1f}% |")
    out += ["", "## The 25 largest functions", "", "| function | bytes |", "| --- | ---: |"]
    largest = sorted(rows, key=lambda r: -int(r["ShallowSize"]))
    for r in [r for r in largest if not r["Name"].startswith("data segment")][:25]:
        name = re.sub(r"::h[0-9a-f]{16}$", "", re.sub(r"\[[0-9a-f]{16}\]", "", r["Name"]))
        name = name[:110].replace("|", "\\|")
        out.append(f"| `{name}` | {int(r['ShallowSize']):,} |")
    OUT.write_text("\n".join(out) + "\n")
    print("\n".join(out[: out.index("## The 25 largest functions")]))
    print(f"size: wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
