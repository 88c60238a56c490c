/**
 * What a router outside src/http builds on: the web chat's, in bots/web, which serves a page
 * to a browser. HTTP errors, the JSON body, the browser guard and the request state; lint lets
 * bots/ import this module of src/http and no other.
 */
export { httpError, type HttpError } from './http-error';
export { jsonBody } from './raw-body';
export { browserGuard, pagePolicy, type BrowserGuardOptions } from './browser-guard';
export type { HttpState } from './request-context';
