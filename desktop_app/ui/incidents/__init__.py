"""The Incidents tab of the privacy programme area (issue 14): report, assess, affected clients,
transitions, deadlines and breach-notification letters."""
