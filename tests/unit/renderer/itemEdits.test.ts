// One list element edited in a form, applied on the newest version of its document.
import { entities } from '../../../shared/domain/entities';
import { t } from '../../../shared/i18n';
import { validate } from '../../../renderer/src/forms';
import { applyItemEdit, changesSince, itemIn, relativeTo } from '../../../renderer/src/itemEdits';

const zh = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
  t('zh-CN', key, params);

const d1 = { key: 'd1', name: '需求规格说明书', acceptanceCriteria: '客户签字', status: 'pending' };
const d2 = { key: 'd2', name: '培训手册', acceptanceCriteria: '培训完成', status: 'pending' };
const opened = {
  title: 'SOW',
  deliverables: [d1, d2],
  scope: { partyA: ['数据'], partyB: ['配置'] },
};

describe('changesSince', () => {
  it('keeps only what differs from the opened version and names cleared fields', () => {
    expect(changesSince(d1, { ...d1, name: 'V2', acceptanceCriteria: ' ' })).toEqual({
      changes: { name: 'V2' },
      cleared: ['acceptanceCriteria'],
    });
    expect(changesSince(null, { name: 'new', remarks: '' })).toEqual({
      changes: { name: 'new' },
      cleared: [],
    });
  });
});

describe('applyItemEdit', () => {
  it('replaces the element in place with only the fields the user changed', () => {
    const edit = applyItemEdit(
      opened,
      opened,
      { path: ['deliverables'], key: 'd1' },
      {
        ...d1,
        name: 'V2',
      },
    );
    expect(edit.values).toEqual({ deliverables: [{ ...d1, name: 'V2' }, d2] });
    expect(edit.errorPrefix).toEqual(['deliverables', 0]);
    expect(edit.mine).toEqual({ name: 'V2' });
    expect(edit.original).toEqual(d1);
  });

  it('applies the edit on a newer version, keeping the other side’s changes', () => {
    const newer = {
      ...opened,
      deliverables: [d2, { ...d1, status: 'delivered' }, { ...d2, key: 'd3', name: '新增' }],
    };
    const edit = applyItemEdit(
      newer,
      opened,
      { path: ['deliverables'], key: 'd1' },
      {
        ...d1,
        acceptanceCriteria: '项目经理签字',
      },
    );
    expect(edit.values.deliverables).toEqual([
      d2,
      { ...d1, status: 'delivered', acceptanceCriteria: '项目经理签字' },
      { ...d2, key: 'd3', name: '新增' },
    ]);
    expect(edit.errorPrefix).toEqual(['deliverables', 1]);
  });

  it('adds a new element, and adds back one the newer version removed', () => {
    const added = applyItemEdit(
      opened,
      opened,
      { path: ['deliverables'], key: 'n1' },
      {
        name: '上线报告',
      },
    );
    expect(added.values.deliverables).toEqual([d1, d2, { key: 'n1', name: '上线报告' }]);
    expect(added.errorPrefix).toEqual(['deliverables', 2]);
    const gone = { ...opened, deliverables: [d2] };
    const kept = applyItemEdit(
      gone,
      opened,
      { path: ['deliverables'], key: 'd1' },
      {
        ...d1,
        name: 'V2',
      },
    );
    expect(kept.values.deliverables).toEqual([d2, { ...d1, name: 'V2' }]);
  });

  it('removes an element', () => {
    const edit = applyItemEdit(opened, opened, { path: ['deliverables'], key: 'd2' }, null);
    expect(edit.values).toEqual({ deliverables: [d1] });
    expect(edit.errorPrefix).toEqual(['deliverables', -1]);
  });

  it('edits a plain text line inside a nested list, leaving its sibling list alone', () => {
    const edit = applyItemEdit(
      opened,
      opened,
      { path: ['scope', 'partyA'], text: '数据' },
      {
        text: '脱敏数据',
      },
    );
    expect(edit.values).toEqual({ scope: { partyA: ['脱敏数据'], partyB: ['配置'] } });
    expect(itemIn(opened, { path: ['scope', 'partyB'], text: '配置' })).toEqual({ text: '配置' });
    const cleared = applyItemEdit(
      opened,
      opened,
      { path: ['scope', 'partyA'], text: '数据' },
      {
        text: '',
      },
    );
    expect(cleared.values).toEqual({ scope: { partyA: [''], partyB: ['配置'] } });
  });

  it("puts the schema's errors for the element on the form's own field names", () => {
    const edit = applyItemEdit(
      opened,
      opened,
      { path: ['deliverables'], key: 'd1' },
      {
        ...d1,
        name: '',
      },
    );
    const checked = validate(entities.sow.input, { ...opened, ...edit.values }, zh);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(relativeTo(checked.fields, edit.errorPrefix)).toEqual([
      { name: ['name'], errors: ['必填'] },
    ]);
    // An empty text line's own error goes to the text field.
    expect(
      relativeTo([{ name: ['scope', 'partyA', 0], errors: ['x'] }], ['scope', 'partyA', 0]),
    ).toEqual([{ name: ['text'], errors: ['x'] }]);
    // Errors elsewhere keep their full path.
    expect(relativeTo([{ name: ['title'], errors: ['x'] }], ['deliverables', 0])).toEqual([
      { name: ['title'], errors: ['x'] },
    ]);
  });
});
