# syntax=docker/dockerfile:1
#
# axdash: one static binary on a distroless base (CA certificates, tzdata,
# a non-root user, no shell).
#   docker build -t axdash .
#   docker run --rm -p 8080:8080 -v axdata:/data axdash serve --demo   (SQLite in the /data volume)
#   docker compose up --build                                          (with PostgreSQL, see docker-compose.yml)

FROM golang:1.26-bookworm AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-mod=readonly
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags "-s -w" -o /out/axdash ./app
# An empty data directory owned by the runtime user: the image has no shell
# to create one. 0700, as axdash makes it (and would narrow it to at start).
RUN mkdir -p -m 0700 /out/data

# distroless/static: CA certificates, /usr/share/zoneinfo and the nonroot
# user (65532) and nothing else; the parse worker is the same binary.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/axdash /axdash
COPY --from=build --chown=65532:65532 /out/data /data

ENV TZ=Asia/Seoul \
    AXDASH_ADDR=0.0.0.0:8080 \
    AXDASH_DATA_DIR=/data \
    AXDASH_LOG_FORMAT=json
WORKDIR /data
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8080

# The image has no curl: the binary asks its own /readyz (database
# reachable, migrations applied) and exits 0 or 1.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/axdash", "healthcheck"]

# SIGTERM (docker stop) starts a graceful shutdown bounded by
# server.shutdown_timeout (20 s); docker waits 10 s by default, so stop
# with `docker stop -t 30` or set stop_grace_period (as compose does).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/axdash"]
CMD ["serve"]
