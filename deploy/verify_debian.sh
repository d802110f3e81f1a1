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
# What cannot be done in a chroot, and what the script does instead:
# - systemd is not PID 1: `systemctl enable --now X` runs the unit's ExecStart (and
#   ExecStartPost) as its User/Group, in its WorkingDirectory, with its EnvironmentFile,
#   Environment and UMask, read from the unit file the guide copied; the unit files themselves
#   are checked with `systemd-analyze verify`. The units' sandboxing (ProtectSystem...) is not
#   exercised.
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
wait_http() {  # url, then curl options
    local url=$1; shift
    for _ in $(seq 60); do nsout "curl -s -o /dev/null $* '$url'" && return 0; sleep 1; done
    fail "no responde $url"
}
status_of() { local url=$1; shift; nsout "curl -s -o /dev/null -w '%{http_code}' $* '$url'"; }
TEJ="sudo -u tejido sh -c 'set -a; . /etc/tejido/tejido.env; set +a; cd /opt/tejido;"

# --- docs/deploy.md, step by step -------------------------------------------------------------
step "1. Paquetes del sistema"
net "apt-get update"
net "apt-get install -y python3.11 python3.11-venv make git sudo curl postgresql postgresql-contrib nginx \
    certbot python3-certbot-nginx"
net "update-ca-certificates"
sed -i 's/^port = .*/port = 5432/' "$GUEST/etc/postgresql/15/main/postgresql.conf"
# (apt-get would have started both; policy-rc.d kept them from the host's network.)
postgresql_start
nginx_start

step "2. Usuario, carpetas y código"
ns "adduser --system --group --home /opt/tejido tejido"
ns "install -d -o tejido -g tejido -m 0751 /var/lib/tejido
    install -d -o tejido -g tejido -m 0755 /var/lib/tejido/staticfiles
    install -d -o tejido -g tejido -m 0750 /var/backups/tejido
    install -d -o root -g tejido -m 0750 /etc/tejido"
ns "git clone /srv/tejido.git /opt/tejido"
ns "chown -R tejido:tejido /opt/tejido"

step "3. Base de datos"
ns "sudo -u postgres createuser tejido"
ns "sudo -u postgres createdb --owner tejido tejido"

step "4. Configuración"
ns "cp /opt/tejido/deploy/tejido.env.example /etc/tejido/tejido.env"
key=$(nsout 'python3 -c "import secrets; print(secrets.token_urlsafe(64))"')
# editor: the secret key; domain and database (socket, peer) stay as in the example.
ns "sed -i 's|^SECRET_KEY=.*|SECRET_KEY=$key|' /etc/tejido/tejido.env"
ns "chown root:tejido /etc/tejido/tejido.env && chmod 0640 /etc/tejido/tejido.env"

step "5. Instalación, migraciones y territorio"
net "cd /opt/tejido && sudo -u tejido make install"
ns "cd /opt/tejido && $TEJ .venv/bin/python manage.py migrate && \
    .venv/bin/python manage.py collectstatic --no-input && .venv/bin/python manage.py load_territory'"
deploy_check=$(nsout "cd /opt/tejido && $TEJ .venv/bin/python manage.py check --deploy'" 2>&1) \
    || fail "check --deploy: $deploy_check"
echo "$deploy_check" | tee -a "$LOG"
[ "$deploy_check" = "System check identified no issues (0 silenced)." ] || fail "check --deploy con advertencias"
PASSWORD=verifica-$RANDOM-clave-larga
ns "cd /opt/tejido && DJANGO_SUPERUSER_PASSWORD=$PASSWORD sudo --preserve-env=DJANGO_SUPERUSER_PASSWORD \
    -u tejido sh -c 'set -a; . /etc/tejido/tejido.env; set +a; .venv/bin/python manage.py createsuperuser \
    --no-input --username admin --email admin@example.org'"

step "Archivos de systemd (systemd-analyze verify)"
for u in tejido.service tejido-backup.service tejido-backup.timer tejido-jobs.service; do
    out=$(nsout "cd /opt/tejido/deploy/systemd && systemd-analyze verify --man=no ./$u" 2>&1) || true
    echo "$u: ${out:-sin observaciones}" | tee -a "$LOG"
    [ -z "$out" ] || fail "systemd-analyze verify $u"
done

step "6. gunicorn con systemd"
ns "cp /opt/tejido/deploy/systemd/tejido.service /etc/systemd/system/"
unit_start tejido.service
wait_http http://127.0.0.1:8000/cuenta/ingresar/ -H "'Host: $DOMAIN'" -H "'X-Forwarded-Proto: https'"
code=$(status_of http://127.0.0.1:8000/cuenta/ingresar/ -I -H "'Host: $DOMAIN'" -H "'X-Forwarded-Proto: https'")
echo "gunicorn /cuenta/ingresar/: $code" | tee -a "$LOG"
[ "$code" = 200 ] || fail "gunicorn respondió $code"

step "7. nginx y HTTPS (certificado autofirmado en lugar de certbot)"
ns "openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj '/CN=$DOMAIN' \
    -addext 'subjectAltName=DNS:$DOMAIN' -keyout /etc/ssl/private/tejido.key -out /etc/ssl/certs/tejido.crt"
ns "cp /opt/tejido/deploy/nginx/tejido.conf /etc/nginx/sites-available/tejido"
ns "sed -i -e 's|/etc/letsencrypt/live/$DOMAIN/fullchain.pem|/etc/ssl/certs/tejido.crt|' \
    -e 's|/etc/letsencrypt/live/$DOMAIN/privkey.pem|/etc/ssl/private/tejido.key|' /etc/nginx/sites-available/tejido"
ns "ln -s /etc/nginx/sites-available/tejido /etc/nginx/sites-enabled/tejido"
ns "rm -f /etc/nginx/sites-enabled/default"
ns "nginx -t"
nginx_reload
R="--resolve $DOMAIN:443:127.0.0.1 --resolve $DOMAIN:80:127.0.0.1 -k"
wait_http "https://$DOMAIN/cuenta/ingresar/" "$R"
headers=$(nsout "curl -sI $R https://$DOMAIN/cuenta/ingresar/")
echo "$headers" | tee -a "$LOG"
echo "$headers" | head -1 | grep -q " 200" || fail "HTTPS /cuenta/ingresar/ no da 200"
echo "$headers" | grep -qi '^strict-transport-security: max-age=31536000' || fail "sin HSTS"
echo "$headers" | grep -qi '^content-security-policy:' || fail "sin CSP"
[ "$(status_of "http://$DOMAIN/cuenta/ingresar/" "$R")" = 301 ] || fail "HTTP no redirige a HTTPS"
static=$(nsout "cd /var/lib/tejido/staticfiles && ls tejido/*.js | head -1")
[ -n "$static" ] || fail "collectstatic no dejó tejido/*.js"
sh=$(nsout "curl -sI $R https://$DOMAIN/static/$static")
echo "$sh" | head -1 | grep -q " 200" || fail "nginx no sirve /static/$static: $(echo "$sh" | head -1)"
echo "$sh" | grep -qi '^server: nginx' && ! echo "$sh" | grep -qi '^x-frame-options' || fail "/static/ no lo sirve nginx"
echo "/static/$static: 200 desde nginx" | tee -a "$LOG"
[ "$(status_of "https://$DOMAIN/media/x.pdf" "$R")" = 404 ] || fail "/media/ no responde 404"
nsout "grep -c 'cuenta/ingresar' /var/log/nginx/tejido.access.log" >/dev/null || fail "sin registro de accesos"
# A real login through nginx: CSRF, proxy headers and secure cookies work together.
login=$(nsout "cd /tmp && rm -f cj && curl -s $R -c cj https://$DOMAIN/cuenta/ingresar/ \
    | grep -o 'name=\"csrfmiddlewaretoken\" value=\"[^\"]*' | head -1 | sed 's/.*value=\"//' >token &&
    curl -s $R -b cj -c cj -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Origin: https://$DOMAIN' \
    -H 'Referer: https://$DOMAIN/cuenta/ingresar/' --data-urlencode csrfmiddlewaretoken=\$(cat token) \
    --data-urlencode username=admin --data-urlencode password=$PASSWORD https://$DOMAIN/cuenta/ingresar/")
echo "ingreso del administrador: $login" | tee -a "$LOG"
[ "$login" = "302 https://$DOMAIN/" ] || fail "el ingreso por HTTPS no redirige a la portada"

step "8. Trabajos en segundo plano (tejido-jobs)"
ns "cp /opt/tejido/deploy/systemd/tejido-jobs.service /etc/systemd/system/"
ns "echo 'JOBS_SPAWN=0' >> /etc/tejido/tejido.env"
unit_start tejido-jobs.service
unit_stop tejido.service; unit_start tejido.service
wait_http "https://$DOMAIN/cuenta/ingresar/" "$R"
job=$(nsout "cd /opt/tejido && $TEJ .venv/bin/python manage.py shell -v 0 -c \"
import datetime as dt
from tejido.accounts.models import User
from tejido.reports.jobs import job_start
from tejido.reports.period import Period
job = job_start(user=User.objects.get(username=\\\"admin\\\"), report=\\\"monthly\\\", fmt=\\\"pdf\\\",
                period=Period.between(dt.date(2024, 1, 1), dt.date(2024, 1, 31)))
print(job.pk)\"'" | tail -1)
[ -n "$job" ] || fail "no se pudo encolar un informe"
for _ in $(seq 60); do
    status=$(nsout "sudo -u tejido psql -tAc 'select status from reports_reportjob where id=$job' tejido")
    [ "$status" = done ] || [ "$status" = failed ] && break
    sleep 1
done
echo "informe $job preparado por tejido-jobs: $status" | tee -a "$LOG"
[ "$status" = done ] || fail "el trabajador no preparó el informe ($status)"

step "9. Respaldos"
ns "cp /opt/tejido/deploy/systemd/tejido-backup.{service,timer} /etc/systemd/system/"
unit_start tejido-backup.service oneshot
archive=$(nsout "ls -1 /var/backups/tejido/ | grep '^tejido-.*\.tar$' | tail -1")
[ -n "$archive" ] || fail "no hay respaldo en /var/backups/tejido/"
echo "respaldo: $archive" | tee -a "$LOG"
before=$(nsout "sudo -u tejido psql -tAc 'select count(*) from territory_municipality' tejido")
nsout "stat -c '%a %U' /var/backups/tejido/$archive" | tee -a "$LOG" | grep -q '^600 tejido$' || fail "respaldo legible por otros"
# Restore: the guide's block (application and worker stopped), after losing the 24 offices.
unit_stop tejido.service; unit_stop tejido-jobs.service
ns "sudo -u tejido psql -qc 'delete from territory_office' tejido"
ns "$TEJ .venv/bin/python manage.py restore /var/backups/tejido/$archive --yes'"
after=$(nsout "sudo -u tejido psql -tAc 'select count(*) from territory_municipality' tejido")
offices=$(nsout "sudo -u tejido psql -tAc 'select count(*) from territory_office' tejido")
echo "restaurado: $after municipios (antes $before), $offices sedes" | tee -a "$LOG"
[ "$after" = "$before" ] && [ "$offices" -gt 0 ] || fail "la restauración no devolvió los datos"
unit_start tejido.service; unit_start tejido-jobs.service
wait_http "https://$DOMAIN/cuenta/ingresar/" "$R"
# The monthly test on another machine: an empty database made as in step 3.
ns "sudo -u postgres createdb --owner tejido tejido_prueba"
ns "$TEJ DATABASE_URL=postgres:///tejido_prueba TEJIDO_VAR_DIR=/tmp/prueba \
    .venv/bin/python manage.py restore /var/backups/tejido/$archive --yes'"
ns "sudo -u postgres dropdb tejido_prueba"

step "Todo verificado"
echo "Registro completo: $LOG"
