-- What Debezium's PostgreSQL connector (pgoutput) needs, as the README advises:
-- REPLICA IDENTITY FULL on listing_details, whose JSON and thumbnail may be TOASTed: its updates
-- and deletes then log every column, so no value of the copy depends on what the target held.
-- The other two tables hold no large values; their primary key (DEFAULT) identifies a row.
ALTER TABLE listing_details REPLICA IDENTITY FULL;

-- The publication the connector streams (publication.name=cdc_sink, publication.autocreate.mode=
-- disabled): the generator's tables. A table added later joins with ALTER PUBLICATION … ADD TABLE.
CREATE PUBLICATION cdc_sink FOR TABLE listings, listing_photos, listing_details;
