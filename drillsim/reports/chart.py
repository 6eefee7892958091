"""The response timeline as inline SVG: response levels as bands, the level the facts justified, the field
commander over time, and each report as a bar from its start to its deadline with its submission mark
(green in time, amber late, red missed). No script, no external assets."""

from __future__ import annotations

from html import escape

from drillsim.engine import events as ev
from drillsim.engine.state import ExerciseState, fold
from drillsim.glossary import OBLIGATION_STATUS_NAMES, term
from drillsim.reports.common import ReportModel
from drillsim.render.timeline import clock

WIDTH, LEFT, RIGHT, TOP, ROW, GAP = 1120, 250, 16, 34, 16, 4
LEVEL_COLORS = {1: "#c62828", 2: "#ef6c00", 3: "#f9a825", 4: "#1565c0"}
GREEN, AMBER, RED, GREY, BAR = "#2e7d32", "#ff8f00", "#d50000", "#90a4ae", "#cfd8dc"
COMMAND_SHADES = ("#546e7a", "#78909c")


class _Canvas:
    def __init__(self, end_t: int) -> None:
        self.end_t = max(end_t, 60_000)
        self.parts: list[str] = []
        self.y = TOP

    def x(self, t: int) -> float:
        t = min(max(t, 0), self.end_t)
        return LEFT + (WIDTH - LEFT - RIGHT) * t / self.end_t

    def rect(self, t0: int, t1: int, y: float, h: float, fill: str, title: str = "", opacity: float = 1.0) -> None:
        x0, x1 = self.x(t0), self.x(t1)
        tip = f"<title>{escape(title)}</title>" if title else ""
        self.parts.append(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 1.5):.1f}" height="{h:.1f}" '
                          f'fill="{fill}" fill-opacity="{opacity}">{tip}</rect>')

    def text(self, x: float, y: float, s: str, size: int = 11, fill: str = "#263238", anchor: str = "start") -> None:
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" '
                          f'text-anchor="{anchor}">{escape(s)}</text>')

    def label(self, s: str, bold: bool = False) -> None:
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(f'<text x="{LEFT - 8}" y="{self.y + ROW - 4:.1f}" font-size="11" fill="#263238" '
                          f'text-anchor="end"{weight}>{escape(s[:40])}</text>')

    def next_row(self, extra: float = 0) -> None:
        self.y += ROW + GAP + extra


def _segments(history: list[tuple[int, object]], end_t: int) -> list[tuple[int, int, object]]:
    out = []
    for i, (t, value) in enumerate(history):
        t1 = history[i + 1][0] if i + 1 < len(history) else end_t
        out.append((t, t1, value))
    return out


def _axis(c: _Canvas, bottom: float) -> None:
    step = 3_600_000 if c.end_t > 3 * 3_600_000 else 1_800_000
    t = 0
    while t <= c.end_t:
        x = c.x(t)
        c.parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#eceff1"/>')
        c.text(x, TOP - 10, clock(t), 10, "#546e7a", "middle")
        t += step


def _levels(c: _Canvas, m: ReportModel, state: ExerciseState) -> None:
    c.label(m.lab("level_row"), bold=True)
    end = next((e.t for e in m.events if isinstance(e, ev.ResponseTerminated)), c.end_t)
    history = [(t, lv) for t, lv, _ in state.level_history]
    for t0, t1, lv in _segments(history, end):
        c.rect(t0, t1, c.y, ROW, LEVEL_COLORS.get(int(lv), GREY), f"{m.describer.level(int(lv))} {clock(t0)}–{clock(t1)}")
        if c.x(t1) - c.x(t0) > 50:
            c.text(c.x(t0) + 4, c.y + ROW - 4, m.describer.level(int(lv)), 10, "#ffffff")
    c.next_row()
    c.label(m.lab("justified_row"))
    justified = [(e.t, e.level) for e in m.events if isinstance(e, ev.LevelJustified)]
    for t0, t1, lv in _segments(justified, c.end_t):
        if lv is not None:
            c.rect(t0, t1, c.y + 4, ROW - 8, LEVEL_COLORS.get(int(lv), GREY), m.describer.level(int(lv)), 0.6)
    c.next_row()


def _commanders(c: _Canvas, m: ReportModel, state: ExerciseState) -> None:
    c.label(m.lab("commander_row"), bold=True)
    for i, (t0, t1, body) in enumerate(_segments(list(state.command_history), c.end_t)):
        name = m.body(str(body))
        c.rect(t0, t1, c.y, ROW, COMMAND_SHADES[i % 2], f"{name} {clock(t0)}–{clock(t1)}")
        width = c.x(t1) - c.x(t0)
        if width > 40:
            c.text(c.x(t0) + 4, c.y + ROW - 4, name[: int(width / 7)], 10, "#ffffff")
    c.next_row(6)


def _reports(c: _Canvas, m: ReportModel, state: ExerciseState) -> None:
    rows: dict[str, list] = {}
    for ob in state.obligations.values():
        rows.setdefault(ob.rule, []).append(ob)
    for rule, obs in rows.items():
        c.label(rule)
        for ob in obs:
            title = f"{ob.id}: {clock(ob.started_t)} → {clock(ob.deadline_t)} ({ob.status})"
            c.rect(ob.started_t, ob.deadline_t, c.y + 3, ROW - 6, BAR, title)
            mid = c.y + ROW / 2
            if ob.status == "met" and ob.met_t is not None:
                _dot(c, c.x(ob.met_t), mid, GREEN, title)
            elif ob.status == "late" and ob.met_t is not None:
                c.rect(ob.deadline_t, ob.met_t, c.y + 3, ROW - 6, AMBER, title, 0.55)
                _dot(c, c.x(ob.met_t), mid, AMBER, title)
            elif ob.status == "missed":
                c.rect(ob.deadline_t, c.end_t, c.y + 3, ROW - 6, RED, title, 0.35)
                _cross(c, c.x(ob.deadline_t), mid, title)
            else:
                c.rect(ob.started_t, c.end_t, c.y + 3, ROW - 6, GREY, title, 0.35)
        c.next_row()


def _dot(c: _Canvas, x: float, y: float, fill: str, title: str) -> None:
    c.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="#ffffff" stroke-width="1">'
                   f'<title>{escape(title)}</title></circle>')


def _cross(c: _Canvas, x: float, y: float, title: str) -> None:
    c.parts.append(f'<g stroke="{RED}" stroke-width="3"><title>{escape(title)}</title>'
                   f'<line x1="{x - 5:.1f}" y1="{y - 5:.1f}" x2="{x + 5:.1f}" y2="{y + 5:.1f}"/>'
                   f'<line x1="{x - 5:.1f}" y1="{y + 5:.1f}" x2="{x + 5:.1f}" y2="{y - 5:.1f}"/></g>')


def _legend(c: _Canvas, m: ReportModel) -> None:
    y, x = c.y + 8, LEFT
    items = [(LEVEL_COLORS[lv], m.describer.level(lv)) for lv in (1, 2, 3, 4)]
    status = {key: term(OBLIGATION_STATUS_NAMES, key, m.lang) for key in ("met", "late", "missed", "pending")}
    items += [(BAR, m.lab("deadline_bar")), (GREEN, status["met"]), (AMBER, status["late"]),
              (RED, status["missed"]), (GREY, status["pending"])]
    for color, name in items:
        c.parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{color}"/>')
        c.text(x + 16, y + 10, name, 11)
        x += 24 + 7 * len(name) + (6 * sum(1 for ch in name if ord(ch) > 0x2E80))
    c.y = y + 24


def timeline_svg(m: ReportModel) -> str:
    """The chart for one exercise."""
    state = fold(m.events)
    c = _Canvas(m.events[-1].t if m.events else 0)
    _levels(c, m, state)
    _commanders(c, m, state)
    _reports(c, m, state)
    bottom = c.y
    _legend(c, m)
    axis = _Canvas(c.end_t)
    _axis(axis, bottom)
    height = c.y + 4
    title = escape(m.lab("chart"))
    return (f'<svg id="timeline-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'width="100%" role="img" aria-label="{title}" font-family="inherit">'
            f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>'
            + "".join(axis.parts) + "".join(c.parts) + "</svg>")
