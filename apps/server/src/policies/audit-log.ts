import { coversTerritory, hasRole } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

/** The security audit log, restricted to a territory (null = the whole country). */
export interface AuditLogResource {
  type: 'auditLog';
  territoryCode: string | null;
}

export const auditLogPolicy = definePolicy<AuditLogResource>()({
  read: (actor, scope) =>
    hasRole(actor, 'national_admin') ||
    (hasRole(actor, 'dp_auditor') && coversTerritory(actor, scope.territoryCode)),
});
