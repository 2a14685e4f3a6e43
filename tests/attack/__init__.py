"""Attacker tests: what a local administrator can do with the data folder, a text editor and the app's own modules (issue 10)."""
