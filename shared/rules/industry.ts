// One value per industry. An account's industry is stored as the industry's code when the text
// names a known industry in either language (金融, Finance, finance -> `finance`), so the facet
// lists it once and the labels (`label.industry.<code>`, shared/i18n) name it in the reader's
// language. Any other text is kept as typed (trimmed): a team may use industries not listed here.
export const INDUSTRIES = [
  'manufacturing',
  'retail',
  'finance',
  'healthcare',
  'logistics',
  'education',
  'software',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Names each industry goes by, in both languages (compared case-insensitively). */
const NAMES: Record<Industry, readonly string[]> = {
  manufacturing: ['制造', '制造业', 'manufacturing'],
  retail: ['零售', '零售业', 'retail'],
  finance: ['金融', '金融业', 'finance', 'financial services'],
  healthcare: ['医疗', '医疗健康', 'healthcare', 'health care', 'medical'],
  logistics: ['物流', '物流业', 'logistics'],
  education: ['教育', 'education'],
  software: ['软件', '软件业', 'software'],
};

const BY_NAME = new Map<string, Industry>();
for (const code of INDUSTRIES)
  for (const name of NAMES[code]) BY_NAME.set(name.toLowerCase(), code);

/** The stored value of an industry as typed; undefined for nothing typed. */
export function normaliseIndustry(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  return BY_NAME.get(text.toLowerCase()) ?? text;
}
