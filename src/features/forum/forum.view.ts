import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import { FORUM_SECTORS } from './forum.table.js';
import type { getForum, getMeeting } from './forum.service.js';
import { forumMeetingPath } from './forum.service.js';
import { attendanceOf, presentDocument } from './forum.presenter.js';
import { meetingSharedInAdvance } from './forum.advance.js';
import { renderCorrections } from '../correction/correction.view.js';

type Forum = Awaited<ReturnType<typeof getForum>>;
type Meeting = Awaited<ReturnType<typeof getMeeting>>;

function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i ? html`<br>${line}` : line))}</p>`)}`;
}

function exampleBadge(ctx: RequestContext): SafeHtml {
  return html` <span class="badge example">${ctx.t('common.example')}</span>`;
}

function memberEditCell(ctx: RequestContext, id: string, name: string): SafeHtml {
  return html`<td><a href="/forum/anggota/${id}/ubah">${ctx.t('forum.edit')}<span class="sr-only"> ${name}</span></a></td>`;
}

function sectorRow(ctx: RequestContext, sector: (typeof FORUM_SECTORS)[number], value: string): SafeHtml {
  return html`<tr><th scope="row">${ctx.t(`forum.sector.${sector}`)}</th><td class="num">${value}</td></tr>`;
}

function advanceBadge(ctx: RequestContext, days: number): SafeHtml {
  const { t } = ctx;
  if (days >= 1) return html`<span class="badge ok">${t('forum.sharedBefore', { n: days })}</span>`;
  if (days === 0) return html`<span class="badge warn">${t('forum.sharedSameDay')}</span>`;
  return html`<span class="badge bad">${t('forum.sharedAfter', { n: -days })}</span>`;
}

const whoManagesNote = (ctx: RequestContext) =>
  html`<p class="muted">${ctx.t('forum.whoManages')}${ctx.user ? html` ${ctx.t('forum.askForRole')}` : ''}</p>`;

/**
 * What a visitor may change here: the secretariat's buttons, or a note saying who keeps the
 * record (and, to a signed-in user without the role, how to get it), so nobody is left guessing.
 */
function manageBlock(ctx: RequestContext, canManage: boolean, canEditRules: boolean): SafeHtml {
  const { t } = ctx;
  const addMember = html`<a class="button secondary" href="/forum/anggota/baru">${t('forum.addMember')}</a>`;
  const editRules = html`<a class="button secondary" href="/forum/aturan">${t('forum.editRules')}</a>`;
  const addMeeting = html`<a class="button secondary" href="/forum/pertemuan/baru">${t('forum.addMeeting')}</a>`;
  if (!canManage) return whoManagesNote(ctx);
  const rulesNote = canEditRules ? '' : html`<p class="muted">${t('forum.whoEditsRules')}</p>`;
  return html`<p>${addMember} ${canEditRules ? html`${editRules} ` : ''}${addMeeting}</p>${rulesNote}`;
}

export function renderForum(
  ctx: RequestContext,
  forum: Forum,
  canManage: boolean,
  canEditRules: boolean,
  hasExample: boolean,
): SafeHtml {
  const { t, locale } = ctx;
  const multiStakeholder = forum.multiStakeholder
    ? html`<span class="badge ok">${t('forum.multiYes')}</span>`
    : html`<span class="badge warn">${t('forum.multiNo')}</span>`;
  const rulesUpdated = forum.rules ? t('forum.rulesUpdated', { date: formatDate(locale, forum.rules.updated_at) }) : '';
  const rules = forum.rules
    ? html`${paragraphs(forum.rules.body)}<p class="muted">${rulesUpdated}</p>`
    : html`<p>${t('forum.noRules')}</p>`;
  const heading = forum.example
    ? html`<h1>${t('forum.exampleTitle')}${exampleBadge(ctx)}</h1>
<p class="lead">${t('forum.exampleIntro')}</p><p><a href="/forum">${t('forum.realLink')}</a></p>`
    : html`<h1>${t('forum.title')}</h1>
<p class="lead">${t('forum.intro')}</p>${hasExample ? html`<p><a href="/forum/contoh">${t('forum.exampleLink')}</a></p>` : ''}`;
  return html`${heading}
<p>${multiStakeholder}</p>
${forum.example ? '' : manageBlock(ctx, canManage, canEditRules)}
<section aria-labelledby="rules-h"><h2 id="rules-h">${t('forum.rules')}</h2>
${rules}
</section>
<section aria-labelledby="members-h"><h2 id="members-h">${t('forum.members')}</h2>
<div class="table-scroll" tabindex="0" role="region" aria-label="${t('forum.membersBySector')}"><table>
<caption>${t('forum.membersBySector')}</caption>
<thead><tr><th scope="col">${t('forum.sector')}</th><th scope="col" class="num">${t('forum.memberCount')}</th></tr></thead>
<tbody>${FORUM_SECTORS.map((s) => sectorRow(ctx, s, formatNumber(locale, forum.bySector[s])))}</tbody></table></div>
${
  forum.members.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('forum.memberList')}"><table>
<caption>${t('forum.memberList')}</caption>
<thead><tr><th scope="col">${t('forum.name')}</th><th scope="col">${t('forum.sector')}</th>
<th scope="col">${t('forum.affiliation')}</th><th scope="col">${t('forum.roleTitle')}</th>
<th scope="col">${t('forum.selectionMethod')}</th><th scope="col">${t('forum.joinedOn')}</th>
${canManage ? html`<th scope="col">${t('common.actions')}</th>` : ''}</tr></thead>
<tbody>${forum.members.map(
        (m) => html`<tr><th scope="row">${m.name}${m.is_example ? exampleBadge(ctx) : ''}</th>
<td>${t(`forum.sector.${m.sector}`)}</td><td>${m.organization_name ?? m.affiliation}</td>
<td>${m.role_title}</td><td>${m.selection_method}</td><td>${formatDate(locale, m.joined_on)}</td>
${canManage ? memberEditCell(ctx, m.id, m.name) : ''}</tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('forum.noMembers')}</p>`
}
</section>
<section aria-labelledby="meetings-h"><h2 id="meetings-h">${t('forum.meetings')}</h2>
${
  forum.meetings.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('forum.meetingList')}"><table>
<caption>${t('forum.meetingList')}</caption>
<thead><tr><th scope="col">${t('forum.meetingDate')}</th><th scope="col">${t('forum.meetingTitle')}</th>
<th scope="col" class="num">${t('forum.documents')}</th><th scope="col">${t('forum.infoShared')}</th>
<th scope="col" class="num">${t('forum.attendanceTotal')}</th></tr></thead>
<tbody>${forum.meetings.map(
        ({ meeting, documents, advanceDate }) => html`<tr><td>${formatDate(locale, meeting.meeting_date)}</td>
<th scope="row"><a href="${forumMeetingPath(meeting.id)}">${meeting.title}</a>${meeting.is_example ? exampleBadge(ctx) : ''}</th>
<td class="num">${documents.length}</td>
<td>${
          meetingSharedInAdvance(
            advanceDate,
            documents.map((d) => d.published_at),
          )
            ? html`<span class="badge ok">${t('forum.advanceYes')}</span>`
            : html`<span class="badge warn">${t('forum.advanceNo')}</span>`
        }</td><td class="num">${formatNumber(locale, attendanceOf(meeting).total)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('forum.noMeetings')}</p>`
}
</section>`;
}

export function renderMeeting(
  ctx: RequestContext,
  data: Meeting,
  planTitle: string | null,
  canManage: boolean,
  follow: SafeHtml,
  uploadForm: SafeHtml | null,
): SafeHtml {
  const { t, locale } = ctx;
  const { meeting, documents, corrections, advanceDate } = data;
  const attendance = attendanceOf(meeting);
  const dateCorrections = renderCorrections(ctx, corrections, {
    heading: t('correction.heading'),
    judgedNote: t('forum.advanceJudgedAgainst', { date: formatDate(locale, advanceDate) }),
  });
  return html`<h1>${meeting.title}${meeting.is_example ? exampleBadge(ctx) : ''}</h1>
<dl class="meta"><dt>${t('forum.meetingDate')}</dt><dd><time datetime="${meeting.meeting_date}">${formatDate(locale, meeting.meeting_date)}</time></dd>
${meeting.location ? html`<dt>${t('forum.location')}</dt><dd>${meeting.location}</dd>` : ''}
${
  planTitle && meeting.plan_id
    ? html`<dt>${t('forum.plan')}</dt><dd><a href="/rencana-aksi/${meeting.plan_id}">${planTitle}</a></dd>`
    : ''
}</dl>
${dateCorrections}
${follow}
${canManage ? html`<p><a class="button secondary" href="${forumMeetingPath(meeting.id)}/ubah">${t('forum.editMeeting')}</a></p>` : whoManagesNote(ctx)}
<section aria-labelledby="agenda-h"><h2 id="agenda-h">${t('forum.agenda')}</h2>
${meeting.agenda ? paragraphs(meeting.agenda) : html`<p>${t('common.none')}</p>`}</section>
<section aria-labelledby="docs-h"><h2 id="docs-h">${t('forum.documents')}</h2>
<p class="hint">${t('forum.documentsHint')}</p>
${
  documents.length
    ? html`<ul>${documents.map((d) => {
        const p = presentDocument(advanceDate, d);
        const rel = d.kind === 'link' ? html` rel="noopener noreferrer"` : '';
        const published = html`<time datetime="${d.published_at}">${formatDate(locale, d.published_at, true)}</time>`;
        const hash = d.sha256 ? html` · SHA-256 <code>${d.sha256.slice(0, 12)}…</code>` : '';
        return html`<li><a href="${p.url}"${rel}>${d.title}</a> ${advanceBadge(ctx, p.daysBeforeMeeting)}
<span class="muted">${t('forum.publishedAt')} ${published}${hash}</span></li>`;
      })}</ul>`
    : html`<p>${t('forum.noDocuments')}</p>`
}
${uploadForm ?? ''}
</section>
<section aria-labelledby="att-h"><h2 id="att-h">${t('forum.attendance')}</h2>
<div class="table-scroll" tabindex="0" role="region" aria-label="${t('forum.attendanceBySector')}"><table>
<caption>${t('forum.attendanceBySector')}</caption>
<thead><tr><th scope="col">${t('forum.sector')}</th><th scope="col" class="num">${t('forum.attendees')}</th></tr></thead>
<tbody>${FORUM_SECTORS.map((s) => sectorRow(ctx, s, attendance[s] === null ? '—' : formatNumber(locale, attendance[s]!)))}
<tr><th scope="row">${t('forum.attendanceTotal')}</th><td class="num">${formatNumber(locale, attendance.total)}</td></tr>
</tbody></table></div></section>
<section aria-labelledby="min-h"><h2 id="min-h">${t('forum.minutes')}</h2>
${meeting.minutes ? paragraphs(meeting.minutes) : html`<p>${t('forum.noMinutes')}</p>`}</section>
<section aria-labelledby="dec-h"><h2 id="dec-h">${t('forum.decisions')}</h2>
${meeting.decisions ? paragraphs(meeting.decisions) : html`<p>${t('common.none')}</p>`}</section>`;
}
