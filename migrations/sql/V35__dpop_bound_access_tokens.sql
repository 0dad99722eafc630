-- RFC 9449 §5.2: a client whose access tokens must always be bound to a DPoP key (ClientRegistered/ClientUpdated
-- revision 8); its token requests without a proof are refused.
ALTER TABLE clients ADD COLUMN dpop_bound_access_tokens BOOLEAN NOT NULL DEFAULT false;
