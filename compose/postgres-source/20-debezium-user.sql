-- The account the Debezium PostgreSQL connector logs in with (connect/postgres-connector.json has
-- the same name and password): logical replication and reading the captured tables, no writes.
-- The publication it streams (cdc_sink) comes with the source schema (db/source/postgresql/V3).
CREATE ROLE debezium WITH LOGIN REPLICATION PASSWORD 'debezium-pass';
GRANT SELECT ON listings, listing_photos, listing_details TO debezium;
