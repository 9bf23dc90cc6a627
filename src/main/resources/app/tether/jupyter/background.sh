# Tether: keeps a Jupyter server running where there is no systemd, with a pid file and a log file.
# $1 = start|stop|status, $2 = Tether's state directory (holds env, jupyter.pid, jupyter.log), then the server's argv.
# The token comes from the 0600 env file into the server's environment, never onto its command line.
action=$1
dir=$2
shift 2
pidfile="$dir/jupyter.pid"
log="$dir/jupyter.log"
alive() {
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null)
  case $pid in '' | *[!0-9]*) return 1 ;; esac
  kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/stat" ]; then
    # a killed child nobody reaped (G14) is dead even though kill -0 finds it
    state=$(sed 's/^.*) //' "/proc/$pid/stat" | cut -c1)
    [ "$state" != Z ] || return 1
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qE 'jupyter|notebook' || return 1
  fi
  return 0
}
case $action in
  start)
    if alive; then echo "Jupyter is already running (pid $pid)."; exit 0; fi
    umask 077
    cd "$HOME" || exit 1
    # keep one older log: the server appends to it for as long as it runs
    if [ -f "$log" ] && [ "$(wc -c < "$log")" -gt 5000000 ]; then mv -f "$log" "$log.1"; fi
    if command -v setsid >/dev/null 2>&1; then
      ( set -a; . "$dir/env"; set +a; exec setsid "$@" ) </dev/null >>"$log" 2>&1 &
    else
      ( set -a; . "$dir/env"; set +a; trap '' HUP; exec "$@" ) </dev/null >>"$log" 2>&1 &
    fi
    echo $! > "$pidfile"
    echo "Started Jupyter (pid $!)."
    ;;
  stop)
    if alive; then
      kill "$pid" 2>/dev/null
      i=0
      while alive && [ $i -lt 15 ]; do sleep 1; i=$((i + 1)); done
      if alive; then kill -9 "$pid" 2>/dev/null; fi
    fi
    rm -f "$pidfile"
    echo "Jupyter is stopped."
    ;;
  status)
    if alive; then echo "running $pid"; else echo "stopped"; fi
    ;;
  *)
    echo "unknown action: $action" >&2
    exit 2
    ;;
esac
