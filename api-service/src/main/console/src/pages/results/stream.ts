import { asProblem, authorisedFetch, ProblemError } from '../../api/client';

/** A result line of GET /api/v1/jobs/{jobId}/results (NDJSON), as docs/API.md lists its fields. */
export interface ResultLine {
  recordId: string;
  outcome: string;
  deathDate: string | null;
  deathPlace: string | null;
  reasonCode: string | null;
  underlyingCauseIcd10: string | null;
  underlyingCauseChapter: string | null;
  review: { decision: string } | null;
}

/** A line of the changes feed: the result's fields after the change's own. */
export interface ChangeLine extends ResultLine {
  cursor: string;
  trigger: string;
  previousOutcome: string | null;
  decidedAt: string | null;
}

/**
 * Only what the table shows of a result: the line's other fields (linked ID, causes in words, …) are not kept in
 * memory, and nothing of it is written to the console or to storage.
 */
export function compact(line: ResultLine): ResultLine {
  return {
    recordId: line.recordId,
    outcome: line.outcome,
    deathDate: line.deathDate ?? null,
    deathPlace: line.deathPlace ?? null,
    reasonCode: line.reasonCode ?? null,
    underlyingCauseIcd10: line.underlyingCauseIcd10 ?? null,
    underlyingCauseChapter: line.underlyingCauseChapter ?? null,
    review: line.review ? { decision: line.review.decision } : null,
  };
}

/** The answer, or a ProblemError with the API's problem+json when it refused. */
export async function fetchOk(path: string, accept: string, signal?: AbortSignal): Promise<Response> {
  const response = await authorisedFetch(path, { headers: { Accept: accept }, signal });
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw new ProblemError(asProblem(body, response));
  }
  return response;
}

/** Reads an NDJSON body line by line as it arrives, handing each parsed line to `onLine`. */
export async function readNdjson<T>(response: Response, onLine: (line: T) => void): Promise<void> {
  if (!response.body) {
    for (const text of (await response.text()).split('\n')) if (text.trim()) onLine(JSON.parse(text) as T);
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    pending += decoder.decode(value, { stream: !done });
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (text.trim()) onLine(JSON.parse(text) as T);
    }
    if (done) break;
  }
  if (pending.trim()) onLine(JSON.parse(pending) as T);
}

/** Reads a body whole, reporting the bytes received so far; the parts make a Blob of the answer's type. */
export async function readBlob(response: Response, type: string, onProgress: (bytes: number) => void): Promise<Blob> {
  if (!response.body) return new Blob([await response.arrayBuffer()], { type });
  const reader = response.body.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value as Uint8Array<ArrayBuffer>);
    bytes += value.byteLength;
    onProgress(bytes);
  }
  return new Blob(parts, { type });
}

/** Hands a Blob to the browser as a file download. */
export function saveBlob(blob: Blob, file: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
