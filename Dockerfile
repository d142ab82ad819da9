# syntax=docker/dockerfile:1
#
# axdash: one static binary on a small Debian base.
#   docker build -t axdash .
#   docker run --rm -p 8080:8080 axdash serve --demo          (SQLite in the /data volume)
#   docker compose up                                          (with PostgreSQL, see docker-compose.yml)

FROM golang:1.26-bookworm AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-mod=readonly
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -o /axdash ./app
RUN mkdir -p /out/data

FROM debian:12-slim
# Time zone data for Asia/Seoul without touching the network at build time.
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
RUN groupadd --system --gid 65532 axdash \
 && useradd --system --uid 65532 --gid axdash --home-dir /data --no-create-home --shell /usr/sbin/nologin axdash
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build /axdash /axdash

ENV TZ=Asia/Seoul \
    AXDASH_ADDR=0.0.0.0:8080 \
    AXDASH_DATA_DIR=/data
WORKDIR /data
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8080

# bash's /dev/tcp keeps the image free of curl/wget.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"ok\"' <&3"]

ENTRYPOINT ["/axdash"]
CMD ["serve"]
