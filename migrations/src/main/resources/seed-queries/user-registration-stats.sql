SELECT 
    DATE(created_at) as date,
    COUNT(*) as registrations,
    COUNT(DISTINCT provider) as providers_used
FROM users 
WHERE created_at > NOW() - INTERVAL '30 days'
GROUP BY DATE(created_at)
ORDER BY date DESC;
