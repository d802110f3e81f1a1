#!/bin/bash
# Follows docs/deploy.md on a clean Debian 12 *booted* virtual machine (systemd as PID 1) and checks
# the result, reboot included (docs/deploy.md, "Verificado").
#
#   sudo deploy/verify_debian_vm.sh          # root; ~50 min under TCG (2 min more the first time, to
#                                            # build the disk); with a working KVM far less
#   KEEP=1 sudo deploy/verify_debian_vm.sh   # leave the machine running: ssh line printed at the end
#   REUSE=1 sudo deploy/verify_debian_vm.sh  # on the machine KEEP=1 left (booted again from its disk
#                                            # if stopped; TCG unless ACCEL=kvm): the guide's step 10
#                                            # (update to this checkout's HEAD), then the checks again
#
# Needs qemu-system-x86 qemu-utils debootstrap openssh-client e2fsprogs (installed if missing) and
# /dev/kvm. ACCEL=auto (default) tries KVM and falls back to TCG (emulation, ~10x slower) when the
# kernel prints nothing in 45 s: on the Firecracker host this was written on, nested KVM hangs the
# guest right after "Probing EDD" (with -cpu host or kvm64, pc or q35 or microvm). ACCEL=tcg skips
# the try.
# Downloads Debian (debootstrap, apt-get in the guest) and the PyPI packages; nothing else.
#
# The machine: `debootstrap bookworm` plus what a Debian installation with "SSH server" has and
# debootstrap leaves out: linux-image-amd64, systemd-sysv, openssh-server, an fstab, a hostname,
# DHCP on the network card (systemd-networkd) and root's SSH key. It is an ext4 disk image
# ($VM/base.img, built once and kept, with its kernel and initrd next to it); each run boots a fresh
# copy-on-write overlay of it ($VM/run.qcow2), so every run starts from a clean machine. qemu boots
# the image's own kernel (-kernel/-initrd, instead of a boot loader) with 1 vCPU and $MEM MB,
# user-mode networking (the guest reaches the Debian mirror and PyPI through the host) and ports
# 127.0.0.1:$SSH_PORT -> 22 and 127.0.0.1:$HTTPS_PORT -> 443 on the host. The serial console is in
# $VM/console.log, the run's log in $VM/run.log.
#
# The guide's steps are deploy/verify_debian_steps.sh (shared with verify_debian.sh), run here as
# root over ssh; `systemctl` is the real one. Then the checks only a booted machine allows:
# the units active and enabled, the timers in `systemctl list-timers`, the units' sandboxing
# (ProtectSystem=strict...) letting the application write what it needs (an uploaded file in
# /var/lib/tejido/media from inside gunicorn's and the worker's own mount namespace, a backup that
# contains it) and nothing else (/opt/tejido read-only for them), and a reboot after which
# everything is back by itself: HTTPS from the host to /, the public API (/api/v1/transparencia/),
# an authenticated one (401 without a token, 200 with one), a login, the timers.
# Substitutions, as in verify_debian.sh: certbot -> a self-signed certificate; the clone comes from
# a bare copy of this checkout's HEAD put at /srv/tejido.git (commit first); `editor` -> sed;
# createsuperuser --no-input; the host's extra CA certificates (a TLS-inspecting proxy) are copied.
set -euo pipefail

REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
VM=${VM:-/var/tmp/tejido-vm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
MEM=${MEM:-2560}
SSH_PORT=${SSH_PORT:-10022}
HTTPS_PORT=${HTTPS_PORT:-10443}
ACCEL=${ACCEL:-auto}    # auto: KVM if it boots, else TCG; or kvm, tcg
DOMAIN=tejido.sosep.gob.gt
LOG=$VM/run.log
KEY=$VM/id_ed25519

[ "$(id -u)" = 0 ] || { echo "root, please" >&2; exit 2; }
for c in qemu-system-x86_64:qemu-system-x86 qemu-img:qemu-utils debootstrap:debootstrap ssh:openssh-client; do
    command -v "${c%%:*}" >/dev/null || apt-get install -y "${c#*:}"
done
mkdir -p "$VM"
[ "${REUSE:-0}" = 1 ] || : >"$LOG"
T0=$SECONDS
step() { printf '\n=== [%s] %s\n' "$(elapsed)" "$*" | tee -a "$LOG"; }
fail() { echo "FALLÓ: $*" | tee -a "$LOG" >&2; exit 1; }
elapsed() { local s=$((SECONDS - T0)); printf '%d:%02d' $((s / 60)) $((s % 60)); }

if [ "${REUSE:-0}" != 1 ]; then
# --- the machine's disk, built once ---------------------------------------------------------------
if [ ! -e "$VM/base.img" ]; then
    step "debootstrap bookworm y disco base en $VM/base.img"
    [ -e "$KEY" ] || ssh-keygen -q -t ed25519 -N '' -f "$KEY"
    root=$VM/rootfs
    if [ ! -e "$root/.debootstrap-done" ]; then
        rm -rf "$root"
        debootstrap --include=linux-image-amd64,systemd-sysv,openssh-server bookworm "$root" "$MIRROR" >>"$LOG" 2>&1
        touch "$root/.debootstrap-done"
    fi
    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s-security bookworm-security main\n' \
        "$MIRROR" "$MIRROR" "$MIRROR" >"$root/etc/apt/sources.list"
    echo '/dev/vda / ext4 errors=remount-ro 0 1' >"$root/etc/fstab"
    echo tejido-vm >"$root/etc/hostname"
    printf '127.0.0.1\tlocalhost\n127.0.1.1\ttejido-vm\n' >"$root/etc/hosts"
    printf '[Match]\nName=e*\n\n[Network]\nDHCP=yes\n' >"$root/etc/systemd/network/10-dhcp.network"
    ln -sf /lib/systemd/system/systemd-networkd.service "$root/etc/systemd/system/multi-user.target.wants/"
    echo 'nameserver 10.0.2.3' >"$root/etc/resolv.conf"    # qemu's user-mode DNS
    install -d -m 0700 "$root/root/.ssh"
    install -m 0600 "$KEY.pub" "$root/root/.ssh/authorized_keys"
    # The serial console logs root in by itself (to look around when ssh does not come up).
    install -d "$root/etc/systemd/system/serial-getty@ttyS0.service.d"
    printf '[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin root --noclear --keep-baud 115200 %%I $TERM\n' \
        >"$root/etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf"
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
    cp "$root"/boot/vmlinuz-* "$VM/vmlinuz"; cp "$root"/boot/initrd.img-* "$VM/initrd.img"
    rm -f "$VM/base.img.tmp"
    mkfs.ext4 -q -F -L tejido -d "$root" "$VM/base.img.tmp" 12G
    mv "$VM/base.img.tmp" "$VM/base.img"
fi

fi

# --- boot it --------------------------------------------------------------------------------------
SSH=(ssh -i "$KEY" -p "$SSH_PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
     -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=5 -o ServerAliveInterval=15 root@127.0.0.1)
qemu_pid() { cat "$VM/qemu.pid" 2>/dev/null || true; }
stop_vm() {
    local pid; pid=$(qemu_pid)
    # Only our qemu, by the pid it wrote.
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = qemu-system-x86 ]; then
        kill "$pid"; for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
    rm -f "$VM/qemu.pid"
}
cleanup() {
    if [ "${KEEP:-0}" = 1 ]; then
        echo "Máquina en marcha: ${SSH[*]}   (detenerla: kill \$(cat $VM/qemu.pid))"; return
    fi
    stop_vm
}
wait_ssh() {
    for _ in $(seq 300); do "${SSH[@]}" true 2>/dev/null && return 0; sleep 2; done
    fail "ssh no responde (consola: $VM/console.log)"
}
boot_vm() {  # accel: kvm or tcg
    local accel=(-accel kvm -cpu host); [ "$1" = kvm ] || accel=(-accel tcg -cpu max)
    : >"$VM/console.log"
    qemu-system-x86_64 "${accel[@]}" -smp 1 -m "$MEM" -machine q35 \
        -kernel "$VM/vmlinuz" -initrd "$VM/initrd.img" -append "root=/dev/vda rw console=ttyS0 net.ifnames=0" \
        -drive "file=$VM/run.qcow2,if=virtio,format=qcow2" \
        -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$SSH_PORT-:22,hostfwd=tcp:127.0.0.1:$HTTPS_PORT-:443" \
        -device virtio-net-pci,netdev=n0 -device virtio-rng-pci \
        -display none -serial "file:$VM/console.log" -monitor none -daemonize -pidfile "$VM/qemu.pid"
}
if [ "${REUSE:-0}" = 1 ]; then
    KEEP=1; trap cleanup EXIT
    if ! "${SSH[@]}" true 2>/dev/null; then    # stopped: boot it again from its own disk
        [ -e "$VM/run.qcow2" ] || fail "no hay máquina que reutilizar (KEEP=1 primero)"
        stop_vm; [ "$ACCEL" = kvm ] || ACCEL=tcg
        step "arranque de la máquina anterior desde su disco ($ACCEL)"
        boot_vm "$ACCEL"; wait_ssh
        "${SSH[@]}" 'systemctl is-system-running --wait' >>"$LOG" 2>&1 || true
    fi
else
stop_vm
trap cleanup EXIT
rm -f "$VM/run.qcow2" "$VM/console.log"
qemu-img create -q -f qcow2 -b "$VM/base.img" -F raw "$VM/run.qcow2"
# Nested KVM can be present and still not run a guest (on a Firecracker host the kernel hangs right
# after "Probing EDD"): with ACCEL=auto, no kernel message within 45 s means TCG instead.
if [ "$ACCEL" != tcg ] && [ -w /dev/kvm ]; then
    step "arranque de la máquina (KVM, 1 vCPU, $MEM MB)"
    boot_vm kvm
    for _ in $(seq 45); do grep -q "Linux version" "$VM/console.log" && break; sleep 1; done
    if grep -q "Linux version" "$VM/console.log"; then ACCEL=kvm
    elif [ "$ACCEL" = kvm ]; then fail "con KVM el núcleo no arranca (consola: $VM/console.log)"
    else
        echo "KVM: sin mensajes del núcleo en 45 s ($(tr -d '\0' <"$VM/console.log" | tail -1)); se usa TCG" | tee -a "$LOG"
        stop_vm; ACCEL=tcg
    fi
fi
if [ "$ACCEL" = tcg ] || [ "$ACCEL" = auto ]; then
    ACCEL=tcg
    rm -f "$VM/run.qcow2"; qemu-img create -q -f qcow2 -b "$VM/base.img" -F raw "$VM/run.qcow2"
    step "arranque de la máquina (TCG, emulación sin KVM, 1 vCPU, $MEM MB)"
    boot_vm tcg
fi

wait_ssh
# Startup finished (or degraded): every unit that starts at boot has been started.
"${SSH[@]}" 'systemctl is-system-running --wait' >>"$LOG" 2>&1 || true
echo "arrancó en $(elapsed); $("${SSH[@]}" 'systemd-analyze | head -1')" | tee -a "$LOG"
"${SSH[@]}" 'ps -p 1 -o comm=' | grep -qx systemd || fail "systemd no es el PID 1"

fi

# The code server: a bare repository with this checkout's HEAD as main, copied to /srv/tejido.git.
rm -rf "$VM/tejido.git"
git init -q --bare -b main "$VM/tejido.git"
git -C "$REPO" push -q "$VM/tejido.git" "HEAD:refs/heads/main"
tar -C "$VM" -c tejido.git | "${SSH[@]}" 'mkdir -p /srv && rm -rf /srv/tejido.git && tar -C /srv -x && chown -R tejido:tejido /srv/tejido.git 2>/dev/null || true'

# --- the hooks verify_debian_steps.sh uses: root over ssh, the real systemctl -------------------
remote() { "${SSH[@]}" "env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 TERM=dumb bash -euc $(printf '%q' "$1")"; }
net() { echo "+ $1" >>"$LOG"; remote "$1" >>"$LOG" 2>&1 || fail "$1"; }
ns() { net "$1"; }
nsout() { remote "$1" 2>>"$LOG"; }
after_packages() {  # Debian starts both on installation.
    ns "systemctl is-active postgresql@15-main.service nginx.service"
}
enable_now() {
    ns "systemctl daemon-reload && systemctl enable --now $1"
    nsout "systemctl status --no-pager $1" | head -3 | tee -a "$LOG"
    nsout "systemctl is-active $1" >/dev/null || fail "$1 no quedó activa"
}
start_unit() { ns "systemctl start $1"; }
reload_units() { ns "systemctl daemon-reload"; }
restart_unit() { ns "systemctl restart $1"; }
stop_units() { ns "systemctl stop $*"; }
nginx_reload() { ns "systemctl reload nginx"; }

# shellcheck source=deploy/verify_debian_steps.sh
. "$REPO/deploy/verify_debian_steps.sh"
if [ "${REUSE:-0}" = 1 ]; then
    run_guide_update
    # A new administrator password (the first run's is not kept) and the previous run's test uploads out.
    ns "cd /opt/tejido && $TEJ .venv/bin/python manage.py shell -v 0 -c \"
from tejido.accounts.models import User
u = User.objects.get(username=\\\"admin\\\"); u.set_password(\\\"$PASSWORD\\\"); u.save()\"'"
    ns "rm -rf /var/lib/tejido/media"
else
    run_guide_steps
fi

# --- what only a booted machine shows -------------------------------------------------------------
UNITS="tejido.service tejido-jobs.service tejido-backup.timer tejido-portal.timer"
check_running() {  # the services up, the timers waiting, all enabled for the next boot
    local u
    for u in postgresql@15-main.service nginx.service $UNITS; do
        [ "$(nsout "systemctl is-active $u")" = active ] || fail "$u: $(nsout "systemctl is-active $u")"
    done
    for u in $UNITS; do
        [ "$(nsout "systemctl is-enabled $u")" = enabled ] || fail "$u no está habilitada"
    done
    local timers; timers=$(nsout "systemctl list-timers --no-pager 'tejido-*'")
    echo "$timers" | tee -a "$LOG"
    for u in tejido-backup.timer tejido-portal.timer; do
        echo "$timers" | grep -q " $u " || fail "list-timers no muestra $u"
    done
    local failed; failed=$(nsout "systemctl --failed --no-legend --plain | cut -d' ' -f1")
    [ -z "$failed" ] || fail "unidades fallidas: $failed"
}
# From the host, through qemu's forwarded port: a client outside the machine.
from_host() {  # path [curl options] -> status code
    local path=$1; shift
    curl -s -o /dev/null -w '%{http_code}' -k --resolve "$DOMAIN:$HTTPS_PORT:127.0.0.1" "$@" \
        "https://$DOMAIN:$HTTPS_PORT$path"
}
check_http() {
    local root portal noauth auth
    root=$(from_host /); portal=$(from_host /api/v1/transparencia/)
    noauth=$(from_host /api/v1/territorio/departamentos)
    auth=$(from_host /api/v1/territorio/departamentos -H "Authorization: Bearer $TOKEN")
    echo "desde fuera por HTTPS: / $root; /api/v1/transparencia/ $portal; /api/v1/territorio/departamentos" \
         "$noauth sin ficha, $auth con ficha" | tee -a "$LOG"
    [ "$root" = 302 ] || fail "HTTPS / respondió $root (se esperaba 302 al ingreso)"
    [ "$portal" = 200 ] && [ "$noauth" = 401 ] && [ "$auth" = 200 ] || fail "la API por HTTPS no responde como debe"
    local js gz
    js=$(from_host /static/tejido/tejido.js); gz=$(from_host /static/tejido/tejido.js -H 'Accept-Encoding: gzip')
    echo "estáticos por nginx: $js, comprimido $gz" | tee -a "$LOG"
    [ "$js" = 200 ] && [ "$gz" = 200 ] || fail "nginx no sirve los estáticos"
    check_login
}
issue_token() {  # an API token for the administrator (the "Tokens de API" page does the same)
    nsout "cd /opt/tejido && $TEJ .venv/bin/python manage.py shell -v 0 -c \"
from tejido.accounts.models import ApiToken, User
print(ApiToken.issue(User.objects.get(username=\\\"admin\\\"), \\\"verificación\\\")[1])\"'" | tail -1
}

step "Servicios y temporizadores con systemd"
check_running
TOKEN=$(issue_token)
[ -n "$TOKEN" ] || fail "no se pudo emitir una ficha de API"
nsout "journalctl -u tejido-portal.service --no-pager -n 5" | tee -a "$LOG"
nsout "journalctl -u tejido-portal.service --no-pager" | grep -q "publicado en" || fail "sin registro del portal"

step "Aislamiento de las unidades: lo que la aplicación escribe"
# Inside each running unit's own mount namespace (ProtectSystem=strict, PrivateTmp, ReadWritePaths),
# as tejido: a document saved the way an upload is saved, and the code tree that must stay read-only.
upload_code() {  # saved the way a FileField saves an upload; prints the name under MEDIA_ROOT
    printf '%s\n' "import datetime" "from django.core.files.base import ContentFile" \
        "from django.core.files.storage import default_storage" \
        "print(default_storage.save(f'agreements/{datetime.date.today():%Y}/prueba-$1.pdf', ContentFile(b'%PDF-1.4')))" \
        | base64 -w0
}
for u in tejido.service tejido-jobs.service; do
    pid=$(nsout "systemctl show -p MainPID --value $u")
    [ "${pid:-0}" -gt 0 ] || fail "$u sin proceso principal"
    um=$(nsout "systemctl show -p UMask --value $u")
    inside="nsenter -t $pid -m -S \$(id -u tejido) -G \$(id -g tejido) --wd=/opt/tejido -- \
        env -i PATH=/usr/bin:/bin HOME=/opt/tejido LANG=C.UTF-8"
    saved=$(nsout "$inside sh -c 'umask $um; set -a; . /etc/tejido/tejido.env; set +a; \
        exec .venv/bin/python manage.py shell -v 0 -c \"\$(echo $(upload_code "${u%.service}") | base64 -d)\"'" | tail -1)
    [ -n "$saved" ] && nsout "test -s /var/lib/tejido/media/$saved" || fail "$u no puede guardar un documento en /var/lib/tejido/media"
    nsout "$inside sh -c 'touch /opt/tejido/escritura 2>/dev/null'" && fail "$u puede escribir en /opt/tejido"
    nsout "$inside sh -c 'touch /var/backups/tejido/escritura 2>/dev/null'" && fail "$u puede escribir en /var/backups/tejido"
    echo "$u: guardó media/$saved; /opt/tejido y /var/backups/tejido de solo lectura" | tee -a "$LOG"
done
modes=$(nsout "stat -c '%a %U:%G %n' /var/lib/tejido/media /var/lib/tejido/media/agreements/*/prueba-*")
echo "$modes" | tee -a "$LOG"
echo "$modes" | grep -qv '^7[0-7]0 \|^6[0-7]0 ' && fail "documentos subidos legibles por otros usuarios"
# The backup service (its own sandbox) reads the uploads and writes the archive.
start_unit tejido-backup.service
archive=$(nsout "ls -1t /var/backups/tejido/ | grep '^tejido-.*\.tar$' | head -1")
nsout "tar -tf /var/backups/tejido/$archive" | grep -q 'prueba-tejido-jobs\.pdf' \
    || fail "el respaldo $archive no contiene el documento subido"
echo "respaldo $archive: contiene los documentos subidos" | tee -a "$LOG"
for u in tejido.service tejido-jobs.service tejido-backup.service tejido-portal.service; do
    echo "$u: $(nsout "systemd-analyze security --no-pager $u" | grep -i 'overall exposure')" | tee -a "$LOG"
done
check_http

step "Reinicio: todo vuelve solo"
boot_before=$(nsout "cat /proc/sys/kernel/random/boot_id")
t_reboot=$SECONDS
"${SSH[@]}" 'systemctl reboot' >>"$LOG" 2>&1 || true
sleep 5
wait_ssh
"${SSH[@]}" 'systemctl is-system-running --wait' >>"$LOG" 2>&1 || true
boot_after=$(nsout "cat /proc/sys/kernel/random/boot_id")
[ "$boot_before" != "$boot_after" ] || fail "la máquina no se reinició"
echo "reiniciada y lista en $((SECONDS - t_reboot)) s; $(nsout 'systemd-analyze | head -1')" | tee -a "$LOG"
for _ in $(seq 60); do [ "$(from_host /cuenta/ingresar/)" = 200 ] && break; sleep 1; done
check_running
check_http
nsout "systemd-analyze critical-chain tejido.service --no-pager" | tee -a "$LOG"

step "Todo verificado en $(elapsed)"
echo "Registro completo: $LOG"
