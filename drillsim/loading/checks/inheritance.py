"""A plan and the layers it inherits: the layers exist, and the plan defines what they require.

A plan obligation or parameter that reuses or replaces an inherited one must say so (`supersedes`), and a
replacement that takes away a permission of the layer (越级上报, `may_skip_levels`) must say why
(`assumption`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from drillsim.loading.checks.problems import Problem
from drillsim.loading.plain_data import defined_ids, entries, select
from drillsim.loading.suggestions import suggest

__all__ = ["inherited_ids", "check_inherits", "check_supersedes", "check_shadowing", "check_dropped_permissions"]

_OBLIGATIONS = ("reporting", "obligations")
_INHERITABLE = (("obligation", _OBLIGATIONS), ("parameter", ("parameters",)))
"""What a plan may take from a layer and replace with `supersedes`, and where each kind is listed."""


def inherited_ids(data: Any) -> list[str]:
    """The layer ids under `inherits`, in order, as written (repeats kept)."""
    return [lid for _, lid in select(data, ("inherits", "*")) if isinstance(lid, str)]


def check_inherits(data: Any, layers: Mapping[str, Any], available: Iterable[str]) -> Iterator[Problem]:
    """Every inherited layer has a file, and the plan defines every body that layer requires."""
    bodies = defined_ids(data, ("bodies",))
    for path, layer_id in select(data, ("inherits", "*")):
        if not isinstance(layer_id, str):
            continue
        if layer_id not in layers:
            yield Problem(path, f"unknown layer {layer_id!r}: there is no file {layer_id}.yaml among the layers",
                          suggest(layer_id, available))
            continue
        for _, body in select(layers[layer_id], ("bodies_required", "*")):
            if isinstance(body, str) and body not in bodies:
                yield Problem(path, f"layer {layer_id!r} requires body {body!r}, which this plan does not define "
                              "under bodies", suggest(body, bodies))


def check_supersedes(data: Any, layers: Mapping[str, Any], complete: bool) -> Iterator[Problem]:
    """`supersedes: layer:id` names an obligation (or parameter) of an inherited layer.

    When some inherited layer is unknown, a wrong layer name is most likely that same mistake: not reported.
    """
    inherited = inherited_ids(data)
    for what, lists in _INHERITABLE:
        for path, value in select(data, (*lists, "*", "supersedes")):
            if not isinstance(value, str):
                continue
            layer_id, sep, ident = value.partition(":")
            if not sep:
                yield Problem(path, f"expected 'layer-id:{what}-id', found {value!r}")
            elif layer_id not in inherited and complete:
                yield Problem(path, f"layer {layer_id!r} is not inherited by this plan", suggest(layer_id, inherited))
            elif layers.get(layer_id) is not None:
                known = defined_ids(layers[layer_id], lists)
                if ident not in known:
                    yield Problem(path, f"undefined {what} {ident!r} in layer {layer_id!r}", suggest(ident, known))


def check_shadowing(data: Any, layers: Mapping[str, Any]) -> Iterator[Problem]:
    """A plan obligation or parameter with the id of an inherited one must say it replaces it (`supersedes`):
    a plan that reads a word of the layer differently (立即 = 1 h here, 15 min there) makes that choice in
    the open."""
    inherited = inherited_ids(data)
    for what, lists in _INHERITABLE:
        for path, item in entries(data, lists):
            ident = item.get("id")
            for layer_id in inherited:
                layer = layers.get(layer_id)
                if isinstance(ident, str) and isinstance(layer, dict) and ident in defined_ids(layer, lists) \
                        and item.get("supersedes") != f"{layer_id}:{ident}":
                    yield Problem((*path, "id"), f"{what} {ident!r} is also defined by layer {layer_id!r}; "
                                  f"add `supersedes: \"{layer_id}:{ident}\"` or choose another id")


def check_dropped_permissions(data: Any, layers: Mapping[str, Any]) -> Iterator[Problem]:
    """A plan obligation that replaces a layer's obligation allowing 越级上报 (`may_skip_levels: true`) and
    does not allow it itself takes a national permission away: it must say why (`assumption`)."""
    for path, item in entries(data, _OBLIGATIONS):
        value = item.get("supersedes")
        if not isinstance(value, str) or item.get("may_skip_levels") is True or item.get("assumption") is not None:
            continue
        layer_id, _, ident = value.partition(":")
        layer = layers.get(layer_id)
        replaced = next((o for _, o in entries(layer, _OBLIGATIONS) if o.get("id") == ident), None) \
            if isinstance(layer, dict) else None
        if replaced is not None and replaced.get("may_skip_levels") is True:
            yield Problem((*path, "may_skip_levels") if "may_skip_levels" in item else path,
                          f"obligation {item.get('id')!r} replaces {value}, which allows skipping levels (越级上报), "
                          "but does not allow it itself: say why in `assumption: {zh, en}`, or set "
                          "`may_skip_levels: true`")
