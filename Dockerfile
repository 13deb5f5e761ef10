# Muninn's container image. Not built in Muninn's CI (there is no Docker engine there); docs/install.md says how
# to build and check it. Build: docker build -t muninn:dev .
#
# Stage 1 builds a release binary with the Swift standard library and Foundation linked in statically, so the
# runtime image needs only the C library, the C++ runtime (in the base image: apt depends on it), CA certificates
# and time zones.
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
WORKDIR /build
# Dependencies first: this layer is reused while only Muninn's own sources change.
# Package.* is Package.swift, and Package.resolved when the checkout has one (pinned versions).
COPY Package.* ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product muninn \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/muninn" /out/usr/local/bin/muninn \
    && install -D -m 0755 /usr/libexec/swift/linux/swift-backtrace-static /out/usr/local/bin/swift-backtrace-static \
    && install -d -m 0755 /out/var/lib/muninn

# Stage 2: the runtime. Nothing runs as root and nothing writes outside the store volume (and /tmp, which the
# Kubernetes manifests mount as an emptyDir for SQLite's temporary files).
FROM ${RUNTIME_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/ /
# A numeric user, so Kubernetes can verify runAsNonRoot without a passwd lookup.
RUN chown 65532:65532 /var/lib/muninn
USER 65532:65532
WORKDIR /var/lib/muninn
# The SQLite store (outbox, detector memory, history): store.path defaults to muninn.db in the working
# directory, i.e. this volume. Not needed with a PostgreSQL store.
VOLUME ["/var/lib/muninn"]
# A crash prints a symbolicated backtrace of every thread to the log, without interaction.
ENV SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/usr/local/bin/swift-backtrace-static
# The dashboard, JSON API, /healthz, /readyz and /metrics (dashboard.listen).
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/muninn"]
CMD ["run"]
