"""The compliance self-review tab of the privacy programme area (issue 14)."""
