import { randomUUID } from 'node:crypto';
import {
  type AnswerError,
  type Assessment,
  type AssessmentAnswersInput,
  type AssessmentInstrument,
  type AssessmentScore,
  assessmentInstrumentSchema,
  compareAssessments,
  type Evaluation,
  type EvaluationComparison,
  type InstrumentDetail,
  type InstrumentVersion,
  type Recommendation,
  scoreAssessment,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { badRequest, type FieldProblem, fieldError } from '../../platform/errors';
import { originOf } from '../../platform/http/request';
import { authorize } from '../../policies';
import { type CaseRow, caseFor, caseResource, touchCase } from '../cases/access';
import * as repo from './repository';

// Additional data of the encrypted free texts: each bound to its table, column and row.
export const justificationAad = (id: string) => `assessment.override_justification_enc:${id}`;
export const servicesEffectAad = (id: string) => `evaluation.services_effect_enc:${id}`;

// ---------------------------------------------------------------------------------------------------
// Instruments

function toVersion(row: repo.InstrumentRow): InstrumentVersion {
  return {
    version: row.version,
    isDefault: row.is_default,
    active: row.active,
    loadedAt: row.loaded_at.toISOString(),
    loadedByName: row.loaded_by_name,
  };
}

function documentOf(row: repo.InstrumentRow): AssessmentInstrument {
  return assessmentInstrumentSchema.parse(row.document);
}

function toDetail(row: repo.InstrumentRow): InstrumentDetail {
  return { ...toVersion(row), document: documentOf(row) };
}

export async function listInstruments(ctx: AppContext, request: FastifyRequest, actor: Actor) {
  await authorize(ctx.db, request, actor, 'read', { type: 'instrument' });
  return { items: (await repo.listInstruments(ctx.db)).map(toVersion) };
}

/** The active instrument; the server puts the default one in place at start, so there always is one. */
async function activeInstrument(
  db: DbOrTx,
): Promise<{ row: repo.InstrumentRow; instrument: AssessmentInstrument }> {
  const row = await repo.findActiveInstrument(db);
  if (!row) throw new Error('No active assessment instrument: ensureDefaultInstrument() was not run');
  return { row, instrument: documentOf(row) };
}

export async function getActiveInstrument(ctx: AppContext, request: FastifyRequest, actor: Actor) {
  await authorize(ctx.db, request, actor, 'read', { type: 'instrument' });
  return toDetail((await activeInstrument(ctx.db)).row);
}

/** A national administrator loads a new version (the Ministry's référentiel): it becomes the active one. */
export async function loadInstrument(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  instrument: AssessmentInstrument,
) {
  await authorize(ctx.db, request, actor, 'load', { type: 'instrument' });
  return ctx.db.transaction().execute(async (tx) => {
    const inserted = await repo.insertActiveInstrument(tx, {
      version: instrument.version,
      document: JSON.stringify(instrument),
      loaded_by: actor.id,
    });
    if (!inserted) throw fieldError('version', 'duplicate');
    await recordAudit(tx, originOf(request), {
      event: 'assessment_instrument_loaded',
      actor,
      target: { type: 'assessment_instrument', id: instrument.version },
      territoryCode: null,
      details: {
        version: instrument.version,
        domains: instrument.domains.length,
        items: instrument.domains.reduce((n, d) => n + d.items.length, 0),
      },
    });
    return toDetail((await repo.findInstrument(tx, instrument.version))!);
  });
}

// ---------------------------------------------------------------------------------------------------
// Assessments

function answerProblems(errors: readonly AnswerError[], answers: AssessmentAnswersInput, prefix: string) {
  return errors.map((error): FieldProblem => {
    if (error.code === 'unknown_red_flag') {
      return { path: `${prefix}.redFlags.${answers.redFlags.indexOf(error.item)}`, code: error.code };
    }
    return { path: `${prefix}.items.${error.item}`, code: error.code };
  });
}

function toAssessment(ctx: AppContext, row: repo.AssessmentRow): Assessment {
  return {
    id: row.id,
    caseId: row.case_id,
    instrumentVersion: row.instrument_version,
    instrumentIsDefault: row.instrument_is_default,
    answers: { items: row.answers, redFlags: row.red_flags },
    result: row.result as unknown as Assessment['result'],
    dangerLevel: row.danger_level as Assessment['dangerLevel'],
    proposedOrientation: row.proposed_orientation,
    confirmedOrientation: row.confirmed_orientation,
    overridden: row.proposed_orientation !== row.confirmed_orientation,
    overrideJustification:
      row.override_justification_enc === null
        ? null
        : ctx.keyRing.decrypt(row.override_justification_enc, justificationAad(row.id)),
    assessedBy: row.assessed_by,
    assessedByName: row.assessed_by_name,
    assessedAt: row.assessed_at.toISOString(),
  };
}

interface AssessmentDecision {
  answers: AssessmentAnswersInput;
  /** Absent: the worker confirms the proposed orientation. */
  confirmedOrientation?: string | undefined;
  overrideJustification: string | null;
}

/**
 * Scores the answers with the active instrument and checks the worker's decision; throws the field
 * problems (under `prefix`) when the answers or the decision do not stand.
 */
async function scoreDecision(db: DbOrTx, input: AssessmentDecision, prefix: string) {
  const { row, instrument } = await activeInstrument(db);
  const outcome = scoreAssessment(instrument, input.answers);
  if (!outcome.ok) throw badRequest(answerProblems(outcome.errors, input.answers, prefix));
  const proposed = outcome.score.orientation;
  // The instrument schema gives every reachable level an orientation; a document that does not is broken.
  if (!proposed) throw new Error(`Instrument ${row.version} has no orientation for ${outcome.score.level}`);
  const confirmed = input.confirmedOrientation ?? proposed.code;
  if (!instrument.orientations.some((o) => o.code === confirmed)) {
    throw fieldError('confirmedOrientation', 'unknown_code');
  }
  if (confirmed !== proposed.code && input.overrideJustification === null) {
    throw fieldError('overrideJustification', 'justification_required');
  }
  return { version: row.version, score: outcome.score, proposed: proposed.code, confirmed };
}

/** Records a scored assessment and gives the case its danger level, in the caller's transaction. */
async function recordAssessment(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor,
  kase: CaseRow,
  input: AssessmentDecision,
  scored: Awaited<ReturnType<typeof scoreDecision>>,
) {
  const id = randomUUID();
  const items = Object.fromEntries(
    Object.entries(input.answers.items).filter((entry): entry is [string, number] => entry[1] !== null),
  );
  const row = await repo.insertAssessment(tx, {
    id,
    case_id: kase.id,
    territory_code: kase.territory_code,
    instrument_version: scored.version,
    answers: JSON.stringify(items),
    red_flags: [...new Set(input.answers.redFlags)],
    result: JSON.stringify(scored.score),
    danger_level: scored.score.level,
    proposed_orientation: scored.proposed,
    confirmed_orientation: scored.confirmed,
    // Kept also when the worker confirms the proposal: nothing the worker wrote is dropped.
    override_justification_enc:
      input.overrideJustification === null
        ? null
        : ctx.keyRing.encrypt(input.overrideJustification, justificationAad(id)),
    assessed_by: actor.id,
  });
  const caseVersion = await repo.setCaseDangerLevel(tx, kase.id, scored.score.level);
  return { row, caseVersion };
}

export async function createAssessment(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: AssessmentDecision & { confirmedOrientation: string },
) {
  const kase = await caseFor(ctx, request, actor, caseId, 'assess');
  const scored = await scoreDecision(ctx.db, input, 'answers');
  return ctx.db.transaction().execute(async (tx) => {
    const { row, caseVersion } = await recordAssessment(ctx, tx, actor, kase, input, scored);
    return { ...toAssessment(ctx, row), caseVersion };
  });
}

export async function listAssessments(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
) {
  await caseFor(ctx, request, actor, caseId, 'read');
  return { items: (await repo.listAssessments(ctx.db, caseId)).map((row) => toAssessment(ctx, row)) };
}

// ---------------------------------------------------------------------------------------------------
// Evaluation cards (بطاقة التقييم)

function toEvaluation(ctx: AppContext, row: repo.EvaluationRow): Evaluation {
  return {
    id: row.id,
    caseId: row.case_id,
    baselineAssessmentId: row.baseline_assessment_id,
    currentAssessmentId: row.current_assessment_id,
    comparison: row.comparison as unknown as EvaluationComparison,
    servicesEffect:
      row.services_effect_enc === null
        ? null
        : ctx.keyRing.decrypt(row.services_effect_enc, servicesEffectAad(row.id)),
    recommendation: row.recommendation,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

const answersOf = (row: repo.AssessmentRow) => ({ items: row.answers, redFlags: row.red_flags });

async function servicesSnapshot(db: DbOrTx, caseId: string): Promise<EvaluationComparison['services']> {
  const items = await repo.planItemStatuses(db, caseId);
  const byStatus = { planned: 0, requested: 0, in_progress: 0, delivered: 0, not_delivered: 0 };
  for (const item of items) byStatus[item.status] += 1;
  return {
    total: items.length,
    byStatus,
    delivered: items.filter((i) => i.status === 'delivered').map((i) => i.service_code),
    notDelivered: items.filter((i) => i.status === 'not_delivered').map((i) => i.service_code),
  };
}

/**
 * Then and now: the initial diagnosis (the case's first assessment with the current one's instrument;
 * domains of two different instruments do not compare) against the current assessment.
 */
async function compare(
  db: DbOrTx,
  caseId: string,
  current: repo.AssessmentRow,
): Promise<{ baseline: repo.AssessmentRow; comparison: EvaluationComparison }> {
  const baseline = await repo.firstAssessment(db, caseId, current.instrument_version);
  if (!baseline || baseline.id === current.id) {
    throw fieldError('currentAssessmentId', 'baseline_assessment_required');
  }
  const instrumentRow = (await repo.findInstrument(db, current.instrument_version))!;
  const outcome = compareAssessments(documentOf(instrumentRow), answersOf(baseline), answersOf(current));
  // Both were scored with this very instrument when recorded, so they score again.
  if (!outcome.ok) throw new Error(`Stored assessments no longer score: ${JSON.stringify(outcome.errors)}`);
  const { domains, total, level, redFlags, initialScore, currentScore } = outcome.comparison;
  return {
    baseline,
    comparison: {
      instrumentVersion: current.instrument_version,
      baselineAssessedAt: baseline.assessed_at.toISOString(),
      currentAssessedAt: current.assessed_at.toISOString(),
      earlierInstrumentIgnored: await repo.hasEarlierAssessmentWithOtherInstrument(
        db,
        caseId,
        current.instrument_version,
        baseline.assessed_at,
      ),
      domains: [...domains],
      total,
      level,
      redFlags: {
        initial: [...redFlags.initial],
        current: [...redFlags.current],
        resolved: [...redFlags.resolved],
        appeared: [...redFlags.appeared],
      },
      initialScore: plainScore(initialScore),
      currentScore: plainScore(currentScore),
      services: await servicesSnapshot(db, caseId),
    },
  };
}

const plainScore = (score: AssessmentScore) =>
  JSON.parse(JSON.stringify(score)) as EvaluationComparison['initialScore'];

export interface EvaluationInput {
  currentAssessmentId?: string | null | undefined;
  answers?: AssessmentAnswersInput | undefined;
  confirmedOrientation?: string | undefined;
  overrideJustification: string | null;
  servicesEffect: string;
  recommendation: Recommendation;
}

export async function createEvaluation(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  input: EvaluationInput,
) {
  const kase = await caseFor(ctx, request, actor, caseId, 'evaluate');
  let scored: Awaited<ReturnType<typeof scoreDecision>> | undefined;
  if (input.answers) {
    await authorize(ctx.db, request, actor, 'assess', caseResource(kase));
    scored = await scoreDecision(ctx.db, { ...input, answers: input.answers }, 'answers');
  } else if (input.currentAssessmentId) {
    const given = await repo.findAssessment(ctx.db, input.currentAssessmentId);
    if (!given || given.case_id !== kase.id) throw fieldError('currentAssessmentId', 'unknown_code');
  }

  return ctx.db.transaction().execute(async (tx) => {
    let current: repo.AssessmentRow | undefined;
    let created: repo.AssessmentRow | null = null;
    if (input.answers && scored) {
      const recorded = await recordAssessment(
        ctx,
        tx,
        actor,
        kase,
        { ...input, answers: input.answers },
        scored,
      );
      current = created = recorded.row;
    } else if (input.currentAssessmentId) {
      current = await repo.findAssessment(tx, input.currentAssessmentId);
    } else {
      current = await repo.latestAssessment(tx, kase.id);
    }
    if (!current) throw fieldError('currentAssessmentId', 'baseline_assessment_required');
    const { baseline, comparison } = await compare(tx, kase.id, current);

    const id = randomUUID();
    const row = await repo.insertEvaluation(tx, {
      id,
      case_id: kase.id,
      territory_code: kase.territory_code,
      baseline_assessment_id: baseline.id,
      current_assessment_id: current.id,
      comparison: JSON.stringify(comparison),
      services_effect_enc: ctx.keyRing.encrypt(input.servicesEffect, servicesEffectAad(id)),
      recommendation: input.recommendation,
      created_by: actor.id,
    });
    if (!created) await touchCase(tx, kase.id);
    return {
      ...toEvaluation(ctx, row),
      assessment: created ? toAssessment(ctx, created) : null,
      caseVersion: await repo.caseVersion(tx, kase.id),
    };
  });
}

export async function listEvaluations(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
) {
  await caseFor(ctx, request, actor, caseId, 'read');
  return { items: (await repo.listEvaluations(ctx.db, caseId)).map((row) => toEvaluation(ctx, row)) };
}
