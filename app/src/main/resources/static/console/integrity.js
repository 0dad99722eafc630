// Integrity: the newest anchor of the chain and its age, and a verification of the whole ledger run in the
// background (POST /ledger/verifications), its progress followed until the result.
import {useEffect, useState} from 'preact/hooks';
import {attempt, Definitions, e, Failure, when} from './ui.js';

export function Integrity({api}) {
  const [error, setError] = useState(null);
  const [anchor, setAnchor] = useState(undefined);
  const [job, setJob] = useState(null);

  useEffect(() => {
    attempt(setError, () => api.get('/ledger/anchors')).then(anchors => setAnchor(anchors ? anchors.at(-1) : null));
  }, []);
  useEffect(() => {
    if (!job || job.state !== 'running') {
      return undefined;
    }
    const timer = setTimeout(async () => setJob(await attempt(setError, () =>
      api.get('/ledger/verifications/' + job.id)) || {...job, state: 'lost'}), 300);
    return () => clearTimeout(timer);
  }, [job]);

  const verify = async () => setJob(await attempt(setError, () => api.post('/ledger/verifications')) || null);
  return e('section', null,
    e('h1', null, 'Integrity'),
    e('p', null, 'Every event is sealed and chained to the one before; signed anchors of the chain\'s head are kept '
      + 'outside the database. Verification recomputes it all and names the first event that does not match.'),
    e(Failure, {error}),
    e('h2', null, 'Newest anchor'),
    anchor === undefined ? e('p', null, 'Loading…') : anchor === null ? e('p', null, 'No anchor yet.')
      : e(Definitions, {rows: [['Position', anchor.position], ['Anchored', when(anchor.anchored_at)],
        ['Age', age(anchor.anchored_at)], ['Public digest', anchor.public_digest], ['Signing key', anchor.key_id]]}),
    e('h2', null, 'Verification'),
    e('button', {type: 'button', id: 'verify', disabled: job?.state === 'running', onClick: verify}, 'Verify now'),
    job && e(Progress, {job}));
}

function Progress({job}) {
  const percent = job.events_total ? Math.floor(100 * job.events_done / job.events_total) : 100;
  const result = job.result;
  return e('div', {class: 'card', role: 'status'},
    e('p', {class: 'progress'}, e('progress', {max: 100, value: percent, 'aria-label': 'verification progress'}),
      e('output', {id: 'verify-percent'}, percent + '%'), ' ', job.state),
    result && e('p', null, 'Result: ', e('strong', {id: 'verify-status', class: result.status === 'OK' ? 'ok' : 'bad'},
      result.status), result.detail ? ' — ' + result.detail : ''),
    result && e(Definitions, {rows: [['Chain length', result.chain_length], ['Head position', result.head_position],
      ['Head digest', result.head_digest], ['First problem at', result.position], ['Not linked yet', result.pending],
      ['Compared with the anchor at', result.anchor ? result.anchor.position : null]]}));
}

function age(instant) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(instant)) / 1000));
  return seconds < 120 ? seconds + ' s' : seconds < 7200 ? Math.round(seconds / 60) + ' min'
    : Math.round(seconds / 3600) + ' h';
}
