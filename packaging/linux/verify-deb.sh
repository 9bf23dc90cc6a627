#!/usr/bin/env bash
# Checks the .deb the way a user meets it, in a clean Debian 12 made by debootstrap and entered with chroot
# (not this build machine, which already has Java, GTK and everything else):
#   static:  lintian (no errors), desktop-file-validate, appstreamcli validate
#   install: apt-get install ./tether_*.deb (dependencies from Debian's archive, no recommends)
#   use:     tether --version, tether list --json -> [] as an ordinary user; the CDS archive postinst makes is used,
#            and a stale or missing one changes no output; the desktop entry's Exec under Xvfb
#            (window screenshot written to OUT/window.png; the window must still run after 30 s)
#   remove:  apt-get remove leaves none of the package's files; after autoremove --purge no new file that has to
#            do with Tether is left (the dependencies' own leftovers are listed); the user's TETHER_HOME is untouched
#   rpm:     the .rpm beside it installed into the same tree by the host's rpm --root: %post's CDS archive made
#            and used, the command line works on the kept inventory, rpm -e leaves none of its files
# Usage (root): packaging/linux/verify-deb.sh [DEB] [OUT_DIR]   (default: target/tether_*_amd64.deb, target/verify-deb)
# The base tree (debootstrap + xvfb, about 300 MB) is made once under /var/cache/tether-ci and copied per run.
# Needs: debootstrap, lintian, desktop-file-utils, appstream, python3, and network access to deb.debian.org
# (or DEBIAN_MIRROR).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=packaging/linux
deb=$(realpath "${1:-$(ls target/tether_*_amd64.deb | head -1)}")
out=$(realpath -m "${2:-target/verify-deb}")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=/var/cache/tether-ci
base=$cache/tether-verify-bookworm-v1
started=$(date +%s)
step() { printf '[verify-deb %3ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
fail() { echo "verify-deb: FAIL: $*" >&2; exit 1; }
mkdir -p "$out" "$cache"
rm -f "$out"/*.png "$out"/*.txt

step "static checks on $(basename "$deb")"
lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1 | grep -v 'running with root privileges' | tee "$out/lintian.txt"
ex=$(mktemp -d)
dpkg-deb -x "$deb" "$ex"
desktop-file-validate "$ex"/usr/share/applications/*.desktop
appstreamcli validate --no-net "$ex"/usr/share/metainfo/*.metainfo.xml
version=$(dpkg-deb -f "$deb" Version); version=${version%-*}
rm -rf "$ex"

# --- the clean Debian base tree, made once (flock: parallel runs wait instead of racing)
exec 9>"$cache/tether-verify.lock"
flock 9
if [ ! -x "$base/usr/bin/Xvfb" ]; then
  step "debootstrap bookworm (minbase + xvfb) into $base"
  rm -rf --one-file-system "$base.partial"
  debootstrap --variant=minbase --include=xvfb,xauth bookworm "$base.partial" "$mirror" >"$out/debootstrap.log" 2>&1 \
    || { tail -20 "$out/debootstrap.log"; fail "debootstrap"; }
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb http://deb.debian.org/debian-security bookworm-security main\n' \
    "$mirror" "$mirror" > "$base.partial/etc/apt/sources.list"
  rm -rf "$base.partial"/var/cache/apt/archives/*.deb
  mv "$base.partial" "$base"
fi
flock -u 9

root=$(mktemp -d /var/tmp/tether-verify.XXXXXX)
cleanup() {
  set +e
  for m in "$root/dev/pts" "$root/dev" "$root/proc"; do mountpoint -q "$m" && umount -l "$m"; done
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
step "copy the base tree to $root"
cp -a "$base/." "$root/"
# A private /dev (tmpfs with the usual nodes) rather than a bind mount of the host's.
mount -t tmpfs -o mode=0755 tmpfs "$root/dev"
for node in "null c 1 3" "zero c 1 5" "full c 1 7" "random c 1 8" "urandom c 1 9" "tty c 5 0"; do
  set -- $node; mknod -m 0666 "$root/dev/$1" "$2" "$3" "$4"
done
mkdir -m 1777 "$root/dev/shm"
mkdir "$root/dev/pts"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"   # a private instance for apt's pty
ln -s pts/ptmx "$root/dev/ptmx"
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
as_user() { chroot --userspec=alice:alice "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/alice \
  LANG=C.UTF-8 "$@"; }
# Everything but the places apt, dpkg and the kernel write on their own.
snapshot() {
  (cd "$root" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./tmp -o -path ./var/tmp -o -path ./run \
    -o -path ./var/lib/apt -o -path ./var/cache/apt -o -path ./var/lib/dpkg -o -path ./var/log -o -path ./home \
    -o -path ./root -o -path ./var/cache/debconf -o -path ./var/cache/ldconfig \) -prune -o -print | LC_ALL=C sort)
}

in_root useradd --create-home --shell /bin/sh alice
step "apt-get update"
in_root apt-get update -q >"$out/apt-update.txt" 2>&1 || { cat "$out/apt-update.txt"; fail "apt-get update"; }
snapshot > "$out/files-before.txt"
cp "$deb" "$root/tmp/"
step "apt-get install ./$(basename "$deb")"
(cd "$root/tmp" && chroot "$root" /bin/sh -c "cd /tmp && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  --no-install-recommends ./$(basename "$deb")") >"$out/apt-install.txt" 2>&1 \
  || { tail -30 "$out/apt-install.txt"; fail "apt-get install"; }
grep -E '^(Setting up|E:|dpkg: error)' "$out/apt-install.txt" | grep -E 'tether|E:|error' || true
in_root dpkg -L tether > "$out/package-files.txt"
step "installed: $(grep -c . "$out/package-files.txt") paths, $(grep -c '^Setting up' "$out/apt-install.txt") packages set up"

[ "$(readlink -f "$root/usr/bin/tether")" = "$root/usr/lib/tether/bin/tether" ] || fail "/usr/bin/tether is not bin/tether"
[ -x "$root/usr/lib/tether/lib/runtime/bin/java" ] || fail "the runtime has no java launcher for bin/tether"
got=$(as_user tether --version) || fail "tether --version exited $?"
[ "$got" = "tether $version" ] || fail "tether --version printed '$got', expected 'tether $version'"
step "tether --version: $got"
got=$(as_user tether list --json) || fail "tether list --json exited $?"
[ "$got" = "[]" ] || fail "tether list --json printed '$got'"
step "tether list --json: $got"

# --- the class-data-sharing archive postinst made (lib/cds-archive): there, used, and silent when it is not
jsa=/usr/lib/tether/lib/runtime/lib/server/classes.jsa
[ -s "$root$jsa" ] || fail "postinst made no CDS archive ($jsa)"
# -Xshare:on makes the JVM refuse to start when it cannot map the archive; class+load says where classes came from.
as_user env JAVA_TOOL_OPTIONS=-Xshare:on tether --version >/dev/null 2>&1 || fail "the CDS archive cannot be mapped"
as_user env JAVA_TOOL_OPTIONS=-Xlog:class+load tether list --json 2>/dev/null \
  | grep -q 'app.tether.cli.ListCommand source: shared objects file' || fail "ListCommand does not come from the archive"
touch "$root/usr/lib/tether/lib/app/tether-thin.jar"   # the archive no longer matches the jar: stale
got=$(as_user tether list --json 2>&1) || fail "tether list --json with a stale archive exited $?"
[ "$got" = "[]" ] || fail "tether list --json with a stale archive printed '$got'"
rm "$root$jsa"
got=$(as_user tether list --json 2>&1) || fail "tether list --json without the archive exited $?"
[ "$got" = "[]" ] || fail "tether list --json without the archive printed '$got'"
in_root /usr/lib/tether/lib/cds-archive make
as_user env JAVA_TOOL_OPTIONS=-Xshare:on tether --version >/dev/null 2>&1 || fail "cds-archive make made no usable archive"
step "CDS archive: made by postinst and used; a stale or missing one falls back without a word"
as_user tether add ssh gpu-box --host gpu.example.org --user alice >/dev/null || fail "tether add ssh"
[ "$(as_user tether list --json | grep -o '"name":"gpu-box"')" = '"name":"gpu-box"' ] || fail "added server not listed"

# --- the window, started the way the menu starts it: the desktop entry's Exec (field codes dropped)
exec_line=$(sed -n 's/^Exec=//p' "$root/usr/share/applications/app.tether.Tether.desktop" | sed 's/ *%[fFuUick]//g')
display=""
for n in $(seq 140 199); do
  grep -q "/tmp/.X11-unix/X$n\$" /proc/net/unix || [ -e "/tmp/.X11-unix/X$n" ] || { display=$n; break; }
done
[ -n "$display" ] || fail "no free X display number"
mkdir -p "$root/tmp/fb"
step "Xvfb :$display in the chroot; desktop entry Exec=$exec_line"
chroot "$root" /usr/bin/Xvfb ":$display" -screen 0 1280x800x24 -fbdir /tmp/fb -nolisten tcp >"$out/xvfb.txt" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "$root/tmp/.X11-unix/X$display" ] && break; sleep 0.2; done
[ -e "$root/tmp/.X11-unix/X$display" ] || { cat "$out/xvfb.txt"; fail "Xvfb did not start"; }
chroot --userspec=alice:alice "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/alice LANG=C.UTF-8 \
  DISPLAY=":$display" /bin/sh -c "exec $exec_line" >"$out/window-stdout.txt" 2>&1 &
app_pid=$!
colours=0
for _ in $(seq 12); do  # the first start unpacks JavaFX's native libraries: allow up to a minute
  sleep 5
  kill -0 "$app_pid" 2>/dev/null || { cat "$out/window-stdout.txt"; fail "the window process exited"; }
  colours=$(python3 "$here/xwd2png.py" "$root/tmp/fb/Xvfb_screen0" "$out/window.png")
  [ "$colours" -gt 200 ] && break
done
sleep 5
kill -0 "$app_pid" 2>/dev/null || { cat "$out/window-stdout.txt"; fail "the window process exited"; }
colours=$(python3 "$here/xwd2png.py" "$root/tmp/fb/Xvfb_screen0" "$out/window.png")
[ "$colours" -gt 200 ] || fail "screen still blank ($colours colours)"
step "window up; screenshot $out/window.png ($colours colours)"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
kill "$xvfb_pid"; wait "$xvfb_pid" 2>/dev/null || true; xvfb_pid=""
# Java exceptions or logged errors fail; GTK's own warnings (e.g. "XSetErrorHandler() called with a GDK error
# trap pushed", which AWT and GTK in one process always print) do not.
grep -E '(Exception|Error)(:|$)|^[[:space:]]+at |ERROR' "$out/window-stdout.txt" && fail "the window printed errors" || true

# --- removal. The user's data lives in ~/.config/tether (inventory, settings, logs); removing must leave it.
(cd "$root/home/alice/.config/tether" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$out/tether-home-before.txt"
grep -q inventory.json "$out/tether-home-before.txt" || fail "no inventory.json in ~/.config/tether"
step "apt-get remove tether"
in_root apt-get remove -y -q tether >"$out/apt-remove.txt" 2>&1 || { tail -20 "$out/apt-remove.txt"; fail "apt-get remove"; }
left=$(while IFS= read -r p; do [ -e "$root$p" ] || [ -L "$root$p" ] && [ ! -d "$root$p" ] && echo "$p"; done \
  < "$out/package-files.txt"; true)
[ -z "$left" ] || fail "files of the package left after apt-get remove: $left"
[ ! -e "$root/usr/lib/tether" ] || fail "/usr/lib/tether left after apt-get remove"
! in_root dpkg -s tether >/dev/null 2>&1 || fail "dpkg still knows tether after the removal"
in_root apt-get autoremove --purge -y -q >"$out/apt-autoremove.txt" 2>&1 || fail "apt-get autoremove"
snapshot > "$out/files-after.txt"
# Dependencies' own maintainer scripts (dbus, systemd's tmpfiles) leave a few files that their purge keeps, such
# as /etc/machine-id; they are listed, and fail the check only if they have anything to do with Tether.
comm -13 "$out/files-before.txt" "$out/files-after.txt" > "$out/left-by-dependencies.txt"
grep -i -E 'tether' "$out/left-by-dependencies.txt" && fail "Tether files left after the removal" || true
(cd "$root/home/alice/.config/tether" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$out/tether-home-after.txt"
cmp -s "$out/tether-home-before.txt" "$out/tether-home-after.txt" || fail "TETHER_HOME changed by the removal"
step "removed: no package file left, TETHER_HOME kept ($(grep -c . "$out/tether-home-after.txt") files);" \
  "left by the dependencies' scripts: $(tr '\n' ' ' < "$out/left-by-dependencies.txt")"

# --- the .rpm in the same tree, by the host's rpm with --root (scriptlets run chrooted; the tree has no rpm of its
# own and the dependencies are Debian's, so --nodeps): %post makes the CDS archive, %preun removes it, erase leaves
# nothing. The window's libraries were purged above; the command line needs none of them.
rpm_file=$(ls target/tether-*.x86_64.rpm 2>/dev/null | head -1)
[ -n "$rpm_file" ] || fail "no .rpm in target/ to verify"
step "rpm --root -i $(basename "$rpm_file")"
rpm --root "$root" --initdb
rpm --root "$root" -i --nodeps "$rpm_file" >"$out/rpm-install.txt" 2>&1 || { cat "$out/rpm-install.txt"; fail "rpm -i"; }
[ -s "$root$jsa" ] || fail "the .rpm's %post made no CDS archive"
got=$(as_user tether --version) || fail "tether --version from the .rpm exited $?"
[ "$got" = "tether $version" ] || fail "tether --version from the .rpm printed '$got'"
as_user env JAVA_TOOL_OPTIONS=-Xshare:on tether --version >/dev/null 2>&1 || fail "the .rpm's CDS archive cannot be mapped"
[ "$(as_user tether list --json | grep -o '"name":"gpu-box"')" = '"name":"gpu-box"' ] \
  || fail "tether list --json from the .rpm does not list the kept inventory"
rpm --root "$root" -ql tether > "$out/rpm-files.txt"
rpm --root "$root" -e tether >"$out/rpm-erase.txt" 2>&1 || { cat "$out/rpm-erase.txt"; fail "rpm -e"; }
[ ! -e "$root$jsa" ] || fail "the .rpm's %preun left the CDS archive"
[ ! -e "$root/usr/lib/tether" ] || fail "/usr/lib/tether left after rpm -e"
[ ! -e "$root/usr/bin/tether" ] && [ ! -L "$root/usr/bin/tether" ] || fail "/usr/bin/tether left after rpm -e"
step "rpm: installed ($(grep -c . "$out/rpm-files.txt") paths), %post archive used, erased without leftovers"
step "PASS"
