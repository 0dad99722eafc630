// The administrator's views: projections (status, lag, rebuild with its progress) and clients (register, rotate a
// secret). Each action is a call to the admin API with the signed-in user's token, so the ledger names the user.
import {useEffect, useState} from 'preact/hooks';
import {attempt, Definitions, e, Failure, Field, when} from './ui.js';

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
  };
  const rotate = async () => {
    setRotated(await attempt(setError, () => api.post('/oauth2/register/'
      + encodeURIComponent(registered.client_id) + '/secret')));
  };
  return e('section', null,
    e('h1', null, 'Register a client'),
    e('form', {onSubmit: register, class: 'card', id: 'register'},
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

function Secret({label, value, id}) {
  return e('p', {class: 'secret'}, label + ' (shown once; the ledger keeps only its hash): ',
    e('code', {id}, value));
}
