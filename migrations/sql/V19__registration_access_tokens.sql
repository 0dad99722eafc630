-- RFC 7592 §3: each registration has an access token with which the client manages itself. Only its SHA-256 hash is
-- kept, like every other secret; a client has at most one at a time (a new one replaces it on update).
ALTER TABLE clients ADD COLUMN registration_token_hash TEXT;
COMMENT ON COLUMN clients.registration_token_hash IS 'SHA-256 hash of the registration access token (RFC 7592), never the token';
CREATE UNIQUE INDEX idx_clients_registration_token_hash ON clients (registration_token_hash)
    WHERE registration_token_hash IS NOT NULL;
