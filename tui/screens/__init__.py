"""The app's screens: library, briefing, live console, replay, score card, help and small dialogs."""
