// Heliograph status banner for the business's own website. It reads the status page's
// /api/v2/summary.json and, while an incident or maintenance is active, shows a dismissible notice
// with a link and, when one of the business's channels is down, the channels that still work.
// It shows nothing otherwise, has no dependencies, and never throws into the host page.
(() => {
  const C = /*CONFIG*/ {};
  try {
    const script = document.currentScript;
    const base = new URL('.', (script && script.src) || C.url);
    const place = (script && script.getAttribute('data-target')) || '';
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 8000);
    fetch(new URL('api/v2/summary.json', base), { signal: ctl.signal, credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : null))
      .then((d) => show(d, base, place))
      .catch(() => {});
  } catch {
    // A status banner must never break the page it sits on.
  }

  // "WhatsApp and Instagram are unavailable; Phone is slow": one sentence per status, worst first.
  function said(affected, statuses) {
    const plural = new Intl.PluralRules(C.lang);
    const names = new Intl.ListFormat(C.lang, { type: 'conjunction' });
    return C.t.states
      .map((forms) => {
        const group = affected
          .filter((ch) => statuses[ch.component] === forms.status)
          .sort((a, b) => a.at - b.at);
        if (!group.length) return '';
        const form = plural.select(group.length) === 'one' ? forms.one : forms.other;
        // A function, so that names are inserted as they are ("$'" is a pattern in a string).
        return form.replace('{channels}', () => names.format(group.map((ch) => ch.name)));
      })
      .filter(Boolean)
      .join(C.t.separator);
  }

  function show(d, base, place) {
    if (!d || typeof d !== 'object') return;
    const str = (x) => typeof x === 'string' && x.length > 0 && x.length < 500;
    const list = (x) => (Array.isArray(x) ? x.filter((i) => i && str(i.name)) : []);
    const incidents = list(d.incidents);
    const active = list(d.scheduled_maintenances).filter(
      (m) => m.status === 'in_progress' || m.status === 'verifying',
    );
    const items = incidents.concat(active);
    if (!items.length) return;
    const key = 'heliograph:' + items.map((i) => i.id + '@' + i.updated_at).join();
    try {
      if (sessionStorage.getItem(key)) return;
    } catch {
      // Storage may be blocked: the banner then shows on every page.
    }
    const statuses = {};
    for (const c of Array.isArray(d.components) ? d.components : [])
      if (c && str(c.id)) statuses[c.id] = c.status;
    const down = (ch) =>
      ch.component && statuses[ch.component] && statuses[ch.component] !== 'operational';
    const affected = C.channels.filter(down);
    const alternatives = affected.length ? C.channels.filter((ch) => !down(ch)) : [];

    const el = (tag, attrs, text) => {
      const e = document.createElement(tag);
      for (const k in attrs) e.setAttribute(k, attrs[k]);
      if (text) e.textContent = text;
      return e;
    };
    const safe = (href) => {
      try {
        const u = new URL(href, base);
        return C.schemes.indexOf(u.protocol) >= 0 ? u.href : base.href;
      } catch {
        return base.href;
      }
    };
    const host = el('div', { 'data-heliograph': '' });
    const root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    const style = el('style', {}, C.css);
    const box = el('section', {
      role: 'region',
      'aria-label': C.t.label,
      class: incidents.length ? 'i' : 'm',
    });
    const first = items[0];
    const p = el('p');
    p.append(
      el('strong', {}, (incidents.length ? C.t.incident : C.t.maintenance) + ': '),
      first.name + (items.length > 1 ? ' (+' + (items.length - 1) + ')' : '') + ' ',
    );
    p.append(el('a', { href: safe(first.shortlink || base.href) }, C.t.details));
    box.append(p);
    if (affected.length) {
      const q = el('p', {}, said(affected, statuses) + '. ');
      if (alternatives.length) {
        q.append(C.t.reachUs + ' ');
        alternatives.forEach((c, i) => {
          if (i) q.append(', ');
          q.append(el('a', { href: safe(c.url) }, c.name));
        });
      }
      box.append(q);
    }
    const close = el('button', { type: 'button', 'aria-label': C.t.dismiss }, '\u00d7');
    close.addEventListener('click', () => {
      host.remove();
      try {
        sessionStorage.setItem(key, '1');
      } catch {
        // Not remembered: it will show again on the next page.
      }
    });
    box.append(close);
    root.append(style, box);
    const target = place && document.querySelector(place);
    if (target) target.append(host);
    else document.body.prepend(host);
  }
})();
