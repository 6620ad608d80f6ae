// The admin API at /ui/api/: JSON over fetch, the admin token (if any) as a Bearer header.
const TOKEN_KEY = 'clasp.dashboard.token';

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set: value => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (token.get()) headers['Authorization'] = `Bearer ${token.get()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`api/${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
  if (!response.ok) throw new ApiError(response.status, json?.error || text || response.statusText);
  return json;
}

export const get = path => call('GET', path);
