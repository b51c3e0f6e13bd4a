// The label of an enum value in the reader's language, for the UI and the documents alike.
import { ENUM_VALUES, type EnumName } from '../domain/entities/enums';
import type { MessageKey } from '.';

/** Any translate function: the UI's `t` or a document's `(key) => t(locale, key)`. */
export type LabelTranslate = (key: MessageKey) => string;

/**
 * `enumLabel(t, 'issuePriority', 'urgentFault')` -> 紧急故障. A value the enum does not list (a
 * document from a newer version) is shown as it is stored, never as an empty cell.
 */
export function enumLabel(
  t: LabelTranslate,
  name: EnumName,
  value: string | null | undefined,
): string {
  if (value === null || value === undefined || value === '') return '';
  if (!(ENUM_VALUES[name] as readonly string[]).includes(value)) return value;
  return t(`label.${name}.${value}` as MessageKey);
}

/** Select options of an enum's values with their labels, in the enum's order. */
export function enumOptions(
  t: LabelTranslate,
  name: EnumName,
  values: readonly string[] = ENUM_VALUES[name],
): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: enumLabel(t, name, value) }));
}
