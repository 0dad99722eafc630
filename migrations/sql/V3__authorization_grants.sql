-- Authorization grants: the authorization code flow and rotating refresh tokens.
-- A grant's tokens live in the grant's event stream; these columns tie the read rows to it.

ALTER TABLE tokens ADD COLUMN grant_id UUID;
ALTER TABLE tokens ADD COLUMN refresh_token_expires_at TIMESTAMPTZ;
ALTER TABLE tokens ADD COLUMN refresh_token_rotated_at TIMESTAMPTZ;
COMMENT ON COLUMN tokens.grant_id IS 'the authorization grant the token belongs to; NULL for client_credentials';
COMMENT ON COLUMN tokens.refresh_token_rotated_at IS 'when the refresh token was used and retired';
CREATE INDEX idx_tokens_grant_id ON tokens (grant_id) WHERE grant_id IS NOT NULL;

ALTER TABLE authorization_codes ADD COLUMN grant_id UUID;
ALTER TABLE authorization_codes ADD COLUMN replayed_at TIMESTAMPTZ;
COMMENT ON COLUMN authorization_codes.replayed_at IS 'when the code was first presented again after its redemption';
CREATE UNIQUE INDEX idx_authorization_codes_grant_id ON authorization_codes (grant_id);
