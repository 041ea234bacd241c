/**
 * The HTML door's side of no-lost-updates: read the version and loaded values an edit form
 * carried (views/conflict.view.ts `versionFields`), and answer a stale save (an `EditConflict`
 * from storage/versioned-update.ts) with the diff-and-merge page, status 409.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderConflict, type ConflictField } from '../views/conflict.view.js';
import type { FormError } from '../views/layout.js';
import type { SafeHtml } from '../views/html.js';
import type { EditConflict } from '../storage/versioned-update.js';
import { sendPage } from './render.js';

const bodyOf = (body: unknown) => (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;

/** The edit version the form was loaded at, or undefined when the form carried none. */
export function editVersionOf(body: unknown): number | undefined {
  const raw = bodyOf(body)['_version'];
  const n = Number(typeof raw === 'string' ? raw.trim() : Number.NaN);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The values the form showed when it was loaded. */
function loadedValuesOf(body: unknown): Record<string, unknown> {
  try {
    const parsed = JSON.parse(String(bodyOf(body)['_base'] ?? '{}')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface ConflictPage {
  title: string;
  fields: ConflictField[];
  /** The record as stored now, in the form's values. */
  theirs: Record<string, unknown>;
  /** What this editor sent, in form values (booleans, lists, numbers); the raw body by default. */
  yours?: Record<string, unknown>;
  form: (values: Record<string, unknown>, errors: FormError[]) => SafeHtml | Promise<SafeHtml>;
}

/** Sends the "changed by someone else" page for a stale save of this form. */
export async function sendConflict(
  request: FastifyRequest,
  reply: FastifyReply,
  conflict: EditConflict,
  page: ConflictPage,
): Promise<FastifyReply> {
  const main = await renderConflict(
    request.ctx,
    {
      fields: page.fields,
      base: loadedValuesOf(request.body),
      theirs: page.theirs,
      yours: page.yours ?? bodyOf(request.body),
      version: conflict.currentVersion,
    },
    page.form,
  );
  return sendPage(request, reply, { title: `${request.ctx.t('conflict.title')} · ${page.title}`, main }, 409);
}
