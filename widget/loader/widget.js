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

  // The launcher's words: the same as the widget's heading.
  const LAUNCHER = { en: 'Tell us what you think', cy: 'Dywedwch wrthym beth yw eich barn' };
  const CLOSE = { en: 'Close', cy: 'Cau' };
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

  // One stylesheet and one wasm instance, shared by every element on the page. A failed
  // load is forgotten, so the next attempt tries again.
  let sheet, app;
  const style = () => sheet || (sheet = !canAdopt ? Promise.resolve(null) :
    fetch(CSS)
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
  // A failed import() stays failed in the module map, so a retry asks for a new URL.
  let tries = 0;
  const wasm = () => app || (app = import(GLUE + (tries++ ? '?retry=' + tries : ''))
    .then((glue) => glue.default({ module_or_path: WASM }).then(() => glue))
    .catch((e) => {
      app = null;
      throw e;
    }));
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

  class CouncilFeedback extends HTMLElement {
    connectedCallback() {
      if (!this.shadowRoot) this.setup();
      if (!this.started && !this.launcher) this.watch();
    }

    disconnectedCallback() {
      if (this.io) this.io.disconnect();
    }

    // The widget's language: the element's own lang, else the page's.
    lang_() {
      const tagged = this.closest('[lang]');
      return (tagged && tagged.lang) || 'en';
    }

    // The API: the `api` attribute (relative to the page), else the loader's origin.
    api_() {
      const given = this.getAttribute('api');
      return (given ? new URL(given, document.baseURI) : new URL('/', base)).href;
    }

    // Launcher mode: the council's colours for the button before any wasm (the app sets
    // the same ones again when it mounts). A failure leaves GOV.UK's green.
    paint_() {
      const council = this.getAttribute('council') || '';
      fetch(new URL('v1/councils/' + encodeURIComponent(council), this.api_()), { signal: AbortSignal.timeout && AbortSignal.timeout(15000) })
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
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'cf-launcher';
      button.setAttribute('part', 'launcher');
      button.textContent = LAUNCHER[this.lang_().split('-')[0].toLowerCase()] || LAUNCHER.en;
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
      const lang = this.lang_().split('-')[0].toLowerCase();
      const d = document.createElement('dialog');
      d.className = 'cf-dialog';
      d.setAttribute('aria-labelledby', 'cf-step-heading');
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'cf-close';
      close.textContent = CLOSE[lang] || CLOSE.en;
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

    start() {
      if (this.started) {
        if (this.launcher && this.dataset.state === 'ready') this.open_();
        return;
      }
      this.started = true;
      this.dataset.state = 'loading';
      const root = this.shadowRoot;
      if (this.launcher) this.launcher.setAttribute('aria-busy', 'true');
      Promise.all([wasm(), style()])
        .then(([glue, s]) => {
          adopt(root, s, this.nonce_());
          const api = this.api_();
          const where = this.launcher ? this.dialog_() : root;
          glue.mount(where, this.getAttribute('council') || '', this.lang_(), api);
          // The fallback stays in the tree: the app hides it once its form is drawn
          // (data-form on this element) and shows it again if the council cannot load.
          this.dataset.state = 'ready';
          if (this.launcher) {
            this.launcher.removeAttribute('aria-busy');
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
          if (this.launcher) this.launcher.removeAttribute('aria-busy');
          // Say so and why, where the launcher is (or above the fallback inline), and
          // leave the fallback (a contact link) shown.
          let note = this.shadowRoot.querySelector('.cf-load-failed');
          if (!note) {
            note = document.createElement('p');
            note.className = 'cf-load-failed';
            note.setAttribute('role', 'alert');
            if (this.launcher) this.launcher.after(note);
            else this.slot_.before(note);
          }
          const lang = this.lang_().split('-')[0].toLowerCase();
          const words = blocked || /Content Security|unsafe-eval/.test(e && e.message) ? BLOCKED : FAILED;
          note.lang = words[lang] ? lang : 'en';
          note.textContent = words[lang] || words.en;
          style().then((s) => adopt(root, s, this.nonce_()));
          console.error('council-feedback: could not load', e);
        });
    }
  }

  customElements.define('council-feedback', CouncilFeedback);
})();
