#!/usr/bin/env bash
# Renders icons/hogwatch.svg into the committed PNGs: icons/hogwatch-N.png for the hicolor theme
# and the .desktop file, and a few sizes into src/main/resources/icons/ for the window, the About
# box and the task bar (loaded from the classpath). Needs rsvg-convert (apt: librsvg2-bin).
# Run it after editing the SVG and commit the results:  icons/render.sh && git add icons src/main/resources/icons
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "render.sh: needs rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }
mkdir -p src/main/resources/icons
for n in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio icons/hogwatch.svg -o "icons/hogwatch-$n.png"
done
for n in 16 32 48 64 128 256; do
  cp "icons/hogwatch-$n.png" "src/main/resources/icons/hogwatch-$n.png"
done
echo "render.sh: icons/hogwatch-{16..512}.png and src/main/resources/icons/ written"
