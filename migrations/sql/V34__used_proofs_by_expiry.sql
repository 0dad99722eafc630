-- Each use of a client assertion or a DPoP proof deletes the client's expired ones in the same statement
-- (ClientAssertions, DPoPProofs). Through the primary key (client_id, jti) that read every row of the client, tens of
-- thousands for a busy DPoP client over the proofs' two minutes; by expiry it reads only those it deletes.
CREATE INDEX idx_used_client_assertions_expiry ON used_client_assertions (client_id, expires_at);
CREATE INDEX idx_used_dpop_proofs_expiry ON used_dpop_proofs (client_id, expires_at);
