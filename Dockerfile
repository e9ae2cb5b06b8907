# Multi-stage build of Taskpilot. The build stage runs the same scripts/setup.sh the README's
# commands use, so what CI exercises is what the image builds with.
FROM rust:1.95-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/setup.sh && CARGO_TARGET_DIR=/src/target cargo leptos build --release --precompress --split

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app taskpilot
WORKDIR /app
COPY --from=build /src/target/release/taskpilot /src/target/release/hash.txt /app/
COPY --from=build /src/target/site /app/site
ENV LEPTOS_SITE_ROOT=/app/site \
    LEPTOS_OUTPUT_NAME=taskpilot \
    LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_HASH_FILES=true \
    LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    DATABASE_URL=sqlite:///app/data/taskpilot.db?mode=rwc \
    RUST_LOG=info
RUN mkdir -p /app/data && chown taskpilot: /app/data
VOLUME ["/app/data"]
USER taskpilot
EXPOSE 3000
HEALTHCHECK CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/3000"]
CMD ["/app/taskpilot", "serve"]
