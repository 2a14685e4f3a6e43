"""The first-run wizard: set up the branch when the data directory is empty."""
