/**
 * The console's style sheet, inlined in every page as one `<style>` element (the CSP allows it
 * by its hash). Readable from 390 px (a phone: the navigation wraps, tables scroll sideways in
 * their wrapper) to 1440 px; focus is always visible. Pages use these classes: `.table-wrap`
 * around a table, `.num` for figures, `.muted`, `.empty` for an empty state, `.filters` for a
 * filter form, `.pager`, `.btn` (`.btn-danger`), `.flag`.
 */
export const CONSOLE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.55 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0b57d0}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:8px 12px;z-index:10}
.skip:focus{left:8px;top:8px}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
header.top{background:#1f2937;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px}
header.top .brand{font-weight:600;margin-right:8px}
nav.main ul{list-style:none;display:flex;flex-wrap:wrap;gap:4px;margin:0;padding:0}
nav.main a{display:block;color:#e5e7eb;text-decoration:none;padding:6px 10px;border-radius:6px}
nav.main a:hover{background:#374151}
nav.main a[aria-current=page]{background:#fff;color:#1f2937;font-weight:600}
.who{margin-left:auto;display:flex;align-items:center;gap:8px;font-size:14px}
.who button{background:transparent;color:#fff;border:1px solid #9ca3af}
main{max-width:1360px;margin:0 auto;padding:16px}
main:focus{outline:none}
h1{font-size:22px;margin:4px 0 16px}
h2{font-size:18px;margin:24px 0 8px}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;min-width:560px}
th,td{padding:8px 10px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top;white-space:nowrap}
td.wrap{white-space:normal;min-width:200px}
th{background:#f6f8fa;font-weight:600;position:sticky;top:0}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#57606a}
.empty{background:#fff;border:1px dashed #d0d7de;border-radius:8px;padding:24px;text-align:center;color:#57606a}
.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin:0 0 12px}
.filters label{display:flex;flex-direction:column;font-size:13px;color:#57606a}
input,select,button,.btn{font:inherit;min-height:36px}
input,select{padding:4px 8px;border:1px solid #8c959f;border-radius:6px;background:#fff}
button,.btn{display:inline-flex;align-items:center;padding:4px 12px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:#1f2328;cursor:pointer;text-decoration:none}
button.primary,.btn.primary{background:#0b57d0;border-color:#0b57d0;color:#fff}
button.btn-danger{border-color:#cf222e;color:#cf222e}
button[disabled]{opacity:.6;cursor:progress}
.pager{display:flex;gap:12px;align-items:center;margin:12px 0}
.flag{display:inline-block;padding:0 6px;border-radius:4px;background:#fff8c5;color:#7d4e00;font-size:13px}
.status:empty{margin:0}
.status:not(:empty){margin:0 0 12px;background:#fff;border:1px solid #d0d7de;border-left:4px solid #0b57d0;border-radius:6px;padding:8px 12px;white-space:pre-line}
.notice{max-width:560px;margin:15vh auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:24px}
@media (max-width:600px){main{padding:12px 8px}header.top{padding:8px}.who{margin-left:0;width:100%}h1{font-size:19px}}
`.trim();

/**
 * The data pages' styles (the calendar grid, badges, tables): the layout serves them in its
 * stylesheet (the CSP allows no inline style). Without them the pages stay readable: every
 * colour has a text label.
 */
export const DATA_PAGES_CSS = `
.badge{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em;border:1px solid currentColor}
.badge-bad{color:#a40000}.badge-warn{color:#8a5300}.badge-ok{color:#1d6b1d}.badge-info{color:#334}
.cal{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:4px}
.cal .dow{font-weight:bold;text-align:center}
.cal details{border:1px solid #ccc;border-radius:4px;padding:2px 4px;min-height:3.5em;font-size:.9em;overflow-wrap:anywhere}
.cal summary{cursor:pointer}
.day-ontime{background:#e7f5e7}.day-late{background:#fff1d6}.day-half{background:#ffe0c2}.day-absent{background:#ffd6d6}
.day-leave{background:#e3ecff}.day-off{background:#f0f0f0}.day-none{background:#fff}.day-makeup{background:#f3e8ff}
.table-wrap{overflow-x:auto}
table.data{border-collapse:collapse;width:100%}table.data th,table.data td{border-bottom:1px solid #ddd;padding:.25em .4em;text-align:left;white-space:nowrap}
table.data td.num,table.data th.num{text-align:right}
.empty{padding:1em;border:1px dashed #aaa;border-radius:6px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.year{display:grid;grid-template-columns:repeat(auto-fill,minmax(16em,1fr));gap:1em}
input,select,textarea{max-width:100%}
article.request{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:4px 16px 12px;margin:0 0 16px;max-width:760px}
article.request dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}
article.request dt{color:#57606a}article.request dd{margin:0;overflow-wrap:anywhere}
.decide{display:flex;flex-wrap:wrap;gap:8px;align-items:center}.decide form{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
`;
