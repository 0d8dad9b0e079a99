#!/usr/bin/env bash
# Builds Hogwatch as a desktop application with its own trimmed Java runtime.
#
#   installer/build.sh app-image   ->  target/jpackage/hogwatch/bin/hogwatch  (run it in place)
#   installer/build.sh deb         ->  target/jpackage/hogwatch_<version>_amd64.deb
#   installer/build.sh rpm         ->  target/jpackage/hogwatch-<version>-1.x86_64.rpm (needs rpmbuild)
#
# Options: --no-maven  reuse target/hogwatch.jar from an earlier `mvn package`/`verify`
#          --no-cds    skip the class data sharing training run (faster build, slower start-up)
#
# Steps: Maven builds the fat jar; jdeps lists the JDK modules it uses; jlink makes a runtime of
# just those; jpackage makes the app image (launcher + runtime + jar) with the launcher's JVM
# options; a short training run of the app image writes an AppCDS archive that the launcher then
# uses; deb/rpm wrap the app image (installed under /opt/hogwatch) and add the files every format
# shares from installer/common and icons/ (desktop entry, hicolor icons, polkit action,
# /usr/bin/hogwatch link). Needs JDK 17 with jmods (openjdk-17-jdk-headless), and for deb
# fakeroot + dpkg-dev, for rpm the rpm package; binutils (objcopy) and python3 always
# (.dev/setup-dev.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
type=${1:-}
[ "$#" -ge 1 ] && shift
maven=1
cds=1
for a in "$@"; do
  case "$a" in
    --no-maven) maven=0 ;;
    --no-cds) cds=0 ;;
    *) usage ;;
  esac
done
case "$type" in app-image | deb | rpm) ;; *) usage ;; esac

log() { printf '[build.sh %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# --- the JDK we build with and ship (Java 17) ---------------------------------------------------
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jpackage" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v jpackage || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/jpackage)")")")
fi
export JAVA_HOME
for t in java jdeps jlink jpackage; do
  [ -x "$JAVA_HOME/bin/$t" ] || die "$JAVA_HOME/bin/$t missing: install openjdk-17-jdk-headless (.dev/setup-dev.sh)"
done
[ -d "$JAVA_HOME/jmods" ] || die "$JAVA_HOME/jmods missing: jlink needs the JDK's jmods (openjdk-17-jdk-headless)"
if [ "$type" = rpm ]; then command -v rpmbuild >/dev/null || die "rpm needs rpmbuild (apt-get install rpm)"; fi
if [ "$type" = deb ]; then command -v fakeroot >/dev/null || die "deb needs fakeroot (apt-get install fakeroot)"; fi

# --- the launcher's JVM options -------------------------------------------------------------------
# one place for them, with the reasons: installer/common/jvm.options (TrayIT uses it too); the
# AppCDS options are added below
mapfile -t JVM_OPTIONS < <(grep -v -e '^#' -e '^[[:space:]]*$' installer/common/jvm.options)
[ "${#JVM_OPTIONS[@]}" -gt 0 ] || die "no options in installer/common/jvm.options"

# --- 1. Maven: the fat jar ------------------------------------------------------------------------
jar=target/hogwatch.jar
if [ "$maven" = 1 ]; then
  log "mvn package"
  mvn -B -ntp -q -DskipTests package
fi
[ -f "$jar" ] || die "$jar missing: run mvn package (or drop --no-maven)"
version=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode())' "$jar" |
  sed -n 's/^Implementation-Version: *//p' | tr -d '\r')
[ -n "$version" ] || die "no Implementation-Version in $jar"
log "hogwatch $version, $type"

work=target/jpackage-work
out=target/jpackage
rm -rf "$work" "$out"
mkdir -p "$work/input" "$out"
python3 installer/trim-jar.py "$jar" "$work/input/hogwatch.jar"

# --- 2. jdeps + jlink: a runtime with only the modules the jar uses --------------------------------
log "jdeps"
deps=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$jar")
# Drop what only unused optional code pulls in: javassist's HotSwapper (jdk.jdi, jdk.attach,
# java.instrument) and kotlinx-coroutines' debug agent (java.instrument). Add what is only
# reached by reflection: jdk.unsupported (sun.misc.Unsafe for JNA/Dorkbox), jdk.zipfs (reading
# resources from the jar by file system), jdk.charsets (non-UTF-8 locales in nethogs output).
modules=$(printf '%s\n' $(tr , ' ' <<<"$deps") java.base java.desktop java.logging java.sql jdk.unsupported jdk.zipfs jdk.charsets |
  grep -vxE 'jdk\.jdi|jdk\.attach|java\.instrument' | sort -u | paste -sd, -)
log "jlink --add-modules $modules"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$work/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=1 \
  --strip-native-debug-symbols objcopy="$(command -v objcopy)"
# (no --generate-cds-archive: the launcher maps its own archive, made by hogwatch-make-cds, which
# holds the JDK classes too; the JDK's default archive would be 11 MB never read)

# --- 3. jpackage app image --------------------------------------------------------------------------
common=(
  --name hogwatch
  --app-version "$version"
  --vendor Hogwatch
  --description "Shows who is using the network, per program, from the notification area"
  --copyright "Copyright (c) Hogwatch authors, MIT License"
)
log "jpackage app-image"
"$JAVA_HOME/bin/jpackage" --type app-image "${common[@]}" \
  --input "$work/input" --main-jar hogwatch.jar --main-class dev.hogwatch.wiring.App \
  --runtime-image "$work/runtime" --icon icons/hogwatch-128.png \
  --java-options "${JVM_OPTIONS[*]}" --dest "$out"
app=$out/hogwatch
install -m 755 installer/common/hogwatch-grant-capture "$app/lib/hogwatch-grant-capture"
cfg=$app/lib/app/hogwatch.cfg

# append one java-options line to the launcher's cfg (end of its [JavaOptions] section)
add_java_option() {
  awk -v opt="java-options=$1" '
    /^\[/ { if (inside) print opt; inside = ($0 == "[JavaOptions]") }
    { print }
    END { if (inside) print opt }' "$cfg" >"$cfg.new"
  mv "$cfg.new" "$cfg"
}

# --- 4. AppCDS: record what a start-up loads, archive it where the app lives ----------------------
# The training run (tray mode with --demo under a private Xvfb + trayer, see cds-training.sh)
# writes the class list; hogwatch-make-cds turns it into lib/app/hogwatch.jsa. The JVM maps an
# archive only at the exact class path it was made for, so the packages ship the list and make the
# archive in their postinst; the app image gets it here, for where it is now.
install -m 755 installer/common/hogwatch-make-cds "$app/lib/hogwatch-make-cds"
add_java_option '-XX:SharedArchiveFile=$APPDIR/hogwatch.jsa'
add_java_option '-Xshare:auto'
# JVM warnings (e.g. a stale archive after moving the app image) go to stderr, never into
# `hogwatch top --json` output
add_java_option '-Xlog:disable'
add_java_option '-Xlog:all=warning:stderr'
if [ "$cds" = 1 ]; then
  cp "$cfg" "$cfg.orig"
  train=$(mktemp -d /tmp/hogwatch-cds.XXXXXX)
  add_java_option "-XX:DumpLoadedClassList=$train/hogwatch.classlist"
  bash installer/cds-training.sh "$app" "$train" || log "CDS training run failed"
  mv "$cfg.orig" "$cfg"
  [ -s "$train/hogwatch.classlist" ] && cp "$train/hogwatch.classlist" "$app/lib/app/hogwatch.classlist"
  rm -rf "$train"
  if [ -s "$app/lib/app/hogwatch.classlist" ]; then
    chmod 644 "$app/lib/app/hogwatch.classlist"
    log "class list: $(wc -l <"$app/lib/app/hogwatch.classlist") classes"
    if [ "$type" = app-image ]; then
      "$app/lib/hogwatch-make-cds" && log "AppCDS archive: $(du -h "$app/lib/app/hogwatch.jsa" | cut -f1)"
    fi
  else
    log "no class list recorded: the launcher will start without AppCDS"
  fi
fi
log "app image: $app/bin/hogwatch ($(du -sh "$app" | cut -f1))"
[ "$type" = app-image ] && exit 0

# --- 5. files every package installs outside /opt/hogwatch -----------------------------------------
overlay=$root/$work/overlay
mkdir -p "$overlay/usr/bin" "$overlay/usr/share/applications" "$overlay/usr/share/polkit-1/actions" \
  "$overlay/usr/share/icons/hicolor/scalable/apps"
ln -s /opt/hogwatch/bin/hogwatch "$overlay/usr/bin/hogwatch"
install -m 644 installer/common/dev.hogwatch.Hogwatch.desktop "$overlay/usr/share/applications/"
install -m 644 installer/common/dev.hogwatch.grant-capture.policy "$overlay/usr/share/polkit-1/actions/"
install -m 644 icons/hogwatch.svg "$overlay/usr/share/icons/hicolor/scalable/apps/hogwatch.svg"
for png in icons/hogwatch-*.png; do
  n=${png##*-}
  n=${n%.png}
  install -D -m 644 "$png" "$overlay/usr/share/icons/hicolor/${n}x${n}/apps/hogwatch.png"
done

# --- 6. the package ---------------------------------------------------------------------------------
res=$work/resources
mkdir -p "$res" "$work/pkg"
pkgopts=(
  "${common[@]}" --app-image "$app" --install-dir /opt --resource-dir "$res"
  --license-file LICENSE --dest "$work/pkg"
)
if [ "$type" = deb ]; then
  cp installer/deb/control installer/deb/postinst installer/deb/prerm installer/deb/postrm "$res/"
  log "jpackage deb"
  # jpackage's own .deb is only unpacked again below: let its dpkg-deb skip compression
  DPKG_DEB_COMPRESSOR_TYPE=none "$JAVA_HOME/bin/jpackage" --type deb "${pkgopts[@]}" \
    --linux-package-deps "nethogs, libcap2-bin" --linux-app-category net \
    --linux-deb-maintainer hogwatch@users.noreply.github.com
  made=$(ls "$work/pkg"/hogwatch_*.deb)
  # jpackage cannot add files outside the install dir nor a triggers file: unpack, add, repack
  tree=$work/debtree
  dpkg-deb -R "$made" "$tree"
  cp -a "$overlay/." "$tree/"
  install -m 644 installer/deb/triggers "$tree/DEBIAN/triggers"
  size=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
  sed -i -e "s/^Installed-Size: .*/Installed-Size: $size/" -e '/^Depends:/s/ ,/,/g' "$tree/DEBIAN/control"
  (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) >"$tree/DEBIAN/md5sums"
  chmod 644 "$tree/DEBIAN/md5sums"
  deb=$out/hogwatch_${version}_amd64.deb
  dpkg-deb --root-owner-group -Zxz -z1 --build "$tree" "$deb" >/dev/null
  log "$deb ($(du -h "$deb" | cut -f1)): $(dpkg-deb -f "$deb" Depends)"
else
  sed "s|HOGWATCH_OVERLAY|$overlay|" installer/rpm/hogwatch.spec >"$res/hogwatch.spec"
  log "jpackage rpm"
  "$JAVA_HOME/bin/jpackage" --type rpm "${pkgopts[@]}" \
    --linux-package-deps "nethogs, libcap" --linux-rpm-license-type MIT --linux-app-category Network
  cp "$work/pkg"/hogwatch-*.rpm "$out/"
  log "$(ls "$out"/hogwatch-*.rpm) ($(du -h "$out"/hogwatch-*.rpm | cut -f1))"
fi
