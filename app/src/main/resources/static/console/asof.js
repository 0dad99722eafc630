// A client or a user account as it was at an instant: its registration, roles, retirement or disabling, folded by
// the server from the events recorded by then (GET /ledger/clients/{id}?asOf=, /ledger/users/{id}?asOf=).
import {useState} from 'preact/hooks';
import {attempt, Definitions, e, Failure, Field, when} from './ui.js';

export function StateAt({api}) {
  const [error, setError] = useState(null);
  const [state, setState] = useState(null);
  const show = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const instant = form.get('party_as_of').trim();
    const path = '/ledger/' + form.get('kind') + '/' + encodeURIComponent(form.get('party_id').trim())
      + (instant ? '?asOf=' + encodeURIComponent(instant) : '');
    setState(await attempt(setError, () => api.get(path)) || null);
  };
  return e('section', null,
    e('h1', null, 'A client or user at an instant'),
    e('form', {onSubmit: show, class: 'card', id: 'party-as-of'},
      e('fieldset', null, e('legend', null, 'Which'),
        e('label', {class: 'check'}, e('input', {type: 'radio', name: 'kind', value: 'clients', checked: true}),
          ' client'),
        e('label', {class: 'check'}, e('input', {type: 'radio', name: 'kind', value: 'users'}), ' user')),
      e(Field, {label: 'Client id or user id', id: 'party_id', required: true}),
      e(Field, {label: 'Instant (ISO-8601; empty for now)', id: 'party_as_of', placeholder: '2026-12-06T10:00:00Z'}),
      e('button', {type: 'submit'}, 'Show')),
    e(Failure, {error}),
    state && e('div', {role: 'status'},
      e('p', null, 'At ', e('time', null, when(state.as_of)), ': ',
        e('span', {class: 'status ' + state.status, id: 'party-status'}, state.status),
        ' (', state.events_considered, ' events considered).'),
      e(Definitions, {rows: state.client_id ? clientRows(state) : userRows(state)})));
}

function clientRows(client) {
  return [['Client id', client.client_id], ['Name', client.client_name], ['Grant types', client.grant_types.join(' ')],
    ['Scopes', client.scope.join(' ')], ['Redirect URIs', client.redirect_uris.join(' ')],
    ['Authentication', client.token_endpoint_auth_method], ['Registered', when(client.registered_at)],
    ['Last updated', when(client.updated_at)], ['Secret rotated', when(client.secret_rotated_at)],
    ['Retired', when(client.retired_at)]];
}

function userRows(user) {
  return [['User id', user.user_id], ['Username', user.username], ['Email', user.email], ['Name', user.name],
    ['Roles', user.roles.join(', ')], ['Registered', when(user.registered_at)],
    ['Password reset', when(user.password_reset_at)], ['Disabled', when(user.disabled_at)]];
}
