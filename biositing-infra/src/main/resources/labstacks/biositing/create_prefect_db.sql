-- Creates Prefect's metadata database next to the application database. PostgreSQL runs the files in
-- /docker-entrypoint-initdb.d only on an empty data directory, and this script is safe to run again.
SELECT 'CREATE DATABASE prefect_db'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'prefect_db')\gexec

\c prefect_db

GRANT ALL PRIVILEGES ON DATABASE prefect_db TO CURRENT_USER;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO CURRENT_USER;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO CURRENT_USER;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO CURRENT_USER;
