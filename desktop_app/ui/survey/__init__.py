"""Client satisfaction in the privacy programme area (the tab and its survey import)."""
