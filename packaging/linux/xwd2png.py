#!/usr/bin/env python3
"""Converts Xvfb's -fbdir screen file (XWD, 24/32-bit TrueColor ZPixmap) to PNG and prints its colour count.

verify-deb.sh uses it so the clean Debian tree needs no image tools. Standard library only.
Usage: xwd2png.py SCREEN_FILE OUT.png
"""
import struct
import sys
import zlib


def read_xwd(data):
    fields = struct.unpack(">25I", data[:100])
    header_size, width, height = fields[0], fields[4], fields[5]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = fields[7], fields[11], fields[12], fields[19]
    red_mask, green_mask, blue_mask = fields[14], fields[15], fields[16]
    if bits_per_pixel != 32:
        raise SystemExit(f"xwd2png: {bits_per_pixel} bits per pixel not supported")
    pixels = header_size + ncolors * 12
    endian = "<" if byte_order == 0 else ">"
    shift = lambda mask: (mask & -mask).bit_length() - 1
    rs, gs, bs = shift(red_mask), shift(green_mask), shift(blue_mask)
    rows = []
    for y in range(height):
        start = pixels + y * bytes_per_line
        values = struct.unpack(f"{endian}{width}I", data[start:start + width * 4])
        rows.append(bytes(b for v in values for b in ((v >> rs) & 255, (v >> gs) & 255, (v >> bs) & 255)))
    return width, height, rows


def write_png(path, width, height, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\0" + row for row in rows)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                  + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    with open(sys.argv[1], "rb") as f:
        width, height, rows = read_xwd(f.read())
    write_png(sys.argv[2], width, height, rows)
    colours = {row[i:i + 3] for row in rows for i in range(0, len(row), 3)}
    print(len(colours))


if __name__ == "__main__":
    main()
