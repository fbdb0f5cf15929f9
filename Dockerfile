# Allot API / worker image for production (docker-compose.yml). The embedded FerretDB and Temporal
# dev server are not in it: production uses MongoDB and a Temporal cluster.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:designer

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000
CMD ["node_modules/.bin/tsx", "engine/api/server.ts"]
