import { distinctNames } from '../../../src/domain/display-names';

describe('distinctNames: labels side by side never merge two people', () => {
  test.each([
    [[{ name: '张伟', no: 'E002' }, { name: '李娜', no: 'E003' }], ['张伟', '李娜']],
    [[{ name: '张伟', no: 'E002' }, { name: '李娜', no: 'E003' }, { name: '张伟', no: 'E017' }], ['张伟（E002）', '李娜', '张伟（E017）']],
    [[], []],
  ])('%j → %j', (people, names) => {
    expect(distinctNames(people)).toEqual(names);
  });
});
