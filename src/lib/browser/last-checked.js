// "Last checked" kept honest on a copy of the home page that is no longer rebuilt (a cached copy, a
// mirror, a site whose checks stopped): the time becomes relative ("5 minutes ago", in the page's
// language) and, once the newest sample is older than the limit the site model computed
// (data-stale-after, in milliseconds; src/lib/model/freshness.ts), the warning the page carries
// hidden is shown. Without JavaScript the page shows the absolute time, and the warning if the
// data was already stale when the page was built. Inlined by LastChecked.astro, so it stays small.
(() => {
  const box = document.getElementById('last-checked');
  const note = document.getElementById('checks-delayed');
  const time = box && box.querySelector('time');
  if (!time || !note) return;
  const at = Date.parse(box.dataset.checked);
  const limit = Number(box.dataset.staleAfter);
  const words = new Intl.RelativeTimeFormat(document.documentElement.lang, { numeric: 'auto' });
  time.title = time.textContent.trim();
  const show = () => {
    const age = Math.max(0, Date.now() - at);
    const minutes = Math.round(age / 60000);
    time.textContent =
      minutes < 60
        ? words.format(-minutes, 'minute')
        : minutes < 2880
          ? words.format(-Math.round(minutes / 60), 'hour')
          : words.format(-Math.round(minutes / 1440), 'day');
    if (age > limit) note.hidden = false;
  };
  show();
  setInterval(show, 60000);
})();
