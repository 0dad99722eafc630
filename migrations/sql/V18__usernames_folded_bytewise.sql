-- Sign-in folds a typed username in the application (NFKC, then lower case: Usernames.java) and compares it with
-- stored names lowered under the "C" collation, which changes only A-Z whatever the database's locale (under a
-- Turkish one, lower('I') is 'ı'). Stored names are ASCII (the registration policy), so both sides agree on every
-- one. The unique index that refuses a duplicate registration is rebuilt on that same expression, so the lookup
-- uses it.
DROP INDEX idx_users_username_lower;
CREATE UNIQUE INDEX idx_users_username_folded ON users (lower(username COLLATE "C"));
