// Regenerates assets/templates/company-acceptance.docx: `npx tsx main/deliverables/writeSampleTemplate.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { buildSampleTemplate } from './sampleTemplate';

const out = path.resolve(__dirname, '../../assets/templates/company-acceptance.docx');
void buildSampleTemplate().then((buffer) => {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, new Uint8Array(buffer));
  console.log(`wrote ${out} (${buffer.length} bytes)`);
});
