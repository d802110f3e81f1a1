# docs/deploy.md, steps 1 to 9b, with checks. Sourced (not run) by the two scripts that make a clean
# Debian 12 and follow the guide on it:
#   deploy/verify_debian.sh     a debootstrap'ed chroot in a network namespace (systemd emulated)
#   deploy/verify_debian_vm.sh  a booted virtual machine, systemd as PID 1 (the real units)
#
# The sourcing script defines how a root command runs on the machine and what `systemctl` does:
#   step TEXT, fail TEXT, $LOG, $DOMAIN
#   net CMD       root shell on the machine that may download (apt-get, pip); fails the run on error
#   ns CMD        root shell on the machine; fails the run on error
#   nsout CMD     root shell on the machine, its standard output returned
#   after_packages          what Debian does right after apt-get (PostgreSQL and nginx running)
#   enable_now UNIT         systemctl daemon-reload && systemctl enable --now UNIT
#   start_unit UNIT         systemctl start UNIT (a oneshot: returns when it has finished)
#   stop_units UNIT...      systemctl stop UNIT...
#   nginx_reload            systemctl reload nginx
#   restart_unit UNIT       systemctl restart UNIT (only run_guide_update uses it)
# It then calls run_guide_steps (steps 1 to 9b) and, to update a machine, run_guide_update (10).
# Afterwards $PASSWORD (the administrator's), $R (curl options to reach nginx as $DOMAIN) and the
# functions wait_http, status_of and check_login are available to the sourcing script.

wait_http() {  # url, then curl options
    local url=$1; shift
    for _ in $(seq 90); do nsout "curl -s -o /dev/null $* '$url'" && return 0; sleep 1; done
    fail "no responde $url"
}
status_of() { local url=$1; shift; nsout "curl -s -o /dev/null -w '%{http_code}' $* '$url'"; }
# After `nginx -s reload` the old workers still answer for a moment with the old configuration
# (port 80: the default site): wait up to 10 s for the expected status before calling it wrong.
status_becomes() {  # status, url, then curl options
    local want=$1 url=$2; shift 2
    for _ in $(seq 10); do [ "$(status_of "$url" "$@")" = "$want" ] && return 0; sleep 1; done
    return 1
}
TEJ="sudo -u tejido sh -c 'set -a; . /etc/tejido/tejido.env; set +a; cd /opt/tejido;"
R="--resolve $DOMAIN:443:127.0.0.1 --resolve $DOMAIN:80:127.0.0.1 -k"
PASSWORD=verifica-$RANDOM-clave-larga

# A real login through nginx: CSRF, proxy headers and secure cookies work together.
check_login() {
    local login
    login=$(nsout "cd /tmp && rm -f cj && curl -s $R -c cj https://$DOMAIN/cuenta/ingresar/ \
        | grep -o 'name=\"csrfmiddlewaretoken\" value=\"[^\"]*' | head -1 | sed 's/.*value=\"//' >token &&
        curl -s $R -b cj -c cj -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Origin: https://$DOMAIN' \
        -H 'Referer: https://$DOMAIN/cuenta/ingresar/' --data-urlencode csrfmiddlewaretoken=\$(cat token) \
        --data-urlencode username=admin --data-urlencode password=$PASSWORD https://$DOMAIN/cuenta/ingresar/")
    echo "ingreso del administrador: $login" | tee -a "$LOG"
    [ "$login" = "302 https://$DOMAIN/" ] || fail "el ingreso por HTTPS no redirige a la portada"
}

run_guide_steps() {
step "1. Paquetes del sistema"
net "apt-get update"
net "apt-get install -y python3.11 python3.11-venv make git sudo curl postgresql postgresql-contrib nginx \
    certbot python3-certbot-nginx"
net "update-ca-certificates"
after_packages

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
ns "cd /opt/tejido && DJANGO_SUPERUSER_PASSWORD=$PASSWORD sudo --preserve-env=DJANGO_SUPERUSER_PASSWORD \
    -u tejido sh -c 'set -a; . /etc/tejido/tejido.env; set +a; .venv/bin/python manage.py createsuperuser \
    --no-input --username admin --email admin@example.org'"

step "Archivos de systemd (systemd-analyze verify)"
for u in tejido.service tejido-backup.service tejido-backup.timer tejido-jobs.service tejido-portal.service \
         tejido-portal.timer; do
    out=$(nsout "cd /opt/tejido/deploy/systemd && systemd-analyze verify --man=no ./$u" 2>&1) || true
    echo "$u: ${out:-sin observaciones}" | tee -a "$LOG"
    [ -z "$out" ] || fail "systemd-analyze verify $u"
done

step "6. gunicorn con systemd"
ns "cp /opt/tejido/deploy/systemd/tejido.service /etc/systemd/system/"
enable_now tejido.service
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
wait_http "https://$DOMAIN/cuenta/ingresar/" "$R"
headers=$(nsout "curl -sI $R https://$DOMAIN/cuenta/ingresar/")
echo "$headers" | tee -a "$LOG"
echo "$headers" | head -1 | grep -q " 200" || fail "HTTPS /cuenta/ingresar/ no da 200"
echo "$headers" | grep -qi '^strict-transport-security: max-age=31536000' || fail "sin HSTS"
echo "$headers" | grep -qi '^content-security-policy:' || fail "sin CSP"
status_becomes 301 "http://$DOMAIN/cuenta/ingresar/" "$R" || fail "HTTP no redirige a HTTPS"
static=$(nsout "cd /var/lib/tejido/staticfiles && ls tejido/*.js | head -1")
[ -n "$static" ] || fail "collectstatic no dejó tejido/*.js"
sh=$(nsout "curl -sI $R https://$DOMAIN/static/$static")
echo "$sh" | head -1 | grep -q " 200" || fail "nginx no sirve /static/$static: $(echo "$sh" | head -1)"
echo "$sh" | grep -qi '^server: nginx' && ! echo "$sh" | grep -qi '^x-frame-options' || fail "/static/ no lo sirve nginx"
echo "/static/$static: 200 desde nginx" | tee -a "$LOG"
[ "$(status_of "https://$DOMAIN/media/x.pdf" "$R")" = 404 ] || fail "/media/ no responde 404"
nsout "grep -c 'cuenta/ingresar' /var/log/nginx/tejido.access.log" >/dev/null || fail "sin registro de accesos"
check_login

step "8. Trabajos en segundo plano (tejido-jobs)"
ns "cp /opt/tejido/deploy/systemd/tejido-jobs.service /etc/systemd/system/"
ns "echo 'JOBS_SPAWN=0' >> /etc/tejido/tejido.env"
enable_now tejido-jobs.service
stop_units tejido.service; start_unit tejido.service    # systemctl restart tejido
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
for _ in $(seq 120); do
    status=$(nsout "sudo -u tejido psql -tAc 'select status from reports_reportjob where id=$job' tejido")
    [ "$status" = done ] || [ "$status" = failed ] && break
    sleep 1
done
echo "informe $job preparado por tejido-jobs: $status" | tee -a "$LOG"
[ "$status" = done ] || fail "el trabajador no preparó el informe ($status)"

step "9. Respaldos"
ns "cp /opt/tejido/deploy/systemd/tejido-backup.{service,timer} /etc/systemd/system/"
enable_now tejido-backup.timer
start_unit tejido-backup.service
archive=$(nsout "ls -1 /var/backups/tejido/ | grep '^tejido-.*\.tar$' | tail -1")
[ -n "$archive" ] || fail "no hay respaldo en /var/backups/tejido/"
echo "respaldo: $archive" | tee -a "$LOG"
before=$(nsout "sudo -u tejido psql -tAc 'select count(*) from territory_municipality' tejido")
nsout "stat -c '%a %U' /var/backups/tejido/$archive" | tee -a "$LOG" | grep -q '^600 tejido$' || fail "respaldo legible por otros"
# Restore: the guide's block (application and worker stopped), after losing the 24 offices.
stop_units tejido.service tejido-jobs.service
ns "sudo -u tejido psql -qc 'delete from territory_office' tejido"
ns "$TEJ .venv/bin/python manage.py restore /var/backups/tejido/$archive --yes'"
after=$(nsout "sudo -u tejido psql -tAc 'select count(*) from territory_municipality' tejido")
offices=$(nsout "sudo -u tejido psql -tAc 'select count(*) from territory_office' tejido")
echo "restaurado: $after municipios (antes $before), $offices sedes" | tee -a "$LOG"
[ "$after" = "$before" ] && [ "$offices" -gt 0 ] || fail "la restauración no devolvió los datos"
start_unit tejido.service; start_unit tejido-jobs.service
wait_http "https://$DOMAIN/cuenta/ingresar/" "$R"
# The monthly test on another machine: an empty database made as in step 3.
ns "sudo -u postgres createdb --owner tejido tejido_prueba"
ns "$TEJ DATABASE_URL=postgres:///tejido_prueba TEJIDO_VAR_DIR=/tmp/prueba \
    .venv/bin/python manage.py restore /var/backups/tejido/$archive --yes'"
ns "sudo -u postgres dropdb tejido_prueba"

step "9b. Portal de transparencia"
ns "cp /opt/tejido/deploy/systemd/tejido-portal.{service,timer} /etc/systemd/system/"
enable_now tejido-portal.timer
start_unit tejido-portal.service
published=$(nsout "sudo -u tejido psql -tAc 'select count(*) from portal_publishedyear' tejido")
echo "portal: $published años×idiomas publicados" | tee -a "$LOG"
[ "${published:-0}" -ge 2 ] || fail "tejido-portal.service no publicó el año en curso y el anterior"
}

# Step 10 (update to the code now at /srv/tejido.git), as the guide writes it.
run_guide_update() {
step "10. Actualizar"
ns "cd /opt/tejido && sudo -u tejido git pull -q"
ns "cp /opt/tejido/deploy/systemd/*.service /opt/tejido/deploy/systemd/*.timer /etc/systemd/system/"
reload_units
start_unit tejido-backup.service
net "cd /opt/tejido && sudo -u tejido make install"
ns "cd /opt/tejido && $TEJ .venv/bin/python manage.py migrate && .venv/bin/python manage.py collectstatic --no-input'"
restart_unit tejido.service
restart_unit tejido-jobs.service
wait_http "https://$DOMAIN/cuenta/ingresar/" "$R"
}
