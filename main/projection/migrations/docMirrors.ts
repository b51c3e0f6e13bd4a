// The tables migration 0020 mirrors from one document type each: one home for their columns
// and the SQL that fills each column, read by 0020's triggers (over `NEW`) and by a fresh
// load's bulk fill (over the final `docs` rows, bulkFill.ts). 0020 has shipped: its SQL is
// pinned by SHA-256 (tests/unit/main/projection/migrations/shippedSql.test.ts), so a change
// here that would alter a user's triggers fails that test.

export interface DocMirror {
  /** The document type mirrored. */
  type: string;
  table: string;
  columns: string[];
  /** The value of each column, over the `docs` row named `doc`. */
  values: (doc: string) => string[];
}

const json = (doc: string, path: string) => `json_extract(${doc}.json, '${path}')`;

export const DOC_MIRRORS: DocMirror[] = [
  {
    type: 'healthScore',
    table: 'health_scores',
    columns: [
      'doc_id',
      'account_id',
      'score',
      'computed_band',
      'band',
      'overridden',
      'computed_on',
    ],
    values: (doc) => [
      `${doc}.id`,
      `${doc}.account_id`,
      json(doc, '$.score'),
      json(doc, '$.band'),
      `COALESCE(${json(doc, '$.override.band')}, ${json(doc, '$.band')})`,
      `${json(doc, '$.override.band')} IS NOT NULL`,
      json(doc, '$.computedOn'),
    ],
  },
  {
    type: 'usageReading',
    table: 'usage_points',
    columns: ['doc_id', 'account_id', 'date', 'purchased', 'activated', 'active'],
    values: (doc) => [
      `${doc}.id`,
      `${doc}.account_id`,
      json(doc, '$.date'),
      `COALESCE(${json(doc, '$.purchasedSeats')}, 0)`,
      `COALESCE(${json(doc, '$.activatedUsers')}, 0)`,
      `COALESCE(${json(doc, '$.activeUsers')}, 0)`,
    ],
  },
  {
    type: 'contact',
    table: 'contact_people',
    columns: [
      'doc_id',
      'account_id',
      'name',
      'roles',
      'stance',
      'active',
      'left_on',
      'last_contact_on',
    ],
    values: (doc) => [
      `${doc}.id`,
      `${doc}.account_id`,
      `COALESCE(${json(doc, '$.name')}, '')`,
      `COALESCE(${json(doc, '$.roles')}, '[]')`,
      json(doc, '$.stance'),
      `COALESCE(${json(doc, '$.active')}, 1)`,
      json(doc, '$.leftOn'),
      json(doc, '$.lastContactOn'),
    ],
  },
  {
    type: 'survey',
    table: 'survey_scores',
    columns: ['doc_id', 'account_id', 'kind', 'date', 'respondent', 'score'],
    values: (doc) => [
      `${doc}.id`,
      `${doc}.account_id`,
      json(doc, '$.kind'),
      json(doc, '$.date'),
      json(doc, '$.respondent'),
      json(doc, '$.score'),
    ],
  },
  {
    type: 'contract',
    table: 'contract_terms',
    columns: ['doc_id', 'account_id', 'start_date', 'end_date', 'status', 'paid', 'arr'],
    values: (doc) => [
      `${doc}.id`,
      `${doc}.account_id`,
      json(doc, '$.startDate'),
      `${doc}.date`,
      `COALESCE(${doc}.status, 'active')`,
      `COALESCE(${json(doc, '$.paid')}, 1)`,
      `COALESCE(${doc}.amount, 0)`,
    ],
  },
];
