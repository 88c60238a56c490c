import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { parseOrgCsv } from './org-csv';
import { OrgFileError } from './org-file-error';
import type { OrgFile } from './org-types';
import { parseOrgYaml } from './org-yaml';

/** The formats an org file comes in. */
export type OrgFileFormat = 'yaml' | 'csv';

/** The format a file name's extension says (.yaml/.yml or .csv, any case); undefined for others. */
export function orgFileFormat(fileName: string): OrgFileFormat | undefined {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return ext === '.csv' ? 'csv' : undefined;
}

/** A one-issue {@link OrgFileError} about the file as a whole. */
function fileError(message: string): OrgFileError {
  return new OrgFileError([{ line: null, field: null, message }]);
}

/** The error for a file whose extension is neither YAML nor CSV. */
function unsupported(fileName: string): OrgFileError {
  const ext = path.extname(fileName) || '（无扩展名）';
  return fileError(`不支持的文件类型 ${ext}：组织文件应为 .yaml、.yml 或 .csv（Excel 表格请另存为“CSV UTF-8”）`);
}

/**
 * Parses and checks an org file's text, YAML or CSV by `fileName`'s extension. Throws one
 * {@link OrgFileError} listing every problem found, each with its line and field.
 */
export function parseOrgFile(text: string, fileName: string): OrgFile {
  const format = orgFileFormat(fileName);
  if (!format) throw unsupported(fileName);
  const body = text.replace(/^\uFEFF/, '');
  return format === 'yaml' ? parseOrgYaml(body) : parseOrgCsv(body);
}

/**
 * Reads an org file from disk and parses it with {@link parseOrgFile}. A missing or unreadable
 * file, or one not saved as UTF-8, is an {@link OrgFileError} with a Chinese message too.
 */
export async function readOrgFile(file: string): Promise<OrgFile> {
  if (!orgFileFormat(file)) throw unsupported(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fileError(`找不到组织文件 ${file}，请检查路径`);
    if (code === 'EISDIR') throw fileError(`${file} 是一个目录，不是组织文件`);
    throw fileError(`无法读取组织文件 ${file}（${code ?? String(error)}）`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError('文件不是 UTF-8 编码：Excel 请“另存为 → CSV UTF-8（逗号分隔）”，其他编辑器请以 UTF-8 保存');
  }
  return parseOrgFile(text, file);
}
