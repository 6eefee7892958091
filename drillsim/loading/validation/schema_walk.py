"""Follow a pydantic error location through the schema and the plain data together.

A `loc` mixes data steps (keys, indices) with schema-only steps (union tags and member names); the
walk separates them and tells which model owns the last field and which type the location ends at.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from drillsim.loading.plain_data import DataPath

__all__ = ["Walk", "walk", "is_model", "is_union", "union_tags", "field_names", "all_field_names"]


@dataclass(frozen=True)
class Walk:
    """Where a pydantic `loc` lands in the data and in the schema."""

    path: DataPath  # the data path, union tags and member names removed
    owner: type[BaseModel] | None  # the model whose field the last loc element names
    end: Any  # the (unwrapped) type at the end of loc
    sites: tuple[tuple[DataPath, str], ...]  # plain-union members tried: (data path of the union, member label)


def _unwrap(tp: Any, disc: str | None = None) -> tuple[Any, str | None]:
    """Strip Annotated (keeping a discriminator) and the None of an Optional."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            base, *meta = get_args(tp)
            for item in meta:
                if isinstance(item, FieldInfo) and isinstance(item.discriminator, str):
                    disc = item.discriminator
            tp = base
        elif origin in (Union, UnionType) and len(_members(tp)) == 1:
            tp = _members(tp)[0]
        else:
            return tp, disc


def _members(tp: Any) -> list[Any]:
    return [arg for arg in get_args(tp) if arg is not type(None)]


def is_model(tp: Any) -> bool:
    """Whether `tp` is a pydantic model class."""
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def is_union(tp: Any) -> bool:
    """Whether `tp` is a Union (either spelling)."""
    return get_origin(tp) in (Union, UnionType)


def _field(model: type[BaseModel], key: object) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if key in (info.alias, name):
            return info
    return None


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a data file may use for `model` (aliases where they exist)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_tags(model: Any, disc: str) -> list[str]:
    """The values a union member accepts for its discriminator field."""
    info = _field(model, disc) if is_model(model) else None
    return [str(a) for a in get_args(info.annotation)] if info is not None else []


def union_tags(union: Any, disc: str) -> list[str]:
    """The discriminator values of a discriminated union, in declaration order."""
    return [tag for member in _members(union) for tag in _model_tags(_unwrap(member)[0], disc)]


def _pick(members: list[Any], label: str, disc: str | None) -> Any:
    """The union member that a loc label (a tag, a class name, 'int', ...) stands for."""
    for member in members:
        base, _ = _unwrap(member)
        if disc and label in _model_tags(base, disc):
            return base
        if is_model(base) and base.__name__ == label:
            return base
        if not disc and isinstance(base, type) and base.__name__ == label:
            return base
    return None


def walk(root: type[BaseModel], data: Any, loc: tuple[Any, ...]) -> Walk:
    """Follow `loc` through schema and data together: union tags and member names are schema-only steps."""
    tp: Any = root
    disc: str | None = None
    node, path, owner, sites, in_data = data, [], None, [], True
    for element in loc:
        tp, disc = _unwrap(tp, disc)
        if is_union(tp):
            if not disc:
                sites.append((tuple(path), str(element)))
            tp, disc = _pick(_members(tp), str(element), disc), None
            continue
        if is_model(tp):
            owner, info = tp, _field(tp, element)
            tp, disc = (info.annotation, info.discriminator) if info else (None, None)
            disc = disc if isinstance(disc, str) else None
        elif get_origin(tp) in (tuple, list):
            tp, disc = (get_args(tp) or (None,))[0], None
        else:
            owner, tp, disc = None, None, None
        if in_data and isinstance(node, dict) and element in node:
            node = node[element]
        elif in_data and isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
            node = node[element]
        else:
            in_data = False
        path.append(element)
    end, _ = _unwrap(tp, disc)
    return Walk(tuple(path), owner, end, tuple(sites))


@lru_cache(maxsize=None)
def all_field_names(root: type[BaseModel]) -> tuple[str, ...]:
    """Every key used anywhere in the schema of `root`."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo: list[Any] = [root]
    while todo:
        tp, _ = _unwrap(todo.pop())
        if is_model(tp) and tp not in seen:
            seen.add(tp)
            names.update(field_names(tp))
            todo.extend(info.annotation for info in tp.model_fields.values())
        else:
            todo.extend(get_args(tp))
    return tuple(sorted(names))
