import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import generated from './generated.json';
import { accessToken, endSession } from '../auth/session';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type Operation = keyof typeof generated.roles;

/** The typed client of the API (generated from the OpenAPI document the API serves); sends the user's token. */
export const api = createClient<paths>({ baseUrl: '' });

api.use({
  async onRequest({ request }) {
    const token = await accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status === 401 && !request.url.endsWith('/api/v1/login')) endSession('expired');
    return response;
  },
});

/** A refusal of the API as the console shows it: the problem+json body, or what stood in for it. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.detail}`);
  }
}

export function asProblem(body: unknown, response: Response): Problem {
  const problem = body as Partial<Problem> | undefined;
  if (problem && typeof problem.code === 'string') return problem as Problem;
  return { type: 'about:blank', title: response.statusText, status: response.status, detail: '', code: `HTTP-${response.status}` as Problem['code'] };
}

/** The data of an openapi-fetch answer, or a ProblemError carrying the API's problem. */
export function unwrap<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.error !== undefined || !answer.response.ok) throw new ProblemError(asProblem(answer.error, answer.response));
  return answer.data as T;
}

/** Whether one of these roles may call the operation, as the API's OpenAPI document declares (x-vitalink-roles). */
export function mayCall(operation: Operation, roles: readonly string[]): boolean {
  const allowed = generated.roles[operation] as string[] | null;
  if (allowed === null) return true;
  return allowed.length === 0 || allowed.some((role) => roles.includes(role));
}

/** Plain fetch with the user's token, for what the typed client cannot do (downloads with an Accept type). */
export async function authorisedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = await accessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) endSession('expired');
  return response;
}
