-- The account the Debezium connector logs in with (connect/listings-connector.json has the same
-- name and password): only what a snapshot and binlog streaming need, no writes.
CREATE USER 'debezium'@'%' IDENTIFIED BY 'debezium-pass';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%';
