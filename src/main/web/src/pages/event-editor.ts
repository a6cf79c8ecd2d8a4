import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { isoToZoned, zonedToIso, ZONES } from '../lib/event-time';
import type { CentrikEvent, Me, Network, Organisation } from '../lib/model';
import { links, navigate } from '../lib/router';
import { FORMATS, MODES, problemMessage, type EventPeople, type Named } from '../lib/schedule';
import { canWatch } from './event-item';
import { grantsOf, me } from '../lib/session';
import '../styles/schedule.css';

interface MatrixRequest {
  id: number;
  practiceTitle: string;
  applicantName: string;
  executorId: number;
  executorName: string;
  state: string;
}

type Field =
  | 'title' | 'format' | 'mode' | 'startsAt' | 'endsAt' | 'timeZone' | 'place' | 'link' | 'capacity'
  | 'hosts' | 'presenters' | 'requests' | 'description' | 'materials' | 'opens' | 'closes' | 'hostPeople' | 'reason';

/** Problem details of the server (English, naming the field) → the field and the Russian message. */
const SERVER_ERRORS: Array<[RegExp, Field, MessageKey]> = [
  [/'title' is required/, 'title', 'editor.error.required'],
  [/'title' is at most/, 'title', 'editor.error.titleLong'],
  [/'format'/, 'format', 'editor.error.format'],
  [/'mode'/, 'mode', 'editor.error.required'],
  [/'startsAt' and 'endsAt' are required/, 'startsAt', 'editor.error.required'],
  [/'endsAt' must be after/, 'endsAt', 'editor.error.endBeforeStart'],
  [/at most 31 days/, 'endsAt', 'editor.error.tooLong'],
  [/'timeZone'/, 'timeZone', 'editor.error.timeZone'],
  [/needs a 'place'/, 'place', 'editor.error.place'],
  [/needs a 'link'/, 'link', 'editor.error.link'],
  [/'capacity'/, 'capacity', 'editor.error.capacity'],
  [/host organisation|Hosts must be member|hosts/i, 'hosts', 'editor.error.hosts'],
  [/Presenters must be/, 'presenters', 'editor.error.presenters'],
  [/requests an event answers|[Rr]equest \d+/, 'requests', 'editor.error.requests'],
  [/'materials'/, 'materials', 'editor.error.materials'],
  [/'checkInOpensMinutesBefore'/, 'opens', 'editor.error.margin'],
  [/'checkInClosesMinutesAfter'/, 'closes', 'editor.error.margin'],
  [/Hosts are people/, 'hostPeople', 'editor.error.hostPeople'],
  [/needs a 'reason'/, 'reason', 'editor.error.reason'],
];

/** Tells the editor of a just-created event to say so (it is a new element, after the navigation). */
const CREATED = 'centrik.editor.created';

interface Form {
  networkId: string;
  title: string;
  format: string;
  mode: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string;
  link: string;
  capacity: string;
  hostIds: number[];
  presenterIds: number[];
  requestIds: number[];
  description: string;
  materials: string;
  opens: string;
  closes: string;
}

function tomorrowAt(hour: number): string {
  const d = new Date(Date.now() + 86400000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

/**
 * The host's event editor: creates a draft or edits an event (every field, with the server's
 * refusals shown in Russian next to their fields), publishes it, cancels it with a reason, links
 * the requests it answers (which schedules them), appoints its organisers and finishes it.
 */
class EventEditor extends CentrikElement {
  static properties = { eventId: { type: Number } };
  /** 0 for a new event. */
  eventId = 0;
  #event: CentrikEvent | null = null;
  #state: 'loading' | 'ready' | 'forbidden' | 'failed' = 'loading';
  #form: Form = {
    networkId: '',
    title: '',
    format: 'seminar',
    mode: 'offline',
    startsAt: tomorrowAt(10),
    endsAt: tomorrowAt(12),
    timeZone: 'Europe/Moscow',
    place: '',
    link: '',
    capacity: '',
    hostIds: [],
    presenterIds: [],
    requestIds: [],
    description: '',
    materials: '',
    opens: '30',
    closes: '30',
  };
  #networks: Network[] = [];
  #organisations: Organisation[] = [];
  #teachers: Named[] = [];
  #users: Named[] = [];
  #hostPeople: number[] = [];
  #requests: MatrixRequest[] = [];
  #errors: Partial<Record<Field, string>> = {};
  #general = '';
  #notice = '';
  #busy = false;
  #reason = '';
  #clientId = crypto.randomUUID();

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t(this.eventId ? 'editor.editTitle' : 'editor.createTitle')} · ${t('app.name')}`;
    void this.#load();
  }

  async #load(): Promise<void> {
    const user = me.value!;
    try {
      const [networks, organisations] = await Promise.all([
        get<Network[]>('/api/networks'),
        get<Organisation[]>('/api/organisations'),
      ]);
      this.#networks = networks;
      this.#organisations = organisations;
      if (this.eventId) {
        const event = await get<CentrikEvent>(`/api/events/${this.eventId}`);
        // who may watch its attendance is who runs it (Access.runEvent): host people, admins of host organisations, the coordinator
        if (!canWatch(user, event)) {
          this.#state = 'forbidden';
          this.requestUpdate();
          return;
        }
        this.#event = event;
        this.#fill(event);
        if (sessionStorage.getItem(CREATED) === String(event.id)) {
          sessionStorage.removeItem(CREATED);
          this.#notice = t('editor.created');
        }
        const people = await get<EventPeople>(`/api/events/${event.id}/people`);
        this.#hostPeople = people.hostPeople.map((p) => p.id);
      } else {
        if (!user.roles.some((r) => r.role === 'coordinator' || r.role === 'organisation_admin')) {
          this.#state = 'forbidden';
          this.requestUpdate();
          return;
        }
        this.#form.networkId = String(networks[0]?.id ?? '');
        const own = grantsOf(user, 'organisation_admin').map((g) => g.organisation!);
        if (own.length === 1) this.#form.hostIds = own;
      }
      this.#state = 'ready';
      await this.#loadChoices();
    } catch (error) {
      this.#state = error instanceof ApiError && error.status === 403 ? 'forbidden' : 'failed';
    }
    this.requestUpdate();
  }

  #fill(event: CentrikEvent): void {
    this.#form = {
      networkId: String(event.networkId),
      title: event.title,
      format: event.format,
      mode: event.mode,
      startsAt: isoToZoned(event.startsAt, event.timeZone),
      endsAt: isoToZoned(event.endsAt, event.timeZone),
      timeZone: event.timeZone,
      place: event.place ?? '',
      link: event.link ?? '',
      capacity: event.capacity != null ? String(event.capacity) : '',
      hostIds: [...event.hostIds],
      presenterIds: [...(event.presenterIds ?? [])],
      requestIds: [...(event.requestIds ?? [])],
      description: event.description,
      materials: (event.materials ?? []).join('\n'),
      opens: String(Math.round((Date.parse(event.startsAt) - Date.parse(event.checkInOpensAt)) / 60000)),
      closes: String(Math.round((Date.parse(event.checkInClosesAt) - Date.parse(event.endsAt)) / 60000)),
    };
  }

  /** Presenters, organisers and requests to choose from, for the chosen hosts. */
  async #loadChoices(): Promise<void> {
    const { networkId, hostIds } = this.#form;
    if (!networkId || hostIds.length === 0) {
      this.#teachers = [];
      this.#users = [];
      this.#requests = [];
      this.requestUpdate();
      return;
    }
    const query = `network=${networkId}&hosts=${hostIds.join(',')}${this.eventId ? `&event=${this.eventId}` : ''}`;
    const [candidates, requests] = await Promise.all([
      get<{ teachers: Named[]; users: Named[] }>(`/api/events/candidates?${query}`).catch(() => ({ teachers: [], users: [] })),
      get<MatrixRequest[]>(`/api/requests?network=${networkId}`).catch(() => []),
    ]);
    this.#teachers = candidates.teachers;
    this.#users = candidates.users;
    this.#requests = requests.filter(
      (r) => this.#form.requestIds.includes(r.id) || (r.state === 'accepted' && hostIds.includes(r.executorId)),
    );
    this.requestUpdate();
  }

  #hostChoices(user: Me): Organisation[] {
    const coordinator = grantsOf(user, 'coordinator').length > 0;
    const own = new Set(grantsOf(user, 'organisation_admin').map((g) => g.organisation));
    return this.#organisations
      .filter((o) => coordinator || own.has(o.id) || this.#form.hostIds.includes(o.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  }

  /** The checks the server makes too, so that most mistakes are shown before sending. */
  #validate(): boolean {
    const f = this.#form;
    const errors: Partial<Record<Field, string>> = {};
    if (!f.title.trim()) errors.title = t('editor.error.required');
    else if (f.title.trim().length > 300) errors.title = t('editor.error.titleLong');
    if (!f.startsAt) errors.startsAt = t('editor.error.required');
    if (!f.endsAt) errors.endsAt = t('editor.error.required');
    else if (f.startsAt && Date.parse(zonedToIso(f.endsAt, f.timeZone)) <= Date.parse(zonedToIso(f.startsAt, f.timeZone))) {
      errors.endsAt = t('editor.error.endBeforeStart');
    }
    if (f.mode !== 'online' && !f.place.trim()) errors.place = t('editor.error.place');
    if (f.mode !== 'offline' && !f.link.trim()) errors.link = t('editor.error.link');
    if (f.capacity && !(Number.isInteger(Number(f.capacity)) && Number(f.capacity) > 0)) errors.capacity = t('editor.error.capacity');
    if (f.hostIds.length === 0) errors.hosts = t('editor.error.hosts');
    for (const [field, value] of [['opens', f.opens], ['closes', f.closes]] as const) {
      const n = Number(value);
      if (value !== '' && !(Number.isInteger(n) && n >= 0 && n <= 1440)) errors[field] = t('editor.error.margin');
    }
    this.#errors = errors;
    return Object.keys(errors).length === 0;
  }

  #details() {
    const f = this.#form;
    return {
      clientId: this.#clientId,
      networkId: Number(f.networkId),
      title: f.title.trim(),
      format: f.format,
      mode: f.mode,
      startsAt: f.startsAt ? zonedToIso(f.startsAt, f.timeZone) : null,
      endsAt: f.endsAt ? zonedToIso(f.endsAt, f.timeZone) : null,
      timeZone: f.timeZone,
      place: f.mode === 'online' ? null : f.place.trim() || null,
      link: f.mode === 'offline' ? null : f.link.trim() || null,
      capacity: f.capacity ? Number(f.capacity) : null,
      hostIds: f.hostIds,
      presenterIds: f.presenterIds,
      requestIds: f.requestIds,
      description: f.description,
      materials: f.materials.split('\n').map((m) => m.trim()).filter(Boolean),
      checkInOpensMinutesBefore: f.opens === '' ? null : Number(f.opens),
      checkInClosesMinutesAfter: f.closes === '' ? null : Number(f.closes),
    };
  }

  /** A refusal: next to its field when the problem names one, else above the form. */
  #refused(error: unknown, fallbackField?: Field): void {
    const detail = error instanceof ApiError && typeof error.body.detail === 'string' ? error.body.detail : '';
    const match = SERVER_ERRORS.find(([pattern]) => pattern.test(detail));
    if (error instanceof ApiError && (error.code === 'bad_input' || error.code === 'illegal_transition') && match) {
      this.#errors = { ...this.#errors, [match[1]]: t(match[2]) };
      this.#general = t('editor.fixErrors');
    } else if (error instanceof ApiError && error.code === 'bad_input' && fallbackField) {
      this.#errors = { ...this.#errors, [fallbackField]: t('event.error.generic') };
      this.#general = t('editor.fixErrors');
    } else {
      this.#general = problemMessage(error);
    }
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    this.#general = '';
    this.#notice = '';
    if (!this.#validate()) {
      this.#general = t('editor.fixErrors');
      this.requestUpdate();
      this.#focusFirstError();
      return;
    }
    this.#busy = true;
    this.requestUpdate();
    try {
      if (this.eventId) {
        this.#event = await http<CentrikEvent>(`/api/events/${this.eventId}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(this.#details()),
        });
        this.#fill(this.#event);
        this.#notice = t('editor.saved');
        await this.#loadChoices();
      } else {
        const created = await http<CentrikEvent>('/api/events', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(this.#details()),
        });
        this.#clientId = crypto.randomUUID();
        sessionStorage.setItem(CREATED, String(created.id));
        navigate(links.editEvent(created.id));
        return;
      }
    } catch (error) {
      this.#refused(error);
      this.#focusFirstError();
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  #focusFirstError(): void {
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async #command(path: string, body: unknown, done: MessageKey, field?: Field): Promise<void> {
    this.#busy = true;
    this.#general = '';
    this.#notice = '';
    this.#errors = {};
    this.requestUpdate();
    try {
      const result = await http<CentrikEvent | { userIds: number[] }>(`/api/events/${this.eventId}/${path}`, {
        method: path === 'hosts' ? 'PUT' : 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      if ('id' in result) {
        this.#event = result;
        this.#fill(result);
      }
      this.#notice = t(done);
    } catch (error) {
      this.#refused(error, field);
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  render() {
    const user = me.value;
    if (!user) return nothing;
    if (this.#state === 'loading') return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    if (this.#state === 'forbidden') return html`<section class="panel" role="alert"><p>${t('editor.forbidden')}</p></section>`;
    if (this.#state === 'failed') return html`<section class="panel" role="alert"><p>${t('event.notFound')}</p></section>`;
    const event = this.#event;
    const editable = !event || event.state === 'draft' || event.state === 'published' || event.state === 'live';
    return html`<section class="editor" aria-labelledby="editor-title">
      <h1 id="editor-title">${t(this.eventId ? 'editor.editTitle' : 'editor.createTitle')}</h1>
      ${event
        ? html`<p>
            <span class="chip" data-test="editor-state" data-state=${event.state}>${t('editor.state', { state: t(`event.state.${event.state}`) })}</span>
            <a href=${links.event(event.id)} data-test="to-event">${t('editor.toEvent')}</a>
          </p>`
        : nothing}
      ${this.#notice ? html`<p class="notice notice--ok" role="status" data-test="editor-notice">${this.#notice}</p>` : nothing}
      ${this.#general ? html`<p class="form__error" role="alert" data-test="editor-error">${this.#general}</p>` : nothing}
      ${event ? this.#lifecycle(event) : nothing}
      ${editable ? this.#formView(user) : html`<p class="muted">${t('editor.noChanges')}</p>`}
      ${event && editable ? this.#hostPeopleView() : nothing}
    </section>`;
  }

  #set<K extends keyof Form>(key: K, value: Form[K]): void {
    this.#form = { ...this.#form, [key]: value };
    if (key in this.#errors) {
      const errors = { ...this.#errors };
      delete errors[key as Field];
      this.#errors = errors;
    }
    this.requestUpdate();
  }

  #field(id: string, field: Field, label: string, control: unknown, hint?: string) {
    const error = this.#errors[field];
    return html`<div class="field ${error ? 'field--invalid' : ''}" data-field=${field}>
      <label for=${id}>${label}</label>
      ${control}
      ${hint ? html`<p class="field__hint muted" id="${id}-hint">${hint}</p>` : nothing}
      ${error ? html`<p class="field__error" id="${id}-error" data-test="field-error">${error}</p>` : nothing}
    </div>`;
  }

  #input(id: string, field: Field, key: keyof Form, type = 'text', extra: Record<string, string> = {}) {
    const error = this.#errors[field];
    return html`<input
      id=${id}
      type=${type}
      .value=${String(this.#form[key])}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${id}-error` : `${id}-hint`}
      inputmode=${extra.inputmode ?? nothing}
      min=${extra.min ?? nothing}
      @input=${(e: Event) => this.#set(key, (e.target as HTMLInputElement).value as never)}
    />`;
  }

  #formView(user: Me) {
    const f = this.#form;
    const zones = ZONES.includes(f.timeZone) ? ZONES : [f.timeZone, ...ZONES];
    const hosts = this.#hostChoices(user);
    const toggle = (key: 'hostIds' | 'presenterIds' | 'requestIds', id: number, on: boolean) => {
      const next = on ? [...new Set([...f[key], id])] : f[key].filter((x) => x !== id);
      this.#set(key, next);
      if (key === 'hostIds') void this.#loadChoices();
    };
    const group = (field: Field, legend: string, hint: string, items: unknown) => html`<fieldset
      class="field choices ${this.#errors[field] ? 'field--invalid' : ''}"
      data-field=${field}
      aria-invalid=${this.#errors[field] ? 'true' : 'false'}
      tabindex=${this.#errors[field] ? '-1' : nothing}
    >
      <legend>${legend}</legend>
      ${hint ? html`<p class="field__hint muted">${hint}</p>` : nothing}
      ${items}
      ${this.#errors[field] ? html`<p class="field__error" data-test="field-error">${this.#errors[field]}</p>` : nothing}
    </fieldset>`;
    return html`<form class="form panel editor__form" novalidate @submit=${(e: Event) => this.#save(e)} data-test="event-form">
      ${!this.eventId && this.#networks.length > 1
        ? this.#field('ev-network', 'hosts', t('editor.network'), html`<select id="ev-network" @change=${(e: Event) => {
            this.#set('networkId', (e.target as HTMLSelectElement).value);
            void this.#loadChoices();
          }}>
            ${this.#networks.map((n) => html`<option value=${n.id} ?selected=${String(n.id) === f.networkId}>${n.name}</option>`)}
          </select>`)
        : nothing}
      ${this.#field('ev-title', 'title', t('editor.titleField'), this.#input('ev-title', 'title', 'title'))}
      <div class="editor__row">
        ${this.#field('ev-format', 'format', t('editor.format'), html`<select id="ev-format" @change=${(e: Event) => this.#set('format', (e.target as HTMLSelectElement).value)}>
          ${FORMATS.map((format) => html`<option value=${format} ?selected=${format === f.format}>${t(`event.format.${format}`)}</option>`)}
        </select>`)}
        ${this.#field('ev-mode', 'mode', t('editor.mode'), html`<select id="ev-mode" @change=${(e: Event) => this.#set('mode', (e.target as HTMLSelectElement).value)}>
          ${MODES.map((mode) => html`<option value=${mode} ?selected=${mode === f.mode}>${t(`event.mode.${mode}`)}</option>`)}
        </select>`)}
      </div>
      <div class="editor__row">
        ${this.#field('ev-starts', 'startsAt', t('editor.startsAt'), this.#input('ev-starts', 'startsAt', 'startsAt', 'datetime-local'))}
        ${this.#field('ev-ends', 'endsAt', t('editor.endsAt'), this.#input('ev-ends', 'endsAt', 'endsAt', 'datetime-local'))}
        ${this.#field('ev-zone', 'timeZone', t('editor.timeZone'), html`<select id="ev-zone" aria-describedby="ev-zone-hint" @change=${(e: Event) => this.#set('timeZone', (e.target as HTMLSelectElement).value)}>
          ${zones.map((zone) => html`<option value=${zone} ?selected=${zone === f.timeZone}>${zone}</option>`)}
        </select>`, t('editor.timeZoneHint'))}
      </div>
      ${f.mode !== 'online' ? this.#field('ev-place', 'place', t('editor.place'), this.#input('ev-place', 'place', 'place'), t('editor.placeHint')) : nothing}
      ${f.mode !== 'offline' ? this.#field('ev-link', 'link', t('editor.link'), this.#input('ev-link', 'link', 'link', 'url'), t('editor.linkHint')) : nothing}
      ${this.#field('ev-capacity', 'capacity', t('editor.capacity'), this.#input('ev-capacity', 'capacity', 'capacity', 'number', { inputmode: 'numeric', min: '1' }), t('editor.capacityHint'))}
      ${group('hosts', t('editor.hosts'), '', hosts.map((o) => html`<label class="check">
        <input type="checkbox" name="host" value=${o.id} .checked=${f.hostIds.includes(o.id)} @change=${(e: Event) => toggle('hostIds', o.id, (e.target as HTMLInputElement).checked)} />
        ${o.name}
      </label>`))}
      ${group('presenters', t('editor.presenters'), t('editor.presentersHint'),
        this.#teachers.length === 0
          ? html`<p class="muted">${t('editor.presentersEmpty')}</p>`
          : this.#teachers.map((p) => html`<label class="check">
              <input type="checkbox" name="presenter" value=${p.id} .checked=${f.presenterIds.includes(p.id)} @change=${(e: Event) => toggle('presenterIds', p.id, (e.target as HTMLInputElement).checked)} />
              ${p.name}
            </label>`))}
      ${group('requests', t('editor.requests'), t('editor.requestsHint'),
        this.#requests.length === 0
          ? html`<p class="muted">${t('editor.requestsEmpty')}</p>`
          : this.#requests.map((r) => {
              const state = ['accepted', 'scheduled', 'delivered'].includes(r.state) ? r.state : 'other';
              return html`<label class="check" data-request-id=${r.id}>
                <input type="checkbox" name="request" value=${r.id} .checked=${f.requestIds.includes(r.id)} @change=${(e: Event) => toggle('requestIds', r.id, (e.target as HTMLInputElement).checked)} />
                <span>${t('event.request', { id: r.id, practice: r.practiceTitle, applicant: r.applicantName })}
                  <span class="chip chip--muted" data-test="request-state">${t(`editor.requestState.${state}` as MessageKey)}</span></span>
              </label>`;
            }))}
      ${this.#field('ev-description', 'description', t('editor.description'), html`<textarea id="ev-description" rows="4" .value=${f.description} @input=${(e: Event) => this.#set('description', (e.target as HTMLTextAreaElement).value)}></textarea>`)}
      ${this.#field('ev-materials', 'materials', t('editor.materials'), html`<textarea id="ev-materials" rows="3" aria-describedby="ev-materials-hint" aria-invalid=${this.#errors.materials ? 'true' : 'false'} .value=${f.materials} @input=${(e: Event) => this.#set('materials', (e.target as HTMLTextAreaElement).value)}></textarea>`, t('editor.materialsHint'))}
      <div class="editor__row">
        ${this.#field('ev-opens', 'opens', t('editor.opensBefore'), this.#input('ev-opens', 'opens', 'opens', 'number', { inputmode: 'numeric', min: '0' }))}
        ${this.#field('ev-closes', 'closes', t('editor.closesAfter'), this.#input('ev-closes', 'closes', 'closes', 'number', { inputmode: 'numeric', min: '0' }))}
      </div>
      <button class="button button--primary" type="submit" ?disabled=${this.#busy} data-test="save-event">
        ${this.#busy ? t('editor.saving') : t(this.eventId ? 'editor.save' : 'editor.create')}
      </button>
    </form>`;
  }

  #lifecycle(event: CentrikEvent) {
    return html`<div class="panel editor__lifecycle">
      ${event.state === 'draft'
        ? html`<p class="muted">${t('editor.publishHint')}</p>
            <button type="button" class="button button--primary" ?disabled=${this.#busy} data-test="publish"
              @click=${() => this.#command('publish', {}, 'editor.published')}>${t('editor.publish')}</button>`
        : nothing}
      ${event.state === 'live'
        ? html`<p class="muted">${t('editor.finishHint')}</p>
            <button type="button" class="button" ?disabled=${this.#busy} data-test="finish"
              @click=${() => this.#command('finish', {}, 'editor.finished')}>${t('editor.finish')}</button>`
        : nothing}
      ${event.state === 'draft' || event.state === 'published' || event.state === 'live'
        ? html`<details class="editor__cancel">
            <summary>${t('editor.cancel')}</summary>
            <div class="field ${this.#errors.reason ? 'field--invalid' : ''}">
              <label for="ev-reason">${t('editor.cancelReason')}</label>
              <textarea id="ev-reason" rows="2" aria-describedby="ev-reason-hint" aria-invalid=${this.#errors.reason ? 'true' : 'false'}
                .value=${this.#reason} @input=${(e: Event) => (this.#reason = (e.target as HTMLTextAreaElement).value)}></textarea>
              <p class="field__hint muted" id="ev-reason-hint">${t('editor.cancelReasonHint')}</p>
              ${this.#errors.reason ? html`<p class="field__error" data-test="field-error">${this.#errors.reason}</p>` : nothing}
            </div>
            <button type="button" class="button button--danger" ?disabled=${this.#busy} data-test="cancel-event" @click=${() => {
              if (!this.#reason.trim()) {
                this.#errors = { reason: t('editor.error.reason') };
                this.requestUpdate();
                return;
              }
              void this.#command('cancel', { reason: this.#reason.trim() }, 'editor.cancelled', 'reason');
            }}>${t('editor.cancelConfirm')}</button>
          </details>`
        : nothing}
    </div>`;
  }

  #hostPeopleView() {
    const error = this.#errors.hostPeople;
    return html`<section class="panel" aria-labelledby="host-people-title">
      <h2 id="host-people-title">${t('editor.hostPeople')}</h2>
      <p class="muted">${t('editor.hostPeopleHint')}</p>
      <fieldset class="choices" aria-labelledby="host-people-title">
        ${this.#users.map((u) => html`<label class="check">
          <input type="checkbox" name="host-person" value=${u.id} .checked=${this.#hostPeople.includes(u.id)} @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            this.#hostPeople = on ? [...new Set([...this.#hostPeople, u.id])] : this.#hostPeople.filter((x) => x !== u.id);
          }} />
          ${u.name}
        </label>`)}
      </fieldset>
      ${error ? html`<p class="field__error">${error}</p>` : nothing}
      <button type="button" class="button" ?disabled=${this.#busy} data-test="appoint"
        @click=${() => this.#command('hosts', { userIds: this.#hostPeople }, 'editor.appointed', 'hostPeople')}>${t('editor.appoint')}</button>
    </section>`;
  }
}

customElements.define('event-editor', EventEditor);
