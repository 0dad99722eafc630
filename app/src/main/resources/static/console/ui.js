// Small pieces every view uses. Preact renders text as text: nothing the ledger holds is ever parsed as HTML.
import {h} from 'preact';
import {useEffect, useState} from 'preact/hooks';

export const e = h;

export function shortType(type) {
  return type.substring(type.lastIndexOf('.') + 1);
}

export function when(instant) {
  return instant ? instant.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1Z') : '—';
}

export function Field({label, id, ...input}) {
  return e('p', {class: 'field'}, e('label', {for: id}, label), e('input', {id, name: id, ...input}));
}

export function Failure({error}) {
  return error ? e('p', {class: 'failure', role: 'alert'}, error.message || String(error)) : null;
}

export function Definitions({rows}) {
  return e('dl', {class: 'facts'}, rows.filter(([, value]) => value !== undefined).flatMap(([name, value]) =>
    [e('dt', null, name), e('dd', null, value === null || value === '' ? '—' : String(value))]));
}

/** Runs an action, keeping its error for the view; answers the action's result or undefined. */
export async function attempt(setError, action) {
  setError(null);
  try {
    return await action();
  } catch (error) {
    setError(error);
    return undefined;
  }
}

/**
 * A list read a page at a time by the API's cursor ({@code after}, the previous page's {@code next}), for a
 * selection that starts again from the first page when it changes. {@code load(selection, after)} reads one page.
 */
export function useCursorPages(load, selection, setError) {
  const [at, setAt] = useState({selection, cursors: [null]});
  const [page, setPage] = useState(null);
  const [version, setVersion] = useState(0);
  if (at.selection !== selection) {
    setAt({selection, cursors: [null]});
  }
  const cursors = at.cursors;
  const setCursors = moved => setAt({selection, cursors: moved});
  useEffect(() => {
    let live = true;
    attempt(setError, () => load(at.selection, cursors[cursors.length - 1])).then(read => live && setPage(read));
    return () => {
      live = false;
    };
  }, [at, version]);
  return {
    page,
    reload: () => setVersion(version + 1),
    pager: e('p', {class: 'pager'},
      cursors.length > 1 && e('button', {type: 'button', onClick: () => setCursors(cursors.slice(0, -1))},
        'Previous page'), ' ',
      page?.next && e('button', {type: 'button', class: 'next-page',
        onClick: () => setCursors([...cursors, page.next])}, 'Next page'))
  };
}

/** The query string of a page: the selection's non-empty values, the page size and the cursor. */
export function pageQuery(selection, limit, after) {
  return new URLSearchParams({...selection, limit, ...(after ? {after} : {})});
}
