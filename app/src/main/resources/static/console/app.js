// The console: one page, a public client of this server. It signs its user in, then shows what the user's roles
// open: auditors read the ledger, administrators also change it, each through the same APIs as any client.
import {render} from 'preact';
import {useEffect, useState} from 'preact/hooks';
import {currentSession, discover, forget, completeSignIn, signIn, signOut} from './auth.js';
import {api as apiFor, SIGNED_OUT, SignedOut} from './api.js';
import {e, Failure} from './ui.js';
import {FindToken, TokenView} from './tokens.js';
import {Clients, Keys, Projections, Users} from './admin.js';
import {AuditLog} from './audit.js';
import {Integrity} from './integrity.js';
import {StateAt} from './asof.js';

const AUDIT = 'ledger:audit';
const ADMIN = 'ledger:admin';

function route(hash, api, go) {
  const token = hash.match(/^#\/tokens\/([^/]+)$/);
  const tokenId = token && decoded(token[1]);
  if (tokenId) {
    return e(TokenView, {api, tokenId, key: token[1]});
  }
  if (hash === '#/audit' || hash.startsWith('#/audit?')) {
    const initial = Object.fromEntries(new URLSearchParams(hash.substring('#/audit'.length + 1)));
    return e(AuditLog, {api, go, initial, key: hash});
  }
  if (hash === '#/state') {
    return e(StateAt, {api});
  }
  if (hash === '#/integrity') {
    return e(Integrity, {api});
  }
  if (hash === '#/projections') {
    return e(Projections, {api});
  }
  if (hash === '#/keys') {
    return e(Keys, {api});
  }
  if (hash === '#/users') {
    return e(Users, {api});
  }
  if (hash === '#/clients') {
    return e(Clients, {api});
  }
  return e(FindToken, {api, go});
}

/** A path segment as typed; null for one that is no valid percent-encoding (a crafted link), which shows the search. */
function decoded(segment) {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    return null;
  }
}

function Navigation({api, hash}) {
  const links = [['#/tokens', 'Tokens', AUDIT], ['#/state', 'At an instant', AUDIT], ['#/audit', 'Audit log', AUDIT],
    ['#/integrity', 'Integrity', AUDIT], ['#/projections', 'Projections', ADMIN],
    ['#/clients', 'Clients', ADMIN], ['#/users', 'Users', ADMIN], ['#/keys', 'Keys', ADMIN]];
  return e('nav', {'aria-label': 'Console'}, e('ul', null, links.filter(([, , scope]) => api.may(scope))
    .map(([href, name]) => e('li', {key: href}, e('a', {href, 'aria-current': hash === href ? 'page' : null}, name)))));
}

function SignIn({metadata, error}) {
  return e('main', {class: 'sign-in'},
    e('h1', null, 'Token Ledger console'),
    e('p', null, 'For auditors and administrators of this ledger. You sign in with your account on this server; '
      + 'what you may see and do follows your roles.'),
    e(Failure, {error}),
    e('button', {type: 'button', id: 'sign-in', onClick: () => signIn(metadata)}, 'Sign in'));
}

function Console({metadata, session}) {
  const [hash, setHash] = useState(location.hash || '#/tokens');
  const [failure, setFailure] = useState(null);
  const api = apiFor(session);
  useEffect(() => {
    const changed = () => setHash(location.hash || '#/tokens');
    const ended = () => {
      forget();
      setFailure(new SignedOut('Your sign-in has ended. Sign in again.'));
    };
    addEventListener('hashchange', changed);
    addEventListener(SIGNED_OUT, ended);
    return () => {
      removeEventListener('hashchange', changed);
      removeEventListener(SIGNED_OUT, ended);
    };
  }, []);
  const go = target => {
    location.hash = target;
  };
  if (failure) {
    return e(SignIn, {metadata, error: failure});
  }
  if (!api.may(AUDIT)) {
    return e('main', null, e('h1', null, 'No access'),
      e('p', {role: 'alert'}, 'Your account has neither the auditor nor the administrator role. An administrator can '
        + 'give you one (PUT /admin/users/{id}/roles, or: java -jar token-ledger.jar users roles <you> auditor).'),
      e('button', {type: 'button', onClick: () => signOut(metadata, session)}, 'Sign out'));
  }
  return e('div', {class: 'console'},
    e('header', null,
      e('p', {class: 'brand'}, 'Token Ledger'),
      e(Navigation, {api, hash}),
      e('p', {class: 'who'}, e('span', {id: 'roles'}, api.may(ADMIN) ? 'administrator' : 'auditor'), ' · ',
        e('button', {type: 'button', class: 'link', id: 'sign-out', onClick: () => signOut(metadata, session)},
          'Sign out'))),
    e('main', null, route(hash, api, go)));
}

async function start(root) {
  const metadata = await discover();
  const here = new URL(location.href);
  const home = new URL(metadata.issuer + '/console/');
  if (here.origin + here.pathname !== home.origin + home.pathname) {
    // The console's redirect URI is the issuer's: sign in there, or the answer would land in another origin. Once:
    // an issuer the browser cannot reach as written gets a message, not a loop.
    if (sessionStorage.getItem('ledger.console.moved') === home.href) {
      throw new Error('this server\'s issuer (' + metadata.issuer + ') is not where the console was opened');
    }
    sessionStorage.setItem('ledger.console.moved', home.href);
    location.replace(home.href + location.hash);
    return;
  }
  sessionStorage.removeItem('ledger.console.moved');
  let session = currentSession();
  let error = null;
  if (here.searchParams.has('code') || here.searchParams.has('error')) {
    try {
      session = await completeSignIn(metadata, here.searchParams);
    } catch (failure) {
      error = failure;
    }
  }
  render(session ? e(Console, {metadata, session}) : e(SignIn, {metadata, error}), root);
}

start(document.getElementById('app')).catch(error => {
  document.getElementById('app').textContent = 'The console could not start: ' + error.message;
});
