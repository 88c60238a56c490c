import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f2f3f5;color:#1f2329}
header{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 16px;background:#1f2329;color:#fff}
header h1{font-size:17px;margin:0 12px 0 0}header small{font-weight:normal;color:#aab}
#clock{display:flex;flex-wrap:wrap;gap:6px;align-items:center}#clock-label{font-weight:600;margin-right:6px}
#clock button{background:#3370ff;color:#fff;border:0;border-radius:4px;padding:5px 10px;cursor:pointer}#clock button:disabled{opacity:.5}
#clock-log{white-space:pre-wrap;font-size:12px;color:#646a73;padding:4px 16px;background:#fff;border-bottom:1px solid #dee0e3;min-height:1em}
main{display:grid;grid-template-columns:220px 1fr 1fr;gap:12px;padding:12px;height:calc(100vh - 110px);min-height:420px}
aside{background:#fff;border-radius:8px;padding:10px;overflow:auto}aside h2,.chat h2{font-size:14px;margin:0 0 8px}
.person{display:block;width:100%;text-align:left;border:1px solid #dee0e3;background:#fff;border-radius:6px;padding:6px 8px;margin-bottom:6px;cursor:pointer}
.person span{display:block;font-size:12px;color:#646a73}.person.active{border-color:#3370ff;background:#eef3ff}
.guide{font-size:12px;color:#646a73;margin-top:12px}.guide ol{padding-left:18px;margin:4px 0}
.chat{display:flex;flex-direction:column;background:#fff;border-radius:8px;padding:10px;min-height:0}
.messages{flex:1;overflow:auto;padding:4px}.msg{margin:8px 0;max-width:92%}.msg.me{margin-left:auto}
.meta{font-size:11px;color:#8f959e;margin-bottom:2px}.msg.me .meta{text-align:right}
.text{white-space:pre-wrap;background:#f2f3f5;border-radius:8px;padding:6px 10px;display:inline-block}.msg.me .text{background:#d6e4ff;float:right}.msg.me::after{content:"";display:block;clear:both}.file{background:#f2f3f5;border-radius:8px;padding:6px 10px;display:inline-block}.file-note{color:#86909c;font-size:12px}
.card{border:1px solid #dee0e3;border-left:4px solid #3370ff;border-radius:8px;padding:8px 10px;background:#fff}
.card.tone-success{border-left-color:#34c724}.card.tone-warning{border-left-color:#ff8800}.card.tone-danger{border-left-color:#f54a45}
.card-title{font-weight:600;margin-bottom:4px}.fields{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:4px 0}.fields dt{color:#646a73}.fields dd{margin:0;white-space:pre-wrap}
.card-text{white-space:pre-wrap;margin:6px 0;color:#373c43}.card-chart{display:block;width:100%;max-width:640px;height:auto;margin:6px 0;background:#fff}.card-footer{margin-top:6px;font-size:12px;color:#646a73}
.input{display:block;margin:4px 0}.input span{display:block;font-size:12px;color:#646a73}.input input,.input select,.input textarea{width:100%;padding:4px 6px;border:1px solid #c9cdd4;border-radius:4px;font:inherit}
.buttons{display:flex;flex-wrap:wrap;gap:8px;margin-top:6px}.action{display:flex;flex-direction:column;gap:4px}
.card button{border:1px solid #c9cdd4;background:#fff;border-radius:4px;padding:4px 14px;cursor:pointer;margin-top:4px}
.card button.primary{background:#3370ff;border-color:#3370ff;color:#fff}.card button.danger{color:#f54a45;border-color:#f54a45}
.composer{display:flex;gap:6px;margin-top:8px;align-items:stretch}.composer textarea{flex:1;padding:6px 8px;border:1px solid #c9cdd4;border-radius:4px;font:inherit;resize:vertical;min-height:38px;max-height:40vh;field-sizing:content;tab-size:8}
.composer button{background:#3370ff;color:#fff;border:0;border-radius:4px;padding:0 14px}
.attach{display:flex;align-items:center;padding:0 10px;border:1px solid #c9cdd4;border-radius:4px;cursor:pointer;background:#fff}.attach input{display:none}
.text.file .file-meta{display:block;font-size:12px;color:#646a73}
.toast{position:fixed;right:16px;top:56px;z-index:10;max-width:420px;padding:10px 14px;border-radius:6px;background:#1f2329;color:#fff;white-space:pre-wrap}
.toast.success{background:#2ea121}.toast.warning{background:#de7802}.toast.error{background:#d83931}
#token{max-width:360px;margin:80px auto;background:#fff;padding:20px;border-radius:8px}#token input{width:100%;padding:6px;margin:8px 0}
@media (max-width:900px){main{grid-template-columns:1fr;height:auto}.messages{max-height:60vh}}
`;

const GUIDE = `<div class="guide"><b>试一试</b><ol>
<li>选一位电话销售员，点上方“下个工作日 09:10”，在私聊里发送“打卡”：看迟到怎么扣分。</li>
<li>发送“请假”，填好请假单提交（要提前一天）。</li>
<li>切换到主管，在审批卡片上点“同意”。</li>
<li>切回电话销售员，看到已批准；点“跳到 17:00”，群聊里来了例会提醒，点“签到”。</li>
<li>“结算今天”看当天的判定，有扣分的人会收到考勤通知，主管收到全组汇总；“结算本月”后发送“工资”看工资条。</li>
</ol><b>干净的一天</b><ol>
<li>点“下个工作日 08:55”，发送“打卡”：准时，不扣分。</li>
<li>发送“日报 通话 120”；从 Excel 复制几行客户（Shift+Enter 换行），在“客户”后粘贴发送。</li>
<li>点“跳到 17:00”，在群聊的例会提醒上点“签到”；一周的最后一个工作日还要发“周报 …”。</li>
<li>点“今天 18:05”，发送“下班打卡”；再点“结算今天”：没有扣分。</li>
</ol>病假：发送“请假 病假 …”后，点“文件”选择病假条照片或 PDF，主管才能批准。发送“帮助”看你能用的全部命令。</div>`;

/**
 * A chat's message box: several lines (Enter sends, Shift+Enter breaks the line; pasted Excel
 * rows keep their tabs), the file button (an image or PDF, e.g. a sick note) and 发送.
 */
function composer(placeholder: string): string {
  return `<textarea name="text" rows="2" placeholder="${placeholder}（Enter 发送，Shift+Enter 换行，可粘贴 Excel 行）" autocomplete="off"></textarea>`
    + '<label class="attach" title="发送图片或 PDF，如病假条">文件<input type="file" name="file" accept="image/*,application/pdf"></label><button>发送</button>';
}

/**
 * The web chat's page, rendered on the server: the people to pick from, the direct and the
 * group chat, the demo clock (shown only when it is enabled) and the token form (shown only
 * when the server asks for one). /web-chat.js brings it to life.
 */
export function webChatPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>电销纪律助手 · 网页聊天</title><style>${STYLE}</style></head>
<body>
<form id="token" hidden><b>这个网页聊天需要口令</b><p>请输入服务器的 WEB_CHAT_TOKEN。</p><input type="password" name="token" autocomplete="current-password"><button>进入</button></form>
<div id="app">
<header><h1>电销纪律助手 <small>网页聊天</small></h1>
<div id="clock" hidden><span id="clock-label"></span>
<button data-clock="on-time">下个工作日 08:55</button><button data-clock="next-workday">下个工作日 09:10</button><button data-clock="meeting">跳到 17:00</button>
<button data-clock="clock-out">今天 18:05</button><button data-clock="close-day">结算今天</button><button data-clock="close-month">结算本月</button></div></header>
<div id="clock-log"></div>
<main>
<aside><h2>我是</h2><div id="people"></div>${GUIDE}</aside>
<section class="chat" id="direct"><h2 id="direct-title">私聊</h2><div class="messages" id="direct-messages"></div>
<form class="composer" data-chat="direct">${composer('输入命令，如：打卡、请假、帮助')}</form></section>
<section class="chat" id="group"><h2 id="group-title">群聊</h2><div class="messages" id="group-messages"></div>
<form class="composer" data-chat="group">${composer('在群里发送，如：排名')}</form></section>
</main></div>
<div id="toast" class="toast" role="status" hidden></div>
<script src="/web-chat.js" defer></script>
</body></html>`;
}

const NAME = 'web-chat-client';

/**
 * The page's script. The build (tsc) compiles client/web-chat-client.ts into dist next to this
 * module, so `npm start` reads that file; run from source (ts-jest, ts-node) only the .ts
 * exists and it is transpiled here with the project's TypeScript, a dev dependency.
 */
export function loadClientScript(dir = path.join(__dirname, 'client')): string {
  const built = path.join(dir, `${NAME}.js`);
  if (existsSync(built)) return readFileSync(built, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const source = path.join(dir, `${NAME}.ts`);
  if (!existsSync(source)) throw new Error(`The web chat's script is missing: neither ${built} nor ${source} exists (run npm run build)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev dependency, needed only when running from source
  const ts = require('typescript') as typeof import('typescript');
  return ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022, removeComments: false } }).outputText;
}
