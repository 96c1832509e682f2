// The reference the widget is timed against: `@formbricks/surveys` (the bundle pinned in
// ../package.json) rendering a survey equivalent to the widget's first three questions,
// served as a CDN would serve it and embedded as a council's web team would embed it:
// loaded only when wanted (on the launcher, or when the inline spot comes near the
// viewport), exactly like the widget's own loader.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);

/**
 * The UMD bundle, as a `<script>` loads it (it defines `window["formbricks-surveys"]`):
 * the package's `require` export.
 */
export const BUNDLE = require.resolve('@formbricks/surveys');

/**
 * The bundle's bytes as a CDN would hold them: raw, brotli (quality 11) and gzip (level 9),
 * the same settings as the widget's precompressed copies.
 */
export function referenceBundle() {
  const raw = readFileSync(BUNDLE);
  return {
    raw,
    br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: zlib.gzipSync(raw, { level: 9 }),
  };
}

/** The widget's first three questions (what, which service, what happened) as a survey. */
const SURVEY = {
  id: 'bench',
  name: 'Tell us what you think',
  type: 'link',
  status: 'inProgress',
  welcomeCard: { enabled: false, headline: '', timeToFinish: false, showResponseCount: false },
  thankYouCard: { enabled: true, headline: 'Thank you', subheader: '' },
  hiddenFields: { enabled: false, fieldIds: [] },
  styling: null,
  productOverwrites: null,
  languages: [],
  questions: [
    {
      id: 'kind', type: 'multipleChoiceSingle', headline: 'What would you like to do?', subheader: '',
      required: true, buttonLabel: 'Continue', backButtonLabel: 'Back', shuffleOption: 'none',
      choices: [
        { id: 'complaint', label: 'Make a complaint' },
        { id: 'comment', label: 'Make a comment or suggestion' },
        { id: 'compliment', label: 'Pay a compliment' },
      ],
    },
    {
      id: 'service', type: 'multipleChoiceSingle', headline: 'Which service is it about?', subheader: '',
      required: true, buttonLabel: 'Continue', backButtonLabel: 'Back', shuffleOption: 'none',
      choices: ['Bins and recycling', 'Council Tax', 'Housing', 'Roads and pavements', 'Parking',
        'Planning', 'Libraries', 'Something else'].map((label, i) => ({ id: `s${i}`, label })),
    },
    {
      id: 'what', type: 'openText', headline: 'What happened?', subheader: '', required: true,
      inputType: 'text', longAnswer: true, placeholder: '', buttonLabel: 'Continue', backButtonLabel: 'Back',
    },
  ],
};

/**
 * The page's own embed code: loads the bundle once, then renders the survey inline into
 * `#fb-inline` or as a modal. `fbStart.load()` only fetches (the launcher calls it on
 * hover, as the widget's loader does); `fbStart.show(mode)` renders, once.
 */
export function embedScript(bundleUrl) {
  return `<script>
window.fbStart = (() => {
  let loading;
  const load = () => loading || (loading = new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = ${JSON.stringify(bundleUrl)};
    s.onload = () => resolve(window['formbricks-surveys']);
    s.onerror = reject;
    document.head.append(s);
  }));
  const survey = ${JSON.stringify(SURVEY)};
  const common = {
    survey, brandColor: '#1d70b8', isBrandingEnabled: false, languageCode: 'default',
    getSetIsError: () => {}, getSetIsResponseSendingFinished: () => {},
    onDisplay: () => {}, onResponse: () => {}, onClose: () => {}, onFinished: () => {},
    onActiveQuestionChange: () => {}, onRetry: () => {},
  };
  let shown = false;
  const show = (mode) => load().then((fb) => {
    if (shown) return;
    shown = true;
    if (mode === 'inline') fb.renderSurveyInline({ ...common, containerId: 'fb-inline' });
    else fb.renderSurveyModal({ ...common, placement: 'center', clickOutside: true, darkOverlay: true });
  });
  return { load, show };
})();
</script>`;
}

/** The reference's launcher: a button that starts loading on hover, like the widget's. */
export const referenceLauncher = `<button type="button" id="fb-launcher"
  onpointerover="fbStart.load()" onclick="fbStart.show('modal')">Give feedback</button>`;

/** The reference's inline spot: loads when it comes within 200px of the viewport. */
export const referenceInline = `<div id="fb-inline"></div>
<script>
new IntersectionObserver((entries, io) => {
  if (entries.some((e) => e.isIntersecting)) { io.disconnect(); fbStart.show('inline'); }
}, { rootMargin: '200px' }).observe(document.getElementById('fb-inline'));
</script>`;
