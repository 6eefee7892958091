"""The sweep report's charts as inline SVG (no script, no external assets), in the style of the exercise
report's timeline: score histograms, time to each level, miss rate per obligation with its interval, and the
score of each group side by side. One colour per (scenario, variant, policy) group throughout."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from drillsim.sweep.stats import GroupSummary, Histogram, Spread

WIDTH, LEFT, RIGHT, TOP = 1120, 250, 24, 30
PALETTE = ("#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#5d4037")
INK, MUTED, GRID = "#263238", "#607d8b", "#eceff1"


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


class _Svg:
    def __init__(self, chart_id: str, title: str) -> None:
        self.id, self.title = chart_id, title
        self.parts: list[str] = []
        self.y = TOP

    def rect(self, x: float, y: float, w: float, h: float, fill: str, tip: str = "", opacity: float = 1.0) -> None:
        title = f"<title>{escape(tip)}</title>" if tip else ""
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.0):.1f}" height="{h:.1f}" fill="{fill}" '
                          f'fill-opacity="{opacity}">{title}</rect>')

    def line(self, x0: float, y0: float, x1: float, y1: float, stroke: str = GRID, width: float = 1) -> None:
        self.parts.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{stroke}" '
                          f'stroke-width="{width}"/>')

    def dot(self, x: float, y: float, fill: str, tip: str = "", r: float = 5) -> None:
        self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" stroke="#ffffff">'
                          f'<title>{escape(tip)}</title></circle>')

    def text(self, x: float, y: float, s: str, size: int = 11, fill: str = INK, anchor: str = "start",
             bold: bool = False) -> None:
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" text-anchor="{anchor}"'
                          f'{weight}>{escape(s)}</text>')

    def axis(self, scale: _Scale, top: float, bottom: float, unit: str = "") -> None:
        for value in scale.ticks():
            x = scale.x(value)
            self.line(x, top, x, bottom)
            self.text(x, top - 6, f"{value:g}{unit}", 10, MUTED, "middle")

    def render(self) -> str:
        height = self.y + 8
        return (f'<svg id="{self.id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
                f'width="100%" role="img" aria-label="{escape(self.title)}" font-family="inherit">'
                f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>'
                + "".join(self.parts) + "</svg>")


class _Scale:
    """Values in [low, high] onto the plotting width."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high if high > low else low + 1

    def x(self, value: float) -> float:
        value = min(max(value, self.low), self.high)
        return LEFT + (WIDTH - LEFT - RIGHT) * (value - self.low) / (self.high - self.low)

    def ticks(self, count: int = 8) -> list[float]:
        raw = (self.high - self.low) / count
        step = next(s * 10 ** e for e in range(-2, 6) for s in (1, 2, 5) if s * 10 ** e >= raw)
        first = (self.low // step) * step
        return [first + i * step for i in range(count + 3) if self.low <= first + i * step <= self.high]


def score_histograms(groups: Sequence[GroupSummary], hists: Sequence[Histogram], names: Sequence[str]) -> str:
    """One histogram of the overall score per group, on a shared axis."""
    svg = _Svg("chart-score", "score distribution")
    low = min((h.edges[0] for h in hists if h.edges), default=0.0)
    high = max((h.edges[-1] for h in hists if h.edges), default=100.0)
    scale = _Scale(low, high)
    panel = 70
    svg.axis(scale, TOP, TOP + len(hists) * (panel + 10))
    for i, (g, h, name) in enumerate(zip(groups, hists, names)):
        base = svg.y + panel
        svg.text(LEFT - 8, svg.y + panel / 2, name[:40], 11, INK, "end", True)
        svg.text(LEFT - 8, svg.y + panel / 2 + 14, f"n={g.runs}", 10, MUTED, "end")
        peak = max(h.counts, default=0) or 1
        for j, count in enumerate(h.counts):
            x0, x1 = scale.x(h.edges[j]), scale.x(h.edges[j + 1])
            height = panel * count / peak
            svg.rect(x0 + 0.5, base - height, x1 - x0 - 1, height, colour(i),
                     f"{name}: {h.edges[j]:.1f}–{h.edges[j + 1]:.1f}: {count}")
        svg.line(LEFT, base, WIDTH - RIGHT, base, MUTED)
        svg.y += panel + 10
    return svg.render()


def _range_row(svg: _Svg, scale: _Scale, s: Spread, fill: str, tip: str, y: float) -> None:
    if s.n == 0 or s.p5 is None or s.p95 is None:
        svg.text(LEFT + 4, y + 4, "—", 10, MUTED)
        return
    svg.line(scale.x(s.p5), y, scale.x(s.p95), y, fill, 3)
    if s.p50 is not None:
        svg.line(scale.x(s.p50), y - 6, scale.x(s.p50), y + 6, fill, 2)
    if s.mean is not None:
        svg.dot(scale.x(s.mean), y, fill, tip, 4)


def spreads(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[Spread]]], names: Sequence[str],
            unit: str = "") -> str:
    """Rows of ranges (p5–p95 line, median tick, mean dot), one line per group inside each row."""
    svg = _Svg(chart_id, title)
    values = [v for _, ss in rows for s in ss for v in (s.p5, s.p95) if v is not None]
    scale = _Scale(min(values, default=0.0), max(values, default=1.0))
    step = 12
    height = sum(len(ss) * step + 14 for _, ss in rows)
    svg.axis(scale, TOP, TOP + height, unit)
    for label, ss in rows:
        svg.text(LEFT - 8, svg.y + len(ss) * step / 2 + 6, label[:40], 11, INK, "end", True)
        for i, s in enumerate(ss):
            y = svg.y + 6 + i * step
            tip = (f"{label} · {names[i]}: mean {s.mean}, p5 {s.p5}, median {s.p50}, p95 {s.p95}, n={s.n}"
                   if s.n else f"{label} · {names[i]}: never")
            _range_row(svg, scale, s, colour(i), tip, y)
        svg.y += len(ss) * step + 14
        svg.line(LEFT, svg.y - 7, WIDTH - RIGHT, svg.y - 7)
    return svg.render()


def miss_rates(groups: Sequence[GroupSummary], names: Sequence[str], rules: Sequence[str]) -> str:
    """A bar per group for each obligation: share of runs late or missed, with the Wilson 95 % interval."""
    svg = _Svg("chart-miss", "miss rate per obligation")
    scale = _Scale(0.0, 100.0)
    bar = 10
    svg.axis(scale, TOP, TOP + len(rules) * (len(groups) * bar + 12), " %")
    for rule in rules:
        svg.text(LEFT - 8, svg.y + len(groups) * bar / 2 + 4, rule[:40], 11, INK, "end", True)
        for i, g in enumerate(groups):
            m = next(x for x in g.obligations if x.rule == rule)
            y = svg.y + i * bar
            if m.rate is None:
                continue
            tip = f"{rule} · {names[i]}: {100 * m.rate:.1f} % [{100 * m.low:.1f}–{100 * m.high:.1f}] of {m.due}"
            svg.rect(LEFT, y + 1, scale.x(100 * m.rate) - LEFT, bar - 2, colour(i), tip, 0.85)
            svg.line(scale.x(100 * m.low), y + bar / 2, scale.x(100 * m.high), y + bar / 2, INK, 1.5)
        svg.y += len(groups) * bar + 12
    return svg.render()


def legend(names: Sequence[str]) -> str:
    """The group colours as an HTML list."""
    items = "".join(f'<li><span class="swatch" style="background:{colour(i)}"></span>{escape(n)}</li>'
                    for i, n in enumerate(names))
    return f'<ul class="legend">{items}</ul>'
