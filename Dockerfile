# One image for every Omnidex service; docker-compose.yml picks the service with `serve --only`.
# The console is built in a stage with the development dependencies (Vite), then copied in.
FROM node:20-slim AS console
WORKDIR /app
COPY package.json package-lock.json ./
COPY embedded-mongo/package.json embedded-mongo/
COPY console/package.json console/
RUN npm ci
COPY . .
RUN npm run build:console

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1 OMNIDEX_HOST=0.0.0.0
COPY package.json package-lock.json ./
COPY embedded-mongo/package.json embedded-mongo/
COPY console/package.json console/
RUN npm ci --omit=dev
COPY . .
COPY --from=console /app/console/dist console/dist
ENTRYPOINT ["node", "bin/omnidex.js"]
