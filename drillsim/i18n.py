"""Interface language: Chinese or English, chosen from the locale unless the user says otherwise."""

from __future__ import annotations

import locale
import os
from typing import Literal, Protocol

Lang = Literal["zh", "en"]


def default_lang() -> Lang:
    """`DRILLSIM_LANG` if set, else Chinese under a Chinese locale (LC_ALL, LC_MESSAGES, LANG), else English."""
    explicit = os.environ.get("DRILLSIM_LANG", "")
    if explicit in ("zh", "en"):
        return explicit  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    code = locale.getlocale()[0] or ""
    return "zh" if code.lower().startswith("zh") else "en"


class Bilingual(Protocol):
    """Anything with a Chinese and an English version: a data file's `Text`, a glossary term, a finding's detail."""

    @property
    def zh(self) -> str: ...

    @property
    def en(self) -> str: ...


def pick(text: Bilingual, lang: Lang) -> str:
    """The text in the chosen language."""
    return text.zh if lang == "zh" else text.en
