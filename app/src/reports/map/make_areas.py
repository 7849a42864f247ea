#!/usr/bin/env python3
"""Writes areas.tsv, the outlines the report's map draws, from the Estonian Land Board's
administrative division (Maa-amet, haldus- ja asustusjaotus, 1 September 2018), as GeoJSON
in WGS84: maakond.json (counties) and omavalitsus.json (municipalities).

    python3 make_areas.py maakond.json omavalitsus.json > areas.tsv

The first line is `size`, a tab, and the map's width and height; the second `inset`, a tab,
and the box (x y width height) around Ida-Viru county, which the report also draws enlarged.
Then one line per area the directory names (`municipalities.code`): the eight municipalities
of Ida-Viru county and the other fourteen counties. Each line is the code, a tab, where its
number is written (x y: the point inside it farthest from its edges), a tab, and the
outline as SVG path data in the map's own plane: longitude scaled by the cosine of 58.6°
(Estonia's middle), 1 unit = 1/1000 of the map's width, north up. Islets smaller than a
few units are left out and lines simplified (Douglas-Peucker) to what the map can show;
Ida-Viru's municipalities more finely (and to a tenth of a unit), as the map also draws
them enlarged.
"""
import json
import math
import sys

WIDTH = 1000.0
LAT0 = 58.6
COS = math.cos(math.radians(LAT0))

IDA_VIRU = {
    "Alutaguse vald": "alutaguse",
    "Jõhvi vald": "johvi",
    "Kohtla-Järve linn": "kohtla-jarve",
    "Lüganuse vald": "luganuse",
    "Narva linn": "narva",
    "Narva-Jõesuu linn": "narva-joesuu",
    "Sillamäe linn": "sillamae",
    "Toila vald": "toila",
}
COUNTIES = {
    "Harju maakond": "harju",
    "Hiiu maakond": "hiiu",
    "Jõgeva maakond": "jogeva",
    "Järva maakond": "jarva",
    "Lääne maakond": "laane",
    "Lääne-Viru maakond": "laane-viru",
    "Põlva maakond": "polva",
    "Pärnu maakond": "parnu",
    "Rapla maakond": "rapla",
    "Saare maakond": "saare",
    "Tartu maakond": "tartu",
    "Valga maakond": "valga",
    "Viljandi maakond": "viljandi",
    "Võru maakond": "voru",
}


def polygons(feature):
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def simplify(points, tolerance):
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, k in zip(points, keep) if k]


def inside(point, ring):
    x, y = point
    crossings = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            crossings = not crossings
    return crossings


def to_segment(point, a, b):
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    t = 0 if dx == dy == 0 else max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def label_point(rings):
    """The point of the largest outline (holes left out) farthest from its edges, on a grid:
    where the map writes the area's number."""
    outer = max((r for r in rings if not any(inside(r[0], o) for o in rings if o is not r)), key=area)
    holes = [r for r in rings if r is not outer and inside(r[0], outer)]
    xs, ys = [x for x, _ in outer], [y for _, y in outer]
    best, at = -1, (sum(xs) / len(xs), sum(ys) / len(ys))
    steps = 40
    for i in range(steps + 1):
        for j in range(steps + 1):
            p = (min(xs) + (max(xs) - min(xs)) * i / steps, min(ys) + (max(ys) - min(ys)) * j / steps)
            if not inside(p, outer) or any(inside(p, h) for h in holes):
                continue
            d = min(to_segment(p, a, b) for r in [outer] + holes for a, b in zip(r, r[1:] + r[:1]))
            if d > best:
                best, at = d, p
    return at


def area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2


def main(counties_file, municipalities_file):
    wanted = []
    for feature in json.load(open(counties_file))["features"]:
        code = COUNTIES.get(feature["properties"]["MNIMI"])
        if code:
            wanted.append((code, polygons(feature), 1.2, 30.0, 0))
    for feature in json.load(open(municipalities_file))["features"]:
        code = IDA_VIRU.get(feature["properties"]["ONIMI"])
        if code:
            wanted.append((code, polygons(feature), 0.35, 2.0, 1))
    assert len(wanted) == len(IDA_VIRU) + len(COUNTIES), "an area is missing"

    lons = [x for _, polys, *_ in wanted for poly in polys for ring in poly for x, _ in ring]
    lats = [y for _, polys, *_ in wanted for poly in polys for ring in poly for _, y in ring]
    west, east, north = min(lons), max(lons), max(lats)
    scale = WIDTH / ((east - west) * COS)

    def plane(lon, lat):
        return ((lon - west) * COS * scale, (north - lat) * scale)

    kept = []
    for code, polys, tolerance, smallest, digits in wanted:
        rings = []
        for poly in polys:
            if area([plane(*p) for p in poly[0]]) < smallest:
                continue
            for ring in poly:
                ring = simplify([plane(*p) for p in ring], tolerance)
                if len(ring) >= 4 and area(ring) >= smallest:
                    rings.append(ring[:-1])
        kept.append((code, rings, digits))
    # The map begins at its westernmost and northernmost outline kept.
    left = min(x for _, rings, _ in kept for ring in rings for x, _ in ring)
    top = min(y for _, rings, _ in kept for ring in rings for _, y in ring)
    bottom = max(y for _, rings, _ in kept for ring in rings for _, y in ring)
    right = max(x for _, rings, _ in kept for ring in rings for x, _ in ring)
    print(f"size\t{math.ceil(right - left)} {math.ceil(bottom - top)}")
    ida_viru = [p for code, rings, _ in kept if code in IDA_VIRU.values() for r in rings for p in r]
    x0, y0 = min(x for x, _ in ida_viru) - left, min(y for _, y in ida_viru) - top
    x1, y1 = max(x for x, _ in ida_viru) - left, max(y for _, y in ida_viru) - top
    print(f"inset\t{math.floor(x0)} {math.floor(y0)} {math.ceil(x1 - x0)} {math.ceil(y1 - y0)}")
    for code, rings, digits in kept:
        lx, ly = label_point(rings)
        path = ""
        for ring in rings:
            points = [(round(x - left, digits), round(y - top, digits)) for x, y in ring]
            path += "M" + " ".join(f"{x:g},{y:g}" for x, y in points) + "Z"
        print(f"{code}\t{lx - left:.1f} {ly - top:.1f}\t{path}")

if __name__ == "__main__":
    main(*sys.argv[1:3])
