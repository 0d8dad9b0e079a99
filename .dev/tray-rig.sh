# shellcheck shell=bash
# What bench-tray.sh and soak-tray.sh share (sourced, not run): a private Xvfb with trayer as the
# tray host, run as the ordinary user USER_NAME, and the floor program compiled against the jar.
#   tray_rig NAME     checks root, the jar and a JDK, then sets up:
#     work            a fresh folder under /tmp (removed on exit), with hogwatch.jar copied in
#     work/floor.jar  the floor (src/test/java/dev/hogwatch/bench/TrayFloor.java), a jar because
#                     an ahead-of-time cache refuses class paths with folders
#     D, xserver      the X display and the Xvfb pid
#     ENV             `env -i …` for commands run as USER_NAME on that display (GDK_GL=disable,
#                     HOME, XDG_* and XDG_RUNTIME_DIR under work; BENCH_EXTRA_ENV appended)
#     trayer          the tray host's pid
#     pids            processes killed on exit (add yours); on exit, rig_on_exit runs first if the
#                     caller defined it
# Needs (from the caller): JAR, JAVA, USER_NAME. Needs Xvfb, trayer, a JDK (javac, jar).
tray_rig() {
  local name=$1
  JAVAC=$(dirname "$(readlink -f "$JAVA")")/javac
  [ "$(id -u)" = 0 ] || { echo "$name: run as root (it creates $USER_NAME and an X server)" >&2; exit 1; }
  [ -f "$JAR" ] || { echo "$name: $JAR missing: mvn -B -q package -DskipTests" >&2; exit 1; }
  [ -x "$JAVAC" ] || { echo "$name: no javac beside $JAVA (a JDK is needed for the floor)" >&2; exit 1; }
  id "$USER_NAME" >/dev/null 2>&1 || useradd -m -s /bin/sh "$USER_NAME"

  work=$(mktemp -d "/tmp/${name%.sh}.XXXXXX")
  chmod 755 "$work"
  cp "$JAR" "$work/hogwatch.jar"
  chmod 644 "$work/hogwatch.jar"
  "$JAVAC" -nowarn --release 17 -cp "$work/hogwatch.jar" -d "$work/floor" \
    src/test/java/dev/hogwatch/bench/TrayFloor.java
  "$(dirname "$JAVAC")/jar" cf "$work/floor.jar" -C "$work/floor" .
  chmod -R a+rX "$work/floor" "$work/floor.jar"
  pids=()
  trap rig_cleanup EXIT

  exec 3<> <(:)
  Xvfb -displayfd 3 -screen 0 1024x600x24 -nolisten tcp -ac >"$work/xvfb.log" 2>&1 &
  xserver=$!
  pids+=($xserver)
  read -r -t 10 -u 3 num || { echo "$name: Xvfb did not start" >&2; exit 1; }
  D=":$num"
  mkdir -p "$work/rt" "$work/home"
  chown "$USER_NAME:" "$work/rt" "$work/home"
  chmod 700 "$work/rt"
  # shellcheck disable=SC2206
  ENV=(env -i DISPLAY="$D" HOME="$work/home" USER="$USER_NAME" PATH=/usr/bin:/bin LANG=C.UTF-8
    GDK_GL=disable XDG_RUNTIME_DIR="$work/rt" XDG_CONFIG_HOME="$work/home/.config"
    XDG_DATA_HOME="$work/home/.local/share" ${BENCH_EXTRA_ENV:-})
  runuser -u "$USER_NAME" -- "${ENV[@]}" trayer --edge top --align right --widthtype request \
    --height 24 --transparent false --SetDockType true >"$work/trayer.log" 2>&1 &
  local runner=$!
  pids+=($runner)
  sleep 1
  trayer=$(pgrep -P "$runner" -x trayer || pgrep -u "$USER_NAME" -n -x trayer)
}

rig_cleanup() {
  if declare -F rig_on_exit >/dev/null; then rig_on_exit || true; fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
