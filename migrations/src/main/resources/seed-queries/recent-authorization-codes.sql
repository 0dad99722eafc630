SELECT 
    code, 
    client_id, 
    user_id, 
    expires_at,
    used_at
FROM authorization_codes 
WHERE created_at > NOW() - INTERVAL '1 hour'
ORDER BY created_at DESC;
