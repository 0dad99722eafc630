-- New rows carry the latest created_at, and an index in descending order puts each at its far left. B-trees split
-- their last page so that it stays full, but split any other page in half, and the first one is another: the
-- descending indexes stood half empty (~41 bytes per token for an 8-byte key). Ascending, new keys land on the last
-- page; "ORDER BY created_at DESC" reads the same index backwards.
DROP INDEX idx_tokens_active_created_at;
CREATE INDEX idx_tokens_active_created_at ON tokens (created_at) WHERE revoked_at IS NULL;
DROP INDEX idx_authorization_codes_created_at;
CREATE INDEX idx_authorization_codes_created_at ON authorization_codes (created_at);
