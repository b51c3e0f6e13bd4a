// The sample company template shipped in assets/templates/: a branded acceptance cover page
// with text placeholders and table placeholders, built with the docx library.
import { AlignmentType, Footer, Header, Packer, Paragraph, Document } from 'docx';
import { FONT, run } from './docxKit';

const p = (text: string, bold = false) =>
  new Paragraph({ spacing: { after: 120 }, children: [run(text, { bold, size: 22 })] });

export async function buildSampleTemplate(): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  run('示例科技有限公司 · Example Tech Ltd.', { color: '3B6FD6', size: 18 }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({ children: [p('{{account_name}} · {{contract_no}}')] }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [run('{{project_name}} 系统验收报告', { bold: true, size: 36 })],
          }),
          p('客户 Customer：{{account_name}}'),
          p(
            '合同编号 Contract：{{contract_no}}（{{contract_start}} – {{contract_end}}，{{contract_amount}}）',
          ),
          p('客户项目经理 Customer PM：{{customer_pm}}　乙方项目经理 Vendor PM：{{vendor_pm}}'),
          p('客户成功经理 CSM：{{csm}}　日期 Date：{{today}}'),
          p('一、实施阶段 Phases', true),
          p('{{phases_table}}'),
          p('二、验收清单 Deliverables', true),
          p('{{deliverables_table}}'),
          p('三、未关闭问题 Open issues：{{open_issues}}', true),
          p('甲方签字 Party A：____________　乙方签字 Party B：____________'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
