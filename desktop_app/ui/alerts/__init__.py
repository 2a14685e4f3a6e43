"""The anomaly alerts in the GUI: the Security area's Alerts tab, the acknowledgement dialog, and the
periodic pass with the count banner after sign-in."""
