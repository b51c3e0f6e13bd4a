// Reads the directory of people from the projection: every team member, by login.
import type { TeamMember } from '../../shared/api/directory';
import { directoryOf, type PeopleDirectory } from '../../shared/people/displayName';
import type { Queries } from '../projection/queries';

const PAGE = 500;

export function loadMembers(queries: Pick<Queries, 'list'>): TeamMember[] {
  const members: TeamMember[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = queries.list({ type: 'teamMember', filters: {}, offset, limit: PAGE });
    members.push(...(page.items as unknown as TeamMember[]));
    if (offset + PAGE >= page.total) break;
  }
  return members.sort((a, b) => a.login.localeCompare(b.login));
}

/** The names by login, as displayName takes them. */
export function loadDirectory(queries: Pick<Queries, 'list'>): PeopleDirectory {
  return directoryOf(loadMembers(queries));
}
