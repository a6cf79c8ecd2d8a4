import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import { CentrikElement } from '../lib/element';
import { formatDuration } from '../lib/format';
import { login, type LoginOutcome } from '../lib/session';

/** Logs in with e-mail and password (POST /login); the shell then goes where the user was heading. */
class LoginPage extends CentrikElement {
  #submitting = false;
  #outcome: LoginOutcome | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }

  firstUpdated(): void {
    this.querySelector<HTMLInputElement>('#login-username')?.focus();
  }

  render() {
    return html`
      <section class="login panel" aria-labelledby="login-title">
        <h1 id="login-title">${t('login.title')}</h1>
        <p class="muted">${t('login.intro')}</p>
        <form class="form" @submit=${this.#submit} novalidate>
          <div class="field">
            <label for="login-username">${t('login.login')}</label>
            <input id="login-username" name="username" type="email" inputmode="email" autocomplete="username"
              autocapitalize="off" spellcheck="false" required />
          </div>
          <div class="field">
            <label for="login-password">${t('login.password')}</label>
            <input id="login-password" name="password" type="password" autocomplete="current-password" required />
          </div>
          ${this.#message()}
          <button class="button button--primary button--block" type="submit" ?disabled=${this.#submitting}>
            ${this.#submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </section>
    `;
  }

  #message() {
    const outcome = this.#outcome;
    if (!outcome || outcome.ok) return nothing;
    const text =
      outcome.reason === 'bad_credentials'
        ? t('login.badCredentials')
        : outcome.reason === 'too_many_attempts'
          ? t('login.tooManyAttempts', { time: formatDuration(outcome.retryAfter) })
          : outcome.reason === 'offline'
            ? t('login.offline')
            : t('login.failed');
    return html`<p class="form__error" role="alert" data-test="login-error">${text}</p>`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#submitting) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.#submitting = true;
    this.#outcome = null;
    this.requestUpdate();
    this.#outcome = await login(String(data.get('username') ?? '').trim(), String(data.get('password') ?? ''));
    this.#submitting = false;
    this.requestUpdate();
    if (!this.#outcome.ok) {
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('#login-password')?.select();
    }
  }
}

customElements.define('login-page', LoginPage);
