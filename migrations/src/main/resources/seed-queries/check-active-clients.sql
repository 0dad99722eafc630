SELECT client_id, client_name, created_at 
FROM clients 
ORDER BY created_at DESC;
