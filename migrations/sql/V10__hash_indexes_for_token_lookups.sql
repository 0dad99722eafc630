-- Tokens are found by the hash of the value a client presents, by equality only (introspection, revocation,
-- refresh). A B-tree held each 71-character "sha256:<hex>" key again, in pages that random keys leave a third
-- empty: ~127 bytes per token, the largest index of the ledger. A hash index holds a 4-byte hash code per row
-- (~30 bytes) and finds a row in one bucket page. Uniqueness was never what these indexes were for: the values are
-- 256-bit random, and token_id is the key. Client credentials tokens have no refresh token: the partial index
-- leaves them out.
DROP INDEX idx_tokens_access_token;
CREATE INDEX idx_tokens_access_token ON tokens USING hash (access_token);
DROP INDEX idx_tokens_refresh_token;
CREATE INDEX idx_tokens_refresh_token ON tokens USING hash (refresh_token) WHERE refresh_token IS NOT NULL;
