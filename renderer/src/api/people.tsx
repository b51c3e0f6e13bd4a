// The team directory for every screen: one cached query, and the one display-name function.
import { useMemo } from 'react';
import type { TeamMember } from '../../../shared/api/directory';
import {
  directoryOf,
  displayName,
  EMPTY_DIRECTORY,
  type PeopleDirectory,
} from '../../../shared/people/displayName';
import { useLocale } from '../i18n';
import { useApi } from './hooks';

export interface DirectoryView {
  members: TeamMember[];
  directory: PeopleDirectory;
  /** A login shown in the UI language (the login itself when the directory lacks it). */
  name: (login: string | undefined | null) => string;
  loading: boolean;
}

export function useDirectory(): DirectoryView {
  const { locale } = useLocale();
  // People change rarely; every write still refreshes it (useApiMutation invalidates all).
  const query = useApi('directory.list', {}, { staleTime: 60_000 });
  const members = query.data?.members;
  return useMemo(() => {
    const directory = members ? directoryOf(members) : EMPTY_DIRECTORY;
    return {
      members: members ?? [],
      directory,
      name: (login) => displayName(directory, login, locale),
      loading: query.isLoading,
    };
  }, [members, locale, query.isLoading]);
}

/** Just the display-name function, for screens that only show people. */
export function usePersonName(): DirectoryView['name'] {
  return useDirectory().name;
}
