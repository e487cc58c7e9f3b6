# One image for the API and the ingest worker; docker-compose.yml picks the command.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json nx.json tsconfig.base.json tsconfig.json tsconfig.spec.json .swcrc ./
COPY db db
COPY libs libs
COPY apps apps
COPY tools tools
COPY benchmarks benchmarks
COPY samples samples
RUN npm ci --no-audit --no-fund && NX_DAEMON=false npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000
CMD ["node", "apps/api/dist/main.js"]
