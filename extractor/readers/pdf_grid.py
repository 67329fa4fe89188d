"""Table cells from a page's straight rules: pdfplumber's "lines" strategy, same cells, faster.

pdfplumber's ``TableFinder`` finds the intersections of the merged rules, then for each
intersection the smallest rectangle whose four corners are intersections joined by rules. It
tests "joined by a rule" by building two sets of edge boxes for every pair of points it
considers and scans all later points for each point's column and row: most of a ruled form's
reading time. Here each point's edge sets are built once and the points are grouped by column
and by row, so the same search visits the same candidates in the same order and finds the same
cells. Rule merging (snap, join, minimum length) and the grouping of cells into tables are
pdfplumber's own functions, called unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]
Point = tuple[float, float]


@dataclass
class Grid:
    """One table: its cell boxes (x0, top, x1, bottom) and the box around them."""

    cells: list[Box]
    bbox: Box


def find_tables(edges: list[dict[str, Any]], width: float, height: float) -> list[Grid]:
    """The tables pdfplumber's ``TableFinder`` (default settings) finds on these edges."""
    if not edges:
        return []
    from types import SimpleNamespace

    from pdfplumber.table import TableFinder, TableSettings, cells_to_tables

    finder = object.__new__(TableFinder)  # only its edge merging, not its cell search
    finder.page = SimpleNamespace(edges=edges, bbox=(0, 0, width, height))
    finder.settings = TableSettings.resolve(None)
    tolerances = finder.settings.intersection_x_tolerance, finder.settings.intersection_y_tolerance
    cells = _cells(_intersections(finder.get_edges(), *tolerances))
    return [Grid(group, _bbox(group)) for group in cells_to_tables(cells)]


def _bbox(cells: list[Box]) -> Box:
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def _intersections(
    edges: list[dict[str, Any]], x_tol: float, y_tol: float
) -> dict[Point, tuple[set[Box], set[Box]]]:
    """Each point where a vertical and a horizontal rule cross (within the tolerances): the
    boxes of the vertical and of the horizontal rules through it."""
    verticals = sorted(
        ((e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges if e["orientation"] == "v"),
        key=lambda b: (b[0], b[1]),
    )
    horizontals = sorted(
        ((e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges if e["orientation"] == "h"),
        key=lambda b: (b[1], b[0]),
    )
    points: dict[Point, tuple[set[Box], set[Box]]] = {}
    for v in verticals:
        x, v_top, v_bottom = v[0], v[1], v[3]
        for h in horizontals:
            y = h[1]
            if v_top <= y + y_tol and v_bottom >= y - y_tol and h[0] - x_tol <= x <= h[2] + x_tol:
                found = points.get((x, y))
                if found is None:
                    found = points[(x, y)] = (set(), set())
                found[0].add(v)
                found[1].add(h)
    return points


def _cells(points: dict[Point, tuple[set[Box], set[Box]]]) -> list[Box]:
    """For each point in sorted order, the smallest cell it is the top-left corner of."""
    ordered = sorted(points)
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for pt in ordered:  # sorted by (x, y): a column runs down, a row runs right
        column.setdefault(pt[0], []).append(pt)
        row.setdefault(pt[1], []).append(pt)
    place = {pt: i for pts in column.values() for i, pt in enumerate(pts)}
    place_in_row = {pt: i for pts in row.values() for i, pt in enumerate(pts)}

    def vertical(p: Point, q: Point) -> bool:
        return not points[p][0].isdisjoint(points[q][0])

    def horizontal(p: Point, q: Point) -> bool:
        return not points[p][1].isdisjoint(points[q][1])

    cells: list[Box] = []
    for pt in ordered:
        x, y = pt
        below = column[x][place[pt] + 1 :]
        right = row[y][place_in_row[pt] + 1 :]
        cell = _smallest(pt, below, right, points, vertical, horizontal)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(pt, below, right, points, vertical, horizontal) -> Box | None:
    for below_pt in below:
        if not vertical(pt, below_pt):
            continue
        for right_pt in right:
            if not horizontal(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in points and vertical(corner, right_pt) and horizontal(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None
