/** Where the database is, parsed from DATABASE_URL. */
export type DatabaseTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'mysql'; host: string; port: number; username: string; password: string; database: string };

/** Parses `sqlite:PATH` (`sqlite::memory:` for tests) or `mysql://user:pass@host:port/db`. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new Error('DATABASE_URL: sqlite needs a path, e.g. sqlite:./data/bot.sqlite');
    return { kind: 'sqlite', path };
  }
  if (url.startsWith('mysql://')) {
    const u = new URL(url);
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!u.hostname || !database) throw new Error('DATABASE_URL: mysql needs a host and a database, e.g. mysql://bot:pw@db:3306/bot');
    return {
      kind: 'mysql',
      host: u.hostname,
      port: u.port ? Number(u.port) : 3306,
      username: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password),
      database,
    };
  }
  throw new Error('DATABASE_URL: must start with sqlite: or mysql://');
}

/** DATABASE_URL fit for a log line or an error message: the password replaced by ***. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(mysql:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
