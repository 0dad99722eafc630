-- OpenID Connect Back-Channel Logout 1.0: where a client is told that a session it signed a user in through ended
-- (ClientRegistered/ClientUpdated revision 5), and each logout to deliver with how its attempts went
-- (BackchannelLogoutRequested, BackchannelLogoutDelivered, BackchannelLogoutFailed).
ALTER TABLE clients ADD COLUMN backchannel_logout_uri VARCHAR(1000);

CREATE TABLE backchannel_logouts (
    logout_id       UUID          PRIMARY KEY,
    session_id      UUID          NOT NULL,
    user_id         VARCHAR(255)  NOT NULL,
    client_id       VARCHAR(255)  NOT NULL,
    uri             VARCHAR(1000) NOT NULL,
    issuer          VARCHAR(1000) NOT NULL,
    requested_at    TIMESTAMPTZ   NOT NULL,
    status          VARCHAR(16)   NOT NULL CHECK (status IN ('pending', 'delivered', 'abandoned')),
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    last_status     INTEGER,
    last_error      VARCHAR(1000)
);
-- The delivery reads the pending ones that are due.
CREATE INDEX idx_backchannel_logouts_due ON backchannel_logouts (next_attempt_at) WHERE status = 'pending';
CREATE INDEX idx_backchannel_logouts_session_id ON backchannel_logouts (session_id);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (backchannel_logout_uri) ON clients TO ledger_analyst;
        GRANT SELECT ON backchannel_logouts TO ledger_analyst;
    END IF;
END
$$;
