# syntax=docker/dockerfile:1
# Usher in a container: `docker build -t usher .`, then see README → Deploy.
# Node 20 is the version the test suite runs on (package.json engines); pass
# --build-arg NODE_VERSION=22 to move on once the tests run there too.
ARG NODE_VERSION=20

# The lockfile's packages with a compiler at hand: better-sqlite3 is native and builds from source
# when no prebuilt binary fits. Both stages below start here, so the binary matches the runtime's Node.
FROM node:${NODE_VERSION}-bookworm-slim AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# Compiles src/ to dist/ with the dev dependencies (TypeScript).
FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The admin Mini App's sources and its esbuild script: npm run build bundles them into dist/app.
COPY app ./app
COPY scripts ./scripts
RUN npm run build

# Production dependencies alone, for the runtime stage.
FROM toolchain AS production-deps
RUN npm ci --omit=dev --no-audit --no-fund

# What runs: Node, tini, the production node_modules, dist/ and the migrations (SQLite's, PostgreSQL's) applied at start.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# tini is PID 1: Usher installs its SIGTERM handler only once started, and PID 1 ignores a signal it has
# no handler for, so a stop during start-up would otherwise wait for the SIGKILL.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV DATABASE_PATH=/data/usher.db \
  HTTP_HOST=0.0.0.0 \
  HTTP_PORT=8080
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY package.json ./
COPY migrations ./migrations
COPY migrations-pg ./migrations-pg
COPY locales ./locales
COPY bin ./bin
COPY --from=build /app/dist ./dist
# The database lives on the volume, owned by the unprivileged user the bot runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
# 200 while the database answers and updates flow (a standby instance included); 503 otherwise.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
