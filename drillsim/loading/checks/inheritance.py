"""A plan and the layers it inherits: the layers exist, and the plan defines what they require.

A plan obligation that reuses or replaces an inherited one must say so (`supersedes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from drillsim.loading.checks.problems import Problem
from drillsim.loading.plain_data import defined_ids, entries, select
from drillsim.loading.suggestions import suggest

__all__ = ["inherited_ids", "check_inherits", "check_supersedes", "check_shadowing"]

_OBLIGATIONS = ("reporting", "obligations")


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
    """`supersedes: layer:obligation` names an obligation of an inherited layer.

    When some inherited layer is unknown, a wrong layer name is most likely that same mistake: not reported.
    """
    inherited = inherited_ids(data)
    for path, value in select(data, (*_OBLIGATIONS, "*", "supersedes")):
        if not isinstance(value, str):
            continue
        layer_id, sep, obligation = value.partition(":")
        if not sep:
            yield Problem(path, f"expected 'layer-id:obligation-id', found {value!r}")
        elif layer_id not in inherited and complete:
            yield Problem(path, f"layer {layer_id!r} is not inherited by this plan", suggest(layer_id, inherited))
        elif layers.get(layer_id) is not None:
            known = defined_ids(layers[layer_id], _OBLIGATIONS)
            if obligation not in known:
                yield Problem(path, f"undefined obligation {obligation!r} in layer {layer_id!r}",
                              suggest(obligation, known))


def check_shadowing(data: Any, layers: Mapping[str, Any]) -> Iterator[Problem]:
    """A plan obligation with the id of an inherited one must say it replaces it (`supersedes`)."""
    inherited = inherited_ids(data)
    for path, item in entries(data, _OBLIGATIONS):
        ident = item.get("id")
        for layer_id in inherited:
            layer = layers.get(layer_id)
            if isinstance(ident, str) and isinstance(layer, dict) and ident in defined_ids(layer, _OBLIGATIONS) \
                    and item.get("supersedes") != f"{layer_id}:{ident}":
                yield Problem((*path, "id"), f"obligation {ident!r} is also defined by layer {layer_id!r}; "
                              f"add `supersedes: \"{layer_id}:{ident}\"` or choose another id")
