// A visit's "next visit" date plans the next visit: saving a visit with `nextVisitOn` creates a
// planned visit on that day (it then shows on the Visits tab, the Overview and Today), and moves
// it when the date changes while it is still planned. The planned visit names the visit it
// follows (`followsVisit`), so it is found again and never planned twice.
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { Doc } from '../store/documentWriter';
import { fieldsOf } from '../store/documentWriter';

export async function planNextVisit(
  ctx: BackendContext,
  actor: Actor,
  visit: Doc,
): Promise<Doc | null> {
  const next = visit.nextVisitOn as string | undefined;
  if (!next || visit.type !== 'visit') return null;
  const existing = ctx.queries.followUpVisit(String(visit.accountId), visit._id);
  if (existing) {
    if (existing.status !== 'planned' || existing.date === next) return null;
    const { docs } = await ctx.writer.commit(actor, {
      changes: [
        {
          kind: 'put',
          type: 'visit',
          accountId: String(visit.accountId),
          base: existing,
          fields: { ...fieldsOf(existing), date: next },
        },
      ],
      timeline: 'updated',
    });
    return docs[0];
  }
  const attendees = visit.attendees as Record<string, unknown> | undefined;
  const { docs } = await ctx.writer.commit(actor, {
    changes: [
      {
        kind: 'put',
        type: 'visit',
        accountId: String(visit.accountId),
        fields: {
          purpose: visit.purpose,
          date: next,
          mode: visit.mode ?? 'onSite',
          ...(visit.place ? { place: visit.place } : {}),
          ...(attendees ? { attendees } : {}),
          status: 'planned',
          followsVisit: visit._id,
        },
      },
    ],
    timeline: 'created',
  });
  return docs[0];
}
