/**
 * The console pages' script (served as /admin/console.js; tsc compiles it into dist with the
 * rest). It turns `<button data-command="同意 S9">` and `<form data-command-prefix="驳回 S9">`
 * (with a text input, the reason) into POST /admin/api/command, `<button data-post="URL">`
 * into a JSON POST to that URL; while one is sent every button is disabled; the replies are
 * shown in the status region (aria-live) and kept across the reload that follows.
 * No globals: one closure.
 */
(() => {
  interface Elem {
    disabled: boolean; textContent: string | null; value: string; dataset: Record<string, string | undefined>;
    closest(selector: string): Elem | null; querySelectorAll(selector: string): ArrayLike<Elem>; setAttribute(name: string, value: string): void; removeAttribute(name: string): void;
  }
  interface DomEvent { target: Elem; preventDefault(): void }
  interface Page {
    document: { getElementById(id: string): Elem | null; querySelectorAll(selector: string): ArrayLike<Elem>; addEventListener(type: string, listener: (e: DomEvent) => void): void };
    location: { reload(): void; assign(url: string): void };
    sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
    crypto: { getRandomValues(array: Uint8Array): Uint8Array };
  }
  interface Answer { status?: string; replies?: string[]; error?: string }

  const page = globalThis as unknown as Page;
  const doc = page.document;
  const KEPT = 'console-status';
  let busy = false;

  function show(text: string): void {
    const region = doc.getElementById('console-status');
    if (region) region.textContent = text;
  }

  function setBusy(on: boolean, source: Elem): void {
    busy = on;
    for (const b of Array.from(doc.querySelectorAll('button'))) b.disabled = on;
    if (on) source.setAttribute('aria-busy', 'true');
    else source.removeAttribute('aria-busy');
  }

  async function post(url: string, body: unknown): Promise<{ ok: boolean; answer: Answer }> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(body) });
    let answer: Answer = {};
    try {
      answer = (await res.json()) as Answer;
    } catch {
      answer = { error: `服务器返回 ${res.status}` };
    }
    return { ok: res.ok, answer };
  }

  /** Sends, shows what came back, then reloads (or goes to `then`) so the page shows the new state. */
  async function run(source: Elem, url: string, body: unknown, then?: string): Promise<void> {
    if (busy) return;
    setBusy(true, source);
    show('正在处理…');
    try {
      const { ok, answer } = await post(url, body);
      const text = answer.error ?? (answer.replies ?? []).join('\n');
      if (!ok) {
        show(text || '操作没有成功，请重试。');
        return;
      }
      delete source.dataset.requestId;
      page.sessionStorage.setItem(KEPT, text || '已完成。');
      if (then) page.location.assign(then);
      else page.location.reload();
    } catch {
      show('网络出错，没有发送成功。请检查网络后重试（重试不会重复处理）。');
    } finally {
      setBusy(false, source);
    }
  }

  /**
   * The request id of an action (32 hex digits): kept on its element until it succeeds, so a
   * retry is recognised as the same request. getRandomValues, not randomUUID: the latter exists
   * only in secure contexts, and a console on http://192.168.… is not one.
   */
  function requestIdOf(el: Elem): string {
    el.dataset.requestId ??= Array.from(page.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    return el.dataset.requestId;
  }

  doc.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-command], button[data-post]');
    if (!button) return;
    e.preventDefault();
    const command = button.dataset.command;
    if (command) void run(button, '/admin/api/command', { text: command, requestId: requestIdOf(button) });
    else if (button.dataset.post) void run(button, button.dataset.post, { requestId: requestIdOf(button) }, button.dataset.then);
  });

  doc.addEventListener('submit', (e) => {
    const form = e.target.closest('form[data-command-prefix]');
    if (!form) return;
    e.preventDefault();
    // Every text field of the form, typed or not (an <input> without a type attribute is text).
    const words = Array.from(form.querySelectorAll('input:not([type]), input[type=text], textarea')).map((i) => i.value.trim()).filter(Boolean);
    if (!words.length) {
      show(form.dataset.empty ?? '请先填写内容。');
      return;
    }
    void run(form, '/admin/api/command', { text: [form.dataset.commandPrefix, ...words].join(' '), requestId: requestIdOf(form) });
  });

  const kept = page.sessionStorage.getItem(KEPT);
  if (kept) {
    page.sessionStorage.removeItem(KEPT);
    show(kept);
  }
})();
