import { type Actor, hasRole } from '../platform/auth/actor';
import { definePolicy } from '../platform/auth/policy';

/**
 * A child's case, as far as permissions care. Individual cases are the CAPE's work: the
 * coordinator, the social workers (social assistance cell) and the information officer (database
 * cell) of the case's territory. National roles, committees, administrators and partner services
 * see no individual case here (partners see what a referral card shares with them; the Ministry
 * sees statistics).
 */
export interface CaseResource {
  type: 'case';
  territoryCode: string;
  assignedWorkerId: string | null;
}

export const CASE_FILES = ['judicial', 'medical', 'social'] as const;
export type CaseFile = (typeof CASE_FILES)[number];

const inTerritory = (actor: Actor, c: { territoryCode: string }) =>
  actor.territoryCode !== null && actor.territoryCode === c.territoryCode;

const capeStaff = (actor: Actor, c: CaseResource) =>
  inTerritory(actor, c) && hasRole(actor, 'cape_coordinator', 'social_worker', 'information_officer');

const caseworker = (actor: Actor, c: CaseResource) =>
  inTerritory(actor, c) && hasRole(actor, 'cape_coordinator', 'social_worker');

const coordinator = (actor: Actor, c: CaseResource) =>
  inTerritory(actor, c) && hasRole(actor, 'cape_coordinator');

const assignedOrCoordinator = (actor: Actor, c: CaseResource) =>
  coordinator(actor, c) ||
  (inTerritory(actor, c) && hasRole(actor, 'social_worker') && c.assignedWorkerId === actor.id);

export const casePolicy = definePolicy<CaseResource>()({
  /** The collection: `territoryCode` is the territory listed. */
  list: capeStaff,
  /** The case page: code, stage, situations, cards — no identity. */
  read: capeStaff,
  /**
   * The child's identity (names, birth date, parents, numbers, address, photo): the CAPE's
   * coordinator and social workers, who receive, search and register children. Each view is logged.
   */
  readIdentity: caseworker,
  editIdentity: caseworker,
  update: caseworker,
  transition: caseworker,
  assign: coordinator,
  approveClosure: coordinator,
  assess: caseworker,
  plan: caseworker,
  followUp: caseworker,
  evaluate: caseworker,
  /** The database cell keeps the path documented: it reads the social file, not the others. */
  readSocialFile: capeStaff,
  writeSocialFile: caseworker,
  readJudicialFile: caseworker,
  writeJudicialFile: caseworker,
  /** Medical and psychological secrecy: the assigned social worker and the coordinator only. */
  readMedicalFile: assignedOrCoordinator,
  writeMedicalFile: assignedOrCoordinator,
  /** Who viewed the file: the coordinator and the data-protection auditor (also national). */
  readAccessLog: (actor, c) =>
    coordinator(actor, c) ||
    (hasRole(actor, 'dp_auditor') && (actor.territoryCode === null || inTerritory(actor, c))),
});

export function fileActions(file: CaseFile): {
  read: `read${Capitalize<CaseFile>}File`;
  write: `write${Capitalize<CaseFile>}File`;
} {
  const name = (file[0]!.toUpperCase() + file.slice(1)) as Capitalize<CaseFile>;
  return { read: `read${name}File`, write: `write${name}File` };
}

/** Reports (بطاقة التبليغ): who records them, who triages them. */
export interface ReportResource {
  type: 'report';
  territoryCode: string;
  createdBy?: string;
  createdByInstitution?: string | null;
}

export const reportPolicy = definePolicy<ReportResource>()({
  /**
   * Anyone whose work is to detect children in danger records a report for a territory: CAPE
   * staff of the territory, partner focal points and UPE reporters (their institution's territory
   * or, for a child met elsewhere, any territory — the report then lands in that CAPE's queue).
   */
  create: (actor, r) =>
    (inTerritory(actor, r) && hasRole(actor, 'cape_coordinator', 'social_worker', 'information_officer')) ||
    hasRole(actor, 'partner_focal_point', 'upe_reporter'),
  /** The triage queue of a territory. */
  triage: (actor, r) => inTerritory(actor, r) && hasRole(actor, 'cape_coordinator', 'social_worker'),
  /** A report's content: the CAPE caseworkers, or the reporter who wrote it. */
  read: (actor, r) =>
    (inTerritory(actor, r) && hasRole(actor, 'cape_coordinator', 'social_worker')) ||
    (r.createdBy !== undefined && r.createdBy === actor.id),
  /** A reporter's own list of reports sent (status only). */
  listOwn: (actor) =>
    hasRole(
      actor,
      'partner_focal_point',
      'upe_reporter',
      'cape_coordinator',
      'social_worker',
      'information_officer',
    ),
});

/** The active danger-assessment instrument: read by caseworkers, loaded by a national administrator. */
export const instrumentPolicy = definePolicy<{ type: 'instrument' }>()({
  read: () => true,
  load: (actor) => hasRole(actor, 'national_admin'),
});
