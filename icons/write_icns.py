"""Writes an Apple .icns file from PNGs: 'icns' + total length, then one (type, length, PNG bytes) chunk each."""
import struct
import sys


def main(out, specs):
    chunks = b""
    for spec in specs:
        path, kind = spec.rsplit(":", 1)
        with open(path, "rb") as f:
            data = f.read()
        chunks += kind.encode("ascii") + struct.pack(">I", len(data) + 8) + data
    with open(out, "wb") as f:
        f.write(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
