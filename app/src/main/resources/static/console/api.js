// The ledger's own APIs, called with the signed-in user's token like any other client's: no private back door.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class SignedOut extends Error {
}

/** Dispatched on the window when the server no longer takes the session's token. */
export const SIGNED_OUT = 'ledger-signed-out';

export function api(session) {
  async function call(method, path, {form, json, accept} = {}) {
    const headers = {Authorization: 'Bearer ' + session.token, Accept: accept || 'application/json'};
    let body;
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form);
    } else if (json) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    }
    const response = await fetch(path, {method, headers, body});
    if (response.status === 401) {
      dispatchEvent(new Event(SIGNED_OUT));
      throw new SignedOut('Your sign-in has ended.');
    }
    const text = await response.text();
    // JSON answers only: an NDJSON or CSV export is text, kept as it came.
    const isJson = /^application\/([\w.-]+\+)?json\b/.test(response.headers.get('Content-Type') || '') && text;
    const data = isJson ? JSON.parse(text) : text;
    if (!response.ok) {
      const reason = (data && (data.error_description || data.error)) || response.statusText;
      throw new ApiError(response.status, response.status === 403 ? 'Refused: your role does not allow this ('
          + reason + ')' : reason);
    }
    return data;
  }

  return {
    get: (path, options) => call('GET', path, options),
    post: (path, options) => call('POST', path, options),
    put: (path, options) => call('PUT', path, options),
    del: (path, options) => call('DELETE', path, options),
    may: scope => session.scopes.includes(scope)
  };
}
