# syntax=docker/dockerfile:1

# --- build: compile TypeScript with every dependency available
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ormconfig.ts ./
COPY src ./src
COPY scripts/copy-assets.mjs ./scripts/
RUN npm run build

# --- production dependencies only (no embedded PostgreSQL binaries: production uses DATABASE_URL)
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

# --- runtime: non-root, production mode, with a health check on readiness
FROM node:24-bookworm-slim
# The young generation at 16 MB a semi-space (Node.js 20's default; 24 doubled it): on Node.js 24
# the side-by-side benchmark's whole run peaked at 345 MB of RSS without it and 240 MB with it, at
# the same throughput within the run-to-run noise (docs/performance.md). In NODE_OPTIONS so the
# API, the workers and cluster workers all get it.
ENV NODE_ENV=production PORT=3000 NODE_OPTIONS=--max-semi-space-size=16
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# The image's `node` user, by number: Kubernetes' runAsNonRoot can only verify a numeric user.
USER 1000:1000
EXPOSE 3000
# Readiness is on OPS_PORT when that is set, on PORT otherwise.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The API (and, unless JOBS_WORKER=false, the job workers). For the workers alone, run the same
# image with `node dist/src/worker.js` and OPS_PORT set, so the health check has a listener.
CMD ["node", "dist/src/main.js"]
