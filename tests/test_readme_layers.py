"""The picture of the layers in README.md lists exactly the LAYER table that tests/test_layers.py enforces."""

from __future__ import annotations

import re

from tests.conftest import REPO
from tests.test_layers import LAYER, PACKAGE

_MARK = "<!-- layers:"
_ROW = re.compile(r"^\s*(?P<layer>\d+)\s+(?P<names>[a-z_0-9]+(?:, [a-z_0-9]+)*)(?:\s{2,}.*)?$")


def readme_layers(text: str) -> dict[str, int]:
    """Package → layer, from the fenced block that follows the `<!-- layers:` mark."""
    block = text[text.index(_MARK):].split("```")[1]
    rows = [_ROW.match(line) for line in block.splitlines()[1:] if line.strip() and not line.startswith("layer")]
    assert all(rows), f"a row of the README's layer picture is not `N  name, name  what`:\n{block}"
    return {name: int(row["layer"]) for row in rows if row for name in row["names"].split(", ")}


def test_readme_picture_matches_the_layer_table() -> None:
    assert readme_layers((REPO / "README.md").read_text(encoding="utf-8")) == LAYER


def test_layer_table_names_every_package() -> None:
    """A new package under drillsim/ needs a place in the table (and so in the README's picture)."""
    packages = {p.stem for p in PACKAGE.iterdir()
                if (p.is_dir() and any(p.glob("*.py"))) or (p.suffix == ".py" and not p.name.startswith("_"))}
    assert packages == set(LAYER)


def test_a_row_out_of_place_is_seen() -> None:
    text = f"{_MARK} -->\n```text\nlayer  x\n  0    model\n  1    loading, rules   data\n```\n"
    assert readme_layers(text) == {"model": 0, "loading": 1, "rules": 1}
    assert readme_layers(text.replace("1    loading", "2    loading")) != {"model": 0, "loading": 1, "rules": 1}
