import type { DbOrTrx } from '../../storage/database.js';
import { findProfile } from '../plan/plan.repository.js';
import { listMeetingTitles } from './forum.repository.js';
import { forumMeetingPath } from './forum.service.js';

const FORUM_PATH = '/forum';

/**
 * The forum as "What I follow" shows it: its name from the OGP profile (the follow's id is the
 * profile's), linking to the forum page. An unnamed forum gets an empty label, which the list
 * replaces with the kind's own name.
 */
export async function forumFollowTargets(db: DbOrTrx, ids: string[]) {
  const profile = ids.length ? await findProfile(db) : undefined;
  const out = new Map<string, { label: string; url: string }>();
  if (profile && ids.includes(String(profile.id)))
    out.set(String(profile.id), { label: profile.forum_name, url: FORUM_PATH });
  return out;
}

/** Meetings as "What I follow" shows them: the title and date, linking to the meeting page. */
export async function meetingFollowTargets(db: DbOrTrx, ids: string[]) {
  const rows = await listMeetingTitles(db, ids);
  return new Map(rows.map((m) => [m.id, { label: `${m.title} (${m.meeting_date})`, url: forumMeetingPath(m.id) }]));
}
