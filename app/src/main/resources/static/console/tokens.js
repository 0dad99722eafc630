// The auditor's view of tokens: find one (by id, or by its value, posted and looked up by hash), its timeline from
// the ledger with who caused each event and from where, the grant it belongs to, and its state at any instant.
import {useEffect, useRef, useState} from 'preact/hooks';
import {attempt, Definitions, e, Failure, Field, shortType, when} from './ui.js';

export function FindToken({api, go}) {
  const [error, setError] = useState(null);
  const byId = async event => {
    event.preventDefault();
    go('#/tokens/' + encodeURIComponent(new FormData(event.target).get('token_id').trim()));
  };
  const byValue = async event => {
    event.preventDefault();
    const value = new FormData(event.target).get('token').trim();
    const found = await attempt(setError, () => api.post('/ledger/tokens/lookup', {form: {token: value}}));
    if (found) {
      go('#/tokens/' + found.token_id);
    }
  };
  return e('section', null,
    e('h1', null, 'Find a token'),
    e('form', {onSubmit: byId, class: 'card'},
      e(Field, {label: 'Token id', id: 'token_id', required: true, placeholder: 'a UUID from the ledger'}),
      e('button', {type: 'submit'}, 'Show')),
    e('form', {onSubmit: byValue, class: 'card'},
      e('p', {class: 'field'}, e('label', {for: 'token'}, 'Token value (looked up by its hash; never sent in a URL)'),
        e('textarea', {id: 'token', name: 'token', required: true, rows: 3, autocomplete: 'off', spellcheck: false})),
      e('button', {type: 'submit', id: 'find-by-value'}, 'Find')),
    e(Failure, {error}),
    e(ClientTokens, {api, go}),
    e(ByUserOrTime, {go}));
}

/** A user's or a client's tokens over a time range: the audit log's events that issued or ended them. */
function ByUserOrTime({go}) {
  const search = event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const query = Object.fromEntries(['user_id', 'client_id', 'from', 'to'].map(name => [name, form.get('by_' + name)
      .trim()]).filter(([, value]) => value));
    go('#/audit?' + new URLSearchParams(query));
  };
  return e('form', {onSubmit: search, class: 'card filters', id: 'by-user-or-time'},
    e('h2', null, 'Tokens by user, client or time range'),
    e(Field, {label: 'User id', id: 'by_user_id'}), e(Field, {label: 'Client id', id: 'by_client_id'}),
    e(Field, {label: 'From (ISO-8601 instant)', id: 'by_from'}), e(Field, {label: 'To (ISO-8601 instant)', id: 'by_to'}),
    e('button', {type: 'submit'}, 'Search the audit log'));
}

function ClientTokens({api, go}) {
  const [error, setError] = useState(null);
  const [tokens, setTokens] = useState(null);
  const search = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const activeAt = form.get('active_at').trim();
    const query = activeAt ? '?activeAt=' + encodeURIComponent(activeAt) : '';
    setTokens(await attempt(setError, () => api.get('/ledger/clients/'
      + encodeURIComponent(form.get('client_id').trim()) + '/tokens' + query)));
  };
  return e('form', {onSubmit: search, class: 'card'},
    e('h2', null, 'Tokens of a client, active at an instant'),
    e(Field, {label: 'Client id', id: 'client_id', required: true}),
    e(Field, {label: 'Active at (ISO-8601 instant; empty for now)', id: 'active_at', placeholder: '2026-12-06T10:00:00Z'}),
    e('button', {type: 'submit'}, 'List'),
    e(Failure, {error}),
    tokens && e(TokenTable, {tokens, go}));
}

function TokenTable({tokens, go}) {
  if (!tokens.length) {
    return e('p', null, 'None.');
  }
  return e('table', null,
    e('thead', null, e('tr', null, ['Token', 'Status', 'User', 'Scopes', 'Issued', 'Expires'].map(name =>
      e('th', {scope: 'col'}, name)))),
    e('tbody', null, tokens.map(token => e('tr', {key: token.token_id},
      e('td', null, e('a', {href: '#/tokens/' + token.token_id, onClick: event => {
        event.preventDefault();
        go('#/tokens/' + token.token_id);
      }}, token.token_id)),
      e('td', null, token.status), e('td', null, token.user_id || '—'), e('td', null, token.scopes.join(' ')),
      e('td', null, when(token.issued_at)), e('td', null, when(token.expires_at))))));
}

export function TokenView({api, tokenId}) {
  const [error, setError] = useState(null);
  const [token, setToken] = useState(null);
  const [history, setHistory] = useState([]);
  const [grant, setGrant] = useState([]);
  const [asOf, setAsOf] = useState(null);

  const load = async () => {
    const now = await attempt(setError, () => api.get('/ledger/tokens/' + encodeURIComponent(tokenId)));
    if (!now) {
      return;
    }
    setToken(now);
    setHistory(await everything(api, '/ledger/tokens/' + encodeURIComponent(tokenId) + '/history'));
    setGrant(now.grant_id ? await everything(api, '/ledger/grants/' + now.grant_id + '/history') : []);
  };
  useEffect(() => {
    load();
  }, [tokenId]);

  const stateAt = async instant => {
    setAsOf(await attempt(setError, () => api.get('/ledger/tokens/' + encodeURIComponent(tokenId)
      + '?asOf=' + encodeURIComponent(instant))));
  };
  if (!token) {
    return e('section', null, e('h1', null, 'Token ' + tokenId), e(Failure, {error}) || e('p', null, 'Loading…'));
  }
  return e('section', null,
    e('h1', null, 'Token ', e('code', null, token.token_id), ' ', e('span', {class: 'status ' + token.status,
      id: 'token-status'}, token.status)),
    e(Failure, {error}),
    e(TokenFacts, {token}),
    api.may('ledger:admin') && e(Revoke, {api, token, done: load}),
    e('h2', null, 'Timeline'),
    e(Timeline, {events: history, token, pick: stateAt}),
    e(AsOfForm, {stateAt, asOf}),
    token.grant_id && e('section', null,
      e('h2', null, 'Its grant ', e('code', null, token.grant_id)),
      e('p', null, 'Every token of the grant and what happened to it: codes redeemed or replayed, refresh rotations, '
        + 'reuse detected, revocations.'),
      e(EventList, {events: grant, id: 'grant-events'})));
}

async function everything(api, path) {
  const events = [];
  let after = null;
  do {
    const page = await api.get(path + (after ? '?after=' + after : ''));
    events.push(...page.items);
    after = page.next;
  } while (after);
  return events;
}

function TokenFacts({token}) {
  return e(Definitions, {rows: [
    ['Client', token.client_id], ['User', token.user_id], ['Grant type', token.grant_type],
    ['Scopes', token.scopes.join(' ')], ['Issued', when(token.issued_at)], ['Expires', when(token.expires_at)],
    ['Revoked', when(token.revoked_at)], ['Reason', token.revocation_reason], ['Revoked by', token.revoked_by],
    ['Written reason', token.revocation_note]
  ]});
}

/** The token's life on a line from issuance to expiry, each event a mark where it happened. */
function Timeline({events, token, pick}) {
  const start = Date.parse(token.issued_at);
  const end = Math.max(Date.parse(token.expires_at), ...events.map(event => Date.parse(event.recorded_at)));
  const x = instant => 20 + 960 * (Date.parse(instant) - start) / Math.max(1, end - start);
  return e('div', {class: 'timeline'},
    e('svg', {viewBox: '0 0 1000 56', role: 'img', 'aria-label': 'Timeline from issuance to expiry'},
      e('line', {x1: 20, y1: 28, x2: 980, y2: 28, class: 'axis'}),
      events.map(event => e('circle', {cx: x(event.recorded_at), cy: 28, r: 7, class: 'mark ' + shortType(event.type)},
        e('title', null, shortType(event.type) + ' at ' + when(event.recorded_at)))),
      e('text', {x: 20, y: 54, class: 'label'}, when(token.issued_at)),
      e('text', {x: 980, y: 54, class: 'label end'}, 'expires ' + when(token.expires_at))),
    e(EventList, {events, id: 'token-events', pick}));
}

function EventList({events, id, pick}) {
  return e('ol', {class: 'events', id},
    events.map(event => e('li', {key: event.position, 'data-type': shortType(event.type)},
      e('p', {class: 'what'}, e('strong', null, shortType(event.type)), ' ', e('time', null, when(event.recorded_at)),
        ' by ', e('code', null, actor(event))),
      e('p', {class: 'context'}, 'request ', e('code', null, event.metadata?.requestId || '—'), ' from ',
        e('code', null, event.metadata?.remoteAddress || '—'), ' · ', event.metadata?.userAgent || 'no user agent',
        ' · position ', event.position),
      pick && e('button', {type: 'button', class: 'link', onClick: () => pick(justBefore(event.recorded_at))},
        'State just before this'))));
}

function actor(event) {
  const who = event.payload.actor;
  return who ? who.kind + ':' + who.id : 'unknown';
}

function justBefore(instant) {
  return new Date(Date.parse(instant) - 1).toISOString();
}

function AsOfForm({stateAt, asOf}) {
  const answer = useRef(null);
  useEffect(() => answer.current?.scrollIntoView({block: 'nearest'}), [asOf]);
  const submit = event => {
    event.preventDefault();
    stateAt(new FormData(event.target).get('as_of').trim());
  };
  return e('form', {onSubmit: submit, class: 'card', id: 'as-of'},
    e('h2', null, 'State at an instant'),
    e(Field, {label: 'Instant (ISO-8601, e.g. 2026-12-06T10:00:00Z)', id: 'as_of', required: true,
      value: asOf ? asOf.as_of : undefined}),
    e('button', {type: 'submit'}, 'Show the state then'),
    asOf && e('div', {class: 'as-of', ref: answer, role: 'status'},
      e('p', null, 'At ', e('time', null, when(asOf.as_of)), ' the token was ',
        e('span', {class: 'status ' + asOf.status, id: 'as-of-status'}, asOf.status),
        ' (', asOf.events_considered, ' events considered).'),
      e(TokenFacts, {token: asOf})));
}

function Revoke({api, token, done}) {
  const [error, setError] = useState(null);
  const [result, setResult] = useState(null);
  if (token.status !== 'active') {
    return null;
  }
  const revoke = async event => {
    event.preventDefault();
    const reason = new FormData(event.target).get('reason').trim();
    const revoked = await attempt(setError, () => api.post('/admin/tokens/' + token.token_id + '/revoke',
      {json: {reason}}));
    if (revoked) {
      setResult(revoked);
      done();
    }
  };
  return e('form', {onSubmit: revoke, class: 'card danger', id: 'revoke'},
    e('h2', null, token.grant_id ? 'Revoke this token and its grant' : 'Revoke this token'),
    e(Field, {label: 'Reason (recorded in the ledger)', id: 'reason', required: true, maxlength: 500}),
    e('button', {type: 'submit'}, 'Revoke'),
    e(Failure, {error}),
    result && e('p', {role: 'status'}, 'Outcome: ' + result.outcome));
}
