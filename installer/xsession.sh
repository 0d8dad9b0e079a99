# shellcheck shell=bash
# Sourced by installer scripts that need a private X display with a notification area:
#   source installer/xsession.sh; xsession_start [USER]; ...DISPLAY is set...; xsession_stop
# Starts Xvfb on a free display number (Xvfb -displayfd picks it) and trayer as the XEMBED tray
# host, owned by USER when given (so an ordinary user can connect: -ac), and waits until the tray
# selection _NET_SYSTEM_TRAY_S0 has an owner. Sets DISPLAY, XSESSION_XVFB_PID, XSESSION_TRAYER_PID.

xsession_start() {
  local user=${1:-} fdfile
  fdfile=$(mktemp)
  Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp -ac >"$fdfile" 2>/dev/null &
  XSESSION_XVFB_PID=$!
  local i
  for i in $(seq 100); do
    [ -s "$fdfile" ] && break
    sleep 0.05
  done
  [ -s "$fdfile" ] || { echo "xsession: Xvfb did not start" >&2; rm -f "$fdfile"; return 1; }
  DISPLAY=:$(head -n1 "$fdfile")
  export DISPLAY
  rm -f "$fdfile"
  local run=()
  [ -n "$user" ] && run=(runuser -u "$user" --)
  "${run[@]}" env DISPLAY="$DISPLAY" trayer --edge top --align right --widthtype request \
    --height 24 --SetDockType true --transparent false --tint 0xdddddd >/dev/null 2>&1 &
  XSESSION_TRAYER_PID=$!
  for i in $(seq 100); do
    xsession_tray_owner >/dev/null && return 0
    sleep 0.05
  done
  echo "xsession: trayer did not take the tray selection" >&2
  return 1
}

# prints the X window id that owns _NET_SYSTEM_TRAY_S0, fails when nobody does
xsession_tray_owner() {
  python3 - <<'EOF' 2>/dev/null
import ctypes, os, sys
x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x.XGetSelectionOwner.restype = ctypes.c_ulong
x.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
d = x.XOpenDisplay(os.environ["DISPLAY"].encode())
if not d:
    sys.exit(1)
w = x.XGetSelectionOwner(d, x.XInternAtom(d, b"_NET_SYSTEM_TRAY_S0", 0))
if not w:
    sys.exit(1)
print(hex(w))
EOF
}

# prints "WxH+X+Y" for each icon docked in trayer: the leaf windows of at least 8x8 px below
# trayer's "panel" window in `xwininfo -root -tree` (the same rule as XSession.trayIcons()), once
# each, on screen (a plug not yet docked sits at y = -1)
xsession_tray_icons() {
  xwininfo -root -tree 2>/dev/null | awk '
    { indent = match($0, /[^ ]/) - 1 }
    /"panel"/ && /trayer/ { panel = indent; next }
    panel >= 0 && indent <= panel && NF > 0 { panel = -1 }
    panel >= 0 && indent > panel && !/children/ {
      if (match($0, /[0-9]+x[0-9]+\+-?[0-9]+\+-?[0-9]+ +\+-?[0-9]+\+-?[0-9]+/)) {
        split(substr($0, RSTART, RLENGTH), g, /[ x+]+/)
        key = g[1] "x" g[2] "+" g[5] "+" g[6]
        if (g[1] >= 8 && g[2] >= 8 && g[1] < 200 && g[2] < 200 && g[6] >= 0 && !(key in seen)) {
          seen[key] = 1
          print key
        }
      }
    }
    BEGIN { panel = -1 }'
}

# Removes a throw-away test user and Dorkbox's per-user icon cache in /tmp. userdel waits for
# nobody: another test creating a user at the same moment holds the passwd lock, so retry.
xsession_remove_user() {
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    userdel -f -r "$1" >/dev/null 2>&1 && break
    id "$1" >/dev/null 2>&1 || break
    sleep 0.5
  done
  rm -rf "/tmp/HogwatchCache_$1"
}

# idempotent, and safe under `set -e` (callers use it in EXIT traps)
xsession_stop() {
  local p
  for p in ${XSESSION_TRAYER_PID:-} ${XSESSION_XVFB_PID:-}; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  XSESSION_TRAYER_PID=
  XSESSION_XVFB_PID=
  return 0
}
