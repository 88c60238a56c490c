import { renderFileLink } from '../../../../bots/web/web-render';

describe('web chat: a file offered as a download link', () => {
  test('name, size and the wall time the link works until; everything escaped', () => {
    const html = renderFileLink(
      { id: 1, name: '工资表<"x">.xlsx', mediaType: 'application/octet-stream', size: 2048 },
      { url: 'https://bot.example.com/files/abc"def', expiresAt: new Date('2026-12-03T02:10:00Z') },
      'Asia/Shanghai',
    );
    expect(html).toBe(
      '<div class="file"><a href="https://bot.example.com/files/abc&quot;def" download="工资表&lt;&quot;x&quot;&gt;.xlsx" rel="noopener">工资表&lt;&quot;x&quot;&gt;.xlsx</a>' +
        '（2 KB）<div class="file-note">下载链接 10:10 前有效，过期后请重新发送命令取得新链接。</div></div>',
    );
  });
});
