// Small pieces every view uses. Preact renders text as text: nothing the ledger holds is ever parsed as HTML.
import {h} from 'preact';

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
