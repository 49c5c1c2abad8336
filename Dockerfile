# Nashra in a container: the bot (`nashra run`) with its database in /data and models in /models.
#
#   docker build -t nashra .
#   docker run -d --name nashra --restart unless-stopped \
#     -e NASHRA_TELEGRAM_TOKEN \
#     -v nashra-data:/data -v /srv/nashra/models:/models:ro nashra
#
# The working folder is /data: the database defaults to /data/nashra.db, and a nashra.toml placed in
# the /data volume is read at start (set `[summarizer] model = "/models/<folder>"` there).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HOME=/data/.cache/huggingface \
    HF_HUB_OFFLINE=1

# The CPU build of torch, from PyTorch's own index: the Linux wheel on PyPI bundles CUDA libraries
# (gigabytes) that a CPU-only container never uses. `pip install .` below then finds torch satisfied.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

WORKDIR /opt/nashra
COPY pyproject.toml README.md ./
COPY nashra ./nashra
COPY bot ./bot
COPY summarizer ./summarizer
COPY subscriptions ./subscriptions
RUN pip install . \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin nashra \
    && mkdir -p /data /models \
    && chown nashra:nashra /data

USER nashra
WORKDIR /data
VOLUME ["/data", "/models"]

# SIGTERM (docker stop) lets the bot finish the message in flight; the outbox resumes the rest.
STOPSIGNAL SIGTERM
CMD ["nashra", "run"]
