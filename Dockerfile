# syntax=docker/dockerfile:1
#
# partner-center-bff: compiled with the full toolchain, run on a slim image with production
# dependencies only, as the unprivileged `node` user (uid 1000).
#
#   docker build -t partner-center-bff .
#   docker run --rm -p 4000:4000 -e PARTNER_CENTER_CLOUD=global partner-center-bff
#
# NODE_ENV=production fails closed: the gateway refuses to start unless PARTNER_CENTER_CLOUD
# (global, usgov, china) or PARTNER_CENTER_BASE_URL names a Partner Center, or
# PARTNER_CENTER_EMULATOR=true asks for the embedded emulator on purpose (README, "Configuration").
# test/unit/deploy/manifests.test.ts checks this file against the code; Docker itself is not run in CI.

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No dependency needs its install script to compile (only protobufjs and @parcel/watcher have one).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
# Dependencies' install scripts stay off; the project's own patches (patches/, README "Patched dependencies")
# are applied as `npm ci`'s postinstall would, and fail the build if one no longer applies.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npx --no-install patch-package --error-on-fail \
  && npm cache clean --force
# The gateway reads nothing from disk at run time (schema/ is for tooling): dist/ is the whole app.
COPY --from=build /app/dist ./dist
# Files stay root-owned and read-only to the process (the pod also mounts the root file system read-only).
USER node
EXPOSE 4000
# Slim images have no curl: node itself asks for liveness (readiness is the orchestrator's business).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node runs as PID 1, not under npm, so SIGTERM reaches the gateway: it drains for SHUTDOWN_GRACE_MS
# and exits 0 (it spawns no children, so no init is needed to reap them). The heap limit is `npm start`'s.
CMD ["node", "--max-old-space-size=1024", "dist/main.js"]
