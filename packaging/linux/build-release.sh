#!/usr/bin/env bash
# The release workflow's Linux job (.github/workflows/release.yml), runnable as is on Debian 12 as root:
# installs the build tools, builds the .deb, .rpm and tar.gz with Maven, checks the .deb statically and
# writes target/release/ with the three files and SHA256SUMS-linux.txt.
# Set VERIFY=1 to also install and use the .deb in a clean Debian tree (verify-deb.sh; needs the archive).
set -euo pipefail
cd "$(dirname "$0")/../.."
packages=(openjdk-17-jdk-headless binutils dpkg-dev rpm lintian desktop-file-utils appstream debootstrap python3 git)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
./mvnw -B -Ppackage package
version=$(sed -n 's/^version=//p' target/classes/app/tether/version.properties)
rm -rf target/release && mkdir -p target/release
cp "target/tether_${version}-1_amd64.deb" "target/tether-${version}-1.x86_64.rpm" \
   "target/tether-${version}-linux-x64.tar.gz" target/release/
if [ "${VERIFY:-0}" = 1 ]; then
  packaging/linux/verify-deb.sh "target/release/tether_${version}-1_amd64.deb" target/verify-deb
else
  lintian --fail-on error "target/release/tether_${version}-1_amd64.deb"
fi
(cd target/release && sha256sum -- * > SHA256SUMS-linux.txt && cat SHA256SUMS-linux.txt)
