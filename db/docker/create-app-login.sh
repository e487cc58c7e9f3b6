#!/bin/sh
# Run once by the postgres image on a fresh volume (docker-entrypoint-initdb.d): the login the
# API and the workers use, a member of jugendamt_app only, so row-level security binds all they
# run (docs/architecture.md, "Offices kept apart"). Migration 0017 finds the role and keeps it.
# On an existing volume, run the same two statements once by hand as the owner.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE jugendamt_app NOLOGIN;
CREATE ROLE controlling_app LOGIN PASSWORD :'app_password' IN ROLE jugendamt_app;
SQL
