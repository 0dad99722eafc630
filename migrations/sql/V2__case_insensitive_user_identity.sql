-- Usernames and email addresses identify a person whatever their case: "Ada" and "ada" are one account.
-- These indexes are what refuses a duplicate registration, in the same transaction as its event.
CREATE UNIQUE INDEX idx_users_username_lower ON users (lower(username));
CREATE UNIQUE INDEX idx_users_email_lower ON users (lower(email));
