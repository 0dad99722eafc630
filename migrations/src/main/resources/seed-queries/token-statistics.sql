SELECT 
    token_type,
    COUNT(*) as total,
    SUM(CASE WHEN expires_at > NOW() AND revoked_at IS NULL THEN 1 ELSE 0 END) as active,
    SUM(CASE WHEN revoked_at IS NOT NULL THEN 1 ELSE 0 END) as revoked,
    SUM(CASE WHEN expires_at <= NOW() THEN 1 ELSE 0 END) as expired
FROM tokens
GROUP BY token_type;
