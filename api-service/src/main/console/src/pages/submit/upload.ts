import { asProblem, type Problem } from '../../api/client';
import { accessToken, endSession } from '../../auth/session';

/** The body formats POST /api/v1/jobs takes, by Content-Type. */
export const FORMATS = {
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
  json: 'application/json',
  fhir: 'application/fhir+json',
} as const;
export type Format = keyof typeof FORMATS;

/** Files up to this size are read whole to tell a FHIR Bundle from a JSON envelope when their start does not say. */
const PARSE_WHOLE_UP_TO = 16 * 1024 * 1024;

/**
 * The format of a file from its extension and, for .json, from its content: a FHIR Bundle has
 * "resourceType": "Bundle"; any other JSON is the {"records": […]} envelope. Null: not a format the API takes.
 */
export async function detectFormat(file: File): Promise<Format | null> {
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  if (extension === 'csv') return 'csv';
  if (extension === 'ndjson' || extension === 'jsonl') return 'ndjson';
  if (extension !== 'json') return null;
  const head = await file.slice(0, 64 * 1024).text();
  if (/"resourceType"\s*:\s*"Bundle"/.test(head)) return 'fhir';
  if (/^\uFEFF?\s*\{\s*"records"\s*:/.test(head) || file.size > PARSE_WHOLE_UP_TO) return 'json';
  try {
    const value = JSON.parse(await file.text()) as { resourceType?: unknown } | null;
    return value?.resourceType === 'Bundle' ? 'fhir' : 'json';
  } catch {
    return 'json'; // the API names what is wrong with it (VL-1001 with its line)
  }
}

export interface UploadOptions {
  applicationId?: string;
  watchUntil?: string;
  callbackUrl?: string;
}

export type UploadOutcome = { jobId: string } | { problem: Problem } | { aborted: true } | { networkFailed: true };

/**
 * POST /api/v1/jobs with XMLHttpRequest (fetch cannot report upload progress), the user's token, the format's
 * Content-Type and the options as query parameters. `onProgress` gets the bytes sent and the total; `onSent` is
 * called when the whole body is sent and the API is checking it. `abort` stops the upload: nothing is accepted then.
 */
export function uploadJob(
  file: File,
  format: Format,
  options: UploadOptions,
  onProgress: (sent: number, total: number) => void,
  onSent: () => void,
): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const done = (async (): Promise<UploadOutcome> => {
    const token = await accessToken();
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(options)) if (value) query.set(name, value);
    const url = `/api/v1/jobs${query.size ? `?${query}` : ''}`;
    return new Promise<UploadOutcome>((resolve) => {
      if (aborted) {
        resolve({ aborted: true });
        return;
      }
      xhr.open('POST', url);
      xhr.setRequestHeader('Content-Type', FORMATS[format]);
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      xhr.upload.onload = () => onSent();
      xhr.onabort = () => resolve({ aborted: true });
      xhr.onerror = () => resolve({ networkFailed: true });
      xhr.onload = () => {
        let body: unknown;
        try {
          body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
        } catch {
          body = undefined;
        }
        if (xhr.status === 202 && body && typeof (body as { jobId?: unknown }).jobId === 'string') {
          resolve({ jobId: (body as { jobId: string }).jobId });
          return;
        }
        if (xhr.status === 401) endSession('expired');
        resolve({ problem: asProblem(body, { status: xhr.status, statusText: xhr.statusText } as Response) });
      };
      xhr.send(file);
    });
  })();
  return {
    done,
    abort: () => {
      aborted = true;
      xhr.abort();
    },
  };
}

/** A small CSV to start from: the columns the API reads (UTF-8 with a BOM, so that spreadsheet programs show Chinese). */
export function templateCsv(): Blob {
  const rows = [
    'record_id,id_number,name,sex,birth_date,id_type',
    'r1,11010519491231002X,王芳,F,1949-12-31,',
    'r2,E12345678,John Smith,M,1950-03-04,PASSPORT',
  ];
  return new Blob(['\uFEFF', rows.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
}
