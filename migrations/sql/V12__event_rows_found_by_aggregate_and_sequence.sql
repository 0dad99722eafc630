-- Projections find an event's row by Axon's (aggregate_identifier, sequence_number) key, which Axon keeps unique for
-- its own concurrency check, so the event id's unique index goes (~59 bytes per event, docs/performance.md). Its only
-- readers were the audit log and the hash chain, which looked an event's position up by its id. Ids are time-ordered
-- UUIDs the server makes, and each is covered by its row's seal.
ALTER TABLE domain_event_entry DROP CONSTRAINT domain_event_entry_event_identifier_key;
