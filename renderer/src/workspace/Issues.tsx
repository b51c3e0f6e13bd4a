// The issue list of one account, wired to the API.
import { useApi, useApiClient, useToday } from '../api/hooks';
import { fieldErrorsOf } from '../forms';
import { useT } from '../i18n';
import { IssueTable, type Issue } from './IssueTable';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { usePersonName } from '../api/people';
import { PersonPicker } from '../components/PersonPicker';
import { IssueEditor } from './IssueEditor';
import { RaiseRequirementButton } from '../screens/requirements/RaiseRequirement';

export function Issues({ accountId }: { accountId: string }) {
  const t = useT();
  const person = usePersonName();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const list = useApi('issue.list', {
    accountId,
    limit: 500,
    sort: { field: 'priority', dir: 'asc' },
  });
  const today = useToday();
  const [open, setOpen] = useState<Issue | 'new' | null>(null);

  /** Runs writes; returns the translated errors, or null when all went through. */
  const run = async (work: () => Promise<unknown>): Promise<string[] | null> => {
    try {
      await work();
      return null;
    } catch (error) {
      const { fields, general } = fieldErrorsOf(error, t);
      return [...general, ...fields.map((f) => `${f.name.join('.')}: ${f.errors.join(', ')}`)];
    } finally {
      await queryClient.invalidateQueries();
    }
  };

  // Overdue is measured from the backend's day, so the table waits for it.
  if (!today) return null;
  return (
    <>
      <Button
        size="small"
        style={{ marginBottom: 8 }}
        data-testid="issue-new-full"
        onClick={() => setOpen('new')}
      >
        {t('contractsUi.issue.newFull')}
      </Button>
      <IssueTable
        issues={list.data?.items ?? []}
        today={today}
        personName={person}
        onOpen={(issue) => setOpen(issue)}
        rowExtra={(issue) => (
          <RaiseRequirementButton
            accountId={accountId}
            source={{
              type: 'issue',
              id: issue._id,
              title: issue.title,
              scenario: issue.description,
              contactId: issue.raisedByContactId,
            }}
          />
        )}
        renderOwnerPicker={(f) => (
          <PersonPicker
            value={f.value}
            onChange={f.onChange}
            testId={f.testId}
            ariaLabel={f.ariaLabel}
            placeholder={f.placeholder}
          />
        )}
        onCreate={(data) => run(() => client.call('issue.create', { accountId, data }))}
        onUpdate={(issue: Issue, changes) =>
          run(() => client.call('issue.update', { id: issue._id, rev: issue._rev!, changes }))
        }
        onSetStatus={(issues, status, confirmation) =>
          run(async () => {
            for (const issue of issues) {
              await client.call('issue.update', {
                id: issue._id,
                rev: issue._rev!,
                changes: {
                  status,
                  ...(confirmation ? { customerConfirmation: confirmation } : {}),
                },
              });
            }
          })
        }
      />
      {open && (
        <IssueEditor
          accountId={accountId}
          // The version it was opened from: a stale save shows the newer one (conflict).
          issue={open === 'new' ? null : open}
          today={today}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
