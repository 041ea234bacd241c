import { type CurrentUser, hasRole, isAdmin, organizationsFor } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import type { DatasetRow } from './dataset.repository.js';

/** A produsen acts for the organisations named in their grants (a kelurahan office is one). */
export const canProduce = (user: CurrentUser | null, organizationId: string) => hasRole(user, ['produsen'], organizationId);
export const isWalidata = (user: CurrentUser | null) => hasRole(user, ['walidata']);

/** Who may see a dataset that is not published: its producers and the walidata. */
export function canSeeUnpublished(user: CurrentUser | null, d: DatasetRow): boolean {
  return canProduce(user, d.organization_id) || isWalidata(user);
}

export function requireProducer(user: CurrentUser | null, organizationId: string): CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!canProduce(user, organizationId)) throw new AppError('FORBIDDEN', 403, { reason: 'not_producer_of_organization' });
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
 * dataset is not among them: its metadata changes go to a revision (dataset.service `canEditNow`)
 * and the live data stays as the walidata approved it.
 */
export const EDITABLE_STATES = new Set(['draft', 'returned']);
