// Form helpers: the entity schemas run in the renderer, and backend errors land on their fields.
import { entities } from '../../../shared/domain/entities';
import { t } from '../../../shared/i18n';
import { ApiCallError } from '../../../renderer/src/api/client';
import { compact, fieldErrorsOf, validate } from '../../../renderer/src/forms';

const zh = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
  t('zh-CN', key, params);

describe('validate', () => {
  it('returns the schema errors per field, translated', () => {
    const result = validate(
      entities.issue.input,
      { title: '', priority: 'nope', raisedOn: '2026-11-23', status: 'closed' },
      zh,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.fields.map((f) => [f.name.join('.'), f.errors]));
    expect(byField.title).toEqual(['不能少于 1']);
    expect(byField.priority).toEqual(['不是允许的取值']);
  });

  it('runs the cross-field rules once the fields themselves are valid', () => {
    const result = validate(
      entities.issue.input,
      { title: '报表导出乱码', priority: 'urgentFault', raisedOn: '2026-11-23', status: 'closed' },
      zh,
    );
    expect(result).toEqual({
      ok: false,
      fields: [{ name: ['customerConfirmation'], errors: ['问题需经客户确认后才能关闭'] }],
    });
  });

  it('passes a valid document through with its defaults', () => {
    const result = validate(
      entities.issue.input,
      { title: '报表导出乱码', priority: 'urgentFault', raisedOn: '2026-11-23' },
      zh,
    );
    expect(result).toEqual({
      ok: true,
      data: expect.objectContaining({ status: 'new', category: 'bug' }),
    });
  });
});

describe('fieldErrorsOf', () => {
  it('strips the data/changes envelope and keeps call-wide errors apart', () => {
    const error = new ApiCallError([
      {
        code: 'VALIDATION',
        path: ['data', 'email'],
        message: 'bad',
        messageKey: 'validation.invalidFormat',
      },
      {
        code: 'VALIDATION',
        path: ['changes', 'leftOn'],
        message: 'x',
        messageKey: 'validation.leftOnRequired',
      },
      {
        code: 'CONFLICT',
        path: [],
        message: 'stale',
        messageKey: 'error.conflict',
        params: { id: 'contact:a:b', currentRev: '3-x' },
      },
    ]);
    const { fields, general } = fieldErrorsOf(error, zh);
    expect(fields).toEqual([
      { name: ['email'], errors: ['格式不正确'] },
      { name: ['leftOn'], errors: ['已离职的联系人需要填写离职日期'] },
    ]);
    expect(general).toEqual(['contact:a:b 已被他人修改（当前版本 3-x），请查看最新内容后再保存']);
  });
});

describe('compact', () => {
  it('drops empty strings and nulls so optional fields stay absent', () => {
    expect(
      compact({ a: '', b: '  ', c: 'x', d: null, e: [''], f: { g: '' }, h: 0, i: false }),
    ).toEqual({
      c: 'x',
      e: [undefined],
      f: {},
      h: 0,
      i: false,
    });
  });
});
