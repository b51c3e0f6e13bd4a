// A field for a person: offers the directory's active members by name (the value stays the
// login), and still takes a typed name that is not in the directory.
import { AutoComplete, Input } from 'antd';
import { useMemo, useState } from 'react';
import { useDirectory } from '../api/people';
import { useT } from '../i18n';

export function PersonPicker(props: {
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  testId?: string;
  ariaLabel?: string;
  style?: React.CSSProperties;
}) {
  const t = useT();
  const { members, name } = useDirectory();
  const [search, setSearch] = useState('');
  const options = useMemo(() => {
    const q = search.trim().toLowerCase();
    return members
      .filter((m) => m.active)
      .filter(
        (m) =>
          !q || [m.login, m.nameZh ?? '', m.nameEn ?? ''].some((s) => s.toLowerCase().includes(q)),
      )
      .map((m) => ({
        value: m.login,
        label: (
          <span data-testid={`person-option-${m.login}`}>
            {name(m.login)} <span style={{ color: '#999' }}>{m.login}</span>
          </span>
        ),
      }));
  }, [members, name, search]);
  // While not typing, a known login shows as its name; what is typed shows as typed.
  const [typing, setTyping] = useState(false);
  const shown = typing ? props.value : props.value ? name(props.value) : props.value;
  return (
    <AutoComplete
      style={props.style ?? { width: '100%' }}
      value={shown}
      options={options}
      onFocus={() => {
        setTyping(true);
        setSearch('');
      }}
      onBlur={() => setTyping(false)}
      onSearch={setSearch}
      onSelect={(login: string) => {
        setTyping(false);
        props.onChange?.(login);
      }}
      onChange={(v: string) => props.onChange?.(v)}
    >
      {/* A plain input inside, so the field types (and tests fill) like any other. */}
      <Input
        data-testid={props.testId}
        aria-label={props.ariaLabel}
        placeholder={props.placeholder ?? t('directory.pickPerson')}
        allowClear
      />
    </AutoComplete>
  );
}
