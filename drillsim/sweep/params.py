"""What-if parameters of a sweep: `--set PARAM=VALUE` parsed, and applied to the plain data of a plan, its
layers and a scenario (so the changed files go through the ordinary loader and its checks).

PARAM names one value in the data files:

- `deadline.<obligation>`            an obligation's deadline (plan or inherited layer): `45min`
- `param.<parameter>`                a named plan or layer parameter (`immediately=10min`, or a number)
- `delay.<role>`                     a role's decision delay (distribution, see below)
- `travel.<official body|resource>`  an official's or a resource's travel time (distribution)
- `threshold.<grade>.<criterion>`    a grade's lower bound: deaths, serious_injuries, direct_loss_cny
- `duration`                         how long the exercise may last at most
- `plan.<path>` / `scenario.<path>`  any other value: keys, list items by `id` (or `level`, `body`) or index

A distribution is `10min` (fixed), `5min..20min` (uniform), `2min..5min..20min` (triangular: low..mode..high),
`x1.5` (the current distribution scaled), or a YAML mapping such as `{dist: uniform, low: 5min, high: 20min}`.
Any other VALUE is read as a YAML 1.2 scalar or flow collection. Scoring allowances (`allowance.<name>`)
change the scoring method rather than the files; they are handled by `scoring_parameters`.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from drillsim.model.base import format_duration, parse_duration
from drillsim.model.figures import GRADE_CRITERIA
from drillsim.scoring.parameters import DEFAULT_PARAMETERS, Allowances, ScoringParameters

_DIST_KEYS = ("low", "mode", "high", "value")
_SCALE_RE = re.compile(r"^[x×](\d+(?:\.\d+)?)$")
_ITEM_KEYS = ("id", "level", "body")
"""Keys that identify an item of a list in a data file, tried in this order."""


class SettingError(ValueError):
    """A `--set` that names nothing in the data files or gives a value of the wrong kind."""


@dataclass(frozen=True)
class Setting:
    """One `PARAM=VALUE`, as the user wrote it."""

    param: str
    value: str

    @property
    def text(self) -> str:
        return f"{self.param}={self.value}"


@dataclass
class Documents:
    """The plain data of one scenario, its plan and the plan's layers, edited by settings."""

    scenario: dict[str, Any]
    plan: dict[str, Any]
    layers: dict[str, dict[str, Any]]

    def copy(self) -> Documents:
        return copy.deepcopy(self)


def parse_settings(texts: Iterable[str]) -> list[tuple[str, list[str]]]:
    """`PARAM=V1,V2` options into (param, values) in first-seen order; repeating a PARAM adds values."""
    axes: dict[str, list[str]] = {}
    for text in texts:
        param, sep, value = text.partition("=")
        param = param.strip()
        if not sep or not param or not value.strip():
            raise SettingError(f"--set {text!r}: expected PARAM=VALUE, e.g. deadline.enterprise_written=45min")
        for one in split_values(value):
            if one not in axes.setdefault(param, []):
                axes[param].append(one)
    return list(axes.items())


def split_values(value: str) -> list[str]:
    """Split on commas outside braces and brackets: `45min,1h` → two values, `{a: 1, b: 2}` → one."""
    parts, depth, current = [], 0, []
    for ch in value:
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    if any(not p for p in parts):
        raise SettingError(f"--set value {value!r} has an empty item")
    return parts


def scoring_parameters(settings: Sequence[Setting]) -> ScoringParameters:
    """The scoring method with the `allowance.<name>` settings applied."""
    changes: dict[str, int] = {}
    names = [f.name for f in dataclasses.fields(Allowances)]
    for s in settings:
        kind, _, name = s.param.partition(".")
        if kind != "allowance":
            continue
        if name not in names:
            raise SettingError(f"--set {s.text}: no allowance {name!r}{_hint(name, names)}")
        changes[name] = _duration(s)
    if not changes:
        return DEFAULT_PARAMETERS
    return dataclasses.replace(DEFAULT_PARAMETERS, allowances=dataclasses.replace(DEFAULT_PARAMETERS.allowances, **changes))


def apply_settings(docs: Documents, settings: Sequence[Setting]) -> Documents:
    """A copy of the documents with every file setting applied (allowances are left to scoring)."""
    out = docs.copy()
    for s in settings:
        kind, _, rest = s.param.partition(".")
        if kind == "allowance":
            continue
        handler = _HANDLERS.get(kind)
        if handler is None:
            raise SettingError(f"--set {s.text}: unknown parameter kind {kind!r}; "
                               f"use one of {', '.join([*_HANDLERS, 'allowance'])}")
        handler(out, s, rest)
    return out


# --- the kinds of parameter ------------------------------------------------------------------------------


def _deadline(docs: Documents, s: Setting, name: str) -> None:
    value = format_duration(_duration(s))
    for data in (docs.plan, *docs.layers.values()):
        for ob in _list(data, "reporting", "obligations"):
            if ob.get("id") == name:
                ob["deadline"] = value
                return
    known = [ob.get("id") for data in (docs.plan, *docs.layers.values()) for ob in _list(data, "reporting", "obligations")]
    raise SettingError(f"--set {s.text}: no obligation {name!r}{_hint(name, known)}")


def _param(docs: Documents, s: Setting, name: str) -> None:
    for data in (docs.plan, *docs.layers.values()):  # the plan's own parameter overrides a layer's
        for p in _list(data, "parameters"):
            if p.get("id") == name:
                if "duration" in p:
                    p["duration"] = format_duration(_duration(s))
                else:
                    p["number"] = _number(s)
                return
    known = [p.get("id") for data in (docs.plan, *docs.layers.values()) for p in _list(data, "parameters")]
    raise SettingError(f"--set {s.text}: no parameter {name!r}{_hint(name, known)}")


def _delay(docs: Documents, s: Setting, name: str) -> None:
    role = _item(docs.scenario.get("roles"), name, s, "role")
    role["decision_delay"] = _distribution(s, role.get("decision_delay"))


def _travel(docs: Documents, s: Setting, name: str) -> None:
    for key, field in (("officials", "body"), ("resources", "id")):
        for item in docs.scenario.get(key) or ():
            if isinstance(item, dict) and item.get(field) == name:
                item["travel_time"] = _distribution(s, item.get("travel_time"))
                return
    known = [o.get("body") for o in docs.scenario.get("officials") or ()] + \
            [r.get("id") for r in docs.scenario.get("resources") or ()]
    raise SettingError(f"--set {s.text}: no official or resource {name!r}{_hint(name, known)}")


def _threshold(docs: Documents, s: Setting, rest: str) -> None:
    grade_id, _, criterion = rest.partition(".")
    grade = _item(docs.plan.get("grades"), grade_id, s, "grade")
    if criterion not in GRADE_CRITERIA:
        raise SettingError(f"--set {s.text}: the criterion is one of {', '.join(GRADE_CRITERIA)}")
    grade.setdefault("at_least", {})[criterion] = _integer(s)


def _duration_of_exercise(docs: Documents, s: Setting, rest: str) -> None:
    if rest:
        raise SettingError(f"--set {s.text}: write duration=8h")
    docs.scenario["duration"] = format_duration(_duration(s))


def _path_setter(which: str):  # noqa: ANN202 - handler
    def set_path(docs: Documents, s: Setting, rest: str) -> None:
        if not rest:
            raise SettingError(f"--set {s.text}: give a path, e.g. {which}.setting.weather.wind_force")
        data = docs.plan if which == "plan" else docs.scenario
        *parents, last = rest.split(".")
        node: Any = data
        for i, key in enumerate(parents):
            node = _child(node, key, s, ".".join(parents[: i + 1]))
        if isinstance(node, list):
            index = _index(node, last, s)
            node[index] = _yaml_value(s)
        elif isinstance(node, dict):
            node[last] = _yaml_value(s)
        else:
            raise SettingError(f"--set {s.text}: {'.'.join(parents)} is a value, not a mapping or list")

    return set_path


_HANDLERS = {
    "deadline": _deadline,
    "param": _param,
    "delay": _delay,
    "travel": _travel,
    "threshold": _threshold,
    "duration": _duration_of_exercise,
    "plan": _path_setter("plan"),
    "scenario": _path_setter("scenario"),
}


# --- values ----------------------------------------------------------------------------------------------


def _duration(s: Setting) -> int:
    try:
        return parse_duration(s.value.strip())
    except ValueError as error:
        raise SettingError(f"--set {s.text}: {error}") from None


def _number(s: Setting) -> int | float:
    value = _yaml_value(s)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SettingError(f"--set {s.text}: expected a number")
    return value


def _integer(s: Setting) -> int:
    value = _yaml_value(s)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingError(f"--set {s.text}: expected a whole number ≥ 0")
    return value


def _yaml_value(s: Setting) -> Any:
    try:
        return YAML(typ="safe", pure=True).load(io.StringIO(s.value))
    except YAMLError as error:
        raise SettingError(f"--set {s.text}: not a YAML value ({str(error).splitlines()[0]})") from None


def _distribution(s: Setting, current: Any) -> dict[str, Any]:
    text = s.value.strip()
    scale = _SCALE_RE.match(text)
    if scale:
        if not isinstance(current, dict):
            raise SettingError(f"--set {s.text}: there is no distribution to scale")
        factor = float(scale.group(1))
        scaled = dict(current)
        for key in _DIST_KEYS:
            if key in scaled:
                ms = parse_duration(scaled[key]) if isinstance(scaled[key], str) else int(scaled[key])
                scaled[key] = format_duration(int(round(ms * factor)))
        return scaled
    if text.startswith("{"):
        value = _yaml_value(s)
        if not isinstance(value, dict):
            raise SettingError(f"--set {s.text}: expected a distribution mapping")
        return value
    parts = text.split("..")
    try:
        ms = [format_duration(parse_duration(p.strip())) for p in parts]
    except ValueError as error:
        raise SettingError(f"--set {s.text}: {error}") from None
    if len(ms) == 1:
        return {"dist": "fixed", "value": ms[0]}
    if len(ms) == 2:
        return {"dist": "uniform", "low": ms[0], "high": ms[1]}
    if len(ms) == 3:
        return {"dist": "triangular", "low": ms[0], "mode": ms[1], "high": ms[2]}
    raise SettingError(f"--set {s.text}: a distribution is 10min, 5min..20min or 2min..5min..20min")


# --- finding things in plain data ------------------------------------------------------------------------


def _list(data: dict[str, Any], *keys: str) -> list[dict[str, Any]]:
    node: Any = data
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return [item for item in node if isinstance(item, dict)] if isinstance(node, list) else []


def _item(items: Any, name: str, s: Setting, what: str) -> dict[str, Any]:
    for item in items or ():
        if isinstance(item, dict) and name in (str(item.get(k)) for k in _ITEM_KEYS if k in item):
            return item
    known = [str(item.get(k)) for item in items or () if isinstance(item, dict) for k in _ITEM_KEYS if k in item]
    raise SettingError(f"--set {s.text}: no {what} {name!r}{_hint(name, known)}")


def _child(node: Any, key: str, s: Setting, where: str) -> Any:
    if isinstance(node, dict):
        if key not in node:
            raise SettingError(f"--set {s.text}: no key {where!r}{_hint(key, list(node))}")
        return node[key]
    if isinstance(node, list):
        return node[_index(node, key, s)]
    raise SettingError(f"--set {s.text}: {where!r} is a value, not a mapping or list")


def _index(items: list[Any], key: str, s: Setting) -> int:
    for i, item in enumerate(items):
        if isinstance(item, dict) and key in (str(item.get(k)) for k in _ITEM_KEYS if k in item):
            return i
    if key.isdigit() and int(key) < len(items):
        return int(key)
    known = [str(item.get(k)) for item in items if isinstance(item, dict) for k in _ITEM_KEYS if k in item]
    raise SettingError(f"--set {s.text}: no item {key!r}{_hint(key, known)}")


def _hint(name: str, known: Sequence[Any]) -> str:
    names = sorted({str(k) for k in known if k is not None})
    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
    return f" (known: {shown})" if names else ""
