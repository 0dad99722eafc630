// The audit log, one row per event, filtered and paged by the API's cursor; the selection exported as CSV or NDJSON
// through the same API (the file is made in the browser from the answer, so the token never appears in a URL).
import {useState} from 'preact/hooks';
import {attempt, e, Failure, Field, pageQuery, shortType, useCursorPages, when} from './ui.js';

const FILTERS = [['from', 'From (ISO-8601 instant)'], ['to', 'To (ISO-8601 instant)'], ['client_id', 'Client id'],
  ['user_id', 'User id'], ['token_id', 'Token id'], ['event_type', 'Event type (e.g. TokenRevoked)']];
const PAGE = 50;

/** @param initial the filter the route carries ({@code #/audit?user_id=…&from=…}), from the token search */
export function AuditLog({api, go, initial}) {
  const [error, setError] = useState(null);
  const [filter, setFilter] = useState(initial || {});
  const {page, pager} = useCursorPages((selection, after) => api.get('/ledger/audit?'
    + pageQuery(selection, PAGE, after)), filter, setError);

  const search = event => {
    event.preventDefault();
    const form = new FormData(event.target);
    setFilter(Object.fromEntries(FILTERS.map(([name]) => [name, form.get(name).trim()]).filter(([, v]) => v)));
  };
  const exportAs = async (type, extension) => {
    const body = await attempt(setError, () => api.get('/ledger/audit?' + new URLSearchParams(filter),
      {accept: type}));
    if (body !== undefined) {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([body], {type}));
      link.download = 'audit-log.' + extension;
      link.click();
      URL.revokeObjectURL(link.href);
    }
  };
  return e('section', null,
    e('h1', null, 'Audit log'),
    e('form', {onSubmit: search, class: 'card filters', id: 'audit-filter'},
      FILTERS.map(([name, label]) => e(Field, {label, id: name, key: name, value: filter[name] || ''})),
      e('button', {type: 'submit'}, 'Filter')),
    e(Failure, {error}),
    e('p', {class: 'actions'},
      e('button', {type: 'button', onClick: () => exportAs('text/csv', 'csv')}, 'Export CSV'), ' ',
      e('button', {type: 'button', onClick: () => exportAs('application/x-ndjson', 'ndjson')}, 'Export NDJSON'),
      ' (everything the filter selects, not only this page)'),
    page && e(Entries, {entries: page.items, go}),
    pager);
}

function Entries({entries, go}) {
  if (!entries.length) {
    return e('p', null, 'No entries.');
  }
  return e('table', {id: 'audit-entries'},
    e('thead', null, e('tr', null, ['Position', 'When', 'Event', 'Actor', 'Client', 'User', 'Token', 'From']
      .map(name => e('th', {scope: 'col'}, name)))),
    e('tbody', null, entries.map(entry => e('tr', {key: entry.position},
      e('td', null, entry.position), e('td', null, when(entry.occurred_at)),
      e('td', null, shortType(entry.event_type)), e('td', null, e('code', null, entry.actor || '—')),
      e('td', null, entry.client_id || '—'), e('td', null, entry.user_id || '—'),
      e('td', null, entry.token_id ? e('a', {href: '#/tokens/' + entry.token_id, onClick: event => {
        event.preventDefault();
        go('#/tokens/' + entry.token_id);
      }}, entry.token_id.substring(0, 8) + '…') : '—'),
      e('td', {title: entry.user_agent || ''}, (entry.remote_address || '—') + ' · request '
        + (entry.request_id ? entry.request_id.substring(0, 8) + '…' : '—'))))));
}
