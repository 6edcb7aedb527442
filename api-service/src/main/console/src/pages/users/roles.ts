/** Every role an account may have (docs/API.md#users--apiv1users-admin); words are common:roles.<role>. */
export const ROLES = ['ADMIN', 'SUBMITTER', 'AUDITOR', 'APPROVER', 'REVIEWER'] as const;
