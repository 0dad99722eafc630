-- Issue 25: verification reads the ledger's signed statements of rows it rewrote in place (PersonalDataEncrypted:
-- the personal data of events written before V39 encrypted after the fact) before it walks the chain. There are a
-- handful among millions of events; this index finds them without reading the event table, and costs an append
-- nothing but the test of its predicate.
CREATE INDEX domain_event_entry_rewrite_statements ON domain_event_entry (global_index)
    WHERE payload_type = 'io.tokenledger.events.privacy.PersonalDataEncrypted';
