// The limits every host checks before it parses or posts: no recursion, so no input can make
// the checker itself overflow the stack.
import {
  jsonTextRefusal,
  parseBoundedJson,
  REPLY_LIMITS,
  REQUEST_LIMITS,
  valueRefusal,
  type Limits,
} from '../../../../main/api/inputLimits';
import { ApiFailure } from '../../../../shared/api/errors';

const small: Limits = { subject: 'input', maxBytes: 100, maxDepth: 3 };
const keyOf = (errors: { messageKey: string }[] | null) => errors?.[0].messageKey ?? null;

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('jsonTextRefusal', () => {
  it('counts the depth of arrays and objects, not of brackets inside strings', () => {
    expect(jsonTextRefusal('{"a":[{"b":1}]}', small)).toBeNull();
    expect(keyOf(jsonTextRefusal('{"a":[{"b":[1]}]}', small))).toBe('error.input.tooDeep');
    expect(jsonTextRefusal('{"a":"[[[[{{{{"}', small)).toBeNull();
    // An escaped quote does not end the string; an escaped backslash does not escape the quote.
    expect(jsonTextRefusal('{"a":"\\"[[[["}', small)).toBeNull();
    expect(keyOf(jsonTextRefusal('{"a":"\\\\","b":[[[1]]]}', small))).toBe('error.input.tooDeep');
  });

  it('refuses text over the size limit in UTF-8 bytes', () => {
    expect(jsonTextRefusal(`"${'x'.repeat(98)}"`, small)).toBeNull();
    expect(keyOf(jsonTextRefusal(`"${'x'.repeat(99)}"`, small))).toBe('error.input.tooLarge');
    // 40 Chinese characters are 120 bytes.
    expect(keyOf(jsonTextRefusal(`"${'续'.repeat(40)}"`, small))).toBe('error.input.tooLarge');
  });

  it('scans a million levels quickly and says which limit', () => {
    const text = '['.repeat(1_000_000);
    const started = performance.now();
    const refused = jsonTextRefusal(text, { ...REQUEST_LIMITS });
    expect(performance.now() - started).toBeLessThan(500);
    expect(refused).toEqual([
      expect.objectContaining({
        code: 'VALIDATION',
        messageKey: 'error.input.tooDeep',
        params: { limit: 64 },
      }),
    ]);
  });
});

describe('parseBoundedJson', () => {
  it('parses JSON within the limits; empty text is an empty input', () => {
    expect(parseBoundedJson('{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(parseBoundedJson('  ')).toEqual({});
  });

  it('throws VALIDATION for text that is not JSON, too deep or too large', () => {
    const failure = (text: string, limits?: Limits) => {
      try {
        parseBoundedJson(text, limits);
      } catch (error) {
        expect(error).toBeInstanceOf(ApiFailure);
        return (error as ApiFailure).errors[0];
      }
      throw new Error('not refused');
    };
    expect(failure('{nope')).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'error.input.notJson',
    });
    expect(failure(`${'['.repeat(5000)}${']'.repeat(5000)}`).messageKey).toBe(
      'error.input.tooDeep',
    );
    expect(failure('[1,2,3]', { ...small, maxBytes: 5 }).messageKey).toBe('error.input.tooLarge');
  });
});

describe('valueRefusal', () => {
  it('walks values without recursion: 100,000 levels are refused, not a stack overflow', () => {
    expect(valueRefusal(nested(3), small)).toBeNull();
    expect(keyOf(valueRefusal(nested(4), small))).toBe('error.input.tooDeep');
    expect(keyOf(valueRefusal(nested(100_000), REQUEST_LIMITS))).toBe('error.input.tooDeep');
  });

  it('stops at the limit on a cycle or a huge value', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(keyOf(valueRefusal(cycle, small))).toBe('error.input.tooDeep');
    expect(keyOf(valueRefusal({ s: 'x'.repeat(200) }, small))).toBe('error.input.tooLarge');
    expect(keyOf(valueRefusal(new Uint8Array(200), small))).toBe('error.input.tooLarge');
    expect(keyOf(valueRefusal(new Array(200).fill(0), { ...small, maxDepth: 5 }))).toBe(
      'error.input.tooLarge',
    );
  });

  it('names a reply as a reply: INTERNAL, with its own message', () => {
    const refused = valueRefusal(nested(100), REPLY_LIMITS);
    expect(refused?.[0]).toMatchObject({ code: 'INTERNAL', messageKey: 'error.reply.tooDeep' });
  });
});
