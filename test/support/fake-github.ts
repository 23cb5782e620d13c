/**
 * A stand-in for GitHub's REST API on 127.0.0.1 (node:http), answering the endpoints Heliograph
 * uses with GitHub's field names, status codes and headers: issues (label and state filters,
 * pages with a `Link` header, pull requests among them as on GitHub), one issue, comments,
 * events (closes, reopens, and labels applied and removed, each with its actor), collaborator
 * permission, creating issues and comments, and closing or reopening.
 * Switches inject a rate limit or a server error; every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A repository role, as `role_name` names it. */
export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface FakeComment {
  id: number;
  author: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface FakeEvent {
  id: number;
  event: 'closed' | 'reopened' | 'labeled' | 'unlabeled';
  actor: string;
  created_at: string;
  /** The label applied or removed, for `labeled` and `unlabeled`. */
  label?: string;
}

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  author: string;
  labels: string[];
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'reopened' | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  pullRequest: boolean;
  comments: FakeComment[];
  events: FakeEvent[];
}

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** When it arrived (ms since the epoch). */
  at: number;
  authorization: string | undefined;
}

/** An answer to give instead of the real one, to the next matching request(s). */
export interface Fault {
  status: number;
  headers?: Record<string, string>;
  message: string;
  /** Only requests whose `METHOD path` matches; every request otherwise. */
  match?: RegExp;
  /** How many requests get it. */
  times?: number;
  /** GitHub did the work but the answer was lost: the request is carried out, then answered with the fault. */
  performed?: boolean;
}

export interface FakeGithubOptions {
  owner?: string;
  repo?: string;
  /** The token requests must carry; anything else gets 401 "Bad credentials". */
  token?: string;
  /** Who the token belongs to: the author of issues and comments created through the API. */
  viewer?: string;
}

/** GitHub's timestamp format: ISO 8601 in UTC, whole seconds. */
export function githubTime(t: number | string): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class FakeGithub {
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  readonly viewer: string;
  /** Base URL of the API, e.g. `http://127.0.0.1:40123`. */
  url = '';
  readonly issues: FakeIssue[] = [];
  readonly roles = new Map<string, Role>();
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Fault[] = [];
  private readonly server: Server;
  private nextId = 4_100_000_001;

  private constructor(options: FakeGithubOptions) {
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'status';
    this.token = options.token ?? 'ghs_faketoken0123456789';
    this.viewer = options.viewer ?? 'github-actions[bot]';
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static async start(options: FakeGithubOptions = {}): Promise<FakeGithub> {
    const fake = new FakeGithub(options);
    await new Promise<void>((done) => fake.server.listen(0, '127.0.0.1', done));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  /** Forgets issues, roles, faults and recorded requests. */
  reset(): void {
    this.issues.length = 0;
    this.roles.clear();
    this.faults.length = 0;
    this.requests.length = 0;
  }

  setRole(login: string, role: Role): void {
    this.roles.set(login.toLowerCase(), role);
  }

  /**
   * Adds an issue. Its labels were applied as it was opened (by the form's template or by the
   * person opening it), so each gets a `labeled` event by the author at that time, as on GitHub.
   */
  addIssue(issue: {
    title: string;
    body?: string | null;
    author: string;
    labels?: string[];
    at: string;
    pullRequest?: boolean;
  }): FakeIssue {
    const number = this.issues.reduce((n, i) => Math.max(n, i.number), 0) + 1;
    const created: FakeIssue = {
      id: this.nextId++,
      number,
      title: issue.title,
      body: issue.body === undefined ? '' : issue.body,
      author: issue.author,
      labels: issue.labels ?? ['incident'],
      state: 'open',
      state_reason: null,
      created_at: githubTime(issue.at),
      updated_at: githubTime(issue.at),
      closed_at: null,
      pullRequest: issue.pullRequest ?? false,
      comments: [],
      events: [],
    };
    for (const label of created.labels) {
      created.events.push(this.labelEvent('labeled', label, issue.author, created.created_at));
    }
    this.issues.push(created);
    return created;
  }

  /** Someone applies a label (nothing happens if the issue has it already, as on GitHub). */
  label(number: number, name: string, actor: string, at: string): void {
    const issue = this.issue(number);
    if (issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) return;
    issue.labels.push(name);
    issue.updated_at = githubTime(at);
    issue.events.push(this.labelEvent('labeled', name, actor, githubTime(at)));
  }

  /** Someone removes a label. */
  unlabel(number: number, name: string, actor: string, at: string): void {
    const issue = this.issue(number);
    const before = issue.labels.length;
    issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name.toLowerCase());
    if (issue.labels.length === before) return;
    issue.updated_at = githubTime(at);
    issue.events.push(this.labelEvent('unlabeled', name, actor, githubTime(at)));
  }

  private labelEvent(
    event: 'labeled' | 'unlabeled',
    label: string,
    actor: string,
    at: string,
  ): FakeEvent {
    return { id: this.nextId++, event, actor, created_at: at, label };
  }

  issue(number: number): FakeIssue {
    const found = this.issues.find((i) => i.number === number);
    if (!found) throw new Error(`no issue #${number} in the fake`);
    return found;
  }

  addComment(number: number, comment: { author: string; body: string; at: string }): FakeComment {
    const issue = this.issue(number);
    const created: FakeComment = {
      id: this.nextId++,
      author: comment.author,
      body: comment.body,
      created_at: githubTime(comment.at),
      updated_at: githubTime(comment.at),
    };
    issue.comments.push(created);
    issue.updated_at = created.created_at;
    return created;
  }

  editComment(id: number, body: string, at: string): void {
    for (const issue of this.issues) {
      const comment = issue.comments.find((c) => c.id === id);
      if (comment) {
        comment.body = body;
        comment.updated_at = githubTime(at);
        return;
      }
    }
    throw new Error(`no comment ${id} in the fake`);
  }

  /** Edits an issue; a new list of labels is applied and removed by `actor` (the author if none). */
  editIssue(
    number: number,
    change: { title?: string; body?: string; labels?: string[] },
    at: string,
    actor?: string,
  ): void {
    const issue = this.issue(number);
    const { labels, ...rest } = change;
    Object.assign(issue, rest, { updated_at: githubTime(at) });
    if (labels === undefined) return;
    const by = actor ?? issue.author;
    for (const name of [...issue.labels]) {
      if (!labels.some((l) => l.toLowerCase() === name.toLowerCase()))
        this.unlabel(number, name, by, at);
    }
    for (const name of labels) this.label(number, name, by, at);
  }

  close(
    number: number,
    actor: string,
    at: string,
    reason: 'completed' | 'not_planned' = 'completed',
  ): void {
    const issue = this.issue(number);
    issue.state = 'closed';
    issue.state_reason = reason;
    issue.closed_at = githubTime(at);
    issue.updated_at = githubTime(at);
    issue.events.push({ id: this.nextId++, event: 'closed', actor, created_at: githubTime(at) });
  }

  reopen(number: number, actor: string, at: string): void {
    const issue = this.issue(number);
    issue.state = 'open';
    issue.state_reason = 'reopened';
    issue.closed_at = null;
    issue.updated_at = githubTime(at);
    issue.events.push({ id: this.nextId++, event: 'reopened', actor, created_at: githubTime(at) });
  }

  /** Answers the next matching request(s) with `fault` instead. */
  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** A secondary rate limit: 403 with `retry-after`, as GitHub sends it. */
  rateLimitOnce(
    retryAfterSeconds: number,
    options: { status?: 403 | 429; match?: RegExp } = {},
  ): void {
    this.inject({
      status: options.status ?? 403,
      headers: { 'retry-after': String(retryAfterSeconds) },
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      ...(options.match ? { match: options.match } : {}),
    });
  }

  /** A primary rate limit: 403 with `x-ratelimit-remaining: 0` and the reset time. */
  quotaExhaustedOnce(resetInSeconds: number, options: { match?: RegExp } = {}): void {
    this.inject({
      status: 403,
      headers: {
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '1000',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetInSeconds),
        'x-ratelimit-resource': 'core',
      },
      message: 'API rate limit exceeded for installation ID 1.',
      ...(options.match ? { match: options.match } : {}),
    });
  }

  /** A server error (500 unless told). */
  serverErrorOnce(options: { status?: number; match?: RegExp; times?: number } = {}): void {
    this.inject({
      status: options.status ?? 500,
      message: 'Server Error',
      ...(options.match ? { match: options.match } : {}),
      times: options.times ?? 1,
    });
  }

  /** Requests to a path, e.g. `GET /repos/acme/status/issues`. */
  requestsTo(pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => pattern.test(`${r.method} ${r.path}`));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // GitHub answers malformed JSON with 400; so does this fake, below.
      body = Symbol('malformed');
    }
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
      at: Date.now(),
      authorization: req.headers.authorization,
    };
    this.requests.push(record);
    let send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-api-version-selected': '2022-11-28',
        'x-github-request-id': `FAKE:${this.requests.length}`,
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '999',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
        ...headers,
      });
      res.end(status === 204 ? undefined : JSON.stringify(data));
    };
    const error = (status: number, message: string, headers: Record<string, string> = {}): void =>
      send(
        status,
        { message, documentation_url: 'https://docs.github.com/rest', status: String(status) },
        headers,
      );

    const fault = this.faults.find((f) => !f.match || f.match.test(`${method} ${url.pathname}`));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (!fault.performed) return error(fault.status, fault.message, fault.headers);
      // Carry the request out, then answer with the fault instead of the result.
      const answer = send;
      send = () => answer(fault.status, { message: fault.message }, fault.headers);
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      return error(401, 'Bad credentials');
    }
    if (typeof body === 'symbol') return error(400, 'Problems parsing JSON');

    const base = `/repos/${this.owner}/${this.repo}`;
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === `${base}/issues`) {
      const state = url.searchParams.get('state') ?? 'open';
      const wanted = (url.searchParams.get('labels') ?? '')
        .split(',')
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean);
      const list = this.issues
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => wanted.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
        // GitHub's default order: newest first.
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.number - a.number);
      return this.page(url, list, (i) => this.issueJson(i), send);
    }
    if (method === 'POST' && path === `${base}/issues`) {
      const input = body as { title?: string; body?: string; labels?: string[] } | undefined;
      if (!input?.title) return error(422, 'Validation Failed');
      const issue = this.addIssue({
        title: input.title,
        body: input.body ?? null,
        author: this.viewer,
        labels: input.labels ?? [],
        at: new Date().toISOString(),
      });
      return send(201, this.issueJson(issue));
    }
    if ((m = new RegExp(`^${escape(base)}/issues/(\\d+)(/comments|/events)?$`).exec(path))) {
      const issue = this.issues.find((i) => i.number === Number(m![1]));
      if (!issue) return error(404, 'Not Found');
      const sub = m[2];
      if (method === 'GET' && !sub) return send(200, this.issueJson(issue));
      if (method === 'PATCH' && !sub) {
        const input = (body ?? {}) as {
          state?: 'open' | 'closed';
          state_reason?: 'completed' | 'not_planned';
          title?: string;
          body?: string;
        };
        const now = new Date().toISOString();
        if (input.state === 'closed' && issue.state === 'open')
          this.close(issue.number, this.viewer, now, input.state_reason);
        if (input.state === 'open' && issue.state === 'closed')
          this.reopen(issue.number, this.viewer, now);
        if (input.title !== undefined) issue.title = input.title;
        if (input.body !== undefined) issue.body = input.body;
        return send(200, this.issueJson(issue));
      }
      if (method === 'GET' && sub === '/comments') {
        const list = [...issue.comments].sort(
          (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at),
        );
        return this.page(url, list, (c) => this.commentJson(issue, c), send);
      }
      if (method === 'POST' && sub === '/comments') {
        const input = body as { body?: string } | undefined;
        if (!input?.body) return error(422, 'Validation Failed');
        const comment = this.addComment(issue.number, {
          author: this.viewer,
          body: input.body,
          at: new Date().toISOString(),
        });
        return send(201, this.commentJson(issue, comment));
      }
      if (method === 'GET' && sub === '/events') {
        return this.page(url, issue.events, (e) => this.eventJson(e), send);
      }
    }
    if (
      method === 'GET' &&
      (m = new RegExp(`^${escape(base)}/collaborators/([^/]+)/permission$`).exec(path))
    ) {
      const login = decodeURIComponent(m[1]!);
      const role = this.roles.get(login.toLowerCase());
      if (!role) return error(404, 'Not Found');
      return send(200, {
        permission: PERMISSION_OF[role],
        role_name: role,
        user: { ...userJson(login), permissions: {} },
      });
    }
    return error(404, 'Not Found');
  }

  /** One page of a list, with GitHub's `Link` header when there are several. */
  private page<T>(
    url: URL,
    list: readonly T[],
    toJson: (item: T) => unknown,
    send: (status: number, data: unknown, headers?: Record<string, string>) => void,
  ): void {
    const perPage = Math.min(
      Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1),
      100,
    );
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(list.length / perPage), 1);
    const link = (n: number, rel: string): string => {
      const target = new URL(url.pathname + url.search, this.url);
      target.searchParams.set('page', String(n));
      return `<${target.href}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ];
    send(
      200,
      list.slice((page - 1) * perPage, page * perPage).map(toJson),
      links.length ? { link: links.join(', ') } : {},
    );
  }

  private issueJson(issue: FakeIssue): unknown {
    const base = `${this.url}/repos/${this.owner}/${this.repo}`;
    const html = `https://github.com/${this.owner}/${this.repo}`;
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      url: `${base}/issues/${issue.number}`,
      comments_url: `${base}/issues/${issue.number}/comments`,
      events_url: `${base}/issues/${issue.number}/events`,
      html_url: `${html}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      user: userJson(issue.author),
      labels: issue.labels.map((name, i) => ({
        id: 7_000 + i,
        node_id: `LA_${i}`,
        url: `${base}/labels/${encodeURIComponent(name)}`,
        name,
        color: 'd73a4a',
        default: false,
        description: null,
      })),
      state: issue.state,
      state_reason: issue.state_reason,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: issue.comments.length,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      author_association: this.association(issue.author),
      ...(issue.pullRequest
        ? {
            pull_request: {
              url: `${base}/pulls/${issue.number}`,
              html_url: `${html}/pull/${issue.number}`,
              diff_url: `${html}/pull/${issue.number}.diff`,
              patch_url: `${html}/pull/${issue.number}.patch`,
              merged_at: null,
            },
          }
        : {}),
    };
  }

  private commentJson(issue: FakeIssue, c: FakeComment): unknown {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.url}/repos/${this.owner}/${this.repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}#issuecomment-${c.id}`,
      issue_url: `${this.url}/repos/${this.owner}/${this.repo}/issues/${issue.number}`,
      body: c.body,
      user: userJson(c.author),
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: this.association(c.author),
    };
  }

  private eventJson(e: FakeEvent): unknown {
    return {
      id: e.id,
      node_id: `CE_${e.id}`,
      url: `${this.url}/repos/${this.owner}/${this.repo}/issues/events/${e.id}`,
      actor: userJson(e.actor),
      event: e.event,
      commit_id: null,
      commit_url: null,
      created_at: e.created_at,
      performed_via_github_app: null,
      ...(e.event === 'closed' ? { state_reason: 'completed' } : {}),
      ...(e.label !== undefined ? { label: { name: e.label, color: 'd73a4a' } } : {}),
    };
  }

  private association(login: string): string {
    const role = this.roles.get(login.toLowerCase());
    if (role === 'admin') return 'OWNER';
    if (role === 'maintain' || role === 'write') return 'COLLABORATOR';
    if (role === 'triage' || role === 'read') return 'CONTRIBUTOR';
    return 'NONE';
  }
}

/** The endpoint's coarse `permission` for each role (maintain shows as write, triage as read). */
const PERMISSION_OF: Record<Role, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

function userJson(login: string): Record<string, unknown> {
  const bot = login.endsWith('[bot]');
  return {
    login,
    id: [...login].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7),
    node_id: `U_${login}`,
    html_url: `https://github.com/${bot ? 'apps/' : ''}${login.replace('[bot]', '')}`,
    type: bot ? 'Bot' : 'User',
    site_admin: false,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
