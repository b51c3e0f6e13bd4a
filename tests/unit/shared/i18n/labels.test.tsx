// One label per enum value: the UI's label() and the documents' label() give the same words, in
// both languages, and those are the glossary's (docs/glossary.md, beside the project) wherever
// the glossary names the values.
import fs from 'node:fs';
import path from 'node:path';
import { renderToString } from 'react-dom/server';
import { label as documentLabel } from '../../../../main/deliverables/format';
import { LocaleProvider, useLocale } from '../../../../renderer/src/i18n';
import { ENUM_VALUES, type EnumName } from '../../../../shared/domain/entities/enums';
import { LOCALES, t, type Locale } from '../../../../shared/i18n';
import { enumLabel } from '../../../../shared/i18n/enumLabel';
import { zhCN } from '../../../../shared/i18n/zh-CN';

const ENUMS = Object.keys(ENUM_VALUES) as EnumName[];

/** The renderer's label function for a locale, taken from its provider. */
function uiLabel(locale: Locale): (name: EnumName, value: string) => string {
  let captured: ((name: EnumName, value: string) => string) | undefined;
  function Capture() {
    captured = useLocale().label;
    return null;
  }
  renderToString(
    <LocaleProvider initial={locale}>
      <Capture />
    </LocaleProvider>,
  );
  return captured!;
}

/**
 * The glossary: the project keeps a copy in docs/glossary.md, so the test runs in any clone; where
 * the team's original sits beside the checkout (../shared/docs, as in CI) the copy must equal it.
 */
function glossaryText(): string {
  const root = path.resolve(__dirname, '../../../..');
  const copy = fs.readFileSync(path.join(root, 'docs', 'glossary.md'), 'utf8');
  const original = path.join(path.dirname(root), 'shared', 'docs', 'glossary.md');
  if (fs.existsSync(original) && fs.readFileSync(original, 'utf8') !== copy) {
    throw new Error(`docs/glossary.md differs from ${original}: copy the team's glossary again`);
  }
  return copy;
}

type Row = { zh: string; en: string; id: string };

function glossaryRows(text: string): Row[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    )
    .filter((cells) => cells.length === 3 && cells[0] !== 'zh-CN')
    .map(([zh, en, id]) => ({ zh, en, id }));
}

/** "客户等级：战略 / 普通 / 小微" -> [战略, 普通, 小微]; "健康度 (红 / 黄 / 绿)" -> [红, 黄, 绿]. */
function listOf(cell: string, inParentheses: boolean): string[] {
  const inner = inParentheses
    ? (/\(([^)]*)\)\s*$/.exec(cell)?.[1] ?? '')
    : cell.replace(/^[^：:]*[：:]\s*/, '');
  return inner.split(' / ').map((s) => s.trim());
}

/** Glossary rows naming an enum's values: the row's identifier cell, the enum, where the list is. */
const GLOSSARY_ENUMS: { id: string; name: EnumName; values: string[]; inParentheses?: boolean }[] =
  [
    {
      id: 'tier: strategic, ordinary, micro',
      name: 'tier',
      values: ['strategic', 'ordinary', 'micro'],
    },
    {
      id: 'decisionMaker, initiator, selector, champion, opponent',
      name: 'contactRole',
      values: ['decisionMaker', 'initiator', 'selector', 'champion', 'opponent'],
    },
    {
      id: 'urgentFault, firstUse, ordinaryFault, presales, selfConfig',
      name: 'issuePriority',
      values: ['urgentFault', 'firstUse', 'ordinaryFault', 'presales', 'selfConfig'],
    },
    {
      id: 'new, inProgress, awaitingRelease, fixed, closed',
      name: 'issueStatus',
      values: ['new', 'inProgress', 'awaitingRelease', 'fixed', 'closed'],
    },
    {
      id: 'health, band',
      name: 'healthBand',
      values: ['red', 'yellow', 'green'],
      inParentheses: true,
    },
    {
      id: 'riskCase, riskLevel',
      name: 'riskLevel',
      values: ['high', 'medium', 'low'],
      inParentheses: true,
    },
    {
      id: 'opportunity: addOn, crossSell, services',
      name: 'opportunityKind',
      values: ['addOn', 'crossSell', 'services'],
    },
    { id: 'partyA, partyB', name: 'partySide', values: ['partyA', 'partyB'] },
  ];

/** Single-identifier rows whose first name is a document type's name. */
const GLOSSARY_DOC_TYPES = [
  'account',
  'contract',
  'contact',
  'handover',
  'sow',
  'projectPlan',
  'successPlan',
  'issue',
  'visit',
  'touchpoint',
  'usageReading',
  'riskCase',
  'timeline',
] as const;

// English labels start a table cell or a sentence: the glossary writes list values in lower case
// inside parentheses ("Health (red / yellow / green)"), so the first letter's case is not compared.
const sameWords = (a: string, b: string) =>
  a.charAt(0).toLowerCase() + a.slice(1) === b.charAt(0).toLowerCase() + b.slice(1);

describe('enum labels', () => {
  it('the UI and the documents use the one label set, in both languages', () => {
    for (const locale of LOCALES) {
      const ui = uiLabel(locale);
      for (const name of ENUMS)
        for (const value of ENUM_VALUES[name]) {
          const expected = t(locale, `label.${name}.${value}` as never);
          expect([name, value, ui(name, value)]).toEqual([name, value, expected]);
          expect([name, value, documentLabel(locale, name, value)]).toEqual([
            name,
            value,
            expected,
          ]);
        }
    }
  });

  it('has no second copy of an enum label left in the catalogs', () => {
    const duplicates = Object.keys(zhCN).filter((k) =>
      /^(ui\.enum\.|health\.(band|tier|role)\.|deliverables\.(priority|status|category|phase|deliverableStatus|role|tier|visitStatus|visitMode|serviceLevel|review\.band)\.)/.test(
        k,
      ),
    );
    expect(duplicates).toEqual([]);
  });

  it('shows a value the enum does not list as it is stored, and nothing for no value', () => {
    const zh = (key: Parameters<typeof t>[1]) => t('zh-CN', key);
    expect(enumLabel(zh, 'issuePriority', 'fromTheFuture')).toBe('fromTheFuture');
    expect(enumLabel(zh, 'issuePriority', undefined)).toBe('');
    expect(enumLabel(zh, 'issuePriority', 'firstUse')).toBe('初次使用');
  });

  it("follows the glossary's words exactly", () => {
    const rows = glossaryRows(glossaryText());
    expect(rows.length).toBeGreaterThan(20);
    const row = (id: string) => {
      const found = rows.find((r) => r.id === id);
      if (!found) throw new Error(`the glossary has no row for "${id}"`);
      return found;
    };
    for (const g of GLOSSARY_ENUMS) {
      const r = row(g.id);
      const zh = listOf(r.zh, g.inParentheses ?? false);
      const en = listOf(r.en, g.inParentheses ?? false);
      expect([g.name, zh.length, en.length]).toEqual([g.name, g.values.length, g.values.length]);
      g.values.forEach((value, i) => {
        expect([g.name, value, t('zh-CN', `label.${g.name}.${value}` as never)]).toEqual([
          g.name,
          value,
          zh[i],
        ]);
        const enLabel = t('en-US', `label.${g.name}.${value}` as never);
        expect([g.name, value, enLabel, sameWords(enLabel, en[i])]).toEqual([
          g.name,
          value,
          enLabel,
          true,
        ]);
      });
    }
    for (const type of GLOSSARY_DOC_TYPES) {
      const r = rows.find((x) => x.id.split(',')[0].trim() === type);
      if (!r) throw new Error(`the glossary has no row for the document type ${type}`);
      const first = (cell: string) => cell.split(' / ')[0].trim();
      expect([type, t('zh-CN', `label.docType.${type}` as never)]).toEqual([type, first(r.zh)]);
      expect([type, t('en-US', `label.docType.${type}` as never)]).toEqual([type, first(r.en)]);
    }
  });
});
