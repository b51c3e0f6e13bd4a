// What the health model and the alert rules read about one account: plain data the backend
// gathers from the projection, so scoring stays a pure function that tests can feed by hand.
import type { Tier } from './model';

export interface UsagePoint {
  date: string;
  purchasedSeats: number;
  activatedUsers: number;
  activeUsers: number;
}

export interface KeyPerson {
  id: string;
  name: string;
  roles: string[];
  active: boolean;
  stance: 'supportive' | 'neutral' | 'opposed';
  leftOn?: string;
}

export interface OverdueItem {
  /** The issue id, or `<doc id>#<item key>` for an action item. */
  ref: string;
  title: string;
  owner: string | null;
  dueDate: string;
}

export interface AccountInputs {
  accountId: string;
  name: string;
  tier: Tier;
  ownerCsm: string | null;
  /** Usage readings, oldest first. */
  usage: UsagePoint[];
  /** Latest of: a done visit, a touchpoint, a contact's last-contact date. */
  lastContactOn: string | null;
  openUrgentIssues: number;
  /** Open issues past their due date. */
  overdueIssues: OverdueItem[];
  /** Undone action items (visits, risk plans) past their due date. */
  overdueActions: OverdueItem[];
  contacts: KeyPerson[];
  /** End date of the earliest active contract. */
  renewalDate: string | null;
  activeContracts: number;
  unpaidContracts: number;
  /** Latest NPS score per respondent. */
  npsScores: number[];
}
