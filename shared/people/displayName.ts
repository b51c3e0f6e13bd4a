// The one way a person is shown: logins are ids, people are shown by their name in the reader's
// language, falling back to the other language's name, then to the login itself.
import type { Locale } from '../i18n';

export interface PersonNames {
  nameZh?: string;
  nameEn?: string;
}

/** The directory as display code needs it: names by login. */
export type PeopleDirectory = Readonly<Record<string, PersonNames>>;

export const EMPTY_DIRECTORY: PeopleDirectory = Object.freeze({});

/** Builds the lookup from team member records (any shape carrying login and names). */
export function directoryOf(
  members: readonly (PersonNames & { login: string })[],
): PeopleDirectory {
  const out: Record<string, PersonNames> = {};
  for (const m of members) out[m.login] = { nameZh: m.nameZh, nameEn: m.nameEn };
  return out;
}

/** The name of `login` in `locale`; an unknown login (or one without names) is shown as itself. */
export function displayName(
  directory: PeopleDirectory,
  login: string | undefined | null,
  locale: Locale,
): string {
  if (!login) return '';
  const names = Object.prototype.hasOwnProperty.call(directory, login)
    ? directory[login]
    : undefined;
  if (!names) return login;
  const [first, second] =
    locale === 'zh-CN' ? [names.nameZh, names.nameEn] : [names.nameEn, names.nameZh];
  return first || second || login;
}

/** A formatter bound to one directory and language, for builders that name many people. */
export function personFormatter(
  directory: PeopleDirectory,
  locale: Locale,
): (login: string | undefined | null) => string {
  return (login) => displayName(directory, login, locale);
}

/**
 * The login behind a name as a person typed or a document showed it (import of an exported
 * sheet): a login as itself, a name that exactly one member has as their login, else the text.
 */
export function loginOf(directory: PeopleDirectory, text: string): string {
  if (Object.prototype.hasOwnProperty.call(directory, text)) return text;
  const matches = Object.entries(directory).filter(
    ([, names]) => names.nameZh === text || names.nameEn === text,
  );
  return matches.length === 1 ? matches[0][0] : text;
}
