"""gunicorn settings for Tejido (docs/deploy.md). Workers = 2 x cores + 1 is gunicorn's rule of
thumb; threads let a worker overlap database waits. Requests over `timeout` are killed: long
reports are built by background jobs, never in a request."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = 2000          # recycle workers now and then (memory held by big report builds)
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# No query strings in the access log: searches carry names (personal data stays out of logs).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# gunicorn 25+ would open a control socket in $HOME (/opt/tejido/.gunicorn/, inside the code
# checkout and read-only under the unit's ProtectSystem=strict); `systemctl reload` is our control.
control_socket_disable = True
