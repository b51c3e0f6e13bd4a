// "Log touchpoint" from the account (the account is known) or from Today (pick the account
// first, by typing its name). Alt+L opens it from anywhere on the screen that shows it.
import { Button, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/hooks';
import { useLocale } from '../i18n';
import { TouchpointComposer } from './TouchpointComposer';

function useAltL(onPress: () => void) {
  const ref = useRef(onPress);
  ref.current = onPress;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyL') {
        e.preventDefault();
        ref.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The button on an account: opens the composer for that account. */
export function LogTouchpointButton({
  accountId,
  accountName,
}: {
  accountId: string;
  accountName: string;
}) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  useAltL(() => setOpen(true));
  return (
    <>
      <Button data-testid="log-touchpoint" onClick={() => setOpen(true)}>
        {t('tasks.log')}
      </Button>
      {open && (
        <TouchpointComposer
          accountId={accountId}
          accountName={accountName}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** Today's entry: type an account's name, Enter, and the composer opens for it. */
export function LogTouchpointPicker() {
  const { t } = useLocale();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const select = useRef<{ focus: () => void } | null>(null);
  useAltL(() => select.current?.focus());
  const accounts = useApi('account.list', {
    limit: 20,
    ...(q.trim() ? { filters: { q: q.trim() } } : {}),
  });
  return (
    <>
      <Select<string | null>
        ref={select as never}
        showSearch
        value={null}
        placeholder={`${t('tasks.log')}… (Alt+L)`}
        style={{ width: 260 }}
        data-testid="log-touchpoint-account"
        filterOption={false}
        onSearch={setQ}
        notFoundContent={null}
        options={(accounts.data?.items ?? []).map((a) => ({ value: a._id, label: a.name }))}
        onSelect={(id) => {
          const account = accounts.data?.items.find((a) => a._id === id);
          if (account && id) setPicked({ id, name: account.name });
          setQ('');
        }}
      />
      {picked && (
        <TouchpointComposer
          accountId={picked.id}
          accountName={picked.name}
          onClose={() => setPicked(null)}
        />
      )}
    </>
  );
}
