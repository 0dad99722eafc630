-- RFC 8707 resource indicators: the resources an access token is for, space-separated like scope (a resource is an
-- absolute URI without spaces). NULL when the token is not restricted to any; introspection answers it as "aud".
ALTER TABLE tokens ADD COLUMN audience VARCHAR(2600);
COMMENT ON COLUMN tokens.audience IS 'the resources (RFC 8707) the access token is for, space-separated; NULL for any';
