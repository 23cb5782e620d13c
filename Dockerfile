# The e-mail subscription service (`npm run subscribers -- serve`) as a container, to run on any
# host that shares no failure domain with what the status page reports on. docs/subscribers.md
# says how to run it, where its data lives and which variables it reads.
#
#   docker build -t heliograph-subscribers .
#   docker run --init -p 8080:8080 -v heliograph-data:/data --env-file subscribers.env heliograph-subscribers
FROM node:24-bookworm-slim

WORKDIR /app
ENV ASTRO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# Every dependency: the configuration is validated with the zod that astro ships, and the service
# runs on the Node version the project pins (the `node` package), as npm scripts do.
RUN npm ci --no-audit --no-fund && npm cache clean --force
# Node runs the TypeScript as it is (type stripping): no tsconfig.json, no build step.
COPY src ./src
COPY scripts ./scripts
# The site's configuration: title, language, components and subscriptions.url, which the service
# needs (the repository's example sets none: set it in your fork before building). Mount another
# over it (-v ./content:/app/content:ro) to change components without rebuilding.
COPY content/heliograph.yaml ./content/heliograph.yaml

# SQLite lives on a volume; set DATABASE_URL to use PostgreSQL instead.
RUN mkdir /data && chown node:node /data
VOLUME /data
ENV HOST=0.0.0.0 PORT=8080 SUBSCRIBERS_DB=/data/subscribers.sqlite
EXPOSE 8080
USER node

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: stop accepting, let in-flight sends finish (up to 20 s), close the database.
STOPSIGNAL SIGTERM
# What `npm run subscribers -- serve` runs (package.json), without npm: npm starts the script
# through /bin/sh, which passes no signal on, so SIGTERM would reach npm and sh but not the service,
# and Docker would then kill it mid-send. test/subscribers/dockerfile.test.ts keeps the two equal.
CMD ["/app/node_modules/.bin/node", "--max-semi-space-size=2", "--max-old-space-size=256", "scripts/subscribers.ts", "serve"]
