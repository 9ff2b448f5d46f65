"""Chart specs for plotly.js (the figure JSON schema), drawn in the browser by the
plotly.min.js the build copies from the plotly package into the site's assets.

The specs are plain dicts rather than plotly.graph_objects figures: a store with a
thousand units has a thousand workload charts, and building each through the
validating Figure classes costs ~10 ms apiece. `customdata` holds the link each bar
opens (report.js follows it on click), so every figure leads to its list.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

STATUS_LABELS = {"overdue": "Quá hạn", "due7": "Sắp đến hạn (7 ngày)", "open": "Đang thực hiện",
                 "answered": "Đã trả lời"}
STATUS_COLOURS = {"overdue": "#c0392b", "due7": "#e67e22", "open": "#2e6fb7", "answered": "#2e8b57"}
FONT = {"family": "Liberation Sans, Arial, sans-serif", "size": 12}


def plotly_js() -> Path:
    """The plotly.min.js shipped inside the plotly package (no CDN, no network)."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():  # pragma: no cover - a broken plotly install
        from pipeline.errors import CongvanError
        raise CongvanError(f"plotly.min.js not found in the plotly package ({path})")
    return path


def copy_plotly(dest: Path) -> None:
    """Copy plotly.min.js into the site unless the same file is already there (rebuilds stay cheap)."""
    src = plotly_js()
    if not dest.exists() or dest.stat().st_size != src.stat().st_size:
        shutil.copyfile(src, dest)


def _counts_axis(axis: dict[str, Any], top: int) -> dict[str, Any]:
    """Counts are whole: below 6, one tick per unit rather than 0.2 steps."""
    return {**axis, "dtick": 1} if top <= 5 else axis


def _layout(**kw: Any) -> dict[str, Any]:
    base = {"font": FONT, "separators": ",.", "margin": {"l": 50, "r": 10, "t": 10, "b": 60}, "height": 280,
            "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)", "bargap": 0.25,
            "xaxis": {"automargin": True}, "yaxis": {"automargin": True, "rangemode": "tozero"}}
    base.update(kw)
    return base


def bar(labels: list[str], values: list[int], links: list[str], colour: str | list[str] = "#2e6fb7",
        horizontal: bool = False, name: str = "") -> dict[str, Any]:
    """One bar chart whose bars open their list."""
    trace: dict[str, Any] = {"type": "bar", "customdata": links, "marker": {"color": colour}, "name": name,
                             "hovertemplate": "%{" + ("y" if horizontal else "x") + "}: %{"
                             + ("x" if horizontal else "y") + "}<extra></extra>"}
    if horizontal:
        trace.update(x=values, y=labels, orientation="h")
        layout = _layout(height=max(180, 28 * len(labels) + 40), margin={"l": 10, "r": 10, "t": 10, "b": 30},
                         yaxis={"automargin": True, "autorange": "reversed"},
                         xaxis=_counts_axis({"automargin": True, "rangemode": "tozero"}, max(values, default=0)))
    else:
        trace.update(x=labels, y=values)
        layout = _layout(yaxis=_counts_axis({"automargin": True, "rangemode": "tozero"}, max(values, default=0)))
    return {"data": [trace], "layout": layout}


def status_bar(counts: dict[str, int], link: str) -> dict[str, Any]:
    keys = list(STATUS_LABELS)
    return bar([STATUS_LABELS[k] for k in keys], [counts.get(k, 0) for k in keys],
               [f"{link}#status={k}" for k in keys], [STATUS_COLOURS[k] for k in keys])


def month_key(d: Any) -> str | None:
    return f"{d.year:04d}-{d.month:02d}" if d is not None else None


def month_label(key: str) -> str:
    return f"{key[5:7]}/{key[:4]}"


def documents_by_month(dates: list[Any], link: str) -> dict[str, Any]:
    counts = Counter(k for k in (month_key(d) for d in dates) if k)
    keys = sorted(counts)
    return bar([month_label(k) for k in keys], [counts[k] for k in keys], [f"{link}#month={k}" for k in keys])


def workload(tasks: list[dict[str, Any]], link: str) -> dict[str, Any] | None:
    """A unit's task rows by deadline month, stacked by status (tasks without a deadline apart)."""
    by: dict[str, Counter] = {k: Counter() for k in STATUS_LABELS}
    months: set[str] = set()
    for t in tasks:
        key = month_key(t["deadline"]) or "none"
        by[t["rstatus"]][key] += 1
        months.add(key)
    if not months:
        return None
    keys = sorted(m for m in months if m != "none") + (["none"] if "none" in months else [])
    labels = [month_label(k) if k != "none" else "Không có hạn" for k in keys]
    data = [{"type": "bar", "name": STATUS_LABELS[s], "x": labels, "y": [by[s][k] for k in keys],
             "marker": {"color": STATUS_COLOURS[s]}, "customdata": [f"{link}&status={s}"] * len(keys),
             "hovertemplate": "%{x}: %{y}<extra>" + STATUS_LABELS[s] + "</extra>"}
            for s in STATUS_LABELS if any(by[s].values())]
    top = max((sum(by[s][k] for s in by) for k in keys), default=0)
    layout = _layout(barmode="stack", legend={"orientation": "h", "y": -0.3},
                     yaxis=_counts_axis({"automargin": True, "rangemode": "tozero"}, top),
                     xaxis={"automargin": True, "type": "category", "title": {"text": "Tháng đến hạn"}},
                     margin={"l": 50, "r": 10, "t": 10, "b": 90}, height=320)
    return {"data": data, "layout": layout}
