/**
 * The web chat page's script (served as /web-chat.js; tsc compiles it into dist with the rest).
 * It picks who you are, shows your direct and group chats, sends what you type and what you
 * click on a card, and follows the server-sent events (read with fetch, so the token can ride
 * in a header). Cards arrive as HTML rendered by the server. No globals: one closure.
 */
(() => {
  interface Elem {
    hidden: boolean; innerHTML: string; textContent: string | null; value: string; disabled: boolean; className: string; id: string;
    dataset: Record<string, string | undefined>; name: string; type: string; scrollTop: number; scrollHeight: number;
    querySelector(selector: string): Elem | null; querySelectorAll(selector: string): ArrayLike<Elem>; closest(selector: string): Elem | null;
    appendChild(child: Elem): Elem; focus(): void; reset(): void; requestSubmit(): void;
    files: ArrayLike<{ name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }> | null;
  }
  interface DomEvent { target: Elem; preventDefault(): void; key?: string; shiftKey?: boolean; isComposing?: boolean; keyCode?: number }
  interface Doc { getElementById(id: string): Elem | null; createElement(tag: string): Elem; querySelectorAll(selector: string): ArrayLike<Elem>; addEventListener(type: string, listener: (e: DomEvent) => void): void }
  interface Page { document: Doc; localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void } }
  interface Person { account: string; name: string; role: string; team?: string; groupChatId?: string }
  interface Item { id: string; chat: 'direct' | 'group'; from: { kind: 'bot' } | { kind: 'person'; account: string; name: string }; at: string; html: string }
  interface ClockState { label: string; ticking: boolean; actions?: Record<string, string> }
  type ChatEvent = { type: 'message' | 'update'; item: Item } | { type: 'clock'; clock: ClockState; ran: string[] };

  const page = globalThis as unknown as Page;
  const doc = page.document;
  const $ = (id: string) => doc.getElementById(id) as Elem;
  const ROLES: Record<string, string> = { agent: '电话销售员', supervisor: '主管', salesperson: '业务员', admin: '管理员' };
  let token = page.localStorage.getItem('webChatToken') ?? '';
  let people: Person[] = [];
  let me: Person | undefined;
  let timeZone = 'Asia/Shanghai';
  let maxFileBytes = 0;
  let stream: AbortController | undefined;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  const headers = (): Record<string, string> => ({ 'content-type': 'application/json', ...(token ? { 'x-web-chat-token': token } : {}) });

  async function api<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(path, { method: body === undefined ? 'GET' : 'POST', headers: headers(), body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 401) askToken();
    const data = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
    return data;
  }

  function toast(text: string, kind = 'info'): void {
    const t = $('toast');
    Object.assign(t, { textContent: text, className: `toast ${kind}`, hidden: false });
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (t.hidden = true), 6000);
  }

  function askToken(): void {
    $('token').hidden = false;
    $('app').hidden = true;
    throw new Error('这个网页聊天需要口令');
  }

  function time(at: string): string {
    return new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(at));
  }

  function show(item: Item): void {
    const pane = $(item.chat === 'group' ? 'group-messages' : 'direct-messages');
    let el = pane.querySelector(`[data-id="${item.id}"]`);
    if (!el) {
      el = doc.createElement('div');
      el.dataset.id = item.id;
      pane.appendChild(el);
    }
    const mine = item.from.kind === 'person' && item.from.account === me?.account;
    el.className = `msg ${item.from.kind === 'bot' ? 'bot' : mine ? 'me' : 'other'}`;
    el.innerHTML = `<div class="meta"></div>${item.html}`;
    (el.querySelector('.meta') as Elem).textContent = `${item.from.kind === 'bot' ? '助手' : item.from.name} · ${time(item.at)}`;
    pane.scrollTop = pane.scrollHeight;
  }

  function showClock(state: ClockState, ran: string[]): void {
    $('clock').hidden = false;
    $('clock-label').textContent = state.label;
    for (const b of Array.from(doc.querySelectorAll('[data-clock]'))) {
      const label = state.actions?.[b.dataset.clock ?? ''];
      if (label) b.textContent = label;
    }
    if (ran.length) $('clock-log').textContent = ran.join('\n');
  }

  function onEvent(e: ChatEvent): void {
    if (e.type === 'clock') showClock(e.clock, e.ran);
    else show(e.item);
  }

  /** Follows the viewer's events; on every (re)connection reloads the history it may have missed. */
  async function follow(person: Person, ctl: AbortController): Promise<void> {
    while (!ctl.signal.aborted) {
      try {
        const res = await fetch(`/api/web/events?as=${encodeURIComponent(person.account)}`, { headers: headers(), signal: ctl.signal });
        if (res.status === 401) return askToken();
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        const history = await api<Item[]>(`/api/web/history?as=${encodeURIComponent(person.account)}`);
        if (ctl.signal.aborted) return;
        history.forEach(show);
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          buffer += decoder.decode(r.value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            buffer = buffer.slice(end + 2);
            if (data) onEvent(JSON.parse(data) as ChatEvent);
          }
        }
      } catch {
        if (ctl.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  function choose(account: string | undefined): void {
    me = people.find((p) => p.account === account) ?? people.find((p) => p.role === 'agent') ?? people[0];
    if (!me) return;
    page.localStorage.setItem('webChatAs', me.account);
    for (const b of Array.from(doc.querySelectorAll('[data-account]'))) b.className = `person${b.dataset.account === me.account ? ' active' : ''}`;
    $('direct-messages').innerHTML = '';
    $('group-messages').innerHTML = '';
    $('direct-title').textContent = `${me.name} 与助手的私聊`;
    $('group-title').textContent = me.groupChatId ? `${me.team ?? ''} 群聊` : `${me.name} 不在任何组的群里`;
    ($('group').querySelector('form') as Elem).hidden = !me.groupChatId;
    stream?.abort();
    stream = new AbortController();
    void follow(me, stream);
  }

  function collect(box: Elem | null): Record<string, string> {
    const form: Record<string, string> = {};
    for (const i of Array.from(box?.querySelectorAll('input[name], select[name], textarea[name]') ?? [])) form[i.name] = i.value;
    return form;
  }

  function missing(box: Elem | null): boolean {
    const empty = Array.from(box?.querySelectorAll('[required]') ?? []).find((i) => !i.value.trim());
    if (empty) {
      toast(`请先填写：${empty.closest('label')?.querySelector('span')?.textContent ?? empty.name}`, 'warning');
      empty.focus();
    }
    return Boolean(empty);
  }

  async function act(target: Elem, button: number | 'submit', box: Elem | null): Promise<void> {
    const messageId = target.closest('[data-id]')?.dataset.id;
    if (!me || !messageId || missing(box)) return;
    const answer = await api<{ toast?: { kind: string; text: string } }>('/api/web/actions', { as: me.account, messageId, button, form: collect(box) });
    if (answer.toast) toast(answer.toast.text, answer.toast.kind);
  }

  async function clock(action: string): Promise<void> {
    const buttons = Array.from(doc.querySelectorAll('[data-clock]'));
    buttons.forEach((b) => (b.disabled = true));
    const r = await api<{ clock: ClockState; ran: string[] }>('/api/web/clock', { action }).finally(() => buttons.forEach((b) => (b.disabled = false)));
    showClock(r.clock, r.ran.length ? r.ran : ['（时间已调整，没有任务需要处理）']);
  }

  doc.addEventListener('click', (e) => {
    const t = e.target;
    const clockButton = t.closest('[data-clock]');
    const person = t.closest('[data-account]');
    const cardButton = t.closest('button[data-button]');
    if (clockButton) void clock(clockButton.dataset.clock as string).catch((err: Error) => toast(err.message, 'error'));
    else if (person) choose(person.dataset.account);
    else if (cardButton && cardButton.type !== 'submit') void act(cardButton, Number(cardButton.dataset.button), cardButton.closest('[data-inputs]')).catch((err: Error) => toast(err.message, 'error'));
  });

  doc.addEventListener('submit', (e) => {
    const f = e.target;
    e.preventDefault();
    if (f.id === 'token') {
      token = (f.querySelector('input') as Elem).value.trim();
      page.localStorage.setItem('webChatToken', token);
      void start();
    } else if (f.dataset.chat && me) {
      // As typed or pasted: lines and tabs kept (Excel rows), only trailing line breaks dropped.
      const text = (f.querySelector('textarea') as Elem).value.replace(/[\r\n]+$/, '');
      if (text.trim()) void api('/api/web/messages', { as: me.account, chat: f.dataset.chat, text }).then(() => f.reset(), (err: Error) => toast(err.message, 'error'));
    } else if (f.dataset.inputs !== undefined) void act(f, 'submit', f).catch((err: Error) => toast(err.message, 'error'));
  });

  /** Enter sends, Shift+Enter breaks the line; an Enter that ends an IME composition (拼音) only picks the word. */
  doc.addEventListener('keydown', (e) => {
    const box = e.target;
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229 || !box.closest('form[data-chat]') || box.name !== 'text') return;
    e.preventDefault();
    (box.closest('form') as Elem).requestSubmit();
  });

  /** The file in base64, for the JSON body (no FormData: writes are JSON, see the browser guard). */
  function base64(buffer: ArrayBuffer): string {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  async function sendFile(input: Elem): Promise<void> {
    const file = input.files?.[0];
    const chat = input.closest('form[data-chat]')?.dataset.chat;
    if (!file || !chat || !me) return;
    if (maxFileBytes && file.size > maxFileBytes) {
      toast(`文件「${file.name}」超过了 ${(maxFileBytes / 1048576).toFixed(1).replace(/\.0$/, '')} MB 的上限，没有发送。请压缩图片或截图后再发。`, 'error');
      return;
    }
    await api('/api/web/files', { as: me.account, chat, name: file.name, data: base64(await file.arrayBuffer()) });
  }

  doc.addEventListener('change', (e) => {
    const input = e.target;
    if (input.type !== 'file') return;
    void sendFile(input)
      .catch((err: Error) => toast(err.message, 'error'))
      .finally(() => (input.value = ''));
  });

  async function start(): Promise<void> {
    const r = await api<{ people: Person[]; timeZone: string; clock: ClockState | null; maxFileBytes: number }>('/api/web/people');
    $('token').hidden = true;
    $('app').hidden = false;
    people = r.people;
    timeZone = r.timeZone;
    maxFileBytes = r.maxFileBytes;
    if (r.clock) showClock(r.clock, []);
    $('people').innerHTML = people.length ? people.map((p, i) => `<button class="person" data-account="${i}"><b></b><span></span></button>`).join('') : '<p>还没有网页账号：在空数据库上运行 npx bot demo。</p>';
    Array.from(doc.querySelectorAll('[data-account]')).forEach((b, i) => {
      b.dataset.account = people[i].account;
      (b.querySelector('b') as Elem).textContent = people[i].name;
      (b.querySelector('span') as Elem).textContent = `${ROLES[people[i].role] ?? people[i].role}${people[i].team ? ` · ${people[i].team}` : ''}`;
    });
    choose(page.localStorage.getItem('webChatAs') ?? undefined);
  }

  setInterval(() => void api<{ clock: ClockState | null }>('/api/web/clock').then((r) => r.clock?.ticking && showClock(r.clock, [])).catch(() => undefined), 30_000);
  void start().catch((err: Error) => toast(err.message, 'error'));
})();
