#!/usr/bin/env bash
# Regenerates every PNG, .ico and .icns from the SVG sources (needs rsvg-convert, ImageMagick, /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")"
res=../src/main/resources/app/tether/icons
mkdir -p "$res"
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" app.svg -o "app-$size.png"
done
/usr/bin/convert app-16.png app-32.png app-48.png app-64.png app-128.png app-256.png app.ico
/usr/bin/python3 write_icns.py app.icns app-32.png:ic11 app-64.png:ic12 app-128.png:ic07 app-256.png:ic08 \
  app-512.png:ic09 app-1024.png:ic10
for state in idle active attention; do
  for size in 16 24 32 64; do
    rsvg-convert -w "$size" -h "$size" "tray/tray-$state.svg" -o "tray/tray-$state-$size.png"
  done
  cp "tray/tray-$state-32.png" "$res/tray-$state.png"
  # macOS menu bar: template images (black + alpha), 16 pt at 1x and 2x
  for size in 16 32; do
    rsvg-convert -w "$size" -h "$size" "tray/tray-$state-template.svg" -o "tray/tray-$state-template-$size.png"
  done
  cp "tray/tray-$state-template-32.png" "$res/tray-$state-template.png"
done
for size in 16 32 48 64 128 256; do
  cp "app-$size.png" "$res/app-$size.png"
done
