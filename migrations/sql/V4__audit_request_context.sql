-- Where each change came from: the request's address, user agent and correlation id, carried as event metadata.
ALTER TABLE audit_log ADD COLUMN remote_address VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN user_agent VARCHAR(255);
ALTER TABLE audit_log ADD COLUMN request_id VARCHAR(64);
CREATE INDEX idx_audit_log_request_id ON audit_log (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX idx_audit_log_user_id ON audit_log (user_id, global_index) WHERE user_id IS NOT NULL;
