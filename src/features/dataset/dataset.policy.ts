import { type CurrentUser, hasRole, isAdmin, organizationsFor } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import type { DatasetRow } from './dataset.repository.js';

/** A produsen acts for the organisations named in their grants (a kelurahan office is one). */
export const canProduce = (user: CurrentUser | null, organizationId: string) =>
  hasRole(user, ['produsen'], organizationId);
export const isWalidata = (user: CurrentUser | null) => hasRole(user, ['walidata']);

/** Who may see a dataset that is not published: its producers and the walidata. */
export function canSeeUnpublished(user: CurrentUser | null, d: DatasetRow): boolean {
  return canProduce(user, d.organization_id) || isWalidata(user);
}

export function requireProducer(user: CurrentUser | null, organizationId: string): CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!canProduce(user, organizationId))
    throw new AppError('FORBIDDEN', 403, { reason: 'not_producer_of_organization' });
  return user;
}

export function requireWalidata(user: CurrentUser | null): CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!isWalidata(user)) throw new AppError('FORBIDDEN', 403, { reason: 'walidata_only' });
  return user;
}

/** The organisations whose datasets appear on "my datasets" (admins: all, returned as null). */
export function producerOrganizations(user: CurrentUser): string[] | null {
  return isAdmin(user) ? null : organizationsFor(user, ['produsen']);
}

/**
 * The states in which the producer changes a dataset (metadata and resources) in place. A published
 * dataset is not among them: its metadata changes go to a revision (`canEditNow`) and the live data
 * stays as the walidata approved it.
 */
export const EDITABLE_STATES = new Set(['draft', 'returned']);

type WorkflowRow = Pick<DatasetRow, 'state' | 'revision_state'>;

/** The workflow state the producer and walidata act on: the revision's, for a published dataset with one. */
export function workflowState(d: WorkflowRow): string {
  return d.state === 'published' && d.revision_state ? d.revision_state : d.state;
}

/** Whether the producer may stage changes for the next version now (a published dataset whose revision is not with the walidata). */
export function canStage(d: WorkflowRow): boolean {
  return d.state === 'published' && d.revision_state !== 'submitted';
}

/** Whether the producer may edit now: a draft or returned dataset, or a published one whose revision is not with the walidata. */
export function canEditNow(d: WorkflowRow): boolean {
  return EDITABLE_STATES.has(d.state) || canStage(d);
}

/**
 * What the user may do with the dataset now: the buttons of the dataset page and the
 * `capabilities` of its JSON twin, from one place so the two doors agree.
 */
export interface DatasetCapabilities {
  edit: boolean;
  /** Resources of a published dataset change with its next version (staged, resources/revision-staging.service.ts). */
  addResource: boolean;
  submit: boolean;
  review: boolean;
  withdraw: boolean;
  /** Stage new data, new resources or removals for the next version of a published dataset. */
  stage: boolean;
}

/**
 * `hasResources`: the dataset has a live resource; `hasRevision`: a published dataset is preparing
 * a revision (either gives the walidata something to check).
 */
export function datasetCapabilities(
  user: CurrentUser | null,
  d: WorkflowRow & Pick<DatasetRow, 'organization_id'>,
  o: { hasResources: boolean; hasRevision: boolean },
): DatasetCapabilities {
  const producer = canProduce(user, d.organization_id);
  const walidata = isWalidata(user);
  const flow = workflowState(d);
  return {
    edit: producer && canEditNow(d),
    addResource: producer && canEditNow(d),
    submit: producer && (flow === 'draft' || flow === 'returned') && (o.hasRevision || o.hasResources),
    review: walidata && flow === 'submitted',
    withdraw: walidata && d.state === 'published',
    stage: producer && canStage(d),
  };
}

/** Who may run a failed load again (its producers and the walidata): the resource page's retry button. */
export const canRetryLoad = (user: CurrentUser | null, d: DatasetRow): boolean => canSeeUnpublished(user, d);

export function requireLoadRetrier(user: CurrentUser | null, d: DatasetRow): CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!canRetryLoad(user, d)) throw new AppError('FORBIDDEN', 403, { reason: 'not_producer_of_organization' });
  return user;
}
