-- The tuned peer: the indexes Spring Authorization Server's schema lacks, for the lookups its JDBC services make
-- (a client by client_id; an authorization by any of its token values, which findByToken ORs together).
CREATE INDEX IF NOT EXISTS registered_client_client_id ON oauth2_registered_client (client_id);
CREATE INDEX IF NOT EXISTS authorization_state ON oauth2_authorization (state);
CREATE INDEX IF NOT EXISTS authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX IF NOT EXISTS authorization_access_token ON oauth2_authorization (access_token_value);
CREATE INDEX IF NOT EXISTS authorization_id_token ON oauth2_authorization (oidc_id_token_value);
CREATE INDEX IF NOT EXISTS authorization_refresh_token ON oauth2_authorization (refresh_token_value);
CREATE INDEX IF NOT EXISTS authorization_user_code ON oauth2_authorization (user_code_value);
CREATE INDEX IF NOT EXISTS authorization_device_code ON oauth2_authorization (device_code_value);
