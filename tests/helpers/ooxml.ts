// Validates a .docx or .xlsx against the ECMA-376 transitional schemas (tests/fixtures/ooxml-schemas)
// with xmllint, offline. Each XML part is first put through markup-compatibility processing the way
// Word and Excel read it (ECMA-376 Part 3): elements and attributes in a namespace that the part's
// mc:Ignorable lists, and that these schemas do not cover (w14, w15, wp14, x14ac, ...), are dropped;
// mc:AlternateContent becomes the first mc:Choice whose namespaces are all understood, else its
// mc:Fallback; the mc:Ignorable attributes go. Everything else must validate as written: a
// namespace that is neither understood nor declared ignorable fails, as it would in Word.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
// jsdom (through jest-environment-jsdom) gives a namespace-aware XML DOM for the processing.
import { JSDOM } from 'jsdom';

const run = promisify(execFile);

export const SCHEMA_DIR = path.join(__dirname, '../fixtures/ooxml-schemas');
const ENTRY = path.join(SCHEMA_DIR, 'ooxml.xsd');

const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Namespaces these schemas define: a consumer that has them "understands" them. */
const UNDERSTOOD = new Set(
  fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.xsd'))
    .map((f) => /targetNamespace="([^"]+)"/.exec(fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => m[1])
    .filter((ns) => !ns.startsWith('urn:csm-workbench')),
);

/**
 * Parts not validated, each with its reason. docProps/core.xml: its schema imports the Dublin Core
 * schemas from dublincore.org, which an offline test cannot fetch.
 */
export const NOT_VALIDATED: Record<string, string> = {
  'docProps/core.xml': 'Dublin Core schemas are remote',
};

export interface PartError {
  part: string;
  message: string;
}

export interface OoxmlReport {
  /** Parts checked against a schema. */
  validated: string[];
  /** Schema violations (empty when the file is valid), one per xmllint message. */
  errors: PartError[];
}

const window = new JSDOM('').window;

/** Markup-compatibility processing of one part (see the file comment). */
export function processMarkupCompatibility(xml: string): string {
  const doc = new window.DOMParser().parseFromString(xml, 'application/xml');
  const failure = doc.getElementsByTagName('parsererror')[0];
  if (failure) throw new Error(`not well-formed XML: ${failure.textContent ?? ''}`);
  visit(doc.documentElement, new Set());
  return new window.XMLSerializer().serializeToString(doc);
}

function namespacesOf(el: Element, prefixes: string | null): string[] {
  return (prefixes ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => el.lookupNamespaceURI(p) ?? `unbound:${p}`);
}

function visit(el: Element, inheritedIgnorable: Set<string>): void {
  const ignorable = new Set(inheritedIgnorable);
  for (const ns of namespacesOf(el, el.getAttributeNS(MC, 'Ignorable'))) {
    if (!UNDERSTOOD.has(ns)) ignorable.add(ns);
  }
  el.removeAttributeNS(MC, 'Ignorable');
  for (const attr of [...el.attributes]) {
    if (attr.namespaceURI && attr.namespaceURI !== XMLNS && ignorable.has(attr.namespaceURI)) {
      el.removeAttributeNode(attr);
    }
  }
  for (const child of [...el.children]) {
    if (child.namespaceURI === MC && child.localName === 'AlternateContent') {
      const choice =
        [...child.children].find(
          (c) =>
            c.localName === 'Choice' &&
            namespacesOf(c, c.getAttribute('Requires')).every((ns) => UNDERSTOOD.has(ns)),
        ) ?? [...child.children].find((c) => c.localName === 'Fallback');
      const replacement = choice ? [...choice.children] : [];
      for (const r of replacement) el.insertBefore(r, child);
      el.removeChild(child);
      for (const r of replacement) visit(r, ignorable);
    } else if (child.namespaceURI && ignorable.has(child.namespaceURI)) {
      el.removeChild(child);
    } else {
      visit(child, ignorable);
    }
  }
}

/** Validates every XML part of an OOXML package (the .rels and [Content_Types].xml included). */
const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * The published transitional sml.xsd types a cell text `<t>` as a bare string, so it refuses
 * `xml:space="preserve"` on it; yet Excel itself writes that attribute on every text that keeps
 * a line break or edge spaces, and every consumer (Excel, LibreOffice, the Open XML SDK, whose
 * schemas allow it) reads it. The attribute is removed from spreadsheet `<t>` elements only, so
 * the rest of the part still validates as written.
 */
export function allowSpaceOnSpreadsheetText(xml: string): string {
  if (!xml.includes('xml:space')) return xml;
  const doc = new window.DOMParser().parseFromString(xml, 'application/xml');
  for (const t of Array.from(doc.getElementsByTagNameNS(SML, 't')))
    t.removeAttributeNS(XML_NS, 'space');
  return new window.XMLSerializer().serializeToString(doc);
}

export async function validateOoxml(file: Buffer | Uint8Array): Promise<OoxmlReport> {
  const zip = await JSZip.loadAsync(new Uint8Array(file));
  const parts = Object.keys(zip.files)
    .filter((name) => !zip.files[name].dir && /\.(xml|rels)$/.test(name))
    .filter((name) => !(name in NOT_VALIDATED))
    .sort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooxml-'));
  try {
    const local = new Map<string, string>();
    for (const [index, part] of parts.entries()) {
      const xml = await zip.file(part)!.async('string');
      const file = path.join(dir, `${index}.xml`);
      const processed = processMarkupCompatibility(xml);
      fs.writeFileSync(
        file,
        part.startsWith('xl/') ? allowSpaceOnSpreadsheetText(processed) : processed,
      );
      local.set(file, part);
    }
    const errors: PartError[] = [];
    if (local.size) {
      const output = await run(
        'xmllint',
        ['--noout', '--nonet', '--schema', ENTRY, ...local.keys()],
        {
          maxBuffer: 64 * 1024 * 1024,
        },
      ).then(
        (r) => r.stderr,
        (e: { stderr?: string; code?: number }) => {
          // xmllint exits 3 (or 4) for invalid documents; anything else is a broken run.
          if (e.code !== 3 && e.code !== 4) throw e;
          return e.stderr ?? '';
        },
      );
      for (const line of output.split('\n')) {
        if (!line.trim() || / validates$/.test(line)) continue;
        const file = [...local.keys()].find(
          (f) => line.startsWith(`${f}:`) || line.startsWith(`${f} `),
        );
        errors.push({
          part: file ? local.get(file)! : '?',
          message: file ? line.slice(file.length).replace(/^:?\s*/, '') : line,
        });
      }
    }
    return { validated: parts, errors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The parts a valid file must at least contain, by file type. */
export function corePartsOf(fileName: string): string[] {
  return fileName.endsWith('.xlsx')
    ? ['[Content_Types].xml', 'xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']
    : ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml'];
}

/** Readable summary for a failing expectation. */
export function formatErrors(errors: PartError[], limit = 20): string {
  const shown = errors.slice(0, limit).map((e) => `${e.part}: ${e.message}`);
  if (errors.length > limit) shown.push(`(${limit} of ${errors.length} errors shown)`);
  return shown.join('\n');
}
