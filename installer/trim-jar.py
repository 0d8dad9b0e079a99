"""Copies a fat jar without the native libraries of other platforms.

The jar carries JNA's dispatch library and sqlite-jdbc's engine for every OS and CPU; the Linux
packages keep only linux x86-64 (saves ~10 MB). Example:
    python3 installer/trim-jar.py target/hogwatch.jar target/jpackage-work/input/hogwatch.jar
"""
import re
import sys
import zipfile

FOREIGN = re.compile(
    r"^(com/sun/jna/(?!linux-x86-64/)[^/]+/[^/]+\.(so|dll|dylib|jnilib|a)"
    r"|org/sqlite/native/(?!Linux/x86_64/).+/[^/]+)$"
)

dropped = 0
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w") as dst:
    for info in src.infolist():
        if FOREIGN.match(info.filename):
            dropped += info.file_size
        else:
            dst.writestr(info, src.read(info.filename))
print(f"trim-jar: dropped {dropped // 1024} KiB of other platforms' native libraries")
