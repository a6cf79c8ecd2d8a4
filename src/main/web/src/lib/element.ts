import { LitElement } from 'lit';
import { language } from '../i18n/i18n';
import type { Store } from './store';

/**
 * A lit element rendered into the light DOM (one global stylesheet, plain selectors in the
 * tests) that renders again when the language changes or any store it watches does.
 */
export class CentrikElement extends LitElement {
  #stops: Array<() => void> = [];

  protected createRenderRoot(): HTMLElement {
    return this;
  }

  /** Stores whose changes render this element again. */
  protected watched(): Store<unknown>[] {
    return [];
  }

  connectedCallback(): void {
    super.connectedCallback();
    for (const store of [language, ...this.watched()]) {
      this.#stops.push(store.subscribe(() => this.requestUpdate()));
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }
}
