#!/bin/bash
# Follows docs/deploy.md on a clean Debian 12 and checks the result (docs/deploy.md, "Verificado").
#
#   sudo deploy/verify_debian.sh            # about 10 minutes; needs root, debootstrap, ip, chroot
#   KEEP=1 sudo deploy/verify_debian.sh     # leave the guest running afterwards to look around
#
# The clean machine is a debootstrap'ed bookworm under $GUEST (default /var/tmp/tejido-deploytest,
# a pristine copy is kept in $GUEST.base so later runs start from clean in seconds). Everything
# that listens (PostgreSQL 5432, gunicorn 8000, nginx 80/443) runs in the network namespace
# $NS, which has only a loopback, so it never clashes with the host's services. Only the steps
# that download (apt-get, pip) use the host's network.
#
# The guide's steps and their checks are deploy/verify_debian_steps.sh, shared with
# deploy/verify_debian_vm.sh, which follows them on a booted machine with the real systemd.
#
# What cannot be done in a chroot, and what the script does instead:
# - systemd is not PID 1: `systemctl enable --now X` runs the unit's ExecStart (and
#   ExecStartPost) as its User/Group, in its WorkingDirectory, with its EnvironmentFile,
#   Environment and UMask, read from the unit file the guide copied; the unit files themselves
#   are checked with `systemd-analyze verify`. The units' sandboxing (ProtectSystem...), the
#   timers and the start at boot are not exercised here: verify_debian_vm.sh does that.
# - apt-get does not start PostgreSQL and nginx (policy-rc.d), the script starts them the way
#   their Debian units do, inside the namespace.
# - certbot needs the Internet: a self-signed certificate, as the guide describes for that case.
# - apt-get runs with the host's network, so pg_createcluster sees the host's PostgreSQL on 5432
#   and picks 5433: the guest's cluster is put back on 5432, as on a real clean machine.
# - The guest gets a hostname line in /etc/hosts (the installer writes one; debootstrap does not)
#   and the host's extra CA certificates, if any (a TLS-inspecting proxy between it and PyPI).
# - `git clone https://<servidor-de-código>/tejido.git`: the clone comes from a bare copy of this
#   repository's HEAD (commit your changes first) placed in the guest at /srv/tejido.git.
# - `editor` and the interactive createsuperuser: sed and `createsuperuser --no-input`.
set -euo pipefail

REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
GUEST=${GUEST:-/var/tmp/tejido-deploytest}
BASE=$GUEST.base
NS=${NS:-tejidodeploy}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
DOMAIN=tejido.sosep.gob.gt
LOG=$GUEST.log

[ "$(id -u)" = 0 ] || { echo "root, please" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y debootstrap

step() { printf '\n=== %s\n' "$*" | tee -a "$LOG"; }
fail() { echo "FALLÓ: $*" | tee -a "$LOG" >&2; exit 1; }

# --- the machine -------------------------------------------------------------------------------
umount_guest() {
    for m in dev/pts dev sys proc srv/tejido.git; do
        mountpoint -q "$GUEST/$m" 2>/dev/null && umount -l "$GUEST/$m" || true
    done
}
stop_guest() {
    # Only the processes started in our namespace (the guest's daemons), by pid.
    if ip netns list | grep -qw "$NS"; then
        for pid in $(ip netns pids "$NS"); do kill "$pid" 2>/dev/null || true; done
        for _ in $(seq 15); do [ -z "$(ip netns pids "$NS")" ] && break; sleep 1; done
        for pid in $(ip netns pids "$NS"); do kill -9 "$pid" 2>/dev/null || true; done
    fi
}
cleanup() {
    if [ "${KEEP:-0}" = 1 ]; then echo "Invitado en marcha: ip netns exec $NS chroot $GUEST bash"; return; fi
    stop_guest; umount_guest
    ip netns del "$NS" 2>/dev/null || true
}

stop_guest; umount_guest
if [ ! -e "$BASE/.debootstrap-done" ]; then
    step "debootstrap bookworm en $BASE"
    rm -rf "$BASE"
    debootstrap bookworm "$BASE" "$MIRROR" >>"$LOG" 2>&1
    touch "$BASE/.debootstrap-done"
fi
if grep -q " $GUEST/" /proc/mounts; then fail "aún hay montajes bajo $GUEST"; fi
rm -rf "$GUEST"
cp -a "$BASE" "$GUEST"
: >"$LOG"
trap cleanup EXIT
mount -t proc proc "$GUEST/proc"
mount --rbind /sys "$GUEST/sys"; mount --make-rslave "$GUEST/sys"
mount --bind /dev "$GUEST/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$GUEST/dev/pts" 2>/dev/null || mount --bind /dev/pts "$GUEST/dev/pts"
cp /etc/resolv.conf "$GUEST/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$GUEST/usr/sbin/policy-rc.d"; chmod +x "$GUEST/usr/sbin/policy-rc.d"
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s-security bookworm-security main\n' \
    "$MIRROR" "$MIRROR" "$MIRROR" >"$GUEST/etc/apt/sources.list"
echo "127.0.1.1 $(hostname)" >>"$GUEST/etc/hosts"
mkdir -p "$GUEST/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$GUEST/usr/local/share/ca-certificates/" 2>/dev/null || true
ip netns del "$NS" 2>/dev/null || true
ip netns add "$NS"
ip -n "$NS" link set lo up
# The code server: a bare repository with this checkout's HEAD as main.
mkdir -p "$GUEST/srv/tejido.git"
git init -q --bare -b main "$GUEST/srv/tejido.git"
git -C "$REPO" push -q "$GUEST/srv/tejido.git" "HEAD:refs/heads/main"

ENVS=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb
      DEBIAN_FRONTEND=noninteractive)
# net: a root shell in the guest with the host's network (downloads); ns: in the namespace.
net() { echo "+ $1" >>"$LOG"; "${ENVS[@]}" chroot "$GUEST" bash -euc "$1" >>"$LOG" 2>&1 || fail "$1"; }
ns() { echo "+ $1" >>"$LOG"; ip netns exec "$NS" "${ENVS[@]}" chroot "$GUEST" bash -euc "$1" >>"$LOG" 2>&1 || fail "$1"; }
nsout() { ip netns exec "$NS" "${ENVS[@]}" chroot "$GUEST" bash -euc "$1" 2>>"$LOG"; }

# `systemctl start UNIT` without systemd: the unit's own ExecStart, as its User, in the namespace.
unit_start() {
    local unit=$GUEST/etc/systemd/system/$1 mode=${2:-background}
    [ -f "$unit" ] || fail "no existe /etc/systemd/system/$1"
    local user group wd envfile umask_ exec post envs cmd
    user=$(sed -n 's/^User=//p' "$unit"); group=$(sed -n 's/^Group=//p' "$unit")
    wd=$(sed -n 's/^WorkingDirectory=//p' "$unit"); envfile=$(sed -n 's/^EnvironmentFile=//p' "$unit")
    umask_=$(sed -n 's/^UMask=//p' "$unit"); exec=$(sed -n 's/^ExecStart=//p' "$unit")
    post=$(sed -n 's/^ExecStartPost=//p' "$unit"); envs=$(sed -n 's/^Environment=/export /p' "$unit")
    cmd="cd ${wd:-/}; set -a; ${envfile:+. $envfile;} set +a; $envs
         ${umask_:+umask $umask_;} export HOME=\$(getent passwd $user | cut -d: -f6) USER=$user LOGNAME=$user"
    echo "+ [$1] $exec" >>"$LOG"
    if [ "$mode" = oneshot ]; then
        ip netns exec "$NS" "${ENVS[@]}" chroot --userspec="$user:$group" "$GUEST" \
            bash -c "$cmd; $exec${post:+ && $post}" >>"$LOG" 2>&1 || fail "$1: $exec"
    else
        ip netns exec "$NS" "${ENVS[@]}" setsid chroot --userspec="$user:$group" "$GUEST" \
            bash -c "$cmd; exec $exec" >>"$GUEST.$1.log" 2>&1 </dev/null &
    fi
}
# `systemctl stop UNIT`: SIGTERM to the namespace's processes running the unit's ExecStart.
unit_stop() {
    local exec pid
    exec=$(sed -n 's/^ExecStart=//p' "$GUEST/etc/systemd/system/$1")
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        local found=
        for pid in $(ip netns pids "$NS"); do
            # (a script's cmdline starts with its interpreter: .venv/bin/python .venv/bin/gunicorn ...)
            if [[ "$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" == *"$exec " ]]; then
                kill "$pid" 2>/dev/null || true; found=1
            fi
        done
        [ -n "$found" ] || return 0
        sleep 1
    done
    fail "no se detuvo $1"
}
# What Debian's own units run for the two system services apt-get installed.
postgresql_start() { ns "runuser -u postgres -- pg_ctlcluster --skip-systemctl-redirect 15 main start"; }
nginx_start() { ns "/usr/sbin/nginx -t -q -g 'daemon on; master_process on;' && /usr/sbin/nginx -g 'daemon on; master_process on;'"; }
nginx_reload() { ns "/usr/sbin/nginx -g 'daemon on; master_process on;' -s reload"; }
# The hooks deploy/verify_debian_steps.sh calls (what the guide's `systemctl` does, emulated).
after_packages() {
    sed -i 's/^port = .*/port = 5432/' "$GUEST/etc/postgresql/15/main/postgresql.conf"
    # (apt-get would have started both; policy-rc.d kept them from the host's network.)
    postgresql_start
    nginx_start
}
enable_now() {  # a timer: nothing runs now (its service is started by hand in the guide)
    case $1 in *.timer) echo "(sin systemd: $1 no se activa)" | tee -a "$LOG" ;; *) unit_start "$1" ;; esac
}
start_unit() {
    if grep -q '^Type=oneshot' "$GUEST/etc/systemd/system/$1"; then unit_start "$1" oneshot; else unit_start "$1"; fi
}
stop_units() { local u; for u in "$@"; do unit_stop "$u"; done; }
reload_units() { :; }  # no systemd: each start reads the unit file again

# shellcheck source=deploy/verify_debian_steps.sh
. "$REPO/deploy/verify_debian_steps.sh"
run_guide_steps

step "Todo verificado"
echo "Registro completo: $LOG"
