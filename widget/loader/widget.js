/* Council Feedback loader: defines <council-feedback>. Hand-written and dependency-free;
   `cargo xtask build widget` puts the hashed file names in place of the __NAME__ marks,
   strips the comments and indentation, and writes dist/widget/widget.js.

   <council-feedback council="demo" api="https://…" lang="cy" mode="inline|launcher"
                     nonce="…">fallback for no JS: a link to the council's form</council-feedback>

   The element gets an open shadow root. Its children (the fallback) stay visible through a
   <slot> until the widget has mounted. Inline mode loads the widget when the element comes
   near the viewport; launcher mode draws a button (no wasm needed) and loads the widget on
   the first click. No eval, no inline styles: the CSS is fetched and adopted as a
   constructed stylesheet, and the wasm glue comes in by dynamic import(). */
(() => {
  'use strict';
  if (!window.customElements || customElements.get('council-feedback')) return;

  // This script, captured while it runs: the hashed files sit beside it.
  const me = document.currentScript || document.querySelector('script[src$="/widget.js"]');
  const base = (me && me.src) || location.href;
  const at = (name) => new URL(name, base).href;
  const GLUE = at('__GLUE__');
  const WASM = at('__WASM__');
  const CSS = at('__CSS__');

  // The widget's words that the loader draws before the wasm arrives, named and spelt as
  // in widget/src/text.rs (an xtask test keeps them equal): the launcher (HEADING), the
  // dialog's Close, and the first question.
  const TEXT = {
    HEADING: { en: 'Tell us what you think', cy: 'Dywedwch wrthym beth yw eich barn' },
    CLOSE: { en: 'Close', cy: 'Cau' },
    SWITCH_LANGUAGE: { en: 'Cymraeg', cy: 'English' },
    CONTINUE: { en: 'Continue', cy: 'Parhau' },
    LOADING: { en: 'Loading the form…', cy: 'Yn llwytho’r ffurflen…' },
    PROGRESS_LINK: { en: 'Check progress or ask for a review', cy: 'Gwirio’r cynnydd neu ofyn am adolygiad' },
    KIND_LEGEND: { en: 'What would you like to do?', cy: 'Beth hoffech chi ei wneud?' },
    KIND_COMPLAINT: { en: 'Make a complaint', cy: 'Gwneud cwyn' },
    KIND_COMPLAINT_HINT: { en: 'Something went wrong, or we did not do what we should have, and you want us to put it right.', cy: 'Aeth rhywbeth o’i le, neu ni wnaethom yr hyn y dylem fod wedi’i wneud, ac rydych am i ni unioni pethau.' },
    KIND_COMMENT: { en: 'Make a comment or suggestion', cy: 'Gwneud sylw neu awgrym' },
    KIND_COMMENT_HINT: { en: 'Tell us your views or an idea to improve a service.', cy: 'Rhowch eich barn neu syniad i wella gwasanaeth.' },
    KIND_COMPLIMENT: { en: 'Pay a compliment', cy: 'Rhoi canmoliaeth' },
    KIND_COMPLIMENT_HINT: { en: 'Tell us about something or someone that did well.', cy: 'Dywedwch wrthym am rywbeth neu rywun a wnaeth yn dda.' },
  };
  const KINDS = ['complaint', 'comment', 'compliment'];
  const FAILED = {
    en: 'Sorry, the form could not be loaded. Try again, or use the link below.',
    cy: 'Mae’n ddrwg gennym, nid oedd modd llwytho’r ffurflen. Rhowch gynnig arall arni, neu defnyddiwch y ddolen isod.',
  };
  // Said instead when the page's Content Security Policy stopped the form: trying again
  // cannot help, and the council's web team can tell what to change.
  const BLOCKED = {
    en: 'This page’s security settings (its Content Security Policy) stop the form. Use the link below.',
    cy: 'Mae gosodiadau diogelwch y dudalen (ei Pholisi Diogelwch Cynnwys) yn atal y ffurflen. Defnyddiwch y ddolen isod.',
  };
  // The palette's custom properties (--cf-…), as the council description names them.
  const PALETTE = { bg: 'background', text: 0, link: 0, brand: 'button', error: 0, hint: 0 };
  const FOCUSABLE = 'a[href],button,input:not([type=hidden]):not([tabindex="-1"]),select,textarea,[tabindex]:not([tabindex="-1"])';

  const canAdopt = 'adoptedStyleSheets' in ShadowRoot.prototype &&
    'replaceSync' in CSSStyleSheet.prototype;

  // A load that stalls ends: after this long the CSS or the wasm is not coming, and the
  // note below says so (on a slow phone the wasm takes seconds, not a minute).
  const LIMIT = 60000;
  const stop = () => AbortSignal.timeout && AbortSignal.timeout(LIMIT);
  const late = () => new Promise((_, no) => setTimeout(no, LIMIT, Error('timed out')));

  // One stylesheet and one wasm instance, shared by every element on the page. A failed
  // load is forgotten, so the next attempt tries again.
  let sheet, app;
  const style = () => sheet || (sheet = !canAdopt ? Promise.resolve(null) :
    fetch(CSS, { signal: stop() })
      .then((r) => (r.ok ? r.text() : Promise.reject(Error('CSS ' + r.status))))
      .then((text) => {
        const s = new CSSStyleSheet();
        s.replaceSync(text);
        return s;
      })
      .catch((e) => {
        sheet = null;
        console.warn('council-feedback: no styles', e);
        return null;
      }));
  // The wasm is fetched beside the glue, not after it (wasm-bindgen's init takes the
  // response's promise). A failed import() stays failed in the module map, so a retry
  // asks for a new URL.
  let tries = 0;
  const wasm = () => {
    if (app) return app;
    const bytes = fetch(WASM, { signal: stop() });
    bytes.catch(() => {});
    return (app = Promise.race([import(GLUE + (tries++ ? '?retry=' + tries : '')), late()])
      .then((glue) => Promise.race([glue.default({ module_or_path: bytes }), late()]).then(() => glue))
      .catch((e) => {
        app = null;
        throw e;
      }));
  };
  const warm = () => {
    style();
    wasm().catch(() => {});
  };

  // A violation of the page's Content Security Policy seen while loading: the reason a
  // load failed, when it did.
  let blocked = false;
  const dir = at('.');
  document.addEventListener('securitypolicyviolation', (e) => {
    const uri = String(e.blockedURI);
    if (uri === 'wasm-eval' || uri.startsWith(dir)) blocked = true;
  });

  // Styles for a shadow root: the shared sheet, or a <link> where constructed
  // stylesheets are missing or the fetch failed (it carries the page's nonce).
  const adopt = (root, s, nonce) => {
    if (s) {
      root.adoptedStyleSheets = [s];
    } else if (!root.querySelector('link')) {
      // No constructed stylesheets, or fetching the CSS failed: a <link> tries again.
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = CSS;
      if (nonce) link.nonce = nonce;
      root.prepend(link);
    }
  };

  // An element with attributes and children: the first question is built from these, as
  // DOM calls (no innerHTML, which a page's Trusted Types policy would refuse).
  const h = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    e.append(...kids);
    return e;
  };

  class CouncilFeedback extends HTMLElement {
    connectedCallback() {
      if (!this.shadowRoot) this.setup();
      if (!this.started && !this.launcher) this.watch();
    }

    disconnectedCallback() {
      if (this.io) this.io.disconnect();
    }

    // The widget's language: the element's own lang, else the page's; Welsh or English,
    // as the app reads it (`Language::from_tag`).
    lang_() {
      const tagged = this.closest('[lang]');
      return /^cy/i.test((tagged && tagged.lang) || '') ? 'cy' : 'en';
    }

    // The API: the `api` attribute (relative to the page), else the loader's origin.
    api_() {
      const given = this.getAttribute('api');
      return (given ? new URL(given, document.baseURI) : new URL('/', base)).href;
    }

    council_() {
      return this.getAttribute('council') || '';
    }

    // The council's colours on the element before any wasm (the app sets the same ones
    // again when it mounts), so the launcher and the first question are in them. A
    // failure leaves GOV.UK's.
    paint_() {
      fetch(new URL('v1/councils/' + encodeURIComponent(this.council_()), this.api_()), { signal: AbortSignal.timeout && AbortSignal.timeout(15000) })
        .then((r) => r.json())
        .then((c) => {
          for (const [k, v] of Object.entries(PALETTE)) {
            const colour = c.palette[v || k];
            if (/^#\w{6}$/.test(colour)) this.style.setProperty('--cf-' + k, colour);
          }
        })
        .catch(() => {});
    }

    nonce_() {
      return this.nonce || this.getAttribute('nonce') || (me && me.nonce) || '';
    }

    setup() {
      const root = this.attachShadow({ mode: 'open' });
      this.slot_ = document.createElement('slot');
      root.append(this.slot_);
      if (this.getAttribute('mode') !== 'launcher') return;
      const button = h('button', { type: 'button', class: 'cf-launcher', part: 'launcher' }, TEXT.HEADING[this.lang_()]);
      // Hovering or focusing the button starts the download; a click mounts the widget.
      button.addEventListener('pointerenter', warm, { once: true });
      button.addEventListener('focus', warm, { once: true });
      button.addEventListener('click', () => this.start());
      root.prepend(button);
      this.launcher = button;
      this.paint_();
      style().then((s) => adopt(root, s, this.nonce_()));
    }

    // Inline mode: load when the element comes within 200px of the viewport.
    watch() {
      if (!window.IntersectionObserver) return this.start();
      if (!this.io) {
        this.io = new IntersectionObserver((entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            this.io.disconnect();
            this.start();
          }
        }, { rootMargin: '200px' });
      }
      this.io.observe(this);
    }

    // Launcher mode: the form opens in a modal <dialog>, which makes the page behind it
    // inert. Tab is kept inside, Escape closes it, and focus returns to the launcher.
    dialog_() {
      if (this.dialog) return this.dialog;
      const d = h('dialog', { class: 'cf-dialog', 'aria-labelledby': 'cf-step-heading' });
      const close = h('button', { type: 'button', class: 'cf-close' }, TEXT.CLOSE[this.lang_()]);
      close.addEventListener('click', () => d.close());
      d.append(close);
      d.addEventListener('close', () => {
        if (this.launcher) this.launcher.focus();
      });
      d.addEventListener('keydown', (e) => {
        if (e.key !== 'Tab') return;
        const all = Array.from(d.querySelectorAll(FOCUSABLE))
          .filter((el) => !el.disabled && el.getClientRects().length);
        if (!all.length) return;
        const [first, last] = [all[0], all[all.length - 1]];
        const at = this.shadowRoot.activeElement;
        if (e.shiftKey && (at === first || at === d)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && at === last) {
          e.preventDefault();
          first.focus();
        }
      });
      // Phones: keep the dialog to the part of the screen the keyboard leaves, and the
      // focused field inside it.
      const vv = window.visualViewport;
      const fit = () => {
        if (!d.open) return;
        if (vv) d.style.setProperty('--cf-vh', vv.height + 'px');
        const at = this.shadowRoot.activeElement;
        if (at && at !== d) at.scrollIntoView({ block: 'nearest' });
      };
      if (vv) vv.addEventListener('resize', fit);
      window.addEventListener('resize', fit);
      d.addEventListener('focusin', (e) => {
        const t = e.composedPath()[0];
        if (t && t.scrollIntoView && t.matches && t.matches('input,textarea,select')) {
          t.scrollIntoView({ block: 'nearest' });
        }
      });
      this.shadowRoot.append(d);
      this.dialog = d;
      this.fit = fit;
      return d;
    }

    open_() {
      const d = this.dialog_();
      if (!d.open) d.showModal();
      this.fit();
      const heading = this.shadowRoot.getElementById('cf-step-heading');
      if (heading) heading.focus();
    }

    // The kind saved in this element's draft ('' for none), or false when the saved form
    // is past its first question or sent: then the app's own page is the right one to
    // show, and the loader draws no question. The key is the app's (`storage::scope`).
    saved_() {
      const council = this.council_();
      let key = council;
      if (this.id) {
        key += '#' + this.id;
      } else {
        let n = 0;
        for (const el of document.querySelectorAll('council-feedback:not([id])')) {
          if (el === this) break;
          if (el.getAttribute('council') === council) n++;
        }
        if (n) key += ':' + n;
      }
      try {
        key = 'council-feedback:v2:' + key;
        const d = JSON.parse(sessionStorage.getItem(key) || '{}');
        return !sessionStorage.getItem(key + ':sent') && (d.step || 'kind') === 'kind' && (d.kind || '');
      } catch (e) {
        // No storage (or a draft it cannot read): the app finds no draft either.
        return '';
      }
    }

    // The first question, drawn before the wasm arrives, with the same markup and classes
    // as the app's first page (widget/src/view: mod.rs's Page, choose.rs's KindPage,
    // fields.rs's Radios), so the same CSS draws it the same. The resident can answer it,
    // press Continue, switch language or ask for Check progress; the app reads all that
    // from it when it takes over (widget/src/early.rs) and then removes it.
    early_(lang, kind) {
      const t = (k) => TEXT[k][lang];
      // The page's element stays the same when its language changes: the app is handed it.
      const page = this.early || (this.early = h('div', { class: 'cf-root', 'data-early': '' }));
      const status = h('p', { class: 'cf-visually-hidden', role: 'status' });
      const done = (what) => {
        page.dataset.done = what;
        status.className = 'cf-body';
        status.textContent = t('LOADING');
      };
      const switcher = h('button', { id: 'cf-language', type: 'button', class: 'cf-link-button', lang: lang === 'cy' ? 'en' : 'cy' }, t('SWITCH_LANGUAGE'));
      const progress = h('button', { type: 'button', id: 'cf-progress-link', class: 'cf-link-button' }, t('PROGRESS_LINK'));
      const radios = KINDS.map((k, i) => {
        const id = i ? 'cf-kind-' + i : 'cf-kind';
        const name = 'KIND_' + k.toUpperCase();
        const input = h('input', { id, class: 'cf-radio-input', type: 'radio', name: 'kind', value: k, 'aria-describedby': id + '-hint' });
        input.checked = k === kind;
        return h('div', { class: 'cf-radio' }, input,
          h('label', { class: 'cf-radio-label', for: id }, t(name)),
          h('div', { id: id + '-hint', class: 'cf-hint cf-radio-hint' }, t(name + '_HINT')));
      });
      const form = h('form', { class: 'cf-form', novalidate: '' },
        h('div', { class: 'cf-group' }, h('fieldset', { class: 'cf-fieldset' },
          h('legend', { class: 'cf-legend cf-legend-heading' },
            h('h2', { id: 'cf-step-heading', class: 'cf-heading', tabindex: '-1' }, t('KIND_LEGEND'))),
          h('div', { class: 'cf-radios' }, ...radios))),
        h('div', { class: 'cf-button-group' }, h('button', { id: 'cf-continue', type: 'submit', class: 'cf-button' }, t('CONTINUE'))),
        status);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        done('continue');
      });
      progress.addEventListener('click', () => done('progress'));
      // The other language: the page drawn again in it, keeping the answer and the focus.
      switcher.addEventListener('click', () => {
        const other = lang === 'cy' ? 'en' : 'cy';
        const chosen = form.querySelector(':checked');
        this.early_(other, chosen ? chosen.value : kind);
        const close = this.shadowRoot.querySelector('.cf-close');
        if (close) {
          close.textContent = TEXT.CLOSE[other];
          close.lang = other;
        }
        this.shadowRoot.getElementById('cf-language').focus();
      });
      page.replaceChildren(h('section', { class: 'cf', lang, 'aria-labelledby': 'cf-step-heading' },
        h('div', { class: 'cf-language' }, switcher), form,
        h('p', { class: 'cf-body cf-progress-link' }, progress)));
      if (page.dataset.done) done(page.dataset.done);
      return page;
    }

    start() {
      if (this.started) {
        if (this.dialog) this.open_();
        return;
      }
      this.started = true;
      this.dataset.state = 'loading';
      const root = this.shadowRoot;
      const launcher = this.launcher;
      if (launcher) launcher.setAttribute('aria-busy', 'true');
      else this.paint_();
      const loading = wasm();
      // The first question as soon as the CSS is in, while the glue and wasm download.
      style().then((s) => {
        const kind = this.saved_();
        if (!s || kind === false || !this.started || this.early) return;
        adopt(root, s, this.nonce_());
        (launcher ? this.dialog_() : root).append(this.early_(this.lang_(), kind));
        // The element's fallback hides, as it does for the app's form.
        this.dataset.form = 'early';
        if (launcher) this.open_();
      });
      Promise.all([loading, style()])
        .then(([glue, s]) => {
          adopt(root, s, this.nonce_());
          const where = launcher ? this.dialog_() : root;
          const early = this.early;
          // With the first question drawn, the app takes it over once its own page is
          // ready (and marks the element ready then); without, it is ready now.
          glue.mount(where, this.council_(), this.lang_(), this.api_(), early);
          if (launcher) launcher.removeAttribute('aria-busy');
          if (early) return;
          // The fallback stays in the tree: the app hides it once its form is drawn
          // (data-form on this element) and shows it again if the council cannot load.
          this.dataset.state = 'ready';
          if (launcher) {
            // The heading appears once the council's description arrives.
            this.open_();
            const wait = new MutationObserver(() => {
              const heading = root.getElementById('cf-step-heading');
              if (heading && this.dialog.open) {
                wait.disconnect();
                heading.focus();
              }
            });
            wait.observe(this.dialog, { childList: true, subtree: true });
            setTimeout(() => wait.disconnect(), 10000);
          }
        })
        .catch((e) => {
          // The fallback stays; a launcher click (or the next connect) tries again.
          this.started = false;
          this.dataset.state = 'failed';
          // The first question goes (it cannot be sent), and so does the modal it was
          // in, so the note and the fallback are not behind it.
          if (this.early) {
            this.early.remove();
            this.early = null;
            delete this.dataset.form;
            if (this.dialog) this.dialog.close();
          }
          if (launcher) launcher.removeAttribute('aria-busy');
          // Say so and why, where the launcher is (or above the fallback inline), and
          // leave the fallback (a contact link) shown.
          let note = root.querySelector('.cf-load-failed');
          if (!note) {
            note = h('p', { class: 'cf-load-failed', role: 'alert' });
            if (launcher) launcher.after(note);
            else this.slot_.before(note);
          }
          const lang = this.lang_();
          const words = blocked || /Content Security|unsafe-eval/.test(e && e.message) ? BLOCKED : FAILED;
          note.lang = lang;
          note.textContent = words[lang];
          style().then((s) => adopt(root, s, this.nonce_()));
          console.error('council-feedback: could not load', e);
        });
    }
  }

  customElements.define('council-feedback', CouncilFeedback);
})();
