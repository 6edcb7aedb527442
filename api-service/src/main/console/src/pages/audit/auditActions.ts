import type { TFunction } from 'i18next';

/**
 * The audit trail's actions: an API call is recorded as its method and route template (AuditFilter), named here by
 * the operation it is (the OpenAPI document's operationId); the other actions are events named in capitals
 * (AuditLog, UserChange, ApplicationChange, match-streams' DEAD_LETTER). Words: audit:action.<name>.
 */
export const API_CALLS: Record<string, string> = {
  'POST /api/v1/login': 'login',
  'POST /api/v1/token/refresh': 'refreshToken',
  'POST /api/v1/logout': 'logout',
  'GET /api/v1/jobs': 'listJobs',
  'POST /api/v1/jobs': 'submitJob',
  'GET /api/v1/jobs/{jobId}': 'getJob',
  'DELETE /api/v1/jobs/{jobId}': 'cancelJob',
  'GET /api/v1/jobs/{jobId}/callback': 'getJobCallback',
  'POST /api/v1/jobs/{jobId}/callback': 'redeliverJobCallback',
  'GET /api/v1/jobs/{jobId}/changes': 'getJobChanges',
  'GET /api/v1/jobs/{jobId}/log': 'getJobLog',
  'GET /api/v1/jobs/{jobId}/results': 'getJobResults',
  'GET /api/v1/jobs/{jobId}/review': 'getJobReviewQueue',
  'POST /api/v1/jobs/{jobId}/review/{recordId}': 'decideReview',
  'GET /api/v1/review': 'listReviewQueue',
  'GET /api/v1/review/report': 'getReviewReport',
  'GET /api/v1/applications': 'listApplications',
  'POST /api/v1/applications': 'fileApplication',
  'GET /api/v1/applications/{applicationId}': 'getApplication',
  'POST /api/v1/applications/{applicationId}/approve': 'approveApplication',
  'POST /api/v1/applications/{applicationId}/reject': 'rejectApplication',
  'POST /api/v1/applications/{applicationId}/revoke': 'revokeApplication',
  'GET /api/v1/users': 'listUsers',
  'POST /api/v1/users': 'createUser',
  'GET /api/v1/users/{username}': 'getUser',
  'PUT /api/v1/users/{username}': 'updateUser',
  'DELETE /api/v1/users/{username}': 'deleteUser',
  'PUT /api/v1/users/{username}/password': 'changePassword',
  'GET /api/v1/config': 'getConfig',
  'PUT /api/v1/config': 'updateConfig',
  'GET /api/v1/config/history': 'listConfigHistory',
  'GET /api/v1/audit': 'listAuditEvents',
};

/** Actions that are events, not API calls. */
export const EVENTS = [
  'USER_CREATED', 'USER_UPDATED', 'USER_DELETED', 'USER_PASSWORD_CHANGED', 'USER_LOCKED', 'SUBMITTER_GRANTED',
  'SESSION_REUSE_DETECTED', 'APPLICATION_SUBMITTED', 'APPLICATION_APPROVED', 'APPLICATION_REJECTED',
  'APPLICATION_REVOKED', 'RESULTS_EXPORTED', 'CONFIG_CHANGED', 'REVIEW_DECIDED', 'DEAD_LETTER', 'MATCH_DECISION',
] as const;

/** Events an auditor looks at first: grants of access to causes of death, stolen sessions, lockouts. */
export const HIGH_SEVERITY = new Set(['SUBMITTER_GRANTED', 'SESSION_REUSE_DETECTED', 'USER_LOCKED']);

/** The words of an action in the user's language; an action this console does not know yet is shown as recorded. */
export function actionWords(t: TFunction, action: string): string {
  const operation = API_CALLS[action];
  if (operation) return t(`audit:action.${operation}`);
  if ((EVENTS as readonly string[]).includes(action)) return t(`audit:action.${action}`);
  if (action === '(no route)') return t('audit:action.noRoute');
  const call = action.match(/^([A-Z]+) (\S+)$/);
  if (call) return t('audit:action.otherCall', { method: call[1], route: call[2] });
  return action;
}

/** Whether the action is an API call (its outcome is an HTTP status) rather than an event. */
export function isApiCall(action: string): boolean {
  return /^[A-Z]+ \S+$/.test(action);
}
