// The administrator's views: projections (status, lag, rebuild with its progress), clients (find, register, rotate
// a secret, retire), signing keys (list, rotate) and users (find, create, roles, password reset, disable, erase). Each action is a call to the admin API with the signed-in user's token, so the ledger names the user.
import {useEffect, useState} from 'preact/hooks';
import {attempt, Definitions, e, Failure, Field, pageQuery, useCursorPages, when} from './ui.js';

export function Projections({api}) {
  const [error, setError] = useState(null);
  const [projections, setProjections] = useState([]);
  const refresh = async () => setProjections(await attempt(setError, () => api.get('/admin/projections')) || []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 500);
    return () => clearInterval(timer);
  }, []);
  const rebuild = async name => {
    await attempt(setError, () => api.post('/admin/projections/' + encodeURIComponent(name) + '/rebuild'));
    refresh();
  };
  return e('section', null,
    e('h1', null, 'Projections'),
    e('p', null, 'Read tables built from the ledger: how far each has read, and a rebuild from the first event.'),
    e(Failure, {error}),
    e('table', null,
      e('thead', null, e('tr', null, ['Projection', 'Mode', 'Position', 'Lag', 'State', 'Rebuild'].map(name =>
        e('th', {scope: 'col'}, name)))),
      e('tbody', null, projections.map(projection => e('tr', {key: projection.name, id: 'projection-' + projection.name},
        e('th', {scope: 'row'}, projection.name), e('td', null, projection.mode), e('td', null, projection.position),
        e('td', null, projection.lag), e('td', null, projection.state),
        e('td', null, e(Rebuild, {projection, rebuild})))))));
}

function Rebuild({projection, rebuild}) {
  const progress = projection.rebuild;
  const percent = progress && progress.events_total
    ? Math.floor(100 * progress.events_done / progress.events_total) : (progress?.state === 'done' ? 100 : 0);
  return e('div', {class: 'rebuild'},
    projection.rebuildable && e('button', {type: 'button', disabled: progress?.state === 'running',
      onClick: () => rebuild(projection.name), 'aria-label': 'Rebuild ' + projection.name}, 'Rebuild'),
    progress && e('span', {class: 'progress'},
      e('progress', {max: 100, value: percent, 'aria-label': projection.name + ' rebuild progress'}),
      e('output', {class: 'percent'}, percent + '%'), ' ', progress.state,
      progress.error ? ' — ' + progress.error : ''));
}

export function Clients({api}) {
  const [error, setError] = useState(null);
  const [query, setQuery] = useState({});
  const [selected, setSelected] = useState(null);
  const {page, pager, reload} = useCursorPages((selection, after) => api.get('/admin/clients?'
    + pageQuery(selection, 25, after)), query, setError);
  const search = event => {
    event.preventDefault();
    const q = new FormData(event.target).get('client_q').trim();
    setQuery(q ? {q} : {});
  };
  return e('section', null,
    e('h1', null, 'Clients'),
    e('form', {onSubmit: search, class: 'card', id: 'client-search'},
      e(Field, {label: 'Client id or name starts with', id: 'client_q'}), e('button', {type: 'submit'}, 'Search')),
    e(Failure, {error}),
    page && e(ClientTable, {clients: page.items, select: setSelected}),
    pager,
    selected && e(ClientCard, {api, client: selected, key: selected.client_id, edited: client => {
      setSelected(client);
      reload();
    }, changed: () => {
      setSelected(null);
      reload();
    }}),
    e(Register, {api, done: reload}));
}

function ClientTable({clients, select}) {
  return e('table', {id: 'clients'},
    e('thead', null, e('tr', null, ['Client id', 'Name', 'Grant types', 'Scopes', 'Created', 'Retired'].map(name =>
      e('th', {scope: 'col'}, name)))),
    e('tbody', null, clients.map(client => e('tr', {key: client.client_id},
      e('td', null, e('button', {type: 'button', class: 'link', onClick: () => select(client)}, client.client_id)),
      e('td', null, client.client_name), e('td', null, client.grant_types.join(' ')),
      e('td', null, client.scope.join(' ')), e('td', null, when(client.created_at)),
      e('td', null, when(client.retired_at))))));
}

function ClientCard({api, client, changed, edited}) {
  const [error, setError] = useState(null);
  const [rotated, setRotated] = useState(null);
  const path = '/oauth2/register/' + encodeURIComponent(client.client_id);
  // A client named by its metadata document's URL has no path of its own: it is retired by a query parameter, and
  // its document, not an administrator, says what it is.
  const byDocument = client.client_id.includes('/');
  const rotate = async () => setRotated(await attempt(setError, () => api.post(path + '/secret')));
  const retire = async () => {
    const retiring = byDocument ? '/oauth2/register?' + new URLSearchParams({client_id: client.client_id}) : path;
    if (await attempt(setError, () => api.del(retiring)) !== undefined) {
      changed();
    }
  };
  const confidential = !['none', 'private_key_jwt'].includes(client.token_endpoint_auth_method);
  return e('div', {class: 'card', id: 'client'},
    e('h2', null, client.client_name || client.client_id),
    e(Definitions, {rows: [['Client id', client.client_id], ['Grant types', client.grant_types.join(' ')],
      ['Scopes', client.scope.join(' ')], ['Redirect URIs', client.redirect_uris.join(' ')],
      ['Authentication', client.token_endpoint_auth_method], ['Created', when(client.created_at)],
      ['Retired', when(client.retired_at)]]}),
    !client.retired_at && confidential && e('button', {type: 'button', id: 'rotate-selected', onClick: rotate},
      'Rotate the secret'), ' ',
    !client.retired_at && e('button', {type: 'button', class: 'danger', id: 'retire', onClick: retire},
      'Retire (its grants are revoked)'),
    rotated && e(Secret, {label: 'New client secret', value: rotated.client_secret, id: 'selected-secret'}),
    !client.retired_at && !byDocument && e(EditClient, {api, client, path, edited}),
    e(Failure, {error}));
}

/**
 * RFC 7592 §2.2 replaces a registration whole: the form reads the registration, changes what it shows, and puts the
 * rest back as it was. The answer's new registration access token replaces the client's own: shown once.
 */
function EditClient({api, client, path, edited}) {
  const [error, setError] = useState(null);
  const [token, setToken] = useState(null);
  const save = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const updated = await attempt(setError, async () => {
      const registration = await api.get(path);
      ['registration_access_token', 'registration_client_uri', 'client_id_issued_at', 'client_secret',
        'client_secret_expires_at'].forEach(field => delete registration[field]);
      const redirects = form.get('edit_redirect_uris').trim();
      return api.put(path, {json: {...registration, client_name: form.get('edit_client_name').trim(),
        scope: form.get('edit_scope').trim(), ...(redirects ? {redirect_uris: redirects.split(/\s+/)} : {})}});
    });
    if (updated) {
      setToken(updated.registration_access_token);
      edited({...client, client_name: updated.client_name, scope: (updated.scope || '').split(' ').filter(Boolean),
        redirect_uris: updated.redirect_uris || []});
    }
  };
  return e('form', {onSubmit: save, class: 'card', id: 'edit-client'},
    e('h3', null, 'Change its registration'),
    e(Field, {label: 'Name', id: 'edit_client_name', required: true, maxlength: 200,
      defaultValue: client.client_name}),
    e(Field, {label: 'Scopes (space-separated)', id: 'edit_scope', defaultValue: client.scope.join(' ')}),
    e(Field, {label: 'Redirect URIs (space-separated)', id: 'edit_redirect_uris',
      defaultValue: client.redirect_uris.join(' ')}),
    e('button', {type: 'submit'}, 'Save'),
    e(Failure, {error}),
    token && e(Secret, {label: 'New registration access token (RFC 7592; give it to the client\'s owner)',
      value: token, id: 'registration-token'}));
}

function Register({api, done}) {
  const [error, setError] = useState(null);
  const [registered, setRegistered] = useState(null);
  const [rotated, setRotated] = useState(null);
  const register = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const redirect = form.get('redirect_uri').trim();
    const grants = redirect ? ['authorization_code', 'refresh_token'] : ['client_credentials'];
    setRotated(null);
    setRegistered(await attempt(setError, () => api.post('/oauth2/register', {json: {
      client_name: form.get('client_name').trim(), scope: form.get('scope').trim(), grant_types: grants,
      ...(redirect ? {redirect_uris: [redirect]} : {})
    }})));
    done();
  };
  const rotate = async () => {
    setRotated(await attempt(setError, () => api.post('/oauth2/register/'
      + encodeURIComponent(registered.client_id) + '/secret')));
  };
  return e('div', null,
    e('form', {onSubmit: register, class: 'card', id: 'register'},
      e('h2', null, 'Register a client'),
      e(Field, {label: 'Name', id: 'client_name', required: true, maxlength: 200}),
      e(Field, {label: 'Scopes (space-separated)', id: 'scope', required: true, placeholder: 'read write'}),
      e(Field, {label: 'Redirect URI (empty for a client_credentials client)', id: 'redirect_uri', type: 'url'}),
      e('button', {type: 'submit'}, 'Register')),
    e(Failure, {error}),
    registered && e('div', {class: 'card', id: 'registered'},
      e('h2', null, 'Registered'),
      e(Definitions, {rows: [['Client id', registered.client_id], ['Scopes', registered.scope],
        ['Grant types', registered.grant_types.join(' ')], ['Created', when(registered.created_at)]]}),
      registered.client_secret && e(Secret, {label: 'Client secret', value: registered.client_secret, id: 'secret'}),
      registered.client_secret && e('button', {type: 'button', onClick: rotate, id: 'rotate'}, 'Rotate the secret'),
      rotated && e(Secret, {label: 'New client secret', value: rotated.client_secret, id: 'rotated-secret'})));
}

export function Keys({api}) {
  const [error, setError] = useState(null);
  const [keys, setKeys] = useState([]);
  const [rotated, setRotated] = useState(null);
  const load = async () => setKeys(await attempt(setError, () => api.get('/admin/keys')) || []);
  useEffect(() => {
    load();
  }, []);
  const rotate = async () => {
    setRotated(await attempt(setError, () => api.post('/admin/keys/rotate')));
    load();
  };
  return e('section', null,
    e('h1', null, 'Signing keys'),
    e('p', null, 'The keys that sign ID tokens and JWT access tokens. Their private halves stay in the key directory; '
      + 'their public halves are published at /oauth2/jwks.'),
    e(Failure, {error}),
    e('table', {id: 'keys'},
      e('thead', null, e('tr', null, ['Key id', 'Algorithm', 'Generated', 'Signing since', 'Retired'].map(name =>
        e('th', {scope: 'col'}, name)))),
      e('tbody', null, keys.map(key => e('tr', {key: key.kid},
        e('td', null, e('code', null, key.kid)), e('td', null, key.algorithm), e('td', null, when(key.generated_at)),
        e('td', null, when(key.activated_at)), e('td', null, when(key.retired_at)))))),
    e('p', null, e('button', {type: 'button', id: 'rotate-keys', onClick: rotate}, 'Rotate: a new key signs from now'),
      rotated && e('span', {role: 'status'}, ' Rotated.')));
}

function Secret({label, value, id}) {
  return e('p', {class: 'secret'}, label + ' (shown once; the ledger keeps only its hash): ',
    e('code', {id}, value));
}

export function Users({api}) {
  const [error, setError] = useState(null);
  const [query, setQuery] = useState({});
  const [selected, setSelected] = useState(null);
  const {page, pager, reload} = useCursorPages((selection, after) => api.get('/admin/users?'
    + pageQuery(selection, 25, after)), query, setError);
  const search = event => {
    event.preventDefault();
    const q = new FormData(event.target).get('q').trim();
    setQuery(q ? {q} : {});
  };
  const changed = user => {
    setSelected(user);
    reload();
  };
  return e('section', null,
    e('h1', null, 'Users'),
    e('form', {onSubmit: search, class: 'card', id: 'user-search'},
      e(Field, {label: 'Username starts with', id: 'q'}), e('button', {type: 'submit'}, 'Search')),
    e(Failure, {error}),
    page && e(UserTable, {users: page.items, select: setSelected}),
    pager,
    selected && e(UserCard, {api, user: selected, changed, key: selected.user_id}),
    e(NewUser, {api, created: changed}));
}

function UserTable({users, select}) {
  return e('table', {id: 'users'},
    e('thead', null, e('tr', null, ['Username', 'Email', 'Roles', 'Created', 'Disabled'].map(name =>
      e('th', {scope: 'col'}, name)))),
    e('tbody', null, users.map(user => e('tr', {key: user.user_id},
      e('td', null, e('button', {type: 'button', class: 'link', onClick: () => select(user)}, user.username)),
      e('td', null, user.email), e('td', null, user.roles.join(', ') || '—'), e('td', null, when(user.created_at)),
      e('td', null, when(user.disabled_at))))));
}

function UserCard({api, user, changed}) {
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const path = '/admin/users/' + encodeURIComponent(user.user_id);
  const act = async (what, action) => {
    setDone(null);
    if (await attempt(setError, action) !== undefined) {
      setDone(what);
      changed(await api.get(path));
    }
  };
  const saveRoles = event => {
    event.preventDefault();
    const form = new FormData(event.target);
    act('Roles saved.', () => api.put(path + '/roles', {json: {roles: form.getAll('role')}}));
  };
  const resetPassword = event => {
    event.preventDefault();
    const password = new FormData(event.target).get('new_password');
    act('Password reset; the user\'s sign-in sessions ended.', () =>
      api.put(path + '/password', {json: {password}}));
  };
  return e('div', {class: 'card', id: 'user'},
    e('h2', null, user.username),
    e(Definitions, {rows: [['User id', user.user_id], ['Email', user.email], ['Name', user.name],
      ['Created', when(user.created_at)], ['Disabled', when(user.disabled_at)], ['Erased', when(user.erased_at)]]}),
    e('form', {onSubmit: saveRoles, id: 'roles-form'},
      e('fieldset', null, e('legend', null, 'Roles'),
        ['auditor', 'admin'].map(role => e('label', {key: role, class: 'check'},
          e('input', {type: 'checkbox', name: 'role', value: role, checked: user.roles.includes(role)}), ' ' + role))),
      e('button', {type: 'submit'}, 'Save roles')),
    e('form', {onSubmit: resetPassword, id: 'password-form'},
      e(Field, {label: 'New password', id: 'new_password', type: 'password', required: true, minlength: 8,
        autocomplete: 'new-password'}),
      e('button', {type: 'submit'}, 'Reset password')),
    !user.disabled_at && e('button', {type: 'button', id: 'disable', class: 'danger',
      onClick: () => act('Disabled; its grants and sessions ended.', () => api.post(path + '/disable'))},
    'Disable the account'),
    !user.erased_at && e(EraseForm, {erase: (reason, requestedBy) => act('Erased; the key of their personal data '
      + 'is destroyed, their grants and sessions ended.', () => api.post(path + '/erase',
      {json: {reason, requested_by: requestedBy}}))}),
    e(Failure, {error}),
    done && e('p', {role: 'status', id: 'user-done'}, done));
}

// GDPR Art. 17: the reason and the requester outlive the person, so the server refuses them if they name them.
function EraseForm({erase}) {
  const submit = event => {
    event.preventDefault();
    const form = new FormData(event.target);
    erase(form.get('erase_reason'), form.get('erase_requested_by'));
  };
  return e('form', {onSubmit: submit, id: 'erase-form'},
    e('fieldset', null, e('legend', null, 'Erase the person'),
      e(Field, {label: 'Reason', id: 'erase_reason', required: true, placeholder: 'GDPR Art. 17 request'}),
      e(Field, {label: 'Requested by', id: 'erase_requested_by', required: true, placeholder: 'privacy desk, ticket'}),
      e('label', {class: 'check'}, e('input', {type: 'checkbox', id: 'erase_understood', required: true}),
        ' Their username, email and name become unreadable everywhere, for good')),
    e('button', {type: 'submit', class: 'danger'}, 'Erase'));
}

function NewUser({api, created}) {
  const [error, setError] = useState(null);
  const create = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const user = await attempt(setError, () => api.post('/admin/users', {json: {username: form.get('new_username'),
      email: form.get('new_email'), password: form.get('new_user_password')}}));
    if (user) {
      event.target.reset();
      created(await api.get('/admin/users/' + encodeURIComponent(user.user_id)));
    }
  };
  return e('form', {onSubmit: create, class: 'card', id: 'new-user'},
    e('h2', null, 'Create a user'),
    e(Field, {label: 'Username', id: 'new_username', required: true, autocomplete: 'off'}),
    e(Field, {label: 'Email', id: 'new_email', type: 'email', required: true}),
    e(Field, {label: 'Password', id: 'new_user_password', type: 'password', required: true, minlength: 8,
      autocomplete: 'new-password'}),
    e('button', {type: 'submit'}, 'Create'),
    e(Failure, {error}));
}
