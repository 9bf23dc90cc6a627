#!/usr/bin/env bash
# Fails when jdeps finds a Java module that the application's jars use but args-image.txt does not link into
# the runtime (a missing module means NoClassDefFoundError at run time, in a code path tests may not reach).
# Usage: check-modules.sh DIR   where DIR holds input/ (the jars), fxmods/ (JavaFX) and args-image.txt.
set -euo pipefail
dir=$1
jdeps="${JAVA_HOME:?}/bin/jdeps"
listed=$(sed -n 's/^--add-modules //p' "$dir/args-image.txt" | tr ',' '\n' | sort -u)
needed=$("$jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 --module-path "$dir/fxmods" \
  --class-path "$dir/input/*" "$dir/input/tether-thin.jar" | tr ',' '\n' | sort -u)
missing=$(comm -23 <(echo "$needed") <(echo "$listed"))
if [ -n "$missing" ]; then
  echo "check-modules: jdeps says the jars need modules missing from --add-modules: $(echo $missing)" >&2
  exit 1
fi
echo "check-modules: jdeps needs $(echo $needed | tr ' ' ','); all in --add-modules;" \
  "runtime-only extras: $(comm -13 <(echo "$needed") <(echo "$listed") | tr '\n' ' ')"
