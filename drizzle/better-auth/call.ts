// Calls auth.api endpoints the way a browser request would see them: every
// call returns a Response (asResponse), so status codes, error codes and
// Set-Cookie headers are observed exactly as the frontend serves them.

export const SESSION_COOKIE = 'better-auth.session_token';
export const TWO_FACTOR_COOKIE = 'better-auth.two_factor';

export interface Reply {
  status: number;
  body: any;
  /** Full Set-Cookie header values, by cookie name. */
  cookies: Record<string, string>;
}

type Endpoint = (input: any) => Promise<unknown>;

export async function call(
  endpoint: Endpoint,
  input: { body?: unknown; query?: unknown; cookie?: string } = {},
): Promise<Reply> {
  const headers = new Headers();
  if (input.cookie) headers.set('cookie', input.cookie);
  const response = (await endpoint({
    body: input.body,
    query: input.query,
    headers,
    asResponse: true,
  })) as Response;
  const text = await response.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  const cookies: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    cookies[header.slice(0, header.indexOf('='))] = header;
  }
  return { status: response.status, body, cookies };
}

/** The `name=value` pair of a Set-Cookie header, ready for a Cookie header. */
export function cookiePair(setCookie: string): string {
  return setCookie.split(';', 1)[0];
}

/** The raw (still URL-encoded) value of a Set-Cookie header. */
export function cookieValue(setCookie: string): string {
  const pair = cookiePair(setCookie);
  return pair.slice(pair.indexOf('=') + 1);
}

export class CheckFailed extends Error {}

export function expect(condition: unknown, message: string, detail?: unknown): asserts condition {
  if (!condition) {
    throw new CheckFailed(detail === undefined ? message : `${message}: ${JSON.stringify(detail)}`);
  }
}

/** Asserts a reply's status (and error code), with the body in the message. */
export function expectStatus(reply: Reply, status: number, what: string, code?: string): void {
  expect(
    reply.status === status && (code === undefined || reply.body?.code === code),
    `${what}: expected HTTP ${status}${code ? ` ${code}` : ''}, got ${reply.status}`,
    reply.body,
  );
}
