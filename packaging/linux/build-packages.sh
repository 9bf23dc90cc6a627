#!/usr/bin/env bash
# Makes the Linux packages from jpackage's app image: a .deb (dpkg-deb), an .rpm (rpmbuild) and a portable
# tar.gz, all with the same file layout:
#   /usr/lib/tether/...                 the app image (launcher bin/Tether, lib/app jars, lib/runtime), stripped
#   /usr/bin/tether -> ../lib/tether/bin/tether (the command line; without arguments it runs bin/Tether)
#   /usr/share/applications/app.tether.Tether.desktop, /usr/share/icons/hicolor/*/apps/app.tether.Tether.*,
#   /usr/share/metainfo/app.tether.Tether.metainfo.xml, /usr/share/man/man1/tether.1.gz,
#   /usr/share/doc/tether/{copyright,changelog.Debian.gz}
# Why not jpackage --type deb/rpm: its packages live in /opt (a lintian error), run xdg-desktop-menu in their
# maintainer scripts (fails on a clean Debian: "No writable system menu directory found"), put no command on
# the PATH, ship unstripped libraries and no copyright/changelog. dpkg's and rpm's triggers refresh the desktop
# database, icon cache and man index; the only maintainer scripts make and remove the CDS archive (below).
#
# Usage: build-packages.sh APP_IMAGE_DIR OUT_DIR  with VERSION, VENDOR, MAINTAINER (Name <mail>), URL and
# DESCRIPTION in the environment (Maven's "package" profile passes the pom's values). Needs dpkg-deb,
# dpkg-shlibdeps (dpkg-dev), fakeroot-free --root-owner-group, binutils (strip), and rpmbuild (Debian: rpm).
set -euo pipefail

app_image=$(realpath "$1")
out=$(realpath "$2")
: "${VERSION:?}" "${VENDOR:?}" "${MAINTAINER:?}" "${URL:?}" "${DESCRIPTION:?}"
here=$(cd "$(dirname "$0")" && pwd)
icons=$(cd "$here/../../icons" && pwd)
id=app.tether.Tether
deb_version="$VERSION-1"
# Reproducible dates: the last commit's time when there is one (SOURCE_DATE_EPOCH wins), else now.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}
date_iso=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
date_rfc=$(date -u -d "@$SOURCE_DATE_EPOCH" -R)
date_rpm=$(LC_ALL=C date -u -d "@$SOURCE_DATE_EPOCH" '+%a %b %d %Y')
raw_url="${URL/github.com/raw.githubusercontent.com}/main"

work="$out/linux-packaging"
root="$work/root"
rm -rf "$work"
mkdir -p "$root/usr/lib" "$root/usr/bin"

fill() { # template -> file with @VERSION@ & co. replaced
  sed -e "s|@VERSION@|$VERSION|g" -e "s|@VENDOR@|$VENDOR|g" -e "s|@MAINTAINER@|$MAINTAINER|g" \
      -e "s|@URL_RAW@|$raw_url|g" -e "s|@URL@|$URL|g" -e "s|@DATE@|$date_iso|g" -e "s|@DATE_RFC2822@|$date_rfc|g" \
      -e "s|@DATE_RPM@|$date_rpm|g" \
      "$1" > "$2"
}

# --- the application image, stripped and with Debian's permissions (libraries 0644, programs 0755)
cp -a "$app_image" "$root/usr/lib/tether"
app="$root/usr/lib/tether"
rm -f "$app/lib/Tether.png"   # jpackage's copy for its own desktop file; the hicolor icons replace it
find "$app" -type d -exec chmod 0755 {} +
find "$app" -type f -exec chmod 0644 {} +
chmod 0755 "$app/bin/Tether" "$app/lib/runtime/lib/jspawnhelper"
[ -f "$app/lib/runtime/lib/jexec" ] && chmod 0755 "$app/lib/runtime/lib/jexec"
# The JVM's own launcher for the command line (bin/tether; jpackage's launcher queries rpm and dpkg at every
# start). jlink's --strip-native-commands left it out; it is the java.base launcher of the very JDK that made
# the runtime, so only when the versions agree (otherwise bin/tether falls back to bin/Tether).
jdk=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
if [ "$(grep '^JAVA_VERSION=' "$jdk/release")" = "$(grep '^JAVA_VERSION=' "$app/lib/runtime/release")" ]; then
  install -Dm0755 "$jdk/bin/java" "$app/lib/runtime/bin/java"
fi
install -m0755 "$here/tether" "$app/bin/tether"
while IFS= read -r -d '' f; do
  if head -c 4 "$f" | grep -q $'\x7fELF'; then strip --strip-unneeded --remove-section=.comment --remove-section=.note "$f"; fi
done < <(find "$app" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) -print0)
ln -s ../lib/tether/bin/tether "$root/usr/bin/tether"

# --- class-data sharing (start-up). jlink with --strip-native-commands cannot make the runtime's CDS archive, so
# the image had none and every start parsed and verified each class anew. Two archives, both made by running the
# launcher with -Xshare:dump in JAVA_TOOL_OPTIONS (the JVM dumps and exits before main):
#  - lib/tether.classlist: the classes `--version`, `list`, `show`, `add`, `exec` and `status` load, recorded
#    here by training runs. The .deb's postinst and the .rpm's %post run lib/cds-archive, which dumps them into
#    lib/runtime/lib/server/classes.jsa (the runtime's default archive, used without any option): JDK 17 binds an
#    archive with application classes to the class path's absolute paths and the jars' sizes and times, so it
#    is made where the jars are installed.
#  - the tar.gz, unpacked anywhere, gets a JDK-only default archive instead (JDK-only archives may move).
# A missing or stale archive is silent: the JVM falls back to loading classes from the jars.
training=$(mktemp -d)
train() { # one command of the image, recording the classes it loads (its own output is not wanted)
  TETHER_HOME="$training/home" HOME="$training/user" TETHER_INSTANCE=off CI=true LANG=C.UTF-8 \
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$training/$((++runs)).classlist" \
    timeout 120 "$app/bin/Tether" "$@" >/dev/null 2>&1 || true
}
runs=0
train --version
train list
train add ssh training --host 127.0.0.1 --port 9 --user training
train list --json
train show training
train exec training -- true
train status training --json
# In order of first use, each line once (lambda lines after the classes they name, as recorded).
cat "$training"/*.classlist | grep -v '^#' | awk '!seen[$0]++' > "$app/lib/tether.classlist"
rm -rf "$training"
[ "$(grep -c '^app/tether/' "$app/lib/tether.classlist")" -gt 100 ] || { echo "class list training failed" >&2; exit 1; }
install -m0755 "$here/cds-archive" "$app/lib/cds-archive"

# --- desktop integration and documentation
install -Dm0644 "$here/$id.desktop" "$root/usr/share/applications/$id.desktop"
for size in 16 32 48 64 128 256 512; do
  install -Dm0644 "$icons/app-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/$id.png"
done
install -Dm0644 "$icons/app.svg" "$root/usr/share/icons/hicolor/scalable/apps/$id.svg"
mkdir -p "$root/usr/share/metainfo" "$root/usr/share/man/man1" "$root/usr/share/doc/tether"
fill "$here/$id.metainfo.xml" "$root/usr/share/metainfo/$id.metainfo.xml"
fill "$here/tether.1" "$work/tether.1"
gzip -9n < "$work/tether.1" > "$root/usr/share/man/man1/tether.1.gz"
fill "$here/copyright" "$root/usr/share/doc/tether/copyright"
fill "$here/changelog" "$work/changelog"
gzip -9n < "$work/changelog" > "$root/usr/share/doc/tether/changelog.Debian.gz"
chmod 0644 "$root"/usr/share/metainfo/* "$root"/usr/share/man/man1/* "$root"/usr/share/doc/tether/*
find "$root" -type d -exec chmod 0755 {} +

# --- dependencies: what the ELF files link against, plus JavaFX's native libraries. Those sit inside the
# runtime's modules file (JavaFX extracts them at first start), so they are unpacked here only to be analysed.
fxlibs="$work/fx-native"
mkdir -p "$fxlibs"
jimage=$(find "$app_image/lib/runtime/lib" -name modules | head -1)
"${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/jimage" extract --dir "$work/jimage" --include 'regex:/javafx\.graphics/.*\.so' "$jimage"
find "$work/jimage" -name '*.so' -exec cp {} "$fxlibs/" \;
mkdir -p "$work/shlibs/debian"
printf 'Source: tether\n\nPackage: tether\nArchitecture: any\n' > "$work/shlibs/debian/control"
mapfile -t elves < <(find "$app" "$fxlibs" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "$1"' _ {} \;)
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O -l"$app/lib/runtime/lib" -l"$app/lib/runtime/lib/server" -l"$app/lib" \
  -e"${elves[@]}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
# Glass opens GTK with dlopen (toolchain.md section 6); the libglassgtk3.so analysed above names it, but say
# it outright in case a JavaFX update changes that.
case ", $depends," in *", libgtk-3-0"[,\ ]*) ;; *) depends="$depends, libgtk-3-0" ;; esac

installed_kb=$(du -sk --apparent-size "$root/usr" | cut -f1)
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<EOF
Package: tether
Version: $deb_version
Architecture: amd64
Maintainer: $MAINTAINER
Installed-Size: $installed_kb
Depends: $depends
Section: devel
Priority: optional
Homepage: $URL
Description: $DESCRIPTION
 Tether lists every GPU machine you work on: your own SSH servers, Hugging
 Face JupyterLab Spaces, Google Compute Engine spot VMs and Tencent CNB
 workspaces. It shows what each one is doing (GPU load, memory, temperature,
 price), sets up JupyterLab on a server as a proper service, and opens the
 notebook through an SSH tunnel that heals itself after network changes or
 sleep.
 .
 Everything the window does is also a "tether" command with JSON output.
 The package brings its own Java runtime (OpenJDK 17 with OpenJFX) in
 /usr/lib/tether.
EOF
(cd "$root" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum > DEBIAN/md5sums)
install -m0755 "$here/postinst" "$here/prerm" "$root/DEBIAN/"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -print0 | xargs -0r touch -h -d "@$SOURCE_DATE_EPOCH"
deb="$out/tether_${deb_version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "deb: $deb"

# --- rpm from the same tree (DEBIAN/ left out)
if command -v rpmbuild >/dev/null; then
  rpmtop="$work/rpmbuild"
  mkdir -p "$rpmtop"/{BUILD,RPMS,SPECS,SOURCES,BUILDROOT}
  fill "$here/tether.spec" "$rpmtop/SPECS/tether.spec"
  rpmbuild -bb --quiet --define "_topdir $rpmtop" --define "tether_root $root" \
    --define "tether_summary $DESCRIPTION" "$rpmtop/SPECS/tether.spec"
  cp "$rpmtop"/RPMS/x86_64/tether-*.rpm "$out/"
  echo "rpm: $(ls "$out"/tether-"$VERSION"-*.rpm)"
else
  echo "rpm: skipped (no rpmbuild; Debian package 'rpm')" >&2
fi

# --- portable tar.gz of the stripped app image: unpack anywhere, run tether-<version>/bin/tether. Its runtime
# gets the JDK's own default CDS archive (the JDK's class list; such an archive does not care where it lies).
jsa="$app/lib/runtime/lib/server/classes.jsa"
JAVA_TOOL_OPTIONS=-Xshare:dump "$app/bin/Tether" --version >/dev/null 2>&1
chmod 0644 "$jsa"
touch -d "@$SOURCE_DATE_EPOCH" "$jsa"
tgz="$out/tether-$VERSION-linux-x64.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  --transform "s|^tether|tether-$VERSION|" -C "$root/usr/lib" -cf - tether | gzip -9n > "$tgz"
rm -f "$jsa"
echo "tar.gz: $tgz"
