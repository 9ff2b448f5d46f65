"""The directive graph from one root, laid out by Graphviz `dot` as SVG.

The root's descendants come from the schema's chain_down macro (documents citing
it, those citing them, ...), level by level; a national directive's tree can hold
thousands of documents, so the drawing keeps the first MAX_NODES by level and says
how many it left out. Stubs (cited documents not in the store) that the drawn
documents cite are drawn apart, dashed, in a cluster of their own.
"""
from __future__ import annotations

from typing import Any, Callable

import duckdb
import graphviz

from pipeline.errors import CongvanError

MAX_NODES = 80           # documents drawn from the root's tree
PER_LEVEL = 10           # documents drawn on one level
MAX_SIDE_STUBS = 16      # missing documents cited by the drawn ones, drawn apart
MAX_DEPTH = 20

# fill colour by the kind of issuing body (units.kind), with its Vietnamese name for the legend
KIND_COLOURS = {
    "dang_uy": ("#f8d7da", "Cơ quan Đảng"), "ubnd": ("#d6e9ff", "UBND"), "hdnd": ("#e2d9f3", "HĐND"),
    "van_phong": ("#d1f0e0", "Văn phòng"), "so_ban_nganh": ("#fff3cd", "Sở, ban, ngành"),
    "bo_cuc": ("#fde2c8", "Bộ, cơ quan Trung ương"), "chinh_phu": ("#fde2c8", "Bộ, cơ quan Trung ương"),
    "ban_chi_dao": ("#e8f5c8", "Ban Chỉ đạo"), "trung_tam": ("#dcf3f7", "Trung tâm"),
}
OTHER_COLOUR = ("#eeeeee", "Cơ quan khác")
# shape by document type (the first word of doc_type): shapes whose outline leaves the label its whole box
# (box3d and component draw inside the label's box and cut long codes)
TYPE_SHAPES = {"Nghị": {"shape": "box", "peripheries": "2"}, "Quyết": {"shape": "box", "peripheries": "2"},
               "Chỉ": {"shape": "box", "peripheries": "2"}, "Luật": {"shape": "box", "peripheries": "2"},
               "Kế": {"shape": "folder"}, "Báo": {"shape": "tab"}, "Công": {"shape": "note"},
               "Thông": {"shape": "box", "style": "rounded,filled"}}
# edge style by the citation's relation
RELATION_STYLES = {
    "căn cứ": {"color": "#6c757d", "style": "dashed", "label": "căn cứ"},
    "thực hiện": {"color": "#0b5ed7", "style": "bold", "label": "thực hiện"},
    "theo": {"color": "#198754", "style": "solid", "label": "theo"},
    "trả lời": {"color": "#a61e4d", "style": "solid", "label": "phúc đáp"},
    "phúc đáp": {"color": "#a61e4d", "style": "solid", "label": "phúc đáp"},
}
OTHER_RELATION = {"color": "#adb5bd", "style": "dotted", "label": "dẫn chiếu"}


def roots(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[tuple[str, int]]:
    """Graph nodes (doc_id or 'stub:' key) cited by the most distinct documents, most cited first."""
    return [(r[0], r[1]) for r in con.execute(
        "SELECT to_id, count(DISTINCT from_id) AS n FROM edges GROUP BY 1 ORDER BY n DESC, to_id LIMIT ?",
        [limit]).fetchall()]


def tree(con: duckdb.DuckDBPyConnection, root: str) -> tuple[list[tuple[str, int]], int, dict[int, int]]:
    """(node, depth) of the root's tree as drawn, the number of nodes in all, and per level how many
    were left out. Each level keeps at most PER_LEVEL documents reached from those kept above it,
    the ones implemented most (most direct children) first: a picture a person can read, where a
    directive's whole tree may hold thousands of documents."""
    rows = con.execute("SELECT node, depth, via FROM chain_down(?, ?) ORDER BY depth, node",
                       [root, MAX_DEPTH]).fetchall()
    children: dict[str, int] = {}
    for _, _, via in rows:
        if via is not None:
            children[via] = children.get(via, 0) + 1
    by_depth: dict[int, list[tuple[str, str | None]]] = {}
    for node, depth, via in rows:
        by_depth.setdefault(depth, []).append((node, via))
    kept: list[tuple[str, int]] = []
    keep: set[str] = set()
    left_out: dict[int, int] = {}
    for depth in sorted(by_depth):
        level = [(n, v) for n, v in by_depth[depth] if depth == 0 or v in keep]
        level.sort(key=lambda nv: (-children.get(nv[0], 0), nv[0]))
        room = min(PER_LEVEL, MAX_NODES - len(kept))
        chosen = level[:max(room, 0)]
        for n, _ in chosen:
            kept.append((n, depth))
            keep.add(n)
        if len(by_depth[depth]) > len(chosen):
            left_out[depth] = len(by_depth[depth]) - len(chosen)
    return kept, len(rows), left_out


def _label(*parts: str | None) -> str:
    # dot's escString: a backslash starts an escape, so one printed in a code must be doubled
    return "\\n".join(p.replace("\\", "\\\\") for p in parts if p)


def _short(text: str | None, width: int = 34) -> str | None:
    if not text:
        return text
    return text if len(text) <= width else text[: width - 1] + "…"


def draw(con: duckdb.DuckDBPyConnection, root: str, nodes_info: Callable[[str], dict[str, Any]],
         href: Callable[[str], str | None]) -> tuple[str, dict[str, Any]]:
    """The SVG (an <svg> element, ready to inline) of the root's tree, and facts about it.

    nodes_info(node) gives code, doc_type, issuer, kind, date (dd/mm/yyyy) and stored (bool);
    href(node) the page a node links to.
    """
    nodes, total, left_out = tree(con, root)
    drawn = {n for n, _ in nodes}
    edges = []
    if drawn:
        ids = sorted(drawn)
        placeholders = ", ".join("?" * len(ids))
        edges = con.execute(
            f"SELECT from_id, to_id, relation FROM edges WHERE from_id IN ({placeholders}) ORDER BY 1, 2, 3",
            ids).fetchall()
    # the missing documents the drawn ones implement or follow (thực hiện, theo, trả lời) before those
    # they only cite as legal basis; then the most cited
    score: dict[str, tuple[int, int]] = {}
    for _, t, rel in edges:
        if t not in drawn and t.startswith("stub:"):
            directive, count = score.get(t, (0, 0))
            score[t] = (max(directive, rel in ("thực hiện", "theo", "trả lời", "phúc đáp")), count + 1)
    side = sorted(score, key=lambda t: (-score[t][0], -score[t][1], t))[:MAX_SIDE_STUBS]
    keep = drawn | set(side)
    edges = [e for e in edges if e[1] in keep]

    g = graphviz.Digraph("chidao", engine="dot", format="svg")
    g.attr(rankdir="TB", nodesep="0.25", ranksep="0.6", bgcolor="transparent", fontname="Liberation Sans")
    g.attr("node", fontname="Liberation Sans", fontsize="10", style="filled", penwidth="1", margin="0.14,0.06")
    g.attr("edge", fontname="Liberation Sans", fontsize="9", arrowsize="0.7")
    names = {n: f"n{i}" for i, n in enumerate(sorted(keep))}
    legend_kinds: dict[str, str] = {}

    def node(n: str, sub: graphviz.Digraph) -> None:
        info = nodes_info(n)
        fill, kind_name = KIND_COLOURS.get(info.get("kind") or "", OTHER_COLOUR)
        attrs = {"shape": "box", **TYPE_SHAPES.get((info.get("doc_type") or "").split(" ")[0], {}),
                 "fillcolor": fill, "tooltip": info.get("tooltip") or info.get("code") or ""}
        if not info.get("stored"):
            attrs.update(style="dashed,filled", fillcolor="white", color="#b02a37", fontcolor="#6c757d",
                         peripheries="1")
            kind_name = "Chưa có trong kho"
        else:
            legend_kinds[fill] = kind_name
        if n == root:
            attrs.update(penwidth="2.5", margin="0.2,0.1")
        link = href(n)
        if link:
            attrs.update(URL=link, target="_top")
        label = _label(" ".join(p for p in (info.get("doc_type"), info.get("code") or "(chưa có số)") if p),
                       _short(info.get("issuer")), info.get("date"),
                       None if info.get("stored") else "[chưa có trong kho]")
        sub.node(names[n], label=label, **attrs)

    by_depth: dict[int, list[str]] = {}
    for n, depth in nodes:
        by_depth.setdefault(depth, []).append(n)
    for depth, level in sorted(by_depth.items()):
        with g.subgraph(name=f"level{depth}") as sub:
            sub.attr(rank="same")
            for n in level:
                node(n, sub)
    for depth, n in sorted(left_out.items()):
        if depth in by_depth:
            with g.subgraph(name=f"level{depth}") as sub:
                sub.node(f"more{depth}", label=f"… và {n} văn bản khác ở cấp {depth}", shape="plaintext",
                         style="", fontcolor="#5f6b7a")
    if side:
        with g.subgraph(name="cluster_missing") as sub:
            sub.attr(label="Văn bản được dẫn chiếu nhưng chưa có trong kho", style="dashed", color="#b02a37",
                     fontcolor="#b02a37", fontsize="10")
            for n in side:
                node(n, sub)
    relations: dict[str, dict] = {}
    side_set = set(side)
    for f, t, rel in edges:
        style = RELATION_STYLES.get(rel, OTHER_RELATION)
        relations[style["label"]] = style
        # drawn cited -> citing with the arrow reversed: the root stays on top and arrows point at what is cited;
        # an edge to a stub drawn apart does not rank it (the stubs sit below the tree, in their own box)
        g.edge(names[t], names[f], dir="back", color=style["color"], style=style["style"],
               tooltip=f"{style['label']}", constraint="false" if t in side_set else "true")
    if side and nodes:
        deepest = nodes[-1][0]
        for n in side:
            g.edge(names[deepest], names[n], style="invis")
    try:
        svg = g.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        raise CongvanError("chưa cài Graphviz `dot` (Debian: apt-get install graphviz)") from None
    except graphviz.CalledProcessError as exc:
        raise CongvanError(f"Graphviz `dot` báo lỗi: {str(exc).splitlines()[0]}") from None
    svg = svg[svg.find("<svg"):]
    # dot's width/height (points) stay: a large tree scrolls at its real size, the page can fit it to the column
    svg = svg.replace("<svg ", '<svg class="graph" ', 1)
    facts = {"total": total, "drawn": len(nodes), "left_out": sum(left_out.values()), "side": len(side), "levels": len(by_depth),
             "kinds": sorted(legend_kinds.items(), key=lambda kv: kv[1]), "relations": sorted(relations.values(),
                                                                                             key=lambda r: r["label"])}
    return svg, facts
