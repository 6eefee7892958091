"""The live console's panels (most of them also show a moment of a replay)."""
