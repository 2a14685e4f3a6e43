"""The HQ overview page and HQ staff sign-in (server-rendered, no scripts).

``routes.router`` is included by the HQ app (``desktop_app.hq.app.create_app``). HQ holds no raw
personal data (PIPL art. 51 minimisation: branches send masked, k-suppressed summaries); the page
shows what was received, marks suppressed cells as suppressed and never estimates them.
"""
