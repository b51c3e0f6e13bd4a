import {
  directoryOf,
  displayName,
  EMPTY_DIRECTORY,
  loginOf,
  personFormatter,
} from '../../../../shared/people/displayName';

const directory = directoryOf([
  { login: 'li.na', nameZh: '李娜', nameEn: 'Li Na' },
  { login: 'emma.wu', nameEn: 'Emma Wu' },
  { login: 'huang.tao', nameZh: '黄涛' },
  { login: 'nameless' },
]);

describe('displayName', () => {
  it("gives the name in the reader's language", () => {
    expect(displayName(directory, 'li.na', 'zh-CN')).toBe('李娜');
    expect(displayName(directory, 'li.na', 'en-US')).toBe('Li Na');
  });

  it("falls back to the other language's name", () => {
    expect(displayName(directory, 'emma.wu', 'zh-CN')).toBe('Emma Wu');
    expect(displayName(directory, 'huang.tao', 'en-US')).toBe('黄涛');
  });

  it('shows an unknown login, or one without names, as itself', () => {
    expect(displayName(directory, 'david.chen', 'zh-CN')).toBe('david.chen');
    expect(displayName(directory, 'nameless', 'en-US')).toBe('nameless');
    expect(displayName(EMPTY_DIRECTORY, 'li.na', 'zh-CN')).toBe('li.na');
    // Not fooled by names that are properties of every object.
    expect(displayName(directory, 'constructor', 'en-US')).toBe('constructor');
  });

  it('shows nothing for no login', () => {
    expect(displayName(directory, undefined, 'zh-CN')).toBe('');
    expect(displayName(directory, null, 'en-US')).toBe('');
    expect(displayName(directory, '', 'en-US')).toBe('');
  });

  it('binds a directory and a language for builders', () => {
    const person = personFormatter(directory, 'en-US');
    expect(['li.na', 'huang.tao', 'x.y'].map(person)).toEqual(['Li Na', '黄涛', 'x.y']);
  });
});

describe('loginOf', () => {
  it('reads a shown name back as its login, and keeps anything else as typed', () => {
    expect(loginOf(directory, '李娜')).toBe('li.na');
    expect(loginOf(directory, 'Li Na')).toBe('li.na');
    expect(loginOf(directory, 'huang.tao')).toBe('huang.tao');
    expect(loginOf(directory, '王五')).toBe('王五');
    const twins = directoryOf([
      { login: 'wang.wei', nameZh: '王伟' },
      { login: 'wang.wei2', nameZh: '王伟' },
    ]);
    expect(loginOf(twins, '王伟')).toBe('王伟');
  });
});
