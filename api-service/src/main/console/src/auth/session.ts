import { useSyncExternalStore } from 'react';
import type { components } from '../api/schema';

type TokenResponse = components['schemas']['TokenResponse'];

/** Who is logged in in this browser tab; kept in sessionStorage so closing the tab forgets the tokens. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** epoch ms after which the access token is refused */
  expiresAt: number;
  username: string;
  organisation: string;
  roles: string[];
}

/** Why the last session ended: shown on the login page. */
export type EndReason = 'logout' | 'expired' | 'passwordChanged';

const KEY = 'vitalink.session';
const listeners = new Set<() => void>();
let current: Session | null = read();
let lastEnd: EndReason | null = null;
let refreshing: Promise<boolean> | null = null;

function read(): Session | null {
  try {
    const stored = sessionStorage.getItem(KEY);
    return stored ? (JSON.parse(stored) as Session) : null;
  } catch {
    return null;
  }
}

function change(next: Session | null) {
  current = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function startSession(tokens: TokenResponse) {
  lastEnd = null;
  change({
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
    username: tokens.username,
    organisation: tokens.organisation,
    roles: tokens.roles,
  });
}

export function endSession(reason: EndReason) {
  if (!current) return;
  lastEnd = reason;
  change(null);
}

export function takeEndReason(): EndReason | null {
  return lastEnd;
}

export function getSession(): Session | null {
  return current;
}

export function useSession(): Session | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, getSession);
}

/** A valid access token, refreshed first when it expires within half a minute; null once the session is over. */
export async function accessToken(): Promise<string | null> {
  if (!current) return null;
  if (Date.now() < current.expiresAt - 30_000) return current.accessToken;
  refreshing ??= refresh().finally(() => (refreshing = null));
  return (await refreshing) ? (current?.accessToken ?? null) : null;
}

async function refresh(): Promise<boolean> {
  const response = await fetch('/api/v1/token/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: current?.refreshToken }),
  });
  if (!response.ok) {
    endSession('expired');
    return false;
  }
  startSession((await response.json()) as TokenResponse);
  return true;
}
