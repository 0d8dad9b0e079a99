#!/usr/bin/env bash
# CI check of the Debian package, run by .ci/run after `mvn -B -ntp verify` (as root, on a
# machine where .dev/setup-dev.sh ran). Builds the .deb from the verified jar, installs it
# the way the README says, checks it as an ordinary user, purges it, and checks that nothing is
# left behind. Prints the time of each step. Exit 0 only when every check passed.
#
#   .dev/ci-check-deb.sh            (reuses target/hogwatch.jar when present)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "ci-check-deb.sh: run as root (it installs and removes a package)" >&2; exit 1; }

t0=$(date +%s)
step() { printf '\n[ci-check-deb +%ss] %s\n' "$(($(date +%s) - t0))" "$*"; }
fail() { printf 'ci-check-deb: FAILED: %s\n' "$*" >&2; exit 1; }

user=hwdeb$$
work=$(mktemp -d)
# shellcheck source=installer/xsession.sh
source installer/xsession.sh
cleanup() {
  if dpkg -s hogwatch >/dev/null 2>&1; then apt-get purge -y -qq hogwatch >/dev/null 2>&1 || true; fi
  if id "$user" >/dev/null 2>&1; then xsession_remove_user "$user"; fi
  rm -rf "$work"
}
trap cleanup EXIT

# a previous run on a developer machine may have left the package installed
if dpkg -s hogwatch >/dev/null 2>&1; then
  step "purging an already installed hogwatch"
  apt-get purge -y -qq hogwatch >/dev/null
fi
nethogs=/usr/sbin/nethogs
caps_before=$(getcap "$nethogs" || true)

step "build the .deb"
build_opts=()
[ -f target/hogwatch.jar ] && build_opts+=(--no-maven)
bash installer/build.sh deb "${build_opts[@]}"
debs=(target/jpackage/hogwatch_*_amd64.deb)
[ "${#debs[@]}" = 1 ] && [ -f "${debs[0]}" ] || fail "expected one target/jpackage/hogwatch_<version>_amd64.deb, found: ${debs[*]}"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
[[ "$deb" == "target/jpackage/hogwatch_${version%-*}_amd64.deb" ]] || fail "$deb is not named after version $version"
dpkg-deb -f "$deb" Depends | grep -qw nethogs || fail ".deb does not depend on nethogs"

step "apt-get install -y ./$deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
grep -i 'hogwatch' "$work/apt.log" | grep -iv 'unpacking\|selecting\|preparing\|setting up' || true
dpkg -L hogwatch >"$work/files"
echo "$(wc -l <"$work/files") paths installed"

step "installed files"
for f in /usr/bin/hogwatch /opt/hogwatch/bin/hogwatch /opt/hogwatch/lib/hogwatch-grant-capture \
  /usr/share/applications/dev.hogwatch.Hogwatch.desktop \
  /usr/share/icons/hicolor/48x48/apps/hogwatch.png /usr/share/icons/hicolor/scalable/apps/hogwatch.svg \
  /usr/share/polkit-1/actions/dev.hogwatch.grant-capture.policy; do
  [ -e "$f" ] || fail "$f not installed"
  grep -qxF "$f" "$work/files" || fail "$f not owned by the package (dpkg -L)"
done
[ "$(readlink -f /usr/bin/hogwatch)" = /opt/hogwatch/bin/hogwatch ] || fail "/usr/bin/hogwatch does not lead to the launcher"
desktop-file-validate /usr/share/applications/dev.hogwatch.Hogwatch.desktop || fail "desktop-file-validate"
echo "desktop-file-validate: ok"
getcap "$nethogs" | grep -q 'cap_dac_read_search,cap_net_admin,cap_net_raw,cap_sys_ptrace[=+]ep' ||
  fail "postinst did not give $nethogs its capabilities: $(getcap "$nethogs")"
echo "$(getcap "$nethogs")"

step "as an ordinary user ($user)"
useradd -m "$user"
as_user() { runuser -u "$user" -- env -i HOME="/home/$user" USER="$user" LOGNAME="$user" \
  PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@"; }
[ "$(as_user sh -c 'command -v hogwatch')" = /usr/bin/hogwatch ] || fail "hogwatch is not on an ordinary user's PATH"
as_user hogwatch --version || fail "hogwatch --version"

step "hogwatch doctor (as $user)"
set +e
as_user hogwatch doctor >"$work/doctor.txt" 2>&1
rc=$?
set -e
cat "$work/doctor.txt"
# the capture check must pass: a line about capture/permission that says OK and no failure there
grep -iE 'capture|permission' "$work/doctor.txt" | grep -qiw 'ok' || fail "doctor does not report capture permission OK (exit $rc)"
if grep -iE 'capture|permission' "$work/doctor.txt" | grep -qiE '\b(fail|missing|no permission)'; then
  fail "doctor reports a capture problem"
fi

step "hogwatch top --duration 3s --json (as $user)"
set +e
as_user hogwatch top --duration 3s --json >"$work/top.json" 2>"$work/top.err"
rc=$?
set -e
[ "$rc" = 0 ] || { cat "$work/top.err"; fail "hogwatch top exited $rc"; }
python3 - "$work/top.json" <<'EOF' || fail "hogwatch top --json printed no valid JSON"
import json, sys
doc = json.load(open(sys.argv[1]))
assert isinstance(doc.get("processes"), list), "no processes list"
for key in ("sentBytes", "receivedBytes", "sentRate", "receivedRate"):
    assert key in doc["totals"], "totals lacks " + key
print("top --json: valid, %d processes" % len(doc["processes"]))
EOF

step "history in SQLite with the trimmed jar (as $user)"
ls "/home/$user/.local/share/hogwatch/" | grep -q . || fail "top recorded no history in ~/.local/share/hogwatch"
as_user hogwatch report --since 1h --format json >"$work/report.json" || fail "hogwatch report"
python3 -c 'import json, sys; json.load(open(sys.argv[1])); print("report --format json: valid")' "$work/report.json" ||
  fail "hogwatch report --format json printed no valid JSON"

step "installed launcher in tray mode, then the window (as $user, Xvfb + trayer)"
xsession_start "$user"
cleanup_x() {
  if [ -n "${app_pid:-}" ]; then kill "$app_pid" 2>/dev/null || true; fi
  xsession_stop
  cleanup
}
trap cleanup_x EXIT
gui() { # starts `hogwatch ARGS` as the user in its own session bus; sets app_pid to the JVM
  rm -f "$work/gui/pid"
  as_user DISPLAY="$DISPLAY" dbus-run-session -- sh -c 'echo $$ >"$0"; exec hogwatch "$@"' \
    "$work/gui/pid" "$@" >"$work/gui/log" 2>&1 &
  gui_job=$!
  for _ in $(seq 100); do [ -s "$work/gui/pid" ] && break; sleep 0.1; done
  app_pid=$(cat "$work/gui/pid")
}
chmod 711 "$work"
mkdir "$work/gui"
chown "$user" "$work/gui"
gui --demo
icon=
for _ in $(seq 300); do
  icon=$(xsession_tray_icons)
  [ -n "$icon" ] && break
  sleep 0.1
done
[ -n "$icon" ] || { cat "$work/gui/log"; fail "no tray icon from the installed launcher within 30 s"; }
echo "tray icon docked: $icon"
grep -q '/opt/hogwatch/lib/app/hogwatch.jsa' "/proc/$app_pid/maps" ||
  fail "the launcher did not map its class data sharing archive"
echo "class data sharing archive mapped"
kill "$app_pid"
wait "$gui_job" 2>/dev/null || true
gui --demo --no-tray
win=
for _ in $(seq 300); do
  win=$(xdotool search --onlyvisible --name '^Hogwatch' 2>/dev/null | head -n1 || true)
  [ -n "$win" ] && break
  sleep 0.1
done
[ -n "$win" ] || { cat "$work/gui/log"; fail "no window from hogwatch --no-tray within 30 s"; }
echo "window shown: $(xwininfo -id "$win" | sed -n 's/^xwininfo: Window id: //p')"
kill "$app_pid"
wait "$gui_job" 2>/dev/null || true
app_pid=
xsession_stop

step "apt-get purge -y hogwatch"
apt-get purge -y -qq hogwatch >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "apt-get purge"; }
left=0
while read -r path; do
  case "$path" in
    /opt/hogwatch/* | /opt/hogwatch) ;;                 # our own tree: everything must go
    *) [ -d "$path" ] && [ ! -L "$path" ] && continue ;; # shared directories (/usr/share/...) stay
  esac
  if [ -e "$path" ] || [ -L "$path" ]; then
    echo "left behind: $path"
    left=1
  fi
done <"$work/files"
[ "$left" = 0 ] || fail "files left behind after purge"
for p in /usr/bin/hogwatch /opt/hogwatch /var/lib/hogwatch; do
  [ ! -e "$p" ] && [ ! -L "$p" ] || fail "$p left behind after purge"
done
caps_after=$(getcap "$nethogs" || true)
[ "$caps_after" = "$caps_before" ] || fail "nethogs capabilities not restored: before '$caps_before', after '$caps_after'"
echo "nothing left behind; nethogs capabilities back to '${caps_before:-none}'"

step "all checks passed"
