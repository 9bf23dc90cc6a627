# Tether: what this server offers for running Jupyter. Prints key=value lines, changes nothing.
# $1 = environment asked for (a path, a conda environment name, or empty for automatic), $2 = first port to try.
env_spec=$1
port_from=$2
for d in "$HOME/.local/bin" "$HOME/miniforge3/condabin" "$HOME/mambaforge/condabin" "$HOME/miniconda3/condabin" \
         "$HOME/anaconda3/condabin" /opt/conda/condabin /opt/miniconda3/condabin /opt/anaconda3/condabin; do
  [ -d "$d" ] && PATH="$PATH:$d"
done
export PATH
say() { printf '%s=%s\n' "$1" "$2"; }
# jupyter_server, or the classic Notebook (6.x runs as a server of its own)
has_server() {
  [ -x "$1" ] && "$1" -c '
try:
    import jupyter_server
except ImportError:
    import notebook
    assert int(notebook.__version__.split(".")[0]) < 7' >/dev/null 2>&1
}
shebang_python() {
  first=$(head -n 1 "$1" 2>/dev/null) || return 1
  case $first in '#!'*) ;; *) return 1 ;; esac
  set -f; set -- ${first#??}; set +f
  if [ "${1##*/}" = env ]; then command -v "$2" 2>/dev/null; else printf '%s\n' "$1"; fi
}

user=$(id -un)
uid=$(id -u)
say user "$user"
say uid "$uid"
say home "$HOME"
say os "$(uname -sm)"
if [ -d /run/systemd/system ]; then say systemd 1; else say systemd 0; fi
if [ -z "${XDG_RUNTIME_DIR:-}" ] && [ -d "/run/user/$uid" ]; then XDG_RUNTIME_DIR=/run/user/$uid; export XDG_RUNTIME_DIR; fi
if command -v systemctl >/dev/null 2>&1 && systemctl --user show-environment >/dev/null 2>&1; then
  say systemd_user 1
else
  say systemd_user 0
fi
if command -v loginctl >/dev/null 2>&1; then
  say linger "$(loginctl show-user "$user" -p Linger --value 2>/dev/null)"
else
  say linger ""
fi
if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then say sudo 1; else say sudo 0; fi

conda=$(command -v conda 2>/dev/null)
mamba=$(command -v mamba 2>/dev/null)
base=
[ -n "$conda" ] && base=$("$conda" info --base 2>/dev/null)
say conda "$conda"
say mamba "$mamba"
say conda_base "$base"
for c in jupyter-lab jupyter-server jupyter-notebook; do say "cmd_$c" "$(command -v "$c" 2>/dev/null)"; done

tether_venv="$HOME/.local/share/tether/jupyter/venv"
kind=auto
prefix=
case $env_spec in
  '') ;;
  '~/'*) kind=path; prefix="$HOME/${env_spec#??}" ;;
  */*) kind=path; prefix=$env_spec ;;
  *) kind=conda
     if [ "$env_spec" = base ]; then
       prefix=$base
     else
       for d in "$base/envs/$env_spec" "$HOME/.conda/envs/$env_spec"; do
         if [ -n "$base" ] && [ -d "$d" ]; then prefix=$d; break; fi
       done
     fi ;;
esac

py=
found=0
if [ "$kind" = auto ]; then
  for c in jupyter-lab jupyter-server jupyter-notebook; do
    p=$(command -v "$c" 2>/dev/null) || continue
    i=$(shebang_python "$p") || continue
    if has_server "$i"; then py=$i; break; fi
  done
  if [ -z "$py" ]; then
    for i in "$tether_venv/bin/python" "${base:+$base/bin/python}" "$(command -v python3 2>/dev/null)" /usr/bin/python3; do
      if [ -n "$i" ] && has_server "$i"; then py=$i; break; fi
    done
  fi
  if [ -n "$py" ]; then
    found=1
  else
    # Nothing runs Jupyter yet: say where it would be installed.
    for i in "$tether_venv/bin/python" "${base:+$base/bin/python}" "$(command -v python3 2>/dev/null)" /usr/bin/python3; do
      if [ -n "$i" ] && [ -x "$i" ]; then py=$i; break; fi
    done
  fi
elif [ -n "$prefix" ]; then
  for i in "$prefix/bin/python" "$prefix/bin/python3"; do
    if [ -x "$i" ]; then py=$i; found=1; break; fi
  done
fi
say python3 "$(command -v python3 2>/dev/null || { [ -x /usr/bin/python3 ] && echo /usr/bin/python3; })"
say env_kind "$kind"
say env_prefix "$prefix"
if [ -n "$prefix" ] && { [ -e "$prefix" ] || [ -L "$prefix" ]; }; then say env_dir_exists 1; else say env_dir_exists 0; fi
say env_found "$found"
say python "$py"

if [ -n "$py" ] && [ -x "$py" ]; then
  "$py" - <<'PY' 2>/dev/null
import os, sys, sysconfig
def version(name):
    try:
        module = __import__(name)
        return str(getattr(module, "__version__", "?"))
    except Exception:
        return ""
def has(name):
    try:
        __import__(name)
        return "1"
    except Exception:
        return "0"
print("python_version=%d.%d.%d" % sys.version_info[:3])
print("python_prefix=" + sys.prefix)
print("python_venv=" + ("1" if sys.prefix != getattr(sys, "base_prefix", sys.prefix) else "0"))
print("python_conda=" + ("1" if os.path.isdir(os.path.join(sys.prefix, "conda-meta")) else "0"))
managed = os.path.join(sysconfig.get_paths().get("stdlib", ""), "EXTERNALLY-MANAGED")
print("python_managed=" + ("1" if os.path.exists(managed) else "0"))
print("python_writable=" + ("1" if os.access(sysconfig.get_paths().get("purelib", sys.prefix), os.W_OK) else "0"))
print("pip=" + has("pip"))
print("venv=" + ("1" if has("venv") == "1" and has("ensurepip") == "1" else "0"))
print("jupyter_server=" + version("jupyter_server"))
print("jupyterlab=" + version("jupyterlab"))
print("notebook=" + version("notebook"))
PY
fi

any_py=$py
[ -x "$any_py" ] || any_py=$(command -v python3 2>/dev/null)
if [ -n "$any_py" ]; then
  say port "$("$any_py" -c '
import socket, sys
start = int(sys.argv[1])
for port in range(start, min(start + 50, 65536)):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # as the server will: connections in TIME_WAIT do not make a port busy
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        print(port)
        break
    except OSError:
        pass
    finally:
        s.close()
' "$port_from" 2>/dev/null)"
fi
