import { escapeHtml, html, raw } from '../../../src/console/html';

describe('console html', () => {
  it('escapes every interpolated string, joins arrays and drops null, undefined and false', () => {
    const name = '<script>alert("x")</script>&\'';
    const out = html`<td title="${name}">${name}</td>${[html`<b>${1}</b>`, 'a<b']}${null}${undefined}${false}`;
    expect(out.text).toBe('<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</td><b>1</b>a&lt;b');
  });

  it('keeps raw markup and nested html as they are', () => {
    expect(html`<div>${raw('<svg></svg>')}${html`<i>${'<'}</i>`}</div>`.toString()).toBe('<div><svg></svg><i>&lt;</i></div>');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });
});
