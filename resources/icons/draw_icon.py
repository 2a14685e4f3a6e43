"""Draws resources/icons/branchvault.png (256x256) and branchvault.ico: a house holding a vault dial.

Run from the repository root with the dev environment (Pillow): ``.venv/bin/python resources/icons/draw_icon.py``.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

S = 1024  # draw large, scale down for smooth edges
img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
d.rounded_rectangle((32, 32, S - 32, S - 32), radius=200, fill=(24, 72, 120, 255))
white = (250, 250, 245, 255)
gold = (232, 178, 56, 255)
# roof and body of the house
d.polygon([(512, 170), (140, 500), (884, 500)], fill=white)
d.rectangle((230, 470, 794, 860), fill=white)
# vault door: ring, dial, spokes
cx, cy, r = 512, 660, 150
d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(24, 72, 120, 255))
d.ellipse((cx - r + 28, cy - r + 28, cx + r - 28, cy + r - 28), fill=gold)

for k in range(3):
    a = math.radians(90 + k * 120)
    x, y = cx + math.cos(a) * (r - 40), cy - math.sin(a) * (r - 40)
    d.line((cx, cy, x, y), fill=(24, 72, 120, 255), width=34)
d.ellipse((cx - 40, cy - 40, cx + 40, cy + 40), fill=(24, 72, 120, 255))
icon = img.resize((256, 256), Image.LANCZOS)
icon.save("resources/icons/branchvault.png", optimize=True)
icon.save(
    "resources/icons/branchvault.ico",
    sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
)
