import { FEISHU_FILE_MAX_BYTES, feishuFileType, uploadFeishuFile } from '../../../../bots/feishu/feishu-file-upload';
import type { FeishuApiClient } from '../../../../bots/feishu/feishu-api-client';
import { DeliveryError } from '../../../../src/core/messenger';

/** im/v1/files' file_type values (https://open.feishu.cn/document/server-docs/im-v1/file/create). */
describe('feishu file upload', () => {
  test.each([
    ['工资表-2026-11.xlsx', 'xls'], ['a.XLS', 'xls'], ['payroll-2026-11.csv', 'stream'], ['note.pdf', 'pdf'], ['a.docx', 'doc'],
    ['deck.pptx', 'ppt'], ['v.mp4', 'mp4'], ['voice.opus', 'opus'], ['noext', 'stream'], ['a.tar.gz', 'stream'],
  ])('%s uploads as file_type %s', (name, type) => {
    expect(feishuFileType(name)).toBe(type);
  });

  test('an empty file or one over 30 MB is refused before any call, for good (not retried)', async () => {
    const api = { call: jest.fn() } as unknown as FeishuApiClient;
    const ref = { id: 1, name: 'a.csv', mediaType: 'text/csv', size: 0 };
    for (const content of [Buffer.alloc(0), Buffer.alloc(FEISHU_FILE_MAX_BYTES + 1)]) {
      const e = await uploadFeishuFile(api, ref, content, 1000).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DeliveryError);
      expect((e as DeliveryError).retryable).toBe(false);
    }
    expect(api.call).not.toHaveBeenCalled();
  });
});
