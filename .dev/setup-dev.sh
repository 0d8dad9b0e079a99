#!/usr/bin/env bash
# Installs what building, running and testing Hogwatch needs on Debian/Ubuntu.
# Run as root (sudo). Idempotent. Maven fetches the Java libraries itself.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-dev.sh installs Debian packages: run it with sudo" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# build: JDK 17 + Maven; capture: nethogs; tests: iperf3, iproute2 (network namespaces),
# iptables (a masquerading namespace in AppsEndToEndIT), python3 (its script sender),
# Xvfb + trayer (X tray host) + xdotool/imagemagick/x11-utils (GUI checks), GTK and
# AppIndicator (native tray menus), a real xfce4-panel with its status tray and Vala Panel's
# StatusNotifier plugin in its own D-Bus session (TrayStatusNotifierIT), libcap2-bin
# (setcap/getcap), desktop-file-utils,
# strace, dbus-x11, procps.
apt-get install -y -qq --no-install-recommends \
  openjdk-17-jdk-headless maven \
  nethogs iperf3 iproute2 iptables python3 procps libcap2-bin \
  xvfb xauth trayer xdotool imagemagick x11-utils dbus-x11 \
  libgtk-3-0 libayatana-appindicator3-1 \
  xfce4-panel xfconf xfce4-sntray-plugin dbus-daemon dbus-bin \
  fonts-dejavu-core desktop-file-utils strace >/dev/null
# alerts: a private session bus (dbus-daemon) and a real notification server (dunst, read back
# with dunstctl) for AlertsNotifyIT
apt-get install -y -qq --no-install-recommends dbus-daemon dunst >/dev/null
# the tray tests read the open native menu as a screen reader does (AT-SPI over the session bus):
# dbus (session bus), at-spi2-core + libatk-adaptor (GTK's accessibility bridge), python3-pyatspi
apt-get install -y -qq --no-install-recommends \
  dbus at-spi2-core libatk-adaptor python3-pyatspi >/dev/null
# hogwatch serve: the real-browser test drives Debian's headless chromium (no browser downloads)
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
# installer/build.sh and .dev/ci-check-deb.sh: jpackage's .deb (fakeroot, dpkg-dev), .rpm (rpm),
# jlink's symbol stripping (binutils), trim-jar.py (python3), icons/render.sh (librsvg2-bin)
apt-get install -y -qq --no-install-recommends fakeroot dpkg-dev rpm binutils python3 librsvg2-bin >/dev/null
echo "setup-dev.sh: packages installed"
