"""The privacy-education tab of the programme area (campaigns, participation, the leaflet)."""
