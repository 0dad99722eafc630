// Signs the console's user in as a public client of this server: authorization code with PKCE (RFC 7636), the
// answer checked against the request's state and the issuer (RFC 9207). Tokens live in this tab's sessionStorage,
// which the page's Content Security Policy keeps out of reach of injected scripts, and are revoked at sign-out.
export const CLIENT_ID = 'ledger-console';
const FLOW = 'ledger.console.flow';
const SESSION = 'ledger.console.session';

export async function discover() {
  const response = await fetch('/.well-known/openid-configuration');
  if (!response.ok) {
    throw new Error('The server did not describe itself (' + response.status + ')');
  }
  return response.json();
}

export function redirectUri(metadata) {
  return metadata.issuer + '/console/';
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomValue() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function s256(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export async function signIn(metadata) {
  const flow = {verifier: randomValue(), state: randomValue(), back: location.hash};
  sessionStorage.setItem(FLOW, JSON.stringify(flow));
  const request = new URL(metadata.authorization_endpoint);
  request.search = new URLSearchParams({
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(metadata),
    scope: 'openid ledger:audit ledger:admin', state: flow.state,
    code_challenge: await s256(flow.verifier), code_challenge_method: 'S256'
  });
  location.assign(request);
}

/** The authorization response in the URL, turned into a session; the URL is cleaned first, whatever happens. */
export async function completeSignIn(metadata, answer) {
  const flow = JSON.parse(sessionStorage.getItem(FLOW) || 'null');
  sessionStorage.removeItem(FLOW);
  history.replaceState(null, '', location.pathname + (flow && flow.back ? flow.back : ''));
  // Only an answer to this tab's own request, from this issuer (RFC 9207, errors included), is shown or used.
  if (!flow || answer.get('state') !== flow.state) {
    throw new Error('This sign-in answer does not belong to a request of this tab. Sign in again.');
  }
  if (answer.get('iss') !== metadata.issuer) {
    throw new Error('This sign-in answer names another issuer (RFC 9207). Sign in again.');
  }
  if (answer.get('error')) {
    throw new Error('Sign-in refused: ' + (answer.get('error_description') || answer.get('error')));
  }
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: answer.get('code'), redirect_uri: redirectUri(metadata),
      client_id: CLIENT_ID, code_verifier: flow.verifier
    })
  });
  const tokens = await response.json();
  if (!response.ok) {
    throw new Error(tokens.error_description || tokens.error);
  }
  const session = {
    token: tokens.access_token, idToken: tokens.id_token,
    scopes: (tokens.scope || '').split(' ').filter(Boolean),
    expiresAt: Date.now() + 1000 * tokens.expires_in
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

export function currentSession() {
  const session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  return session && session.expiresAt > Date.now() ? session : null;
}

export function forget() {
  sessionStorage.removeItem(SESSION);
}

/** Revokes the token (RFC 7009), then ends the sign-in session at the server (RP-Initiated Logout). */
export async function signOut(metadata, session) {
  forget();
  await fetch(metadata.revocation_endpoint, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({token: session.token, client_id: CLIENT_ID})
  });
  const logout = new URL(metadata.end_session_endpoint);
  logout.search = new URLSearchParams({
    id_token_hint: session.idToken, post_logout_redirect_uri: redirectUri(metadata), client_id: CLIENT_ID
  });
  location.assign(logout);
}
