// Everything one account's deliverables are built from, read once from the projection.
import { apiError } from '../../shared/api/errors';
import type { EntityDoc, EntityType } from '../../shared/domain/entities';
import { EMPTY_DIRECTORY, type PeopleDirectory } from '../../shared/people/displayName';
import { loadDirectory } from '../people/directory';
import type { DocumentHealth } from '../health/documentHealth';
import type { Queries } from '../projection/queries';
import type { Locale } from '../../shared/i18n';
import { accountRequirements, type AccountRequirement } from '../requirements/forAccount';

export interface AccountSnapshot {
  account: EntityDoc<'account'>;
  contracts: EntityDoc<'contract'>[];
  contacts: EntityDoc<'contact'>[];
  handover: EntityDoc<'handover'> | null;
  sow: EntityDoc<'sow'> | null;
  projectPlan: EntityDoc<'projectPlan'> | null;
  successPlans: EntityDoc<'successPlan'>[];
  issues: EntityDoc<'issue'>[];
  visits: EntityDoc<'visit'>[];
  touchpoints: EntityDoc<'touchpoint'>[];
  /** Oldest first. */
  usage: EntityDoc<'usageReading'>[];
  surveys: EntityDoc<'survey'>[];
  riskCases: EntityDoc<'riskCase'>[];
  opportunities: EntityDoc<'opportunity'>[];
  /** The team health model's score and band for the document's day; null where not shown. */
  health: DocumentHealth | null;
  /** The team directory: people are shown by name (shared/people/displayName). */
  people: PeopleDirectory;
  /** The account's asks in the requirements library, with what became of each. */
  requirements: AccountRequirement[];
}

type Docs = { [T in EntityType]?: EntityDoc<T>[] };

/** `healthOf` gives the account's health for the document (null for documents without it). */
export function loadSnapshot(
  queries: Queries,
  accountId: string,
  healthOf: (accountId: string) => DocumentHealth | null = () => null,
): AccountSnapshot {
  const byType: Docs = {};
  for (const doc of queries.accountDocs(accountId, ['timeline'])) {
    const list = (byType[doc.type as EntityType] ??= []) as unknown[];
    list.push(doc);
  }
  const account = byType.account?.[0];
  if (!account) {
    throw apiError('NOT_FOUND', 'error.accountNotFound', `${accountId} not found`, {
      id: accountId,
    });
  }
  return {
    ...snapshotOf(byType, account, healthOf(accountId), loadDirectory(queries)),
    requirements: accountRequirements(queries, accountId),
  };
}

/** Builds a snapshot from documents already in memory. */
export function snapshotOf(
  byType: Docs,
  account: EntityDoc<'account'>,
  health: DocumentHealth | null,
  people: PeopleDirectory = EMPTY_DIRECTORY,
): AccountSnapshot {
  const newest = <T extends { updatedAt: string }>(list: T[] | undefined): T | null =>
    list?.length ? [...list].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)).at(-1)! : null;
  return {
    account,
    contracts: [...(byType.contract ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate)),
    contacts: byType.contact ?? [],
    handover: newest(byType.handover),
    sow: newest(byType.sow),
    projectPlan: newest(byType.projectPlan),
    successPlans: byType.successPlan ?? [],
    issues: [...(byType.issue ?? [])].sort((a, b) => a.raisedOn.localeCompare(b.raisedOn)),
    visits: [...(byType.visit ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
    touchpoints: byType.touchpoint ?? [],
    usage: [...(byType.usageReading ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
    surveys: byType.survey ?? [],
    riskCases: byType.riskCase ?? [],
    opportunities: byType.opportunity ?? [],
    health,
    people,
    requirements: [],
  };
}

/** The account's name in the document's language: the stored English name in English. */
export function accountName(s: Pick<AccountSnapshot, 'account'>, locale: Locale): string {
  return locale === 'en-US' ? (s.account.nameEn ?? s.account.name) : s.account.name;
}

/** A product's name in the document's language (as entered when it has no English name). */
export function productName(
  p: { name: string; nameEn?: string } | undefined,
  locale: Locale,
): string | undefined {
  if (!p) return undefined;
  return locale === 'en-US' ? (p.nameEn ?? p.name) : p.name;
}

/**
 * A module's name in the document's language: the English name the account's products give it,
 * else the name as entered.
 */
export function moduleName(
  s: Pick<AccountSnapshot, 'contracts'>,
  name: string,
  locale: Locale,
): string {
  if (locale !== 'en-US') return name;
  for (const c of [...s.contracts].reverse())
    for (const p of c.products) {
      const m = p.modules?.find((x) => x.name === name);
      if (m?.nameEn) return m.nameEn;
    }
  return name;
}

/** The contract in force: the active one ending last, else the latest. */
export function currentContract(s: AccountSnapshot): EntityDoc<'contract'> | null {
  const active = s.contracts.filter((c) => c.status === 'active');
  const pool = active.length ? active : s.contracts;
  return pool.length ? [...pool].sort((a, b) => a.endDate.localeCompare(b.endDate)).at(-1)! : null;
}

/** The customer's project manager: the contact with that role, else the plan's party-A role. */
export function customerPm(s: AccountSnapshot): string {
  const contact = s.contacts.find((c) => c.active && c.roles.includes('customerPm'));
  if (contact) return contact.name;
  const role = s.projectPlan?.roles.find((r) => r.side === 'partyA');
  return role?.responsible ?? '';
}

export function vendorPm(s: AccountSnapshot): string {
  const role = s.projectPlan?.roles.find((r) => r.side === 'partyB');
  return role?.responsible ?? s.account.consultant ?? s.account.ownerCsm;
}
