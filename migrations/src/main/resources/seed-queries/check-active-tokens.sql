SELECT 
    token_id, 
    client_id, 
    token_type, 
    expires_at,
    (expires_at > NOW()) AS is_active
FROM tokens 
WHERE revoked_at IS NULL
ORDER BY created_at DESC 
LIMIT 100;
