-- A connect is bound to the browser that started it: the hash of a secret only that browser's
-- extension holds travels with the OAuth state to the handoff code, and the code can be traded
-- for a session only with that secret. The PKCE verifier waits here for Lever's callback.
ALTER TABLE oauth_states ADD COLUMN secret_hash TEXT;
ALTER TABLE oauth_states ADD COLUMN pkce_verifier TEXT;
ALTER TABLE handoffs ADD COLUMN secret_hash TEXT;
