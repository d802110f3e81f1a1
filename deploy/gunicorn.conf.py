"""gunicorn settings for Tejido (docs/deploy.md). Workers = 2 x cores + 1 is gunicorn's rule of
thumb; threads let a worker overlap database waits. Requests over `timeout` are killed: long
reports are built by background jobs, never in a request."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# Idle keep-alive connections are closed after `keepalive` seconds. gunicorn's default (2 s) is
# shorter than a person's pause between pages: a browser sending its next request just as the
# server closes gets "connection reset" (the load test saw it). Behind nginx this matters less.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# No periodic recycling by default: reports and imports run in the tejido-jobs worker, not in
# gunicorn, and a recycled worker drops its clients' keep-alive connections (the load test saw
# "connection reset by peer" exactly then). Set GUNICORN_MAX_REQUESTS to recycle if memory grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Load the application (every view, config/wsgi.py) once in the master before forking: no slow
# first request per worker, and the workers share that memory. The price: a HUP (`systemctl reload`)
# forks new workers from the master's already loaded code, so new code needs a restart.
preload_app = True
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# No query strings in the access log: searches carry names (personal data stays out of logs).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# gunicorn 25+ would open a control socket in $HOME (/opt/tejido/.gunicorn/, inside the code
# checkout and read-only under the unit's ProtectSystem=strict); `systemctl reload` is our control.
control_socket_disable = True
