/**
 * The demo-data offer: when the store is empty, a dismissible banner (#demo-banner) offers to load
 * the synthetic demo dataset. It is never loaded without the planner asking, and it is labelled as
 * synthetic everywhere it is mentioned, so nobody mistakes it for real facilities.
 */
import { fetchDemo, loadDemo } from './api.js';
import { getLanguage, onLanguageChange, t } from './i18n.js';
import { describeError, h, toast } from './ui.js';

const DISMISSED_KEY = 'carecircle.demoDismissed';

/**
 * Asks GET /api/demo and shows the banner when demo data is available and the store is empty,
 * unless the banner was dismissed earlier in this browser session. The banner goes by itself once
 * the registry holds a facility the planner brought (event 'carecircle:registry-not-empty').
 * @param {() => Promise<void>} onLoaded  refreshes the map after the demo data is in
 */
export async function offerDemo(onLoaded) {
  let demo;
  try {
    demo = await fetchDemo();
  } catch {
    return; // no demo endpoint, nothing to offer
  }
  if (!demo?.available || !demo.storeEmpty || isDismissed()) {
    return;
  }
  showBanner(demo, onLoaded);
}

function isDismissed() {
  try {
    return sessionStorage.getItem(DISMISSED_KEY) === 'true';
  } catch {
    return false;
  }
}

function showBanner(demo, onLoaded) {
  const description = () => (getLanguage() === 'zh' ? demo.descriptionZh : demo.descriptionEn)
    || t('demo.fallback');
  const text = h('p', { class: 'demo-text' }, description());
  const loadButton = h('button', { type: 'button', class: 'btn btn-primary btn-small', id: 'demo-load', dataset: { i18n: 'demo.load' } }, t('demo.load'));
  const banner = h('div', { id: 'demo-banner', class: 'demo-banner', role: 'region', 'aria-labelledby': 'demo-banner-title' },
    h('div', { class: 'demo-head' },
      h('strong', { id: 'demo-banner-title', dataset: { i18n: 'demo.title' } }, t('demo.title')),
      h('span', { class: 'synthetic-badge', dataset: { i18n: 'demo.badge' } }, t('demo.badge'))),
    text,
    h('div', { class: 'demo-actions' },
      loadButton,
      h('button', {
        type: 'button',
        class: 'btn btn-small',
        id: 'demo-dismiss',
        dataset: { i18n: 'common.dismiss' },
        on: {
          click: () => {
            try {
              sessionStorage.setItem(DISMISSED_KEY, 'true');
            } catch {
              // dismissed for this page view only
            }
            banner.remove();
          },
        },
      }, t('common.dismiss'))));
  const stopListening = onLanguageChange(() => {
    text.textContent = description();
  });

  loadButton.addEventListener('click', async () => {
    loadButton.disabled = true;
    loadButton.textContent = t('demo.loading');
    banner.setAttribute('aria-busy', 'true');
    try {
      const result = await loadDemo();
      banner.remove();
      stopListening();
      await onLoaded();
      toast(t('demo.loaded', { count: result?.imported ?? demo.facilityCount ?? 0 }), { kind: 'success', timeoutMs: 6000 });
    } catch (error) {
      loadButton.disabled = false;
      loadButton.textContent = t('demo.load');
      banner.removeAttribute('aria-busy');
      toast(t('demo.failed', { message: describeError(error) }), { kind: 'error', timeoutMs: 8000 });
    }
  });
  // the planner brought facilities of their own (an import, a facility added): the offer is moot
  document.addEventListener('carecircle:registry-not-empty', () => {
    if (!banner.hasAttribute('aria-busy')) {
      banner.remove();
      stopListening();
    }
  }, { once: true });
  document.getElementById('map-overlays').prepend(banner);
}
