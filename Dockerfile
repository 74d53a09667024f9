# One image for every Omnidex service; docker-compose.yml picks the service with `serve --only`.
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1 OMNIDEX_HOST=0.0.0.0
COPY package.json package-lock.json ./
COPY embedded-mongo/package.json embedded-mongo/
RUN npm ci --omit=dev
COPY . .
ENTRYPOINT ["node", "bin/omnidex.js"]
